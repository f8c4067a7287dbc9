"""Would a learned second opinion catch what the rules miss on text they have not seen? An experiment, not part
of the bridge (see docs/privacy.md, "A learned second opinion: measured, not shipped").

    pip install scikit-learn   (not a dependency of the bridge: only this experiment uses it)
    python bench/privacy_model.py [--threshold T]   (from the repo root)

For each corpus it tests, a text classifier (character 2- to 5-grams within words, digits made 0 so it learns
shapes and cue words rather than values; tf-idf and logistic regression) is trained on every *other* corpus in
tests/fixtures/privacy/, never on the unread one (candid.jsonl). It prints, beside the rules alone: the model
alone, and the rules OR the model (a text is flagged when either flags it), at the threshold T. T is chosen on
novel.jsonl and unseen.jsonl (the validation corpora: the highest recall with precision at least 95 % there),
never on candid.jsonl. On novel and unseen the rules have been tuned on the very texts, so only candid.jsonl's
line is a measurement on new text for both. Last, the share of EVERYDAY replies (plain agent replies with no
look-alike value, which the corpora hardly hold) that the model would hold back from public.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from bridge.pipeline.privacy import Detector, sensitive_kinds  # noqa: E402

FIXTURES = REPO_DIR / "tests" / "fixtures" / "privacy"
CORPORA = ("corpus", "independent", "heldout", "blind", "final", "sealed", "fresh", "unseen", "novel", "candid")
UNREAD = "candid"
VALIDATION = ("novel", "unseen")
DETECTOR = Detector.from_settings(json.loads((FIXTURES / "settings.json").read_text(encoding="utf-8")))
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
PRECISION_GOAL = 0.95
# Plain replies an agent sends every day. The corpora's benign texts are look-alikes (numbers, contact details,
# talk about passwords), so a model trained on them alone has hardly seen text like this.
EVERYDAY = ("Hi Ivy, it ships tomorrow morning.", "Thanks for your patience, we're on it!",
            "Sorry about that, Sam. A replacement is on its way.", "Glad it worked out, have a great weekend!",
            "We've passed this to the team and will update you here.", "Hi there! Could you tell us a bit more?",
            "Our store opens at nine on Saturdays.", "Happy to help, enjoy the new headphones.",
            "That's fixed now, sorry for the trouble.", "Hi Maria, the refund went through today.")


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def train(rows: list[dict]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                 preprocessor=lambda text: re.sub(r"\d", "0", text.lower()))
    features = vectorizer.fit_transform([row["text"] for row in rows])
    model = LogisticRegression(C=10, max_iter=3000, class_weight="balanced")
    model.fit(features, [row["sensitive"] for row in rows])
    return vectorizer, model


def scores(test: str) -> tuple[list[float], list[bool], list[bool]]:
    """The model's score for each text of `test`, trained on the other corpora (not the unread one); the rules'
    verdicts; the labels."""
    rows = load(test)
    vectorizer, model = train([row for name in CORPORA if name not in (test, UNREAD) for row in load(name)])
    probabilities = model.predict_proba(vectorizer.transform([row["text"] for row in rows]))[:, 1]
    if test == UNREAD:
        everyday = model.predict_proba(vectorizer.transform(EVERYDAY))[:, 1]
        scores.everyday = list(everyday)  # type: ignore[attr-defined]
    rules = [bool(sensitive_kinds(DETECTOR.find(row["text"]))) for row in rows]
    return list(probabilities), rules, [row["sensitive"] for row in rows]


def figures(flags: list[bool], labels: list[bool]) -> tuple[float, float]:
    true_pos = sum(f and y for f, y in zip(flags, labels))
    flagged, sensitive = sum(flags), sum(labels)
    return (true_pos / flagged if flagged else 1.0), (true_pos / sensitive if sensitive else 1.0)


def line(name: str, flags: list[bool], labels: list[bool]) -> str:
    precision, recall = figures(flags, labels)
    return f"{name:26} precision {precision:6.1%}  recall {recall:6.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, help="instead of choosing one on the validation corpora")
    args = parser.parse_args()
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise SystemExit("this experiment needs scikit-learn: pip install scikit-learn") from None

    measured = {name: scores(name) for name in (*VALIDATION, UNREAD)}
    threshold = args.threshold
    if threshold is None:
        print("choosing the threshold on", " and ".join(VALIDATION), "(rules OR model):")
        acceptable = []
        for candidate in THRESHOLDS:
            probabilities = [p for name in VALIDATION for p in measured[name][0]]
            rules = [r for name in VALIDATION for r in measured[name][1]]
            labels = [y for name in VALIDATION for y in measured[name][2]]
            precision, recall = figures([r or p >= candidate for r, p in zip(rules, probabilities)], labels)
            print(f"  {candidate:.2f}: precision {precision:6.1%}  recall {recall:6.1%}")
            if precision >= PRECISION_GOAL:
                acceptable.append((recall, -candidate))
        threshold = -max(acceptable)[1] if acceptable else max(THRESHOLDS)
    print(f"threshold {threshold:.2f}")
    for name, (probabilities, rules, labels) in measured.items():
        model = [p >= threshold for p in probabilities]
        print(f"\n{name}.jsonl ({len(labels)} texts){' — unread: new text for rules and model' if name == UNREAD else ''}")
        print(" ", line("rules", rules, labels))
        print(" ", line("model", model, labels))
        print(" ", line("rules OR model", [r or m for r, m in zip(rules, model)], labels))
    everyday = scores.everyday  # type: ignore[attr-defined]
    held = [text for text, p in zip(EVERYDAY, everyday) if p >= threshold]
    rules_held = [text for text in EVERYDAY if sensitive_kinds(DETECTOR.find(text))]
    print(f"\neveryday replies held back from public: model {len(held)} of {len(EVERYDAY)}, rules {len(rules_held)}")
    for text, p in sorted(zip(EVERYDAY, everyday), key=lambda pair: -pair[1]):
        print(f"  {p:.2f}  {text}")

if __name__ == "__main__":
    main()
