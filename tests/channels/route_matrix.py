"""What the route matrix (tests/test_route_matrix.py) needs from each channel: a ChannelMatrix, kept in
the channel's own tests as tests/channels/<package>/matrix.py (MATRIX)."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta

AGES = {"1h": timedelta(hours=1), "3d": timedelta(days=3), "8d": timedelta(days=8)}


@dataclass(frozen=True)
class ChannelMatrix:
    account: dict  # a config entry for the channel (channel, name and its keys)
    # whether a private message can reach the author, by (kind of post: "comment" | "dm", age: a key of AGES)
    private_open: dict[tuple[str, str], bool]
    post_id: str = "42"  # a public post's id in the platform's format
    dm_conversation: str = "dm:1-2"
    author_id: str = "7112649035512873"
    # the platform's answers private_open() may read (a `responses` mock), if it reads any
    platform: Callable[[], AbstractContextManager] = field(default=nullcontext)
