from tests.channels.route_matrix import ChannelMatrix
from tests.test_flow_meta import INSTAGRAM

# one private reply per comment within 7 days; DMs within 24 h, or 7 days with HUMAN_AGENT
MATRIX = ChannelMatrix(account=INSTAGRAM, post_id="17894227972186120",
                       dm_conversation="dm:17841405822304914-1122334455", private_open={
                           ("comment", "1h"): True, ("comment", "3d"): True, ("comment", "8d"): False,
                           ("dm", "1h"): True, ("dm", "3d"): True, ("dm", "8d"): False})
