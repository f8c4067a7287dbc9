"""The learned second opinion: its features are scikit-learn's `char_wb` n-grams, words and word pairs; the
shipped model keeps plain replies public, and with the rules holds back what they miss."""
from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from bridge.errors import ConfigError
from bridge.pipeline.privacy import Detector, sensitive_kinds
from bridge.pipeline.second_opinion import BUCKETS, MODEL_FILE, SecondOpinion, buckets, features, worth_asking

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "privacy"
SETTINGS = json.loads((FIXTURES / "settings.json").read_text(encoding="utf-8"))
# The shipped model was trained on neither file (unread: their texts are never printed): it holds back none of
# either. See docs/privacy.md.
HELD_BACK_AT_MOST = {"everyday_blind": 0, "numbers_blind": 0}


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def opinion() -> SecondOpinion:
    return SecondOpinion.load()


def test_features_are_char_wb_ngrams_of_each_padded_word_then_words_and_pairs():
    assert features("ab") == Counter({" a": 1, "ab": 1, "b ": 1, " ab": 1, "ab ": 1, " ab ": 1, "\x01w ab": 1})
    assert features("a") == Counter({" a": 1, "a ": 1, " a ": 1, "\x01w a": 1})  # a short word counts once, whole
    assert features("Pin 42") == features("pin   17")  # case, digits and runs of spaces do not matter
    assert features("ab ab")[" ab "] == 2
    pairs = {gram for gram in features("PIN is: 4821, ok?") if gram.startswith("\x01b")}
    assert pairs == {"\x01b pin is", "\x01b is 0000", "\x01b 0000 ok"}  # punctuation separates words


def test_buckets_keep_every_ngram():
    text = "my password is Lantern42 and my pin is 1234"
    counted = buckets(text)
    assert sum(counted.values()) == sum(features(text).values())
    assert all(0 <= bucket < BUCKETS for bucket in counted)


@pytest.mark.parametrize("key, other_value", [("buckets", BUCKETS // 2), ("features", "char_wb 2-5; digits as 0")])
def test_a_model_trained_on_other_features_is_refused(tmp_path, key, other_value):
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as stream:
        stored = json.load(stream)
    stored[key] = other_value
    other = tmp_path / "model.json.gz"
    other.write_bytes(gzip.compress(json.dumps(stored).encode()))
    with pytest.raises(ConfigError, match="trained on other features"):
        SecondOpinion.load(other)


@pytest.mark.parametrize("text", [
    "Hi Ivy, it ships tomorrow morning.", "Hi Maria, the refund went through today.", "Thanks Omar, we'll pass it on.",
])
def test_a_text_with_few_digits_is_not_asked_about(opinion, text):
    """These plain replies score high (a greeting by name begins many of the corpora's leaks): without
    MIN_DIGITS they would be held back."""
    assert not worth_asking(text)
    assert opinion.doubts(text) is None


@pytest.mark.parametrize("name", HELD_BACK_AT_MOST)
def test_plain_replies_and_posts_stay_public(opinion, name):
    rows = load(name)
    held = [row["text"] for row in rows if opinion.doubts(row["text"]) is not None]
    print(f"\nsecond opinion: holds back {len(held)} of {len(rows)} texts of {name}.jsonl")
    assert len(held) <= HELD_BACK_AT_MOST[name], f"{len(held)} held back"


@pytest.mark.parametrize("text", [
    "Hi Ivy, the side gate wants 660913 tonight.",
    "Ivy, the branch has you under 55102 88731 0 now, the clerk confirmed it.",
    "Done Ivy: you can sign in again with ivy1987k / Tidewater 2291 and change it after.",
])
def test_it_doubts_what_the_rules_let_through(opinion, text):
    assert sensitive_kinds(Detector.from_settings(SETTINGS).find(text)) == []
    assert opinion.doubts(text) is not None


# What the last public check (the rules OR the shipped model) holds back of each unread corpus (unread.json: neither
# were the rules tuned on them nor was the model trained on them), as floors: precision, recall, and the share of
# texts with a national id and with a secret held back (every card and IBAN is). Measured on 28 November 2026 with
# the model trained on every read corpus (31,016 texts of 76 corpora); see docs/privacy.md.
LAST_CHECK_FLOORS = {
    "unbraided": (1.0, 0.986, 1.0, 0.986),
    "unfurled": (0.993, 0.973, 1.0, 0.972), "unhemmed": (0.993, 0.986, 1.0, 0.961),
    "unknotted": (0.993, 0.986, 1.0, 0.984), "unspun": (0.949, 0.993, 1.0, 0.984),
    "unvoiced": (0.957, 0.913, 0.911, 0.909),
    "unhitched": (0.961, 0.993, 1.0, 0.982), "unbuckled": (0.925, 0.993, 1.0, 0.984),
    "unclasped": (0.914, 1.0, 1.0, 1.0),
    "unhooked": (0.96, 0.966, 1.0, 0.943),
    "unpinned": (0.961, 1.0, 1.0, 1.0), "unprimed": (0.967, 1.0, 1.0, 1.0),
    "untethered": (0.993, 1.0, 1.0, 1.0),
}
# Every card and IBAN is held back, but IBANs dictated in words (unvoiced.jsonl: 8 of 11, each digit or pair said;
# 7 before the rule for an IBAN named, then given in pieces)
IBANS_HELD_AT_LEAST = {"unvoiced": 0.727}
UNREAD = json.loads((FIXTURES / "unread.json").read_text(encoding="utf-8"))


def test_every_unread_corpus_has_floors():
    assert set(LAST_CHECK_FLOORS) == set(UNREAD["labelled"])
    assert set(HELD_BACK_AT_MOST) == set(UNREAD["plain"])


@pytest.mark.parametrize("name", LAST_CHECK_FLOORS)
def test_with_the_rules_it_holds_back_what_unread_text_holds(opinion, name):
    """The figures are floors: what the last public check holds back on new text, so that no change makes it
    worse unnoticed. Only figures are printed, never a text."""
    detector = Detector.from_settings(SETTINGS)
    rows = load(name)
    held = [bool(sensitive_kinds(detector.find(row["text"]))) or opinion.doubts(row["text"]) is not None
            for row in rows]
    true_pos = sum(h and row["sensitive"] for h, row in zip(held, rows))
    precision, recall = true_pos / sum(held), true_pos / sum(row["sensitive"] for row in rows)
    by_kind = {kind: sum(h for h, row in zip(held, rows) if kind in row["kinds"]) /
               sum(kind in row["kinds"] for row in rows) for kind in ("card", "iban", "national_id", "secret")}
    print(f"\nrules OR second opinion on {name}.jsonl: precision {precision:.1%}, recall {recall:.1%}, "
          + ", ".join(f"{kind} {share:.1%}" for kind, share in by_kind.items()))
    least_precision, least_recall, least_ids, least_secrets = LAST_CHECK_FLOORS[name]
    assert precision >= least_precision and recall >= least_recall
    assert by_kind["card"] == 1.0 and by_kind["iban"] >= IBANS_HELD_AT_LEAST.get(name, 1.0)
    assert by_kind["national_id"] >= least_ids and by_kind["secret"] >= least_secrets
