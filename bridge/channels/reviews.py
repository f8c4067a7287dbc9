"""What review sites share (Google Business Profile first; Trustpilot, Yelp … later): a review is a
public post with a star rating (Post.rating, which the priority rules read: 1–2 stars are negative),
answered by one public reply that the business may edit. There is no private path: an answer that must
not be public becomes the phone handoff. SLA default: the guidance for review sites, within 24 hours
and the same day preferred."""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from bridge.channels.base import Channel
from bridge.errors import PermanentError
from bridge.model import Delivered, Target

STARS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}


class ReviewChannel(Channel):
    """A review site: reviews come in (polled or pushed), the business answers each one publicly."""

    kind: ClassVar[str] = "reviews"
    first_response_default = ("8h", "24h")
    private_limit = 0  # no private path

    def private_open(self, target: Target, now: datetime) -> bool:
        return False  # review sites offer no private message to a reviewer

    def send_private(self, text: str, target: Target) -> Delivered:
        raise PermanentError(f"{self.name}: review sites have no private path; the answer goes the phone-handoff way")


def stars(value: object) -> int | None:
    """A rating as a number of stars 1–5: from a number, or from an enum such as Google's "FOUR"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    if isinstance(value, str):
        return STARS.get(value.upper()) or (int(value) if value.isdigit() and 1 <= int(value) <= 5 else None)
    return None
