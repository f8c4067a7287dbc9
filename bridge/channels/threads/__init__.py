"""Threads (Meta): replies to the brand's posts and mentions of its profile, pushed by Meta's webhooks;
answers as replies (reply_to_id); no private path."""
from bridge.channels.threads.channel import ThreadsChannel

CHANNEL = ThreadsChannel
