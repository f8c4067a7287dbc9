"""LinkedIn organization pages cannot message members: a private answer is never possible."""
from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(
    account={"channel": "linkedin", "name": "acme", "organization_id": "2414183", "access_token": "t"},
    post_id="urn:li:comment:(urn:li:activity:7267459219999999999,7267500000000000001)", author_id="urn:li:person:Rk2jXv0aBc",
    private_open={("comment", age): False for age in ("1h", "3d", "8d")})
