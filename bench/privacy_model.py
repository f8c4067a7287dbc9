"""The learned second opinion (bridge/pipeline/second_opinion.py) measured beside the rules; and its training.

    pip install -e '.[train]'   (scikit-learn: not a dependency of the bridge, only training uses it)
    python bench/privacy_model.py [--threshold T]   (from the repo root)
    python bench/privacy_model.py --write           (then trains the bridge's model and writes it)

For each corpus it measures, the model's recipe is trained with scikit-learn on every other labelled corpus in
tests/fixtures/privacy/ (practice.jsonl and the plain texts included), never on the measured one nor on the
unread ones named in tests/fixtures/privacy/unread.json: the labelled corpora neither the rules were tuned on nor
the model trained on, and the plain texts kept for measuring false alarms (everyday_blind.jsonl,
numbers_blind.jsonl). As in the bridge, the model is asked only about texts with MIN_DIGITS digits or more. It
prints the rules alone, the model alone, and the rules OR the model (what the last public check does) at the
threshold T, chosen for the model alone on novel.jsonl, unseen.jsonl and candid.jsonl and on the plain
everyday.jsonl and numbers.jsonl (the highest recall with precision at least 95 % and at most 1 % of the plain
texts held back), never on the corpora it is reported for. The rules were tuned on those: the measurements are
the lines of the unread corpora, and their sum.

--write trains on every corpus but the unread ones and writes bridge/pipeline/second_opinion.json.gz with the
chosen threshold, after checking that the bridge's own scoring (no scikit-learn) gives scikit-learn's score for
every text. So the shipped model has not seen the unread corpora either, and tests/pipeline/
test_second_opinion.py measures it on them.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from bridge.pipeline.privacy import Detector, sensitive_kinds  # noqa: E402
from bridge.pipeline.second_opinion import BUCKETS, FEATURES, MODEL_FILE, SecondOpinion, buckets, worth_asking  # noqa: E402

FIXTURES = REPO_DIR / "tests" / "fixtures" / "privacy"
_UNREAD_FILE = json.loads((FIXTURES / "unread.json").read_text(encoding="utf-8"))
UNREAD = (*_UNREAD_FILE["labelled"], *_UNREAD_FILE["plain"])  # never trained on
LABELLED = tuple(sorted(path.stem for path in FIXTURES.glob("*.jsonl") if path.stem not in UNREAD))  # trained on
VALIDATION = ("novel", "unseen", "candid")
PLAIN_VALIDATION = ("everyday", "numbers")  # plain texts: the share the model holds back there is its false alarms
PLAIN_GOAL = 0.01  # at most this share of plain replies and posts held back
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
PRECISION_GOAL = 0.95
MUST_FIND_ALL = ("card", "iban", "national_id", "secret")
DETECTOR = Detector.from_settings(json.loads((FIXTURES / "settings.json").read_text(encoding="utf-8")))


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def bucket_names(text: str) -> list[str]:
    return [str(bucket) for bucket, count in buckets(text).items() for _ in range(count)]


def train(rows: list[dict]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=bucket_names, min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=10, max_iter=3000, class_weight="balanced")
    model.fit(vectorizer.fit_transform([row["text"] for row in rows]), [row["sensitive"] for row in rows])
    return vectorizer, model


@functools.cache
def trained_without(name: str | None):
    """The model trained on every labelled corpus but this one; with None, on every labelled corpus (the model
    that measures the unread corpora and the one written)."""
    return train([row for other in LABELLED if other != name for row in load(other)])


def measure(name: str) -> tuple[list[float], list[bool], list[bool], list[list[str]]]:
    """The model's scores for the corpus (trained without it; 0 where the bridge would not ask), the rules'
    verdicts, the labels and each text's kinds."""
    rows = load(name)
    vectorizer, model = trained_without(name if name in LABELLED else None)
    scores = model.predict_proba(vectorizer.transform([row["text"] for row in rows]))[:, 1]
    rules = [bool(sensitive_kinds(DETECTOR.find(row["text"]))) for row in rows]
    return ([float(score) if worth_asking(row["text"]) else 0.0 for row, score in zip(rows, scores)], rules,
            [row["sensitive"] for row in rows], [row["kinds"] for row in rows])


def figures(flags: list[bool], labels: list[bool]) -> tuple[float, float]:
    true_pos = sum(f and y for f, y in zip(flags, labels))
    flagged, sensitive = sum(flags), sum(labels)
    return (true_pos / flagged if flagged else 1.0), (true_pos / sensitive if sensitive else 1.0)


def line(name: str, flags: list[bool], labels: list[bool]) -> str:
    if not any(labels):  # plain texts only: what counts is how many are held back
        return f"{name:16} holds back {sum(flags)} of {len(flags)} ({sum(flags) / len(flags):.1%})"
    precision, recall = figures(flags, labels)
    return f"{name:16} precision {precision:6.1%}  recall {recall:6.1%}"


def kind_recall(flags: list[bool], kinds: list[list[str]]) -> str:
    counts = []
    for kind in MUST_FIND_ALL:
        labelled = [flag for flag, text_kinds in zip(flags, kinds) if kind in text_kinds]
        counts.append(f"{kind} {sum(labelled)}/{len(labelled)}")
    return ", ".join(counts)


def choose_threshold(measured: dict) -> float:
    """The highest recall of the model alone with its precision at least PRECISION_GOAL on the validation corpora and
    at most PLAIN_GOAL of the plain texts held back. The model alone, not the rules OR the model: the rules have read
    those corpora and catch nearly all of them, so together every threshold looks alike there."""
    print("choosing the threshold on", " and ".join(VALIDATION), "and", " and ".join(PLAIN_VALIDATION),
          "(the model alone):")
    acceptable = []
    scores = [s for name in VALIDATION for s in measured[name][0]]
    labels = [y for name in VALIDATION for y in measured[name][2]]
    plain = [s for name in PLAIN_VALIDATION for s in measured[name][0]]
    for candidate in THRESHOLDS:
        precision, recall = figures([s >= candidate for s in scores], labels)
        held_back = sum(s >= candidate for s in plain) / len(plain)
        print(f"  {candidate:.2f}: precision {precision:6.1%}  recall {recall:6.1%}  plain texts held back "
              f"{held_back:.1%}")
        if precision >= PRECISION_GOAL and held_back <= PLAIN_GOAL:
            acceptable.append((recall, candidate))
    return max(acceptable)[1] if acceptable else max(THRESHOLDS)


def write(threshold: float) -> None:
    rows = [row for name in LABELLED for row in load(name)]
    vectorizer, model = trained_without(None)
    weights = [[int(name), round(float(vectorizer.idf_[index]), 6), round(float(model.coef_[0][index]), 6)]
               for name, index in sorted(vectorizer.vocabulary_.items(), key=lambda item: int(item[0]))]
    stored = {"recipe": "tf-idf (sublinear, min_df 2) of hashed features; logistic regression C=10, balanced "
                        "classes", "trained_on": [f"{name}.jsonl" for name in LABELLED],
              "features": FEATURES, "buckets": BUCKETS, "threshold": threshold,
              "intercept": round(float(model.intercept_[0]), 6), "weights": weights}
    text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"))
    MODEL_FILE.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))  # same bytes each time
    ours = SecondOpinion.load()
    theirs = model.predict_proba(vectorizer.transform([row["text"] for row in rows]))[:, 1]
    worst = max(abs(ours.score(row["text"]) - float(score)) for row, score in zip(rows, theirs))
    if worst > 1e-3:
        MODEL_FILE.unlink()
        raise SystemExit(f"the bridge's scores differ from scikit-learn's by up to {worst:.4f}: nothing written")
    print(f"\nwrote {MODEL_FILE.relative_to(REPO_DIR)} ({MODEL_FILE.stat().st_size // 1024} kB, {len(weights)} "
          f"buckets, {len(rows)} texts); scores within {worst:.1e} of scikit-learn's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, help="instead of choosing one on the validation corpora")
    parser.add_argument("--write", action="store_true", help=f"then train and write {MODEL_FILE.name}")
    args = parser.parse_args()
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise SystemExit("training needs scikit-learn: pip install -e '.[train]'") from None

    measured = {name: measure(name) for name in (*VALIDATION, *PLAIN_VALIDATION, *UNREAD)}
    threshold = args.threshold if args.threshold is not None else choose_threshold(measured)
    print(f"threshold {threshold:.2f}; the model is asked only about texts with digits")
    unread: dict[str, list] = {"rules": [], "model": [], "rules OR model": [], "labels": [], "kinds": []}
    for name, (scores, rules, labels, kinds) in measured.items():
        model = [score >= threshold for score in scores]
        either = [r or m for r, m in zip(rules, model)]
        print(f"\n{name}.jsonl ({len(labels)} texts{', unread' if name in UNREAD else ''})")
        print(" ", line("rules", rules, labels))
        print(" ", line("model", model, labels))
        print(" ", line("rules OR model", either, labels))
        if name in _UNREAD_FILE["labelled"]:
            for key, values in (("rules", rules), ("model", model), ("rules OR model", either), ("labels", labels),
                                ("kinds", kinds)):
                unread[key].extend(values)
    if unread["labels"]:
        print(f"\nevery unread labelled corpus together ({len(unread['labels'])} texts)")
        for key in ("rules", "model", "rules OR model"):
            print(" ", line(key, unread[key], unread["labels"]), " ", kind_recall(unread[key], unread["kinds"]))
    if args.write:
        write(threshold)


if __name__ == "__main__":
    main()
