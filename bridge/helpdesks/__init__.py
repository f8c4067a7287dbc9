"""Helpdesk modules. Adding one: a module with a Helpdesk subclass, registered here, plus fixtures and tests."""
from __future__ import annotations

from bridge.helpdesks.base import Helpdesk
from bridge.helpdesks.django_helpdesk import DjangoHelpdesk
from bridge.helpdesks.odoo import OdooHelpdesk
from bridge.helpdesks.zammad import ZammadHelpdesk

HELPDESKS: dict[str, type[Helpdesk]] = {cls.name: cls for cls in (ZammadHelpdesk, DjangoHelpdesk, OdooHelpdesk)}

__all__ = ["HELPDESKS", "Helpdesk"]
