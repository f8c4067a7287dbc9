"""Odoo 17+ Helpdesk or OCA helpdesk_mgmt: the JSON-RPC adapter and the Odoo addon (source in addon_files/)."""
from bridge.helpdesks.odoo.adapter import OdooHelpdesk

HELPDESK = OdooHelpdesk
