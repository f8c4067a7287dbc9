"""Mastodon: mentions fetched from the brand's notifications on its instance (polling); replies as
statuses in the customer's thread, private answers as direct statuses."""
from bridge.channels.mastodon.channel import MastodonChannel

CHANNEL = MastodonChannel
