"""Bluesky has no inbound DMs; a chat message reaches a customer who accepts messages from the brand
(here: from everyone), whatever the post's age."""
from contextlib import contextmanager

import responses

from tests.channels.route_matrix import ChannelMatrix

PDS = "https://pds.example"


@contextmanager
def platform():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(f"{PDS}/xrpc/com.atproto.server.createSession",
                  json={"did": "did:plc:brand", "handle": "acme.test", "accessJwt": "a", "refreshJwt": "r"})
        mock.get(f"{PDS}/xrpc/app.bsky.actor.getProfile",
                 json={"did": "did:plc:carla", "handle": "carla.test", "associated": {"chat": {"allowIncoming": "all"}}})
        yield mock


MATRIX = ChannelMatrix(
    account={"channel": "bluesky", "name": "acme", "handle": "acme.test", "app_password": "p", "pds_url": PDS},
    post_id="at://did:plc:carla/app.bsky.feed.post/3lbroot00000a", author_id="did:plc:carla",
    private_open={("comment", age): True for age in ("1h", "3d", "8d")}, platform=platform)
