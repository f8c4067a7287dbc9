"""The Threads API has no messages: a private answer is never possible."""
from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(
    account={"channel": "threads", "name": "acme", "threads_user_id": "17841400000000001", "username": "acme.store",
             "access_token": "t", "app_secret": "s", "verify_token": "v"},
    post_id="18061728905123456", author_id="carla.runs",
    private_open={("comment", age): False for age in ("1h", "3d", "8d")})
