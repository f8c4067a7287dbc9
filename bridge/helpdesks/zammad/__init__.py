"""Zammad: the REST adapter, the plugin installer (fields, webhook, triggers, macros, SLAs) and the
Zammad package with the social article types (files in plugin/)."""
from bridge.helpdesks.zammad.adapter import ZammadHelpdesk

HELPDESK = ZammadHelpdesk
