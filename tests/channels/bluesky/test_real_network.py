"""Bluesky end to end on the real server software: a local atproto network (PLC, PDS, Bluesky AppView,
tests/realnet) and a real django-helpdesk, with the bridge polling the brand's notifications.

A customer mentions the brand → the poller picks it up → a ticket → an agent's follow-up → the brand's
reply shows in the customer's thread on the AppView, threaded under the post → the customer answers
the brand's reply → the answer lands on the same ticket."""
from __future__ import annotations

import pytest
import requests

from tests.conftest import wait_for
from tests.e2e.harness import Driver, running_stack

pytestmark = [pytest.mark.atproto, pytest.mark.helpdesk]


def mention_facet(text: str, handle: str, did: str) -> dict:
    start = text.encode("utf-8").index(f"@{handle}".encode())
    return {"index": {"byteStart": start, "byteEnd": start + len(f"@{handle}".encode())},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": did}]}


def write_post(account, text: str, *, facets=None, reply=None) -> dict:
    from datetime import datetime, timezone

    record = {"$type": "app.bsky.feed.post", "text": text,
              "createdAt": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"}
    if facets:
        record["facets"] = facets
    if reply:
        record["reply"] = reply
    return account.post("com.atproto.repo.createRecord",
                        {"repo": account.did, "collection": "app.bsky.feed.post", "record": record})


@pytest.fixture(scope="module")
def network(atproto_net):
    return atproto_net


@pytest.fixture(scope="module")
def brand(network):
    return network.create_account("brand")


@pytest.fixture(scope="module")
def stack(tmp_path_factory, network, brand):
    account = {"channel": "bluesky", "name": "acme", "handle": brand.handle, "app_password": brand.app_password,
               "pds_url": network.pds_url, "poll_every": "1s"}
    with running_stack(tmp_path_factory.mktemp("bluesky-stack"), extra_accounts=[account]) as stack:
        yield stack


@pytest.fixture(scope="module")
def driver(stack):
    return Driver(stack)


def thread_replies(customer, uri: str) -> list[dict]:
    thread = customer.get("app.bsky.feed.getPostThread", uri=uri, depth=5)["thread"]
    return [reply["post"] for reply in thread.get("replies") or []]


def test_a_mention_becomes_a_ticket_and_the_agent_reply_is_threaded_on_bluesky(network, brand, driver):
    customer = network.create_account("carla")
    text = f"@{brand.handle} my order 8812 never arrived"
    post = write_post(customer, text, facets=[mention_facet(text, brand.handle, brand.did)])

    ticket = driver.ticket_containing("my order 8812 never arrived", timeout=60)
    assert ticket["title"] == f"Post from @{customer.handle}: {text}"
    assert post["uri"].rsplit("/", 1)[-1] in ticket["description"]  # the link to the post

    driver.agent_reply(ticket["id"], "So sorry, Carla! A replacement ships today.")
    replies = wait_for(lambda: [p for p in thread_replies(customer, post["uri"]) if p["author"]["did"] == brand.did],
                       timeout=60, what="the brand's reply in the customer's thread on the AppView")
    assert [r["record"]["text"] for r in replies] == ["So sorry, Carla! A replacement ships today."]
    reply_ref = replies[0]["record"]["reply"]
    assert reply_ref["parent"]["uri"] == post["uri"] and reply_ref["root"]["uri"] == post["uri"]
    assert reply_ref["parent"]["cid"] == post["cid"]
    notes = wait_for(lambda: [f for f in driver.ticket(ticket["id"])["followup_set"]
                              if not f["public"] and "Posted publicly on bluesky" in f["comment"]],
                     what="the delivery note on the ticket")
    assert replies[0]["uri"].rsplit("/", 1)[-1] in notes[0]["comment"]

    # The customer answers the brand's reply: the answer joins the same ticket.
    answer = write_post(customer, "thanks, but I need it by Friday", reply={
        "root": {"uri": post["uri"], "cid": post["cid"]},
        "parent": {"uri": replies[0]["uri"], "cid": replies[0]["cid"]}})
    wait_for(lambda: any("I need it by Friday" in f["comment"] for f in driver.ticket(ticket["id"])["followup_set"]),
             timeout=60, what="the customer's answer on the first ticket")
    assert sum("8812" in t["description"] or "by Friday" in t["description"] for t in driver.tickets()) == 1
    assert answer["uri"].startswith(f"at://{customer.did}/")


def png(width: int, height: int) -> bytes:
    """A real PNG image (grey), for the PDS and the AppView to take as one."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_an_agents_attached_image_goes_with_the_reply_and_a_pdf_stays_behind(network, brand, driver):
    customer = network.create_account("erin")
    text = f"@{brand.handle} which label do I print for the return?"
    post = write_post(customer, text, facets=[mention_facet(text, brand.handle, brand.did)])
    ticket = driver.ticket_containing("which label do I print", timeout=60)

    image = png(40, 20)
    driver.agent_reply(ticket["id"], "This one, Erin.", files=(("return-label.png", image, "image/png"),
                                                               ("terms.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")))
    replies = wait_for(lambda: [p for p in thread_replies(customer, post["uri"]) if p["author"]["did"] == brand.did],
                       timeout=60, what="the brand's reply with its image on the AppView")
    record = replies[0]["record"]
    assert record["text"] == "This one, Erin."
    [embedded] = record["embed"]["images"]
    assert embedded["alt"] == "return-label.png" and embedded["image"]["mimeType"] == "image/png"
    assert embedded["image"]["size"] == len(image)
    # the image is on the brand's PDS, byte for byte, and the AppView shows it with the post
    blob = requests.get(f"{network.pds_url}/xrpc/com.atproto.sync.getBlob", timeout=15,
                        params={"did": brand.did, "cid": embedded["image"]["ref"]["$link"]})
    assert blob.status_code == 200 and blob.content == image
    assert replies[0]["embed"]["$type"] == "app.bsky.embed.images#view"
    assert replies[0]["embed"]["images"][0]["alt"] == "return-label.png"
    notes = wait_for(lambda: [f["comment"] for f in driver.ticket(ticket["id"])["followup_set"]
                              if not f["public"] and "Posted publicly on bluesky" in f["comment"]],
                     what="the delivery note on the ticket")
    assert "With it: return-label.png." in notes[0]
    assert "terms.pdf (Bluesky takes only image files" in notes[0]


def test_mentions_written_while_the_bridge_is_down_arrive_once_each_after_a_restart(network, brand, driver, stack):
    customer = network.create_account("dora")
    first = f"@{brand.handle} first: did my refund go through?"
    before = write_post(customer, first, facets=[mention_facet(first, brand.handle, brand.did)])
    driver.ticket_containing("first: did my refund go through?", timeout=60)  # the poller's cursor is past it
    stack.processes["serve"].stop()
    texts = [f"@{brand.handle} while you were away {n}: no refund yet" for n in range(3)]
    for text in texts:
        write_post(customer, text, facets=[mention_facet(text, brand.handle, brand.did)])
    stack.start_bridge()  # the same store: the poller resumes from its cursor
    for n in range(3):
        driver.ticket_containing(f"while you were away {n}: no refund yet", timeout=60)
    descriptions = [t["description"] for t in driver.tickets()]
    assert all(sum(f"while you were away {n}:" in d for d in descriptions) == 1 for n in range(3))  # no duplicate
    assert sum("first: did my refund go through?" in d for d in descriptions) == 1
    assert before["uri"]


def test_the_poller_shows_in_health(driver):
    pollers = wait_for(lambda: [p for p in driver.health()["pollers"] if p["account"] == "bluesky/acme"
                                and p["last_success_at"]], what="the Bluesky poller in /healthz")
    assert pollers[0]["errors_in_a_row"] == 0 and pollers[0]["lag_seconds"] < 30
