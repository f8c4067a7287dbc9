"""Reddit: mentions, replies and private messages fetched from the brand's inbox (polling); replies as
comments in the thread, private answers as private messages."""
from bridge.channels.reddit.channel import RedditChannel

CHANNEL = RedditChannel
