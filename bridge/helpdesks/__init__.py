"""Helpdesks. Each is a package here (or in another distribution, through an entry point) exporting
HELPDESK, a Helpdesk subclass, with its adapter and its plugin installer; bridge.registry finds them.
Shared pieces: base.py, html_text.py."""
