"""YouTube has no private messages: a private answer is never possible, whatever the comment's age."""
from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(
    account={"channel": "youtube", "name": "acme", "channel_id": "UCN1hnUccO4FD5WfM7ithXaw", "client_id": "c",
             "client_secret": "s", "refresh_token": "r"},
    post_id="UgxXfLfuryhN5JBV4Zl4AaABAg", author_id="UCdfN6Ar5A9E21KBfLlNCbNQ",
    private_open={("comment", age): False for age in ("1h", "3d", "8d")})
