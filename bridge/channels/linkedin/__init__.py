"""LinkedIn organization pages: comments on the organization's posts, polled through the Community
Management API; answers as comments in the thread; no private path."""
from bridge.channels.linkedin.channel import LinkedInChannel

CHANNEL = LinkedInChannel
