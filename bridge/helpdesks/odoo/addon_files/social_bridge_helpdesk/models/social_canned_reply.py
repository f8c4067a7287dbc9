# Canned social replies agents copy into their answers (the manifest's canned_replies).
from odoo import fields, models


class SocialCannedReply(models.Model):
    _name = "social.bridge.canned.reply"
    _description = "Canned social reply"
    _order = "sequence, name"

    name = fields.Char(required=True)
    keywords = fields.Char(help="Words to find the reply by.")
    body = fields.Text(required=True, help="One paragraph, short enough for every platform (280 characters).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
