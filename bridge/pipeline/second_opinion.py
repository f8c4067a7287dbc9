"""A learned second opinion for the last checks before a public reply: a text classifier that holds back what
the rules in privacy.py found nothing in but that reads like sensitive data (a code or an id in a phrasing no
rule expects). Asked only about replies about to go public (never every incoming post: about 0.4 ms a text),
and only about texts with digits (MIN_DIGITS).

The model is a logistic regression over tf-idf weighted character 2- to 5-grams within words, and the words and
pairs of neighbouring words, with digits made 0 (so it learns shapes and cue words, not values), each feature
hashed to one of BUCKETS buckets (8 MB in memory rather than a dictionary of 100,000 strings). `python bench/privacy_model.py --write` trains it with
scikit-learn on the labelled corpora in tests/fixtures/privacy/ and stores each bucket's idf and weight, so the
bridge needs no scikit-learn: `features` is scikit-learn's `char_wb` analyzer written out, and the training
checks that both score every text alike (the features are made here, for both). Figures in docs/privacy.md."""
from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bridge.errors import ConfigError

MODEL_FILE = Path(__file__).with_name("second_opinion.json.gz")
NGRAMS = (2, 5)
# Named in the model file: a model trained on other features is refused. Words and pairs of words add the cue
# phrases ("pin is", "code for") that n-grams within a word miss.
FEATURES = "char_wb 2-5, words, word pairs; digits as 0"
BUCKETS = 1 << 20
SUSPECTED = "suspected"  # the kind recorded when only the second opinion holds a reply back
# What the model adds to the rules is values (codes, ids, accounts) in phrasings no rule expects. A text with
# fewer digits holds none, and the model would mistake a short reply that greets a customer by name ("Hi Ivy,
# it ships tomorrow morning.") for one of the corpora's leaks, which often begin that way.
MIN_DIGITS = 3
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s\s+")
_WORD = re.compile(r"\w+")


def features(text: str) -> Counter[str]:
    """Character n-grams of each word padded with a space, as scikit-learn's `char_wb` analyzer makes them;
    then each word ("\x01w ...") and each pair of neighbouring words ("\x01b ...")."""
    grams: Counter[str] = Counter()
    low, high = NGRAMS
    plain = _DIGIT.sub("0", text.lower())
    for word in _SPACES.sub(" ", plain).split():
        padded = f" {word} "
        for size in range(low, high + 1):
            if size >= len(padded):  # a word this short counts once, whole
                grams[padded] += 1
                break
            grams.update(padded[start:start + size] for start in range(len(padded) - size + 1))
    words = _WORD.findall(plain)
    grams.update(f"\x01w {word}" for word in words)
    grams.update(f"\x01b {first} {second}" for first, second in zip(words, words[1:]))
    return grams


def buckets(text: str) -> Counter[int]:
    """The text's n-grams counted by bucket: the model's features."""
    counted: Counter[int] = Counter()
    for gram, count in features(text).items():
        counted[zlib.crc32(gram.encode("utf-8")) % BUCKETS] += count
    return counted


def second_opinion_on(privacy_settings: Mapping[str, Any] | None) -> bool:
    """Whether the config's `privacy:` section leaves the second opinion on (it is, unless set to false)."""
    return bool((privacy_settings or {}).get("second_opinion", True))


def worth_asking(text: str) -> bool:
    return sum(character.isdigit() for character in text) >= MIN_DIGITS


@dataclass(frozen=True)
class SecondOpinion:
    idf: array  # per bucket; 0 where the training saw the bucket in fewer than two texts (not a feature)
    weight: array
    intercept: float
    threshold: float  # a score at or above it: not to be posted publicly

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> SecondOpinion:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            stored = json.load(stream)
        if stored["buckets"] != BUCKETS or stored.get("features") != FEATURES:
            raise ConfigError(f"{path.name} was trained on other features: run bench/privacy_model.py --write")
        idf, weight = array("f", bytes(4 * BUCKETS)), array("f", bytes(4 * BUCKETS))
        for bucket, bucket_idf, bucket_weight in stored["weights"]:
            idf[bucket], weight[bucket] = bucket_idf, bucket_weight
        return cls(idf, weight, stored["intercept"], stored["threshold"])

    def score(self, text: str) -> float:
        """How likely the model finds it that the text holds sensitive data, 0 to 1."""
        norm = dot = 0.0
        for bucket, count in buckets(text).items():
            if idf := self.idf[bucket]:
                value = idf * (1.0 + math.log(count))
                norm += value * value
                dot += value * self.weight[bucket]
        logit = self.intercept + (dot / math.sqrt(norm) if norm else 0.0)
        return 1.0 / (1.0 + math.exp(-logit))

    def doubts(self, text: str) -> float | None:
        """The score when the text is worth asking about and the score reaches the threshold (keep it from
        public), else None."""
        if not worth_asking(text):
            return None
        score = self.score(text)
        return score if score >= self.threshold else None
