"""The spaCy model's networks with numpy's BLAS (dyads' setting, components/matmul.py) against thinc's blis
(the model as spacy.load gives it), in this process.

    python benchmarks/matmul.py [--repeat 5] [--threads 1]

Both pipelines parse the same texts (the demo articles' plain-text files, four times over), in turns, `--repeat` rounds; each side's figure is its best round. `--threads`: numpy's BLAS
threads while timing (1, as a --workers process runs it; 0 leaves numpy's default). The annotations of
both sides are compared (tags, dependencies, entities) and any difference is printed. The matrix
product alone is timed too, on the shapes the model multiplies most (a tok2vec layer of a batch: 2,000
tokens by 288 into 96; a hidden layer of the parser: 64 states by 2,304 into 128).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SHAPES = [(2000, 288, 96), (64, 2304, 128), (30, 576, 192)]


def texts(root: Path) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((root / "demo" / "articles").glob("*.txt"))]
    return out * 4


def blis_pipeline():
    from thinc.api import NumpyOps

    from dyads.components.nlp import load_model

    nlp = load_model()
    ops = NumpyOps()
    for _, component in nlp.pipeline:
        if hasattr(getattr(component, "model", None), "walk"):
            for layer in component.model.walk():
                layer.ops = ops
    return nlp


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1, help="numpy BLAS threads while timing (0: numpy's default)")
    args = ap.parse_args(argv)
    import numpy
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    from dyads.components.nlp import load_model

    if args.threads:
        threadpool_limits(limits=args.threads, user_api="blas")
    ours, theirs = load_model(), blis_pipeline()
    docs = texts(ROOT)
    tokens = sum(len(d) for d in ours.pipe(docs))
    print(f"{len(docs)} texts, {tokens} tokens; numpy BLAS threads: {args.threads or 'numpy default'}")

    def seen(nlp):
        return [[(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in d] for d in nlp.pipe(docs)]

    a, b = seen(ours), seen(theirs)
    differ = sum(x != y for da, db in zip(a, b) for x, y in zip(da, db))
    print(f"tokens annotated differently: {differ} of {tokens}")
    t_blis = t_ours = float("inf")
    for _ in range(args.repeat):  # in turns, so that the machine's noise falls on both
        t_blis = min(t_blis, best(lambda: list(theirs.pipe(docs)), rounds=1))
        t_ours = min(t_ours, best(lambda: list(ours.pipe(docs)), rounds=1))
    print(f"full pipeline: blis {t_blis:.3f} s, numpy BLAS {t_ours:.3f} s: {t_blis / t_ours:.2f}x")
    blis, plain = NumpyOps(), NumpyOps(use_blis=False)
    rng = numpy.random.default_rng(0)
    for m, k, n in SHAPES:
        x, w = rng.random((m, k), dtype="float32"), rng.random((n, k), dtype="float32")
        tb = best(lambda: [blis.gemm(x, w, trans2=True) for _ in range(50)], args.repeat)
        tn = best(lambda: [plain.gemm(x, w, trans2=True) for _ in range(50)], args.repeat)
        print(f"product {m}x{k} by {k}x{n}: blis {tb / 50 * 1e6:.0f} us, numpy BLAS {tn / 50 * 1e6:.0f} us: {tb / tn:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
