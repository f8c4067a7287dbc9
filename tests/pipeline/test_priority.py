from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from bridge.errors import ConfigError
from bridge.model import ActiveStorm, Author, Priority
from bridge.pipeline.mapping import SAMPLE_POST, load_mapping
from bridge.pipeline.priority import (
    ComplaintRule,
    PostFeatures,
    PriorityRules,
    StormRule,
    assess,
    keywords,
    priority_rules,
    short_count,
    storm_formed,
    storm_joined,
    storm_key,
    storm_reason,
    storm_signatures,
)
from bridge.schemas import PriorityRulesSchema

UTC = timezone.utc
NEUTRAL = "Where is my parcel?"
ANGRY = "I was charged twice and nobody answers. Worst service ever, I am furious."
DEFAULTS = PriorityRules()


def vader(text):
    return SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


def rules(section):
    return priority_rules(PriorityRulesSchema().load(section))


# -- influence -------------------------------------------------------------------------------------
@pytest.mark.parametrize("followers, priority, reason", [
    (99_999, Priority.NORMAL, None),
    (100_000, Priority.HIGH, "100k followers"),
    (120_000, Priority.HIGH, "120k followers"),
    (1_250_000, Priority.URGENT, "1.2M followers"),
])
def test_followers_thresholds(followers, priority, reason):
    result = assess(PostFeatures(text=NEUTRAL, followers=followers), DEFAULTS)
    assert result.priority is priority
    assert result.reasons == ((reason,) if reason else ())


def test_unknown_follower_count_is_not_a_signal():
    assert assess(PostFeatures(text=NEUTRAL, followers=None), DEFAULTS).reasons == ()


def test_custom_follower_thresholds_highest_reached_wins():
    custom = rules({"followers": [{"at_least": 500, "priority": "high"}, {"at_least": 10, "priority": "low"}]})
    assert assess(PostFeatures(text=NEUTRAL, followers=600), custom).priority is Priority.HIGH
    assert assess(PostFeatures(text=NEUTRAL, followers=20), custom, base=Priority.LOW).priority is Priority.LOW


def test_verified_is_off_by_default_and_configurable():
    verified = PostFeatures(text=NEUTRAL, verified=True)
    assert assess(verified, DEFAULTS).reasons == ()
    result = assess(verified, rules({"verified": "high"}))
    assert (result.priority, result.reasons) == (Priority.HIGH, ("verified account",))


def test_vip_by_handle_in_any_case_or_by_id():
    vip = rules({"vip": {"handles": ["@BigCustomer"], "ids": ["2244994945"]}})
    by_handle = assess(PostFeatures(text=NEUTRAL, handle="bigcustomer"), vip)
    by_id = assess(PostFeatures(text=NEUTRAL, handle="someone", author_id="2244994945"), vip)
    nobody = assess(PostFeatures(text=NEUTRAL, handle="someone", author_id="1"), vip)
    assert (by_handle.priority, by_handle.reasons) == (Priority.URGENT, ("VIP customer",))
    assert by_id.priority is Priority.URGENT
    assert nobody.reasons == ()


# -- negativity ----------------------------------------------------------------------------------
def test_strongly_negative_text():
    score = vader(ANGRY)
    assert score <= -0.6  # the premise of this test
    result = assess(PostFeatures(text=ANGRY), replace(DEFAULTS, complaint_words=None))
    assert result.priority is Priority.HIGH
    assert result.reasons == (f"strongly negative (sentiment {score:.2f})",)


def test_mildly_negative_text_is_not_enough_by_default_but_can_be():
    text = "This is terrible"
    assert -0.6 < vader(text) < -0.4
    assert assess(PostFeatures(text=text), DEFAULTS).reasons == ()
    stricter = rules({"negative_sentiment": {"at_most": -0.4, "priority": "urgent"}})
    assert assess(PostFeatures(text=text), stricter).priority is Priority.URGENT


@pytest.mark.parametrize("text, found", [
    ("I want a REFUND now", ["refund"]),
    ("Still not refunded", ["refund"]),
    ("you   charged\nme twice? no: I was charged   twice", ["charged twice"]),
    ("please cancel my subscription", ["cancel"]),
    ("my cancellation never went through", ["cancel"]),
    ("this is a scam, I'm calling my lawyer", ["scam", "lawyer"]),
    ("the scampi were great", []),
    ("total ripoff", ["ripoff"]),
])
def test_complaint_words(text, found):
    assert ComplaintRule().found(text) == found


def test_complaint_words_raise_priority_with_reason():
    result = assess(PostFeatures(text="Where is my refund? You charged twice."), DEFAULTS)
    assert result.priority is Priority.HIGH
    assert result.reasons == ("complaint words: refund, charged twice",)


def test_configured_complaint_words_replace_the_default_list():
    custom = rules({"complaint_words": {"words": ["Kündigung", "Betrug*"], "priority": "urgent"}})
    result = assess(PostFeatures(text="Das ist Betrug! Kündigung!"), custom)
    assert (result.priority, result.reasons) == (Priority.URGENT, ("complaint words: Kündigung, Betrug",))
    assert assess(PostFeatures(text="I want a refund"), custom).reasons == ()


# -- virality --------------------------------------------------------------------------------------
def test_fast_engagement_is_at_risk_of_going_viral():
    result = assess(PostFeatures(text=NEUTRAL, likes=300, reposts=80, replies=40, age_minutes=12), DEFAULTS)
    assert result.at_risk_viral
    assert result.priority is Priority.URGENT
    assert result.reasons == ("at risk of going viral: 420 likes, reposts and replies in 12 min (35/min)",)


@pytest.mark.parametrize("features", [
    PostFeatures(text=NEUTRAL, likes=300, reposts=80, replies=40, age_minutes=120),  # 3.5/min: slow
    PostFeatures(text=NEUTRAL, likes=30, reposts=5, replies=5, age_minutes=0.2),  # fast, but only 40
    PostFeatures(text=NEUTRAL, likes=None, reposts=None, replies=None, age_minutes=1),  # not reported
    PostFeatures(text=NEUTRAL, likes=5000, age_minutes=None),  # no age, no rate
])
def test_not_viral(features):
    result = assess(features, DEFAULTS)
    assert not result.at_risk_viral
    assert result.reasons == ()


def test_the_first_minute_counts_as_one_minute():
    result = assess(PostFeatures(text=NEUTRAL, likes=60, age_minutes=0.25), DEFAULTS)
    assert result.at_risk_viral
    assert "60 likes, reposts and replies in 1 min (60/min)" in result.reasons[0]


def test_only_the_counts_a_platform_reports_are_added():
    result = assess(PostFeatures(text=NEUTRAL, likes=50, replies=10, age_minutes=10), DEFAULTS)
    assert result.reasons == ("at risk of going viral: 60 likes, reposts and replies in 10 min (6/min)",)


# -- combination, base priority, rules off ---------------------------------------------------------
def test_rules_combine_with_all_reasons_in_order():
    features = PostFeatures(text="Where is my refund? " + ANGRY, handle="Bigfan", followers=120_000,
                            likes=300, reposts=100, replies=20, age_minutes=10)
    result = assess(features, rules({"vip": {"handles": ["bigfan"], "priority": "high"}}))
    score = vader(features.text)
    assert result.priority is Priority.URGENT  # the highest rule wins: virality
    assert result.at_risk_viral
    assert result.reasons == (
        "120k followers",
        "VIP customer",
        f"strongly negative (sentiment {score:.2f})",
        "complaint words: refund, charged twice",
        "at risk of going viral: 420 likes, reposts and replies in 10 min (42/min)",
    )
    assert result.note == "priority raised to urgent: " + "; ".join(result.reasons)


def test_rules_never_lower_the_mapping_priority():
    result = assess(PostFeatures(text=NEUTRAL, followers=150_000), DEFAULTS, base=Priority.URGENT)
    assert result.priority is Priority.URGENT
    assert result.note == "priority urgent (already set by the mapping); also: 150k followers"


def test_nothing_fired_means_no_note():
    result = assess(PostFeatures(text=NEUTRAL, followers=10), DEFAULTS, base=Priority.LOW)
    assert (result.priority, result.reasons, result.note, result.at_risk_viral) == (Priority.LOW, (), None, False)


def test_every_rule_can_be_turned_off():
    off = rules({key: None for key in ("followers", "verified", "vip", "negative_sentiment", "complaint_words",
                                       "virality", "storms")})
    features = PostFeatures(text="refund! " + ANGRY, handle="x", followers=5_000_000, verified=True,
                            likes=10_000, age_minutes=1)
    assert assess(features, off).reasons == ()
    assert off.storms is None


def test_features_from_a_post():
    post = replace(SAMPLE_POST, author=Author("7", "bigfan", followers=200, verified=True),
                   created_at=datetime(2026, 6, 10, 12, 0, tzinfo=UTC))
    features = PostFeatures.from_post(post, datetime(2026, 6, 10, 12, 30, tzinfo=UTC), likes=3)
    assert (features.author_id, features.handle, features.followers, features.verified) == ("7", "bigfan", 200, True)
    assert (features.likes, features.reposts, features.age_minutes) == (3, None, 30.0)


@pytest.mark.parametrize("n, text", [(999, "999"), (1_000, "1k"), (15_500, "15.5k"), (2_000_000, "2M")])
def test_short_count(n, text):
    assert short_count(n) == text


MAPPING = """\
channel: x
title: "{{ text }}"
queue: Social
customer: {login: "x:{{ author.platform_id }}", name: "{{ author.handle }}"}
body: "{{ text }}"
"""


def test_priority_rules_section_in_a_mapping(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(MAPPING + """\
priority_rules:
  followers: [{at_least: 5000, priority: high}]
  verified: normal
  vip: {handles: ["@Acme_VIP"]}
  negative_sentiment: null
  storms: {min_posts: 3, window: 10m, ignore_words: [Acme]}
""")
    loaded = load_mapping(path).priority_rules
    assert [(t.at_least, t.priority) for t in loaded.followers] == [(5000, Priority.HIGH)]
    assert loaded.verified is Priority.NORMAL
    assert loaded.vip.handles == frozenset({"acme_vip"}) and loaded.vip.priority is Priority.URGENT
    assert loaded.negative_sentiment is None
    assert loaded.complaint_words == ComplaintRule()  # left out: the default
    assert (loaded.storms.min_posts, loaded.storms.window, loaded.storms.ignore_words) == (
        3, timedelta(minutes=10), frozenset({"acme"}))


@pytest.mark.parametrize("section, expected", [
    ("priority_rules: {verified: importantish}", "priority_rules.verified: Must be one of: low, normal, high, urgent."),
    ("priority_rules: {followers: [{at_least: many, priority: high}]}", "priority_rules.followers.0.at_least: Not a valid integer."),
    ("priority_rules: {negative_sentiment: {at_most: -2}}", "priority_rules.negative_sentiment.at_most: Must be greater than or equal to -1"),
    ("priority_rules: {virality: {per_minute: 0}}", "priority_rules.virality.per_minute: Must be greater than 0"),
    ("priority_rules: {storms: {window: soon}}", "priority_rules.storms.window: 'soon' is not a duration"),
    ("priority_rules: {complaint_words: {words: []}}", "priority_rules.complaint_words.words: Shorter than minimum length 1."),
    ("priority_rules: {influence: {}}", "priority_rules.influence: Unknown field."),
])
def test_priority_rule_errors_name_the_file_and_the_key(tmp_path, section, expected):
    path = tmp_path / "x.yaml"
    path.write_text(MAPPING + section + "\n")
    with pytest.raises(ConfigError) as caught:
        load_mapping(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


# -- storms ------------------------------------------------------------------------------------------
T0 = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
OUTAGE = [
    "@AcmeSupport the app is down, cannot login",
    "Is the app down? Login fails for me #outage",
    "login broken again, app down for an hour",
    "app down?? cannot login since noon https://t.co/abc",
    "APP DOWN - LOGIN NOT WORKING",
]


class Index:
    """The store's storm index in memory (bridge/store/storms.py keeps the same rules in SQL): a post
    joins an active storm it overlaps, or is counted under its signatures, each counting afresh once
    its window has passed; a storm forms when signatures reach min_posts."""

    def __init__(self, rule: StormRule):
        self.rule = rule
        self.signatures: dict[str, tuple[int, datetime]] = {}
        self.storms: dict[str, ActiveStorm] = {}
        self.last: dict[str, datetime] = {}

    def add(self, text: str, at: datetime) -> ActiveStorm | None:
        rule = self.rule
        words = keywords(text, rule.ignore_words)
        active = [s for k, s in self.storms.items() if self.last[k] >= at - rule.window]
        joined = storm_joined(words, active, rule)
        if joined:
            self.storms[joined.key] = replace(joined, posts=joined.posts + 1)
            self.last[joined.key] = at
            return self.storms[joined.key]
        counts = {}
        for signature in storm_signatures(words, rule):
            posts, started = self.signatures.get(signature, (0, at))
            if started < at - rule.window:
                posts, started = 0, at
            self.signatures[signature] = counts[signature] = (posts + 1, started)
        formed = storm_formed({sig: n for sig, (n, _) in counts.items()}, rule)
        if formed is None:
            return None
        started = min(t for n, t in counts.values() if n >= rule.min_posts)
        storm = ActiveStorm(storm_key(formed, started), formed, started, max(n for n, _ in counts.values()))
        self.storms[storm.key], self.last[storm.key] = storm, at
        return storm


def replay(texts, rule, start=T0, step=timedelta(minutes=4)):
    index = Index(rule)
    return [index.add(text, start + i * step) for i, text in enumerate(texts)]


def test_keywords_drop_links_mentions_stopwords_and_short_words():
    assert keywords("@AcmeSupport is the app DOWN? see https://t.co/x #outage, ok") == {"app", "down", "see", "outage"}
    assert keywords("Acme app down", ignore=frozenset({"acme"})) == {"app", "down"}


def test_many_similar_posts_in_the_window_make_a_storm():
    found = replay(OUTAGE, StormRule())
    assert found[:4] == [None] * 4
    storm = found[4]
    assert storm.keywords == {"app", "down", "login"} and storm.posts == 5 and storm.key.startswith("storm-")
    assert storm_reason(storm, StormRule()) == f"part of a storm: 5 posts within 30 min about app, down, login (storm {storm.key})"
    # the same posts give the same key, whatever worker sees the storm form
    assert replay(OUTAGE, StormRule())[4].key == storm.key
    # later posts join it
    index = Index(StormRule())
    for i, text in enumerate(OUTAGE * 3):
        last = index.add(text, T0 + timedelta(minutes=i))
    assert last.key == storm.key and last.posts == 15 and len(index.storms) == 1


def test_too_few_posts_is_no_storm():
    assert replay(OUTAGE[:4], StormRule())[-1] is None
    assert replay(OUTAGE[:4], StormRule(min_posts=4))[-1] is not None


def test_posts_outside_the_window_or_about_something_else_do_not_count():
    index = Index(StormRule(min_posts=3))
    index.add(OUTAGE[0], T0)
    index.add(OUTAGE[1], T0 + timedelta(minutes=1))
    assert index.add(OUTAGE[2], T0 + timedelta(minutes=35)) is None  # the two before are out of its window
    index.add("Love the new colours of the app!", T0 + timedelta(minutes=36))
    index.add("When is the next sale?", T0 + timedelta(minutes=36))
    assert index.add(OUTAGE[3], T0 + timedelta(minutes=40)) is None
    storm = index.add(OUTAGE[4], T0 + timedelta(minutes=45))
    assert storm is not None and storm.posts == 3


def test_one_shared_word_is_not_enough():
    texts = ["my parcel is late", "late again, parcel missing", "parcel arrived damaged", "where is my parcel",
             "parcel tracking broken"]
    assert replay(texts, StormRule(min_posts=3)) == [None] * 5
    assert replay(texts, StormRule(min_posts=2))[1] is not None  # "late parcel" twice


def test_ignored_brand_name_does_not_make_posts_similar():
    texts = ["Acme rocks today", "Acme shipping slow", "Acme support friendly", "Acme prices high", "Acme rocks"]
    with_brand = replay(texts, StormRule(min_posts=2, min_shared_keywords=1))
    assert with_brand[1] is not None and "acme" in with_brand[1].keywords
    ignoring = replay(texts, StormRule(min_posts=2, min_shared_keywords=1, ignore_words=frozenset({"acme"})))
    assert ignoring[:4] == [None] * 4 and ignoring[4].keywords == {"rocks"}


# -- reviews: star ratings --------------------------------------------------------------------------
@pytest.mark.parametrize("stars, priority, reason", [
    (1, Priority.HIGH, "negative review (1 star)"),
    (2, Priority.HIGH, "negative review (2 stars)"),
    (3, Priority.NORMAL, None),
    (5, Priority.NORMAL, None),
    (None, Priority.NORMAL, None),
])
def test_one_or_two_stars_make_a_review_negative(stars, priority, reason):
    result = assess(PostFeatures(text=NEUTRAL, rating=stars), DEFAULTS)
    assert result.priority is priority
    assert result.reasons == ((reason,) if reason else ())


def test_the_rating_comes_from_the_post():
    post = replace(SAMPLE_POST, rating=2)
    assert PostFeatures.from_post(post, post.created_at).rating == 2
    assert PostFeatures.from_post(SAMPLE_POST, SAMPLE_POST.created_at).rating is None


def test_the_rating_rule_is_configurable_and_can_be_turned_off():
    custom = rules({"low_rating": {"at_most": 3, "priority": "urgent"}})
    assert assess(PostFeatures(text=NEUTRAL, rating=3), custom).priority is Priority.URGENT
    assert assess(PostFeatures(text=NEUTRAL, rating=1), rules({"low_rating": None})).priority is Priority.NORMAL


@pytest.mark.parametrize("section", [{"low_rating": {"at_most": 0}}, {"low_rating": {"at_most": 6}},
                                     {"low_rating": {"at_most": "2"}}])
def test_a_rating_rule_outside_one_to_five_stars_is_refused(section):
    from marshmallow import ValidationError

    with pytest.raises(ValidationError, match="at_most"):
        PriorityRulesSchema().load(section)


# -- storms, incrementally ----------------------------------------------------------------------
def test_a_post_is_counted_under_each_pair_of_its_longest_keywords():
    rule = StormRule()
    words = frozenset({"app", "down", "login"})
    assert storm_signatures(words, rule) == ["app down", "app login", "down login"]
    assert storm_signatures(frozenset({"app"}), rule) == []
    many = frozenset(f"word{chr(97 + i)}" for i in range(15)) | {"x" * 20}
    signatures = storm_signatures(many, rule)
    assert len(signatures) == 45 and any("x" * 20 in s for s in signatures)  # the 10 longest only
    assert storm_signatures(words, StormRule(min_shared_keywords=1)) == ["app", "down", "login"]


def test_a_storm_forms_from_every_signature_that_reached_min_posts():
    rule = StormRule(min_posts=3)
    assert storm_formed({"app down": 2, "app login": 1}, rule) is None
    assert storm_formed({"app down": 3, "app login": 3, "down login": 2}, rule) == {"app", "down", "login"}


def test_a_post_joins_the_active_storm_it_overlaps_most():
    rule = StormRule()
    outage = ActiveStorm("storm-a", frozenset({"app", "down", "login"}), T0, 40)
    parcel = ActiveStorm("storm-b", frozenset({"parcel", "late"}), T0, 400)
    assert storm_joined(keywords("app login fails again"), [parcel, outage], rule) is outage
    assert storm_joined(keywords("my parcel is late"), [parcel, outage], rule) is parcel
    assert storm_joined(keywords("app colours are lovely"), [parcel, outage], rule) is None  # one shared word
    # overlap: two shared words are too little of a storm about five things, and of a post about seven
    wide = ActiveStorm("storm-c", frozenset({"app", "login", "payments", "checkout", "basket"}), T0, 9)
    assert storm_joined(keywords("app login invoice refund voucher courier warranty"), [wide], rule) is None
    assert storm_joined(keywords("app login payments broken"), [wide], rule) is wide


def test_the_storm_key_is_the_same_for_every_worker_that_sees_it_form():
    words = frozenset({"app", "down"})
    assert storm_key(words, T0) == storm_key(frozenset({"down", "app"}), T0)
    assert storm_key(words, T0) != storm_key(words, T0 + timedelta(minutes=31))
