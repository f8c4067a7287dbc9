"""X: Account Activity API and X Activity API webhooks in; replies and DMs through the v2 API out."""
from bridge.channels.x.channel import XChannel

CHANNEL = XChannel
