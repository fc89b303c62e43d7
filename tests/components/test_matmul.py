"""The model's networks multiply by numpy's BLAS and annotate as they did with thinc's blis."""
from thinc.api import NumpyOps

from dyads.components.matmul import one_blas_thread, use_numpy_blas
from dyads.components.nlp import load_model

from tests.conftest import DEMO

NAMES = ["tok2vec", "tagger", "parser", "ner"]


def _blis(nlp):
    ops = NumpyOps()  # thinc's default: blis
    for name in NAMES:
        for layer in nlp.get_pipe(name).model.walk():
            layer.ops = ops
    return nlp


def test_every_layer_of_every_network_multiplies_by_numpy():
    nlp = load_model()
    for name in NAMES:
        layers = list(nlp.get_pipe(name).model.walk())
        assert layers and all(not layer.ops.use_blis for layer in layers), name
    assert use_numpy_blas(nlp) == sum(len(list(nlp.get_pipe(n).model.walk())) for n in NAMES)


def test_the_products_are_blis_products_to_float_rounding():
    import numpy

    x = numpy.random.default_rng(7).random((300, 96), dtype="float32")
    w = numpy.random.default_rng(8).random((64, 96), dtype="float32")
    ours, theirs = NumpyOps(use_blis=False), NumpyOps()
    assert numpy.allclose(ours.gemm(x, w, trans2=True), theirs.gemm(x, w, trans2=True), rtol=1e-5)
    out = numpy.empty((300, 64), dtype="float32")
    assert ours.gemm(x, w, out=out, trans2=True) is out and numpy.allclose(out, x @ w.T, rtol=1e-5)


def test_the_annotations_are_the_blis_ones_on_the_demo_articles():
    ours, plain = load_model(), _blis(load_model())
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]

    def seen(doc):
        return [(t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]

    for a, b in zip(plain.pipe(texts), ours.pipe(texts)):
        assert seen(a) == seen(b)


def test_a_worker_asks_for_one_blas_thread():
    from threadpoolctl import threadpool_info, threadpool_limits

    with threadpool_limits(limits=None):  # restored afterwards
        one_blas_thread()
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
