from . import helpdesk_ticket
from . import social_canned_reply
