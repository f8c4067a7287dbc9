"""Listening: posts found by searching a platform (keywords, hashtags, subreddits), not addressed to the
brand. Pure: which rules a mapping declares, and whether one found post looks like a customer talking to
or about the brand, with the reason written on the ticket.

A post is relevant when it names the brand (one of the brand terms, as a whole word, a #hashtag or an
@handle) AND it asks something, complains, or is negative in tone. Everything else is counted, not
ticketed: listening must never flood the helpdesk with posts nobody has to answer.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bridge.pipeline.priority import DEFAULT_COMPLAINT_WORDS, ComplaintRule, sentiment

DEFAULT_NEGATIVE_AT_MOST = -0.4  # VADER compound score: clearly unhappy, a little milder than priority's -0.6
DEFAULT_QUESTION_WORDS = (
    "how do i", "how can i", "how to", "anyone know", "does anyone", "can anyone", "is there a way", "why does",
    "why is", "why can't", "what happened", "is it just me", "help", "support", "not working", "doesn't work",
    "does not work", "won't", "can't", "cannot",
)


@dataclass(frozen=True)
class ListeningRule:
    name: str  # unique within the mapping; in the ticket note, metrics and the store
    query: str  # what the platform searches for: words, a #hashtag, r/subreddit (see the channel's page)
    max_per_hour: int  # relevant posts ticketed per rolling hour at most; the rest are counted only
    accounts: frozenset[str] | None = None  # the brand accounts that search (None: every one of the channel)
    every: timedelta | None = None  # between searches (None: the account's poll interval)

    def for_account(self, account: str) -> bool:
        return self.accounts is None or account in self.accounts


@dataclass(frozen=True)
class Listening:
    brand_terms: tuple[str, ...]
    rules: tuple[ListeningRule, ...]
    question_words: tuple[str, ...] = DEFAULT_QUESTION_WORDS
    complaint_words: tuple[str, ...] = DEFAULT_COMPLAINT_WORDS
    negative_at_most: float = DEFAULT_NEGATIVE_AT_MOST

    def rules_for(self, account: str) -> list[ListeningRule]:
        return [rule for rule in self.rules if rule.for_account(account)]

    @functools.cached_property
    def _brand(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((term, _phrase(term, prefix=r"[#@]?")) for term in self.brand_terms)

    @functools.cached_property
    def _questions(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((word, _phrase(word)) for word in self.question_words)

    @functools.cached_property
    def _complaints(self) -> ComplaintRule:
        return ComplaintRule(words=self.complaint_words)


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    reason: str  # for the ticket note (relevant) or the log (not)


def _phrase(text: str, prefix: str = "") -> re.Pattern[str]:
    """Whole words in any case, spaces as any whitespace."""
    body = r"\s+".join(re.escape(part) for part in text.split())
    return re.compile(rf"(?<![\w#@]){prefix}{body}(?!\w)", re.IGNORECASE)


def relevance(text: str, listening: Listening) -> Relevance:
    """Whether a found post is a customer talking to or about the brand, and why."""
    brand = [term for term, pattern in listening._brand if pattern.search(text)]
    if not brand:
        return Relevance(False, "does not name the brand")
    named = f'names "{brand[0]}"'
    signals = []
    if "?" in text:
        signals.append("asks a question")
    else:
        asked = [word for word, pattern in listening._questions if pattern.search(text)]
        if asked:
            signals.append(f'asks for help ("{asked[0]}")')
    complaints = listening._complaints.found(text)
    if complaints:
        signals.append(f"complains ({', '.join(complaints[:3])})")
    score = sentiment(text)
    if score <= listening.negative_at_most:
        signals.append(f"is negative in tone (sentiment {score:+.2f})")
    if not signals:
        return Relevance(False, f"{named} but asks nothing, does not complain and is not negative")
    return Relevance(True, f"{named} and {' and '.join(signals)}")


def listening_rules(section: Mapping[str, Any] | None) -> Listening | None:
    """From a validated `listening:` section (bridge.schemas.ListeningSchema); None when there is none."""
    if not section:
        return None
    rules = tuple(ListeningRule(name=r["name"], query=r["query"], max_per_hour=r["max_per_hour"],
                                accounts=frozenset(r["accounts"]) if r.get("accounts") else None, every=r.get("every"))
                  for r in section["rules"])
    extra: dict[str, Any] = {}
    for key in ("question_words", "complaint_words"):
        if section.get(key) is not None:
            extra[key] = tuple(section[key])
    if section.get("negative_at_most") is not None:
        extra["negative_at_most"] = section["negative_at_most"]
    return Listening(brand_terms=tuple(section["brand_terms"]), rules=rules, **extra)
