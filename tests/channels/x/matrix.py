from tests.channels.route_matrix import ChannelMatrix
from tests.conftest import X_ACCOUNT

# a DM can always be attempted (a refusal is the platform's answer, not a window)
MATRIX = ChannelMatrix(account=X_ACCOUNT, private_open={
    (kind, age): True for kind in ("comment", "dm") for age in ("1h", "3d", "8d")})
