"""An incident update's fan-out: when each affected customer's copy goes out. Pure: no I/O."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Member:
    conversation_id: int
    channel: str
    account: str


def fan_out_times(members: Sequence[Member], now: datetime, intervals: Mapping[str, timedelta]) -> dict[int, datetime]:
    """Copies for one platform account go out one `intervals[channel]` apart, in the order the customers
    joined the incident; different accounts and platforms go side by side. The first of each at `now`."""
    sent_on: dict[tuple[str, str], int] = {}
    times: dict[int, datetime] = {}
    for member in members:
        key = (member.channel, member.account)
        position = sent_on.get(key, 0)
        sent_on[key] = position + 1
        times[member.conversation_id] = now + position * intervals.get(member.channel, timedelta(0))
    return times
