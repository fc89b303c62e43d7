"""Train the event classifier that ships in the package, from the sentences the team wrote.

    python training/train.py [--out src/dyads/components/data/event_model.npz] [--c 16.0]

Reads training/sentences/*.jsonl (see training/GUIDELINE.md; checked by training/check_sentences.py),
never anything in ../shared. Labels: the CAMEO root of `code`, or "none". Features are
`dyads.components.classifier.features`, so training and run time see the same thing; the model is a
multinomial logistic regression over TF-IDF weights (scikit-learn, needed only here: `make train`
installs it). The output holds plain arrays and the hash of the training data; the run is
deterministic (fixed solver, sorted inputs), so the same data gives the same arrays.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT / "training" / "sentences"
OUT = ROOT / "src" / "dyads" / "components" / "data" / "event_model.npz"


def load_rows(folder: Path = SENTENCES) -> list[tuple[str, str]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], row["code"][:2] if row.get("code") else "none"))
    return rows


def data_hash(folder: Path = SENTENCES) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def train(rows, c: float = 16.0, min_df: int = 2):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from dyads.components.classifier import features

    vectorizer = TfidfVectorizer(analyzer=features, min_df=min_df, sublinear_tf=True, norm="l2")
    X = vectorizer.fit_transform([t for t, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    model.fit(X, y)
    return vectorizer, model


def cross_validate(rows, c: float, folds: int = 5) -> float:
    """Accuracy of the root over `folds` folds of our own sentences (split by a hash of the text)."""
    right = total = 0
    for k in range(folds):
        def fold(text):
            return int(hashlib.sha1(text.encode()).hexdigest()[:6], 16) % folds
        train_rows = [r for r in rows if fold(r[0]) != k]
        test_rows = [r for r in rows if fold(r[0]) == k]
        vectorizer, model = train(train_rows, c)
        predicted = model.predict(vectorizer.transform([t for t, _ in test_rows]))
        right += sum(p == label for p, (_, label) in zip(predicted, test_rows))
        total += len(test_rows)
    return right / total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--c", type=float, default=16.0, help="inverse regularisation strength")
    ap.add_argument("--cv", action="store_true", help="also print 5-fold accuracy on our own sentences")
    args = ap.parse_args(argv)
    rows = load_rows()
    if not rows:
        print(f"no training sentences in {SENTENCES}", file=sys.stderr)
        return 1
    vectorizer, model = train(rows, args.c)
    vocabulary = np.array(vectorizer.get_feature_names_out(), dtype=str)
    version = f"{len(rows)} sentences, data {data_hash()}, C={args.c}"
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        np.savez_compressed(fh, vocabulary=vocabulary, idf=vectorizer.idf_.astype(np.float32),
                            coef=model.coef_.astype(np.float32), intercept=model.intercept_.astype(np.float32),
                            classes=np.array(model.classes_, dtype=str), version=np.array(version))
    counts = {c: y for c, y in zip(*np.unique([label for _, label in rows], return_counts=True))}
    print(f"trained on {len(rows)} sentences ({', '.join(f'{k} {v}' for k, v in counts.items())}); "
          f"{len(vocabulary)} features; wrote {out} ({out.stat().st_size // 1024} KiB)")
    if args.cv:
        print(f"5-fold root accuracy on our own sentences: {cross_validate(rows, args.c):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
