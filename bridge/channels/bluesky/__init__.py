"""Bluesky: mentions and replies fetched from the brand's notifications (polling); replies as posts in
the customer's thread, private answers as chat messages."""
from bridge.channels.bluesky.channel import BlueskyChannel

CHANNEL = BlueskyChannel
