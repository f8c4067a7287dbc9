"""A direct status reaches anyone it mentions, whatever the post's age: private is always open on
Mastodon (direct mentions come in as DMs)."""
from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(
    account={"channel": "mastodon", "name": "acme", "instance_url": "https://social.example", "access_token": "t"},
    post_id="117020577157693549", author_id="117020565693913441", dm_conversation="117020565693913441",
    private_open={(kind, age): True for kind in ("comment", "dm") for age in ("1h", "3d", "8d")})
