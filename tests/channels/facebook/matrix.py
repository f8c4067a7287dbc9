from tests.channels.route_matrix import ChannelMatrix
from tests.test_flow_meta import FACEBOOK

# one private reply per comment within 7 days; DMs within 24 h, or 7 days with HUMAN_AGENT
MATRIX = ChannelMatrix(account=FACEBOOK, post_id="122139005512594941_1213590066982748",
                       dm_conversation="dm:104882365123456-7112649035512873", private_open={
                           ("comment", "1h"): True, ("comment", "3d"): True, ("comment", "8d"): False,
                           ("dm", "1h"): True, ("dm", "3d"): True, ("dm", "8d"): False})
