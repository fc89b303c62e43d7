"""Matrix products of the spaCy model by numpy's BLAS.

thinc's NumpyOps multiplies matrices with blis, which on this machine's CPU (AMD EPYC, AVX-512) runs the
model's shapes some 3× slower than the OpenBLAS that numpy ships (`benchmarks/matmul.py` prints the
ratio). thinc can hand its products to numpy instead (`NumpyOps(use_blis=False)`, the base Ops' `dot`):
the same products but for float rounding, and on the 91 pages of the extraction benchmark the same
tags, dependencies, entities and so the same stored rows. `use_numpy_blas` gives every layer of every
component that; the parser's own C loop keeps blis (thinc's cblas).

OpenBLAS may use several threads for one product. A process that is one of several workers on the
machine asks for one (`one_blas_thread`), so that the workers do not fight over the cores; a one-process
run keeps numpy's setting. Dask's nanny sets OPENBLAS_NUM_THREADS=1 for its workers itself.
"""
from __future__ import annotations


def use_numpy_blas(nlp) -> int:
    """Switch every model layer of `nlp`'s components to numpy's matrix product; the number switched."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    switched = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:  # a GPU's ops (or one a user chose) are left alone
                layer.ops = ops
                switched += 1
    return switched


def one_blas_thread() -> None:
    """numpy's BLAS in this process on one thread (a worker beside others)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
