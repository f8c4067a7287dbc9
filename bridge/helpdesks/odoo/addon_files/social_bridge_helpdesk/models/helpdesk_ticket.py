# The social fields on the ticket, as plugin_manifest/manifest.yaml describes them. The bridge
# fills them in over JSON-RPC; agents change the reply mode (and the sensitive flag) before replying.
#
# Besides them, fields only this addon has: the first response's due time and the last reply's fate
# (the bridge writes both; ticket lists show them), and the "Social reply" box on the form, which says
# where a reply goes and counts its length against the channel's rule before the agent sends it.
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from .reply_surface import describe, surface

# Written by `social-bridge plugin build odoo`: one option per channel the bridge knows, and each
# channel's reply limits and counting rules.
from .social_channels import SOCIAL_CHANNELS, SOCIAL_REPLY_RULES


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
    social_brand = fields.Char(
        string="Answering as",
        help="The brand's account on the platform that replies come from. Set by the bridge.",
    )
    social_private_thread = fields.Boolean(
        string="Private conversation",
        default=False,
        help="The customer wrote privately (a direct message), so every reply goes privately. Set by the bridge.",
    )

    # -- the addon's own ------------------------------------------------------------------------
    social_first_response_due = fields.Datetime(
        string="First response due",
        readonly=True,
        help="When the first reply must have gone out. The bridge clears it once one did.",
    )
    social_reply_state = fields.Selection(
        [
            ("sent_public", "Posted publicly"),
            ("sent_private", "Sent privately"),
            ("handed_off", "Not posted: call back"),
            ("awaiting_approval", "Held for approval"),
            ("rejected", "NOT SENT: rejected"),
            ("failed", "NOT SENT: failed"),
        ],
        string="Last social reply",
        readonly=True,
        help="What happened to the latest agent reply; the bridge's note on the ticket says why and what to do.",
    )
    social_reply_draft = fields.Text(
        string="Social reply",
        help="Write the reply here to see where it goes and how long it is; Send posts it as a message.",
    )
    social_reply_destination = fields.Char(string="Goes to", compute="_compute_social_reply_check")
    social_reply_length = fields.Char(string="Length", compute="_compute_social_reply_check")

    @api.depends("social_reply_draft", "social_reply_mode", "social_sensitive", "social_private_thread",
                 "social_channel", "social_brand", "social_author_handle")
    def _compute_social_reply_check(self):
        for ticket in self:
            rule = SOCIAL_REPLY_RULES.get(ticket.social_channel or "")
            if not rule:
                ticket.social_reply_destination = False
                ticket.social_reply_length = False
                continue
            where = surface(rule, ticket.social_reply_mode or "public", ticket.social_private_thread,
                            ticket.social_sensitive, ticket.social_author_handle, ticket.social_brand)
            ticket.social_reply_destination = where[1]
            ticket.social_reply_length = describe(ticket.social_reply_draft or "", where)

    def action_send_social_reply(self):
        """Post the draft as the agent's message (what "Send message" does), which the bridge delivers."""
        for ticket in self:
            text = (ticket.social_reply_draft or "").strip()
            if not text:
                raise UserError(_("Write the social reply first."))
            ticket.message_post(body=plaintext2html(text), message_type="comment", subtype_xmlid="mail.mt_comment")
            ticket.social_reply_draft = False
        return True
