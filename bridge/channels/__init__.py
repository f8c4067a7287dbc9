"""Platforms. Each is a package here (or in another distribution, through an entry point) exporting
CHANNEL, a Channel subclass; bridge.registry finds them. Shared pieces: base.py, payload.py, meta.py."""
