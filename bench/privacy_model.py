"""Would a learned second opinion catch what the rules miss on text they have not seen, without holding back
ordinary replies? An experiment, not part of the bridge (docs/privacy.md, "A learned second opinion").

    pip install scikit-learn   (not a dependency of the bridge: only this experiment uses it)
    python bench/privacy_model.py [--threshold T] [--min-digits N]   (from the repo root)

For each corpus it measures, a text classifier (character 2- to 5-grams within words, digits made 0 so it
learns shapes and cue words rather than values; tf-idf and logistic regression) is trained on every *other*
labelled corpus in tests/fixtures/privacy/ and the plain texts of everyday.jsonl, never on candid.jsonl (unread
by the rules) or everyday_blind.jsonl (plain texts kept for measuring). With --min-digits N the model is asked
only about texts with at least N digits. It prints the rules alone, the model alone, and the rules OR the
model at the threshold T, chosen on novel.jsonl and unseen.jsonl (the highest recall with precision at least
95 % there). The rules were tuned on novel and unseen: the measurements are the lines for candid.jsonl (new
text for both) and everyday_blind.jsonl, and last the ORDINARY replies below, the commonest shape of reply.
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
TRAINING = ("corpus", "independent", "heldout", "blind", "final", "sealed", "fresh", "unseen", "novel", "everyday")
VALIDATION = ("novel", "unseen")
MEASURED = (*VALIDATION, "candid", "everyday_blind")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
PRECISION_GOAL = 0.95
DETECTOR = Detector.from_settings(json.loads((FIXTURES / "settings.json").read_text(encoding="utf-8")))
# Order updates that greet the customer by name: nothing sensitive, and what agents send most.
ORDINARY = ("Hi Ivy, it ships tomorrow morning.", "Hi Maria, the refund went through today.",
            "Hi Sam, your order 558120 is on its way.", "Hi Ivy, order 771234 ships tomorrow.",
            "Hi Maria, refund for order 40231 went through today.", "Case 48213 is closed, thanks Ivy!",
            "Hi Ivy, flight BA 2490 leaves from gate 12 at 14:35.", "Thanks Omar, we'll pass this on.")


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def train(rows: list[dict]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                 preprocessor=lambda text: re.sub(r"\d", "0", text.lower()))
    model = LogisticRegression(C=10, max_iter=3000, class_weight="balanced")
    model.fit(vectorizer.fit_transform([row["text"] for row in rows]), [row["sensitive"] for row in rows])
    return vectorizer, model


def scored(texts: list[str], vectorizer, model, min_digits: int) -> list[float]:
    """The model's scores; 0 for a text it is not asked about (fewer than min_digits digits)."""
    scores = model.predict_proba(vectorizer.transform(texts))[:, 1]
    return [float(score) if sum(c.isdigit() for c in text) >= min_digits else 0.0 for text, score in zip(texts, scores)]


def measure(name: str, min_digits: int) -> tuple[list[float], list[bool], list[bool], list[float]]:
    """The model's scores for the corpus (trained without it), the rules' verdicts, the labels, and the
    scores of the ORDINARY replies by the same model."""
    rows = load(name)
    vectorizer, model = train([row for other in TRAINING if other != name for row in load(other)])
    rules = [bool(sensitive_kinds(DETECTOR.find(row["text"]))) for row in rows]
    return (scored([row["text"] for row in rows], vectorizer, model, min_digits), rules,
            [row["sensitive"] for row in rows], scored(list(ORDINARY), vectorizer, model, min_digits))


def figures(flags: list[bool], labels: list[bool]) -> tuple[float, float]:
    true_pos = sum(f and y for f, y in zip(flags, labels))
    flagged, sensitive = sum(flags), sum(labels)
    return (true_pos / flagged if flagged else 1.0), (true_pos / sensitive if sensitive else 1.0)


def line(name: str, flags: list[bool], labels: list[bool]) -> str:
    if not any(labels):  # plain texts only: what counts is how many are held back
        return f"{name:16} holds back {sum(flags)} of {len(flags)}"
    precision, recall = figures(flags, labels)
    return f"{name:16} precision {precision:6.1%}  recall {recall:6.1%}"


def choose_threshold(measured: dict) -> float:
    print("choosing the threshold on", " and ".join(VALIDATION), "(rules OR model):")
    acceptable = []
    for candidate in THRESHOLDS:
        scores = [s for name in VALIDATION for s in measured[name][0]]
        rules = [r for name in VALIDATION for r in measured[name][1]]
        labels = [y for name in VALIDATION for y in measured[name][2]]
        precision, recall = figures([r or s >= candidate for r, s in zip(rules, scores)], labels)
        print(f"  {candidate:.2f}: precision {precision:6.1%}  recall {recall:6.1%}")
        if precision >= PRECISION_GOAL:
            acceptable.append((recall, -candidate))
    return -max(acceptable)[1] if acceptable else max(THRESHOLDS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, help="instead of choosing one on the validation corpora")
    parser.add_argument("--min-digits", type=int, default=0, help="ask the model only about texts with this many")
    args = parser.parse_args()
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise SystemExit("this experiment needs scikit-learn: pip install scikit-learn") from None

    measured = {name: measure(name, args.min_digits) for name in MEASURED}
    threshold = args.threshold if args.threshold is not None else choose_threshold(measured)
    print(f"threshold {threshold:.2f}, model asked about texts with at least {args.min_digits} digits")
    for name, (scores, rules, labels, _) in measured.items():
        model = [score >= threshold for score in scores]
        print(f"\n{name}.jsonl ({len(labels)} texts)")
        print(" ", line("rules", rules, labels))
        print(" ", line("model", model, labels))
        print(" ", line("rules OR model", [r or m for r, m in zip(rules, model)], labels))
    ordinary = measured["candid"][3]
    held = [text for text, score in zip(ORDINARY, ordinary) if score >= threshold]
    rules_held = [text for text in ORDINARY if sensitive_kinds(DETECTOR.find(text))]
    print(f"\nordinary replies held back: model {len(held)} of {len(ORDINARY)}, rules {len(rules_held)}")
    for text, score in sorted(zip(ORDINARY, ordinary), key=lambda pair: -pair[1]):
        print(f"  {score:.2f}  {text}")


if __name__ == "__main__":
    main()
