# The social fields on the ticket, as plugin_manifest/manifest.yaml describes them. The bridge
# fills them in over JSON-RPC; agents change the reply mode (and the sensitive flag) before replying.
from odoo import fields, models

# Written by `social-bridge plugin build odoo`: one option per channel the bridge knows.
from .social_channels import SOCIAL_CHANNELS


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    social_channel = fields.Selection(
        SOCIAL_CHANNELS,
        string="Social channel",
        help="Where the customer wrote. Set by the bridge.",
    )
    social_reply_mode = fields.Selection(
        [
            ("public", "Public reply in the thread"),
            ("private", "Private message"),
            ("phone", "Phone call (nothing is posted)"),
        ],
        string="Reply mode",
        default="public",
        help="How the bridge delivers the next agent reply.",
    )
    social_author_handle = fields.Char(string="Author", help="The customer's handle on the platform.")
    social_author_url = fields.Char(string="Author profile")
    social_followers = fields.Integer(
        string="Followers", help="The author's follower count when the ticket was created."
    )
    social_post_url = fields.Char(string="Post", help="Link to the customer's post.")
    social_sensitive = fields.Boolean(
        string="Sensitive data",
        default=False,
        help="The conversation holds personal data; replies must not be posted publicly.",
    )
