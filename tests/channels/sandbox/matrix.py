from tests.channels.route_matrix import ChannelMatrix

MATRIX = ChannelMatrix(account={"channel": "sandbox", "name": "demo", "secret": "s"}, dm_conversation="dm-alice",
                       private_open={(kind, age): True for kind in ("comment", "dm") for age in ("1h", "3d", "8d")})
