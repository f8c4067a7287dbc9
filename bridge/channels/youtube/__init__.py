"""YouTube: comments on the brand's channel and videos, fetched by polling; replies as comments in the
thread; no private path (sensitive answers become the phone handoff)."""
from bridge.channels.youtube.channel import YouTubeChannel

CHANNEL = YouTubeChannel
