"""Extract and annotate documents in worker processes on this machine, one model per worker.

Raw articles (for extraction: the readers and trafilatura) and documents (for the NLP stages) go to the
workers in small chunks and come back in input order. Each worker builds its Pipeline once (in the process
initializer), so the model is loaded once per worker, not per chunk; where workers are forked, the parent
builds it first (pipeline.shared) and the workers inherit it, loaded, and the next pool of the process too.
"""
from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from dyads.model import Document, Failure
from dyads.pipeline import Pipeline, PipelineOptions, keep, shared

_WORKER: dict[str, Pipeline] = {}  # the worker process's own pipeline (never used in the parent)


def _init(options: PipelineOptions) -> None:
    from dyads.components.matmul import one_blas_thread

    one_blas_thread()  # the workers share the cores; a BLAS thread pool in each would fight over them
    _WORKER["pipeline"] = shared(options)


def _annotate(job: tuple[list[Document], tuple]) -> list[Document]:
    docs, learned = job
    if learned:
        _WORKER["pipeline"].learn(learned)
    return list(_WORKER["pipeline"].annotate(docs))


def _process(job: tuple[list, object]) -> list:
    from dyads.api import process  # the extraction of a local run (dyads.api imports this module lazily)

    items, options = job
    return [item if isinstance(item, Failure) else process(item, options) for item in items]


def _versions() -> dict[str, str]:
    return _WORKER["pipeline"].versions()


class ParallelAnnotator:
    """A pool of `workers` processes, each with its own Pipeline; use as a context manager."""

    def __init__(self, options: PipelineOptions = PipelineOptions(), workers: int = 2, chunk: int = 4):
        self.options = options
        self.workers = workers
        self.chunk = chunk
        self._versions: dict[str, str] | None = None
        self._learned: tuple = ()
        forked = "fork" in mp.get_all_start_methods()
        context = mp.get_context("fork" if forked else "spawn")
        if forked:
            keep(options)  # built (or kept) here, inherited by the workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                                        initargs=(options,))

    def _chunks(self, items: Iterable) -> list[list]:
        chunks: list[list] = []
        current: list = []
        for item in items:
            current.append(item)
            if len(current) >= self.chunk:
                chunks.append(current)
                current = []
        if current:
            chunks.append(current)
        return chunks

    def annotate(self, documents: Iterable[Document]) -> Iterator[Document]:
        for done in self.pool.map(_annotate, [(c, self._learned) for c in self._chunks(documents)]):
            yield from done

    def submit_annotate(self, documents: list[Document]) -> Future:
        """One job annotating `documents` with the names learned so far; its result, the documents."""
        return self.pool.submit(_annotate, (documents, self._learned))

    def process(self, items: list, options) -> list:
        """dyads.api.process of each raw article (Failures passed through), on the workers, in input order:
        the extraction runs beside the NLP instead of before it in the parent."""
        return [r for done in self.submit_process(items, options) for r in done.result()]

    def submit_process(self, items: list, options) -> list[Future]:
        """`process` queued chunk by chunk: one future per chunk of `self.chunk` items, in input order."""
        return [self.pool.submit(_process, (c, options)) for c in self._chunks(items)]

    def learn(self, aliases) -> None:
        """Names learned since: sent along with the next chunks, each worker adds what it lacks."""
        self._learned = tuple(aliases)

    def versions(self) -> dict[str, str]:
        """The workers' Pipeline.versions() (model, KB, patterns; asked of one worker), plus `workers`."""
        if self._versions is None:
            self._versions = self.pool.submit(_versions).result() | {"workers": str(self.workers)}
        return self._versions

    def close(self) -> None:
        self.pool.shutdown()

    def __enter__(self) -> "ParallelAnnotator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
