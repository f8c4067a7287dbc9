"""Facebook Pages: Page feed and Messenger webhooks in; comment replies, private replies and Messenger out."""
from bridge.channels.facebook.channel import FacebookChannel

CHANNEL = FacebookChannel
