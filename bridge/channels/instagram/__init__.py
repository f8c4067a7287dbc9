"""Instagram professional accounts: comments, @mentions and DMs in; comment replies, private replies and DMs out."""
from bridge.channels.instagram.channel import InstagramChannel

CHANNEL = InstagramChannel
