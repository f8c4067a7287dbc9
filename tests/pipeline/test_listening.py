"""Listening's relevance decision: the brand named AND a question, a complaint or negativity."""
from __future__ import annotations

from pathlib import Path

import pytest

from bridge.errors import ConfigError
from bridge.pipeline.listening import Listening, ListeningRule, listening_rules, relevance
from bridge.pipeline.mapping import load_mapping

RULES = Listening(brand_terms=("acme", "acme air"), rules=(ListeningRule("acme", "acme", 5),))


@pytest.mark.parametrize("text, reason", [
    ("Does anyone know why my Acme router keeps dropping wifi?", 'names "acme" and asks a question'),
    ("how do i reset the acme air purifier", 'names "acme" and asks for help ("how do i")'),
    ("@acme I want a refund, it broke after a day", 'names "acme" and complains (refund)'),
    ("#Acme support is the worst. Awful, useless, I hate this.", 'names "acme" and asks for help ("support") '
                                                                 'and is negative in tone'),
])
def test_a_customer_talking_about_the_brand_is_relevant_and_says_why(text, reason):
    decision = relevance(text, RULES)
    assert decision.relevant
    assert decision.reason.startswith(reason)


@pytest.mark.parametrize("text, why", [
    ("My new Acme router arrived, setting it up tonight", "asks nothing"),  # the brand, but nothing to answer
    ("Why is the sky blue? I hate waiting", "does not name the brand"),  # a question, not about the brand
    ("acmeville is lovely this time of year?", "does not name the brand"),  # whole words only
])
def test_the_rest_is_not_relevant(text, why):
    decision = relevance(text, RULES)
    assert not decision.relevant
    assert why in decision.reason


def test_a_mapping_section_builds_the_rules():
    built = listening_rules({"brand_terms": ["Acme"], "rules": [
        {"name": "q", "query": "acme", "max_per_hour": 3, "accounts": ["main"], "every": None}],
        "question_words": ["halp"], "complaint_words": None, "negative_at_most": -0.2})
    assert built.rules_for("main")[0].max_per_hour == 3 and built.rules_for("other") == []
    assert relevance("acme halp", built).relevant
    assert listening_rules(None) is None


@pytest.mark.parametrize("section, message", [
    ("listening: {rules: [{name: a, query: acme, max_per_hour: 5}]}", "listening.brand_terms"),
    ("listening: {brand_terms: [acme], rules: [{name: a, query: acme, max_per_hour: 0}]}", "max_per_hour"),
    ("listening: {brand_terms: [acme], rules: [{name: a, query: x, max_per_hour: 1}, {name: a, query: y, "
     "max_per_hour: 1}]}", "rule names must be unique: a"),
])
def test_a_bad_listening_section_names_the_key(tmp_path, section, message):
    text = (Path(__file__).resolve().parents[2] / "mappings" / "bluesky.yaml").read_text() + "\n" + section + "\n"
    path = tmp_path / "bluesky.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_mapping(path)
