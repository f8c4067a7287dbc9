"""Priority from configurable rules, each leaving a reason for the ticket note; storm detection.

Pure: `assess(features, rules)` takes numbers and text in (never platform payloads), and
`find_storm(post, recent, rule)` takes the recent posts the caller loaded. The only thing read
is VADER's lexicon, shipped inside vaderSentiment and loaded once.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from bridge.model import ActiveStorm, Post, Priority

_ORDER = list(Priority)  # low < normal < high < urgent


def _higher(a: Priority, b: Priority) -> Priority:
    return max(a, b, key=_ORDER.index)


@dataclass(frozen=True)
class FollowerThreshold:
    at_least: int
    priority: Priority


@dataclass(frozen=True)
class VipRule:
    """The admin's list of important customers: handles (without "@", any case) and platform ids."""

    priority: Priority = Priority.URGENT
    handles: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    def matches(self, handle: str, author_id: str) -> bool:
        key = _handle_key(handle)
        return bool(author_id and author_id in self.ids) or bool(key and key in self.handles)


@dataclass(frozen=True)
class SentimentRule:
    at_most: float = -0.6  # VADER compound score, -1 (most negative) … 1; -0.6 is clearly hostile text
    priority: Priority = Priority.HIGH


DEFAULT_COMPLAINT_WORDS = (
    "refund*", "charged twice", "double charged", "cancel*", "scam", "scams", "scammed", "scammer*",
    "fraud*", "lawyer*", "lawsuit", "chargeback*", "rip off", "ripoff", "ripped off", "complaint*",
)


@dataclass(frozen=True)
class RatingRule:
    """A review of `at_most` stars (of 5) is negative: 1–2 stars by default."""

    at_most: int = 2
    priority: Priority = Priority.HIGH


@dataclass(frozen=True)
class ComplaintRule:
    """Words and phrases, matched as whole words in any case; a trailing * matches any ending
    ("cancel*": cancel, cancelled, cancellation)."""

    words: tuple[str, ...] = DEFAULT_COMPLAINT_WORDS
    priority: Priority = Priority.HIGH

    @functools.cached_property
    def _patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        def pattern(word: str) -> re.Pattern[str]:
            stem, wildcard = (word[:-1], r"\w*") if word.endswith("*") else (word, "")
            body = r"\s+".join(re.escape(part) for part in stem.split())
            return re.compile(rf"\b{body}{wildcard}\b", re.IGNORECASE)

        return tuple((word.rstrip("*"), pattern(word)) for word in self.words)

    def found(self, text: str) -> list[str]:
        return [word for word, pattern in self._patterns if pattern.search(text)]


@dataclass(frozen=True)
class ViralityRule:
    """Engagement velocity: (likes + reposts + replies) per minute since the post was written.
    `min_engagements` keeps 3 likes in the first 20 seconds from counting as viral."""

    per_minute: float = 5.0
    min_engagements: int = 50
    priority: Priority = Priority.URGENT


@dataclass(frozen=True)
class StormRule:
    """`min_posts` posts (this one included) within `window` that share keywords with this one:
    at least `min_shared_keywords`, making up at least `overlap` of the shorter post's keywords."""

    min_posts: int = 5
    window: timedelta = timedelta(minutes=30)
    min_shared_keywords: int = 2
    overlap: float = 0.6
    ignore_words: frozenset[str] = frozenset()  # e.g. the brand's own name, which every post shares
    # Posts of a storm beyond this many join one incident ticket instead of opening their own (None: never).
    incident_after: int | None = None


DEFAULT_FOLLOWERS = (
    FollowerThreshold(1_000_000, Priority.URGENT),
    FollowerThreshold(100_000, Priority.HIGH),
)


@dataclass(frozen=True)
class PriorityRules:
    """`None` turns a rule off. Verified badges are off by default: on X they can be bought."""

    followers: tuple[FollowerThreshold, ...] = DEFAULT_FOLLOWERS  # highest threshold reached wins
    verified: Priority | None = None
    vip: VipRule | None = VipRule()
    negative_sentiment: SentimentRule | None = SentimentRule()
    low_rating: RatingRule | None = RatingRule()
    complaint_words: ComplaintRule | None = ComplaintRule()
    virality: ViralityRule | None = ViralityRule()
    storms: StormRule | None = StormRule()


def _handle_key(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


_RULE_TYPES = {"vip": VipRule, "negative_sentiment": SentimentRule, "low_rating": RatingRule, "complaint_words": ComplaintRule,
               "virality": ViralityRule, "storms": StormRule}


def _rule(rule_type: type, section: Mapping[str, Any]) -> Any:
    values = dict(section)
    if "priority" in values:
        values["priority"] = Priority(values["priority"])
    if "handles" in values:
        values["handles"] = frozenset(_handle_key(h) for h in values["handles"])
    if "ids" in values:
        values["ids"] = frozenset(values["ids"])
    if "words" in values:
        values["words"] = tuple(values["words"])
    if "ignore_words" in values:
        values["ignore_words"] = frozenset(w.casefold() for w in values["ignore_words"])
    return rule_type(**values)


def priority_rules(section: Mapping[str, Any] | None) -> PriorityRules:
    """From a validated `priority_rules:` section (bridge.schemas.PriorityRulesSchema)."""
    section = section or {}
    built: dict[str, Any] = {}
    if "followers" in section:
        built["followers"] = tuple(sorted(
            (FollowerThreshold(t["at_least"], Priority(t["priority"])) for t in section["followers"] or ()),
            key=lambda t: t.at_least, reverse=True))
    if "verified" in section:
        built["verified"] = None if section["verified"] is None else Priority(section["verified"])
    for key, rule_type in _RULE_TYPES.items():
        if key in section:
            built[key] = None if section[key] is None else _rule(rule_type, section[key])
    return PriorityRules(**built)


# -- assessment -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PostFeatures:
    """What the rules look at. Engagement counts are None where the platform does not report them."""

    text: str
    author_id: str = ""
    handle: str = ""
    followers: int | None = None
    verified: bool = False
    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    age_minutes: float | None = None  # since the post was written, when the counts were read
    rating: int | None = None  # stars 1–5 of a review

    @classmethod
    def from_post(cls, post: Post, now: datetime, *, likes: int | None = None, reposts: int | None = None,
                  replies: int | None = None) -> PostFeatures:
        return cls(
            text=post.text, author_id=post.author.platform_id, handle=post.author.handle,
            followers=post.author.followers, verified=post.author.verified,
            likes=likes, reposts=reposts, replies=replies, rating=post.rating,
            age_minutes=max((now - post.created_at).total_seconds() / 60, 0.0),
        )


@dataclass(frozen=True)
class Assessment:
    priority: Priority
    reasons: tuple[str, ...]
    at_risk_viral: bool
    base: Priority = Priority.NORMAL  # the priority before the rules (the mapping's)

    @property
    def note(self) -> str | None:
        """The internal note for the ticket, or None when no rule fired."""
        return self.describe()

    def describe(self, label: Callable[[Priority], str] = lambda p: p.value) -> str | None:
        """The note with priorities named by `label` (the helpdesk's own names, e.g. "Critical")."""
        if not self.reasons:
            return None
        if self.priority is self.base:
            return f"priority {label(self.priority)} (already set by the mapping); also: {'; '.join(self.reasons)}"
        return f"priority raised to {label(self.priority)}: {'; '.join(self.reasons)}"


@functools.cache
def _sentiment_analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> float:
    """VADER's compound score, -1 … 1 (English; other languages mostly score near 0)."""
    return _sentiment_analyzer().polarity_scores(text)["compound"]


def short_count(n: int) -> str:
    """120000 → "120k", 1250000 → "1.2M"."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + suffix
    return str(n)


def assess(features: PostFeatures, rules: PriorityRules, base: Priority = Priority.NORMAL) -> Assessment:
    """Every rule that fires adds its reason and can only raise the priority, never lower it."""
    priority = base
    reasons: list[str] = []

    def fire(level: Priority, reason: str) -> None:
        nonlocal priority
        priority = _higher(priority, level)
        reasons.append(reason)

    if features.followers is not None:
        reached = [t for t in rules.followers if features.followers >= t.at_least]
        if reached:
            fire(max((t.priority for t in reached), key=_ORDER.index), f"{short_count(features.followers)} followers")
    if rules.verified is not None and features.verified:
        fire(rules.verified, "verified account")
    if rules.vip is not None and rules.vip.matches(features.handle, features.author_id):
        fire(rules.vip.priority, "VIP customer")
    if rules.negative_sentiment is not None:
        score = sentiment(features.text)
        if score <= rules.negative_sentiment.at_most:
            fire(rules.negative_sentiment.priority, f"strongly negative (sentiment {score:.2f})")
    if rules.low_rating is not None and features.rating is not None and features.rating <= rules.low_rating.at_most:
        fire(rules.low_rating.priority, f"negative review ({features.rating} star{'s' if features.rating != 1 else ''})")
    if rules.complaint_words is not None:
        found = rules.complaint_words.found(features.text)
        if found:
            fire(rules.complaint_words.priority, f"complaint words: {', '.join(found)}")
    at_risk_viral = False
    counts = [c for c in (features.likes, features.reposts, features.replies) if c is not None]
    if rules.virality is not None and counts and features.age_minutes is not None:
        engagements = sum(counts)
        minutes = max(features.age_minutes, 1.0)  # the first minute's counts are not a rate yet
        velocity = engagements / minutes
        if engagements >= rules.virality.min_engagements and velocity >= rules.virality.per_minute:
            at_risk_viral = True
            fire(rules.virality.priority,
                 f"at risk of going viral: {engagements} likes, reposts and replies in {minutes:.0f} min "
                 f"({velocity:.0f}/min)")
    return Assessment(priority=priority, reasons=tuple(reasons), at_risk_viral=at_risk_viral, base=base)


# -- virality after ingest -------------------------------------------------------------------
FIRST_ENGAGEMENT_CHECK = timedelta(minutes=5)
ENGAGEMENT_WATCHED_FOR = timedelta(hours=48)  # after this a post's counts are not re-read


def next_engagement_check(age: timedelta) -> timedelta | None:
    """How long until a post of this age is re-read: often while it is young, then less (a third of its
    age, at least 5 minutes), and no more once it is two days old."""
    if age >= ENGAGEMENT_WATCHED_FOR:
        return None
    return max(FIRST_ENGAGEMENT_CHECK, age / 3)


def viral_growth(rule: ViralityRule, before: int, before_at: datetime, now_total: int, now_at: datetime) -> str | None:
    """The reason a post that was already on a ticket now counts as at risk of going viral (growth since
    the last read at least `per_minute`, with at least `min_engagements` in all), or None."""
    minutes = max((now_at - before_at).total_seconds() / 60, 1.0)
    growth = now_total - before
    if now_total >= rule.min_engagements and growth / minutes >= rule.per_minute:
        return (f"engagement grew by {growth} likes, reposts and replies in {minutes:.0f} min "
                f"({growth / minutes:.0f}/min; {now_total} in all)")
    return None


# -- storms -------------------------------------------------------------------------------------
# Words that say nothing about what a post is about; kept short on purpose (English and the
# filler of customer-care posts). Words of fewer than 3 letters are dropped anyway.
STOPWORDS = frozenset("""
about after again all also and any are been before being but can cannot could did does doing
don done for from get got had has have having her here him his how into its just like more most
much not now off once only other our out over own same she should some still such than that the
their them then there these they this those too under until very was were what when where which
while who why will with would you your yours hello hey please thanks thank today yet anyone
anybody someone everyone isn aren wasn won doesn didn couldn shouldn wouldn haven hasn
""".split())
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[^\W\d_]{3,}")  # letters only; "#outage" gives "outage"


def keywords(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Lower-cased words of 3+ letters, without links, @mentions, stopwords and `ignore`."""
    text = _MENTION.sub(" ", _URL.sub(" ", text)).casefold()
    return frozenset(w for w in _WORD.findall(text) if w not in STOPWORDS and w not in ignore)


# -- storms, incrementally ----------------------------------------------------------------------
# Storms are found incrementally, never by comparing a post with every recent post: each post is
# counted under its keyword signatures (every combination of `min_shared_keywords` of its keywords),
# and a storm forms when one signature reaches `min_posts` within the window. Later posts join an active storm by their overlap with its keywords. The work per
# post depends on its own keywords and the few active storms, never on how many posts came before.
MAX_INDEXED_KEYWORDS = 10  # a post's longest keywords are indexed (10 give 45 pairs)


def storm_signatures(words: frozenset[str], rule: StormRule) -> list[str]:
    """What a post is counted under: each combination of `rule.min_shared_keywords` of its keywords
    (of its MAX_INDEXED_KEYWORDS longest), as sorted space-separated words, in a stable order."""
    if len(words) < rule.min_shared_keywords:
        return []
    indexed = sorted(sorted(words, key=lambda w: (-len(w), w))[:MAX_INDEXED_KEYWORDS])
    return sorted(" ".join(c) for c in itertools.combinations(indexed, rule.min_shared_keywords))


def storm_joined(words: frozenset[str], active: Iterable[ActiveStorm], rule: StormRule) -> ActiveStorm | None:
    """The active storm a post belongs to: at least `min_shared_keywords` shared, making up at least
    `overlap` of the smaller keyword set; the one sharing most (then the larger, then the older) wins."""
    best: tuple[tuple, ActiveStorm] | None = None
    for storm in active:
        shared = len(words & storm.keywords)
        if shared < rule.min_shared_keywords or shared / min(len(words), len(storm.keywords)) < rule.overlap:
            continue
        rank = (shared, storm.posts, -storm.started_at.timestamp(), storm.key)
        if best is None or rank > best[0]:
            best = (rank, storm)
    return best[1] if best else None


def storm_formed(counts: Mapping[str, int], rule: StormRule) -> frozenset[str] | None:
    """The keywords of a new storm, when this post brought signatures to `min_posts`: the words of every
    signature that reached it (so "app down" and "app login" make one storm about app, down, login)."""
    reached = [signature for signature, posts in counts.items() if posts >= rule.min_posts]
    if not reached:
        return None
    return frozenset(word for signature in reached for word in signature.split())


def storm_key(keywords: frozenset[str], started_at: datetime) -> str:
    """Stable for the same storm: every worker that sees it form computes the same key."""
    stamp = started_at.replace(second=0, microsecond=0).isoformat()
    return "storm-" + hashlib.sha256(f"{' '.join(sorted(keywords))}|{stamp}".encode()).hexdigest()[:12]


def storm_reason(storm: ActiveStorm, rule: StormRule) -> str:
    minutes = int(rule.window.total_seconds() // 60)
    return (f"part of a storm: {storm.posts} posts within {minutes} min about "
            f"{', '.join(sorted(storm.keywords))} (storm {storm.key})")
