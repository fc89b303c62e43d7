"""The public API: what notebooks, the CLI and the web layer call.

    from dyads import api
    for item in api.extract(["news/"]):      # Document or Failure, one per article
        ...
    report = api.ingest(["news/"], db="dyads.duckdb")
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version

from dyads.components.extract import ExtractOptions, extract as extract_one
from dyads.errors import InputError
from dyads.io.sources import DEFAULT_MAX_BYTES, iter_inputs
from dyads.model import Document, Failure, RawArticle
from dyads.storage import Store


@dataclass(frozen=True)
class Options:
    """Every setting of a run, built once (defaults, then CLI flags) and passed to each stage."""

    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 50
    extract: ExtractOptions = field(default_factory=ExtractOptions)

    def as_config(self) -> dict:
        return asdict(self)


@dataclass
class IngestReport:
    run_id: str
    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def counts(self) -> dict[str, int]:
        return {"ingested": len(self.ingested), "duplicate": len(self.duplicates), "failed": len(self.failures)}


def component_versions() -> dict[str, str]:
    from dyads import __version__

    out = {"dyads": __version__}
    for dist in ("trafilatura", "htmldate", "py3langid", "charset-normalizer", "duckdb", "warcio"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "missing"
    return out


def process(raw: RawArticle, options: Options = Options()) -> Document | Failure:
    """One raw article through the pipeline; a Failure carries the reason instead of raising."""
    try:
        return extract_one(raw, options.extract)
    except InputError as err:
        return Failure(err.source, err.reason)
    except (RecursionError, MemoryError) as err:
        return Failure(raw.source, f"document too complex to process ({type(err).__name__})")


def extract(paths: Iterable[str | os.PathLike], options: Options = Options()) -> Iterator[Document | Failure]:
    """Every article under `paths` as a Document, or a Failure naming the input and the reason."""
    for item in iter_inputs(paths, options.max_bytes):
        yield item if isinstance(item, Failure) else process(item, options)


def ingest(paths: Iterable[str | os.PathLike], db: str | os.PathLike = "dyads.duckdb", options: Options = Options(),
           progress: Callable[[str, str], None] | None = None, command: str = "ingest") -> IngestReport:
    """Extract and store every article under `paths`. Inputs already stored are skipped before
    extraction (by content hash); articles already stored under another input count as duplicates.
    `progress(source, outcome)` is called once per input."""
    with Store(db) as store:
        run_id = store.start_run(command, component_versions(), options.as_config())
        report = IngestReport(run_id)
        status = "failed"
        try:
            for batch in _batches(iter_inputs(paths, options.max_bytes), options.batch_size):
                _ingest_batch(store, batch, options, report, progress)
            status = "finished"
        finally:
            store.finish_run(run_id, report.counts(), status)
    return report


def _ingest_batch(store: Store, batch: list, options: Options, report: IngestReport, progress) -> None:
    known = store.known_sources(r.content_hash() for r in batch if isinstance(r, RawArticle))
    docs: list[Document] = []
    failures: list[Failure] = []
    for item in batch:
        if isinstance(item, RawArticle) and item.content_hash() in known:
            report.duplicates.append(item.source)
            _tell(progress, item.source, "duplicate")
            continue
        result = item if isinstance(item, Failure) else process(item, options)
        if isinstance(result, Failure):
            failures.append(result)
            _tell(progress, result.source, "failed")
        else:
            docs.append(result)
    inserted, duplicates = store.save(docs, failures, report.run_id)
    report.failures.extend(failures)
    for doc in inserted:
        report.ingested.append(doc.source)
        _tell(progress, doc.source, "ingested")
    for doc in duplicates:
        report.duplicates.append(doc.source)
        _tell(progress, doc.source, "duplicate")


def _tell(progress, source: str, outcome: str) -> None:
    if progress is not None:
        progress(source, outcome)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def articles(db: str | os.PathLike = "dyads.duckdb", limit: int | None = None) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.articles(limit)


def record(db: str | os.PathLike, doc_id: str) -> dict | None:
    with Store(db, read_only=True) as store:
        return store.record(doc_id)
