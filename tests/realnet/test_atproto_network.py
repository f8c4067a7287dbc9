"""The real atproto network works end to end the way the Bluesky channel uses it, through the
`atproto` SDK against the local PDS: a customer mentions the brand, the brand finds it in its
notifications, reads the customer's profile, replies in thread, and the customer's answer comes
back to the brand as a reply notification."""
from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.atproto

NOTIFICATION_TIMEOUT = 30.0


def mention_facet(text: str, handle: str, did: str) -> dict:
    """A mention facet for the first "@handle" in text: offsets are UTF-8 bytes, not characters."""
    encoded = text.encode("utf-8")
    start = encoded.index(f"@{handle}".encode())
    return {
        "index": {"byteStart": start, "byteEnd": start + len(f"@{handle}".encode())},
        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": did}],
    }


def facet_text(text: str, facet) -> str:
    return text.encode("utf-8")[facet.index.byte_start:facet.index.byte_end].decode("utf-8")


def sdk_client(net, account):
    from atproto import Client

    client = Client(base_url=f"{net.pds_url}/xrpc")
    client.login(account.handle, account.app_password)  # an app password, as a deployment would use
    return client


def create_post(client, text: str, *, facets=None, reply_to: dict | None = None):
    """app.bsky.feed.post through com.atproto.repo.createRecord; reply_to = {"root": ref, "parent": ref}."""
    from atproto import models

    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": client.get_current_time_iso()}
    if facets:
        record["facets"] = facets
    if reply_to:
        record["reply"] = reply_to
    return client.com.atproto.repo.create_record(
        models.ComAtprotoRepoCreateRecord.Data(repo=client.me.did, collection="app.bsky.feed.post", record=record))


def strong_ref(uri: str, cid: str) -> dict:
    return {"uri": uri, "cid": cid}


def notification(net, client, *, reason: str, uri: str):
    """Poll the brand's app.bsky.notification.listNotifications (PDS -> AppView) for one notification."""
    def find():
        for item in client.app.bsky.notification.list_notifications({"limit": 50}).notifications:
            if item.reason == reason and item.uri == uri:
                return item
        return None

    return net.wait_for(find, timeout=NOTIFICATION_TIMEOUT, interval=0.25, what=f"a {reason!r} notification for {uri}")


def test_mention_reply_and_answer_round_trip(atproto_net):
    net = atproto_net
    brand, customer, fan = (net.create_account(name) for name in ("brand", "customer", "fan"))
    assert brand.app_password and brand.did.startswith("did:plc:")
    brand_client, customer_client, fan_client = (sdk_client(net, a) for a in (brand, customer, fan))
    fan_client.follow(customer.did)

    # The customer mentions the brand.
    text = f"@{brand.handle} my order never arrived"
    post = create_post(customer_client, text, facets=[mention_facet(text, brand.handle, brand.did)])

    # The brand sees it in its notifications, with the mention facet intact.
    started = time.monotonic()
    mention = notification(net, brand_client, reason="mention", uri=post.uri)
    print(f"mention notification after {time.monotonic() - started:.2f}s")
    assert mention.author.did == customer.did and mention.cid == post.cid
    assert mention.record.text == text
    [facet] = mention.record.facets
    assert facet.features[0].did == brand.did and facet_text(text, facet) == f"@{brand.handle}"
    assert mention.record.reply is None  # a new conversation, not a reply

    # The brand reads the customer's profile (followers decide virality and priority).
    profile = net.wait_for(lambda: (p := brand_client.get_profile(customer.did)).followers_count == 1 and p,
                           what="the fan's follow to reach the customer's followersCount")
    assert profile.handle == customer.handle and profile.followers_count == 1

    # The brand replies in thread: root and parent are the customer's post (strong refs from the notification);
    # the reply mentions the customer after a non-ASCII word, so the facet's byte offsets differ from characters.
    reply_text = f"Hi 👋 @{customer.handle}, sorry about that! We are on it."
    root = strong_ref(mention.uri, mention.cid)
    reply = create_post(brand_client, reply_text, facets=[mention_facet(reply_text, customer.handle, customer.did)],
                        reply_to={"root": root, "parent": root})
    assert mention_facet(reply_text, customer.handle, customer.did)["index"]["byteStart"] == len("Hi 👋 ".encode())

    # The customer's view of the thread shows the brand's reply under the post.
    def brand_reply_in_thread():
        thread = customer_client.get_post_thread(post.uri).thread
        return next((r for r in thread.replies or [] if r.post.uri == reply.uri), None)

    threaded = net.wait_for(brand_reply_in_thread, timeout=NOTIFICATION_TIMEOUT,
                            what="the brand's reply in the customer's thread")
    assert threaded.post.author.did == brand.did
    assert threaded.post.record.reply.root.uri == post.uri and threaded.post.record.reply.parent.uri == post.uri
    assert facet_text(reply_text, threaded.post.record.facets[0]) == f"@{customer.handle}"
    assert threaded.parent is None or threaded.parent.post.uri == post.uri

    # The customer answers the brand's reply; the brand gets it as a "reply" notification on the same thread.
    answer_text = "Still nothing 📦 — it has been three weeks."
    answer = create_post(customer_client, answer_text,
                         reply_to={"root": strong_ref(post.uri, post.cid), "parent": strong_ref(reply.uri, reply.cid)})
    started = time.monotonic()
    answered = notification(net, brand_client, reason="reply", uri=answer.uri)
    print(f"reply notification after {time.monotonic() - started:.2f}s")
    assert answered.author.did == customer.did and answered.record.text == answer_text
    assert answered.reason_subject == reply.uri
    assert answered.record.reply.root.uri == post.uri and answered.record.reply.parent.uri == reply.uri


def test_accounts_and_plain_xrpc(atproto_net):
    """The harness's own helpers: account and app-password sessions, and plain XRPC through the PDS."""
    from tests.realnet.atproto_network import XrpcError

    account = atproto_net.create_account("plain")
    assert account.handle.endswith(atproto_net.handle_domain)
    session = atproto_net.login(account.handle, account.app_password)
    assert session["did"] == account.did
    assert session["didDoc"]["service"][0]["serviceEndpoint"] == atproto_net.pds_url
    profile = account.get("app.bsky.actor.getProfile", actor=account.handle)
    assert profile["did"] == account.did and profile["followersCount"] == 0
    with pytest.raises(XrpcError) as wrong:
        atproto_net.login(account.handle, "not-the-password")
    assert wrong.value.status == 401
