"""Reddit delivers a private message to anyone who has not blocked the brand or restricted their
messages (which Reddit tells only when it refuses one): private is open whatever the post's age."""
from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(
    account={"channel": "reddit", "name": "acme", "client_id": "app", "client_secret": "s", "username": "acme_support",
             "refresh_token": "r"},
    post_id="t1_myngt77", author_id="t2_75u2lqkb", dm_conversation="t4_2r17c8r",
    private_open={(kind, age): True for kind in ("comment", "dm") for age in ("1h", "3d", "8d")})
