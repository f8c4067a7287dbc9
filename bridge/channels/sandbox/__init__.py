"""The sandbox: a built-in local platform (page + JSON API in platform.py) and its channel."""
from bridge.channels.sandbox.channel import SandboxChannel

CHANNEL = SandboxChannel
