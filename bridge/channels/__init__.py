"""Platform modules. Adding one: a module with a Channel subclass, registered here, plus fixtures and tests."""
from __future__ import annotations

from bridge.channels.base import Channel
from bridge.channels.facebook import FacebookChannel
from bridge.channels.instagram import InstagramChannel
from bridge.channels.sandbox import SandboxChannel
from bridge.channels.x import XChannel

CHANNELS: dict[str, type[Channel]] = {
    cls.name: cls for cls in (XChannel, SandboxChannel, FacebookChannel, InstagramChannel)
}

__all__ = ["CHANNELS", "Channel"]
