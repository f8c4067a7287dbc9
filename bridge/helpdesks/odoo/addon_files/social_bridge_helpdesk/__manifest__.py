# Social Helpdesk Bridge for Odoo 17: the social fields on helpdesk tickets, the automation rule
# that sends agents' replies to the bridge, and canned social replies.
#
# This source depends on the OCA helpdesk module (helpdesk_mgmt, Odoo Community). For Odoo
# Enterprise's helpdesk, build the addon with `social-bridge plugin build odoo --flavour helpdesk`,
# which swaps the dependency and the inherited view, menu and group references.
{
    "name": "Social Helpdesk Bridge",
    "summary": "Social posts as helpdesk tickets: channel, author and reply mode on the ticket; "
    "agents' replies go back where the customer wrote",
    "version": "0.1.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "Social Helpdesk Bridge",
    "depends": ["helpdesk_mgmt", "mail", "base_automation"],
    "data": [
        "security/ir.model.access.csv",
        "views/helpdesk_ticket_views.xml",
        "views/social_canned_reply_views.xml",
        "data/social_canned_replies.xml",
        "data/agent_reply_automation.xml",
    ],
    "installable": True,
    "application": False,
}
