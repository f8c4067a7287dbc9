"""Review sites have no private path: a private answer is never possible."""
from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(
    account={"channel": "google_business", "name": "acme-berlin", "location": "accounts/106/locations/123",
             "client_id": "c", "client_secret": "s", "refresh_token": "r"},
    post_id="accounts/106/locations/123/reviews/AbFvOqn1bX2y", author_id="review:AbFvOqn1bX2y",
    private_open={("comment", age): False for age in ("1h", "3d", "8d")})
