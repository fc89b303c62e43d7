"""The public API: what notebooks, the CLI and the web layer call.

    from dyads import api
    for item in api.extract(["news/"]):      # Document or Failure, one per article
        ...
    report = api.ingest(["news/"], db="dyads.duckdb")
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version

from dyads.components.extract import ExtractOptions, extract as extract_one
from dyads.errors import InputError
from dyads.io.fetch import FetchOptions
from dyads.io.sources import DEFAULT_MAX_BYTES, count_inputs, iter_inputs  # noqa: F401 - count_inputs: for the CLI
from dyads.model import Document, Failure, RawArticle
from dyads.pipeline import Pipeline, PipelineOptions, shared
from dyads.scale.options import DaskOptions
from dyads.storage import Store
from dyads.storage.duckdb_store import DEFAULT_DB
from dyads.reading import (DEFAULT_MIN_CONFIDENCE, EXPORT_FORMATS, actors, articles, check_day, events,  # noqa: F401
                           WouldWait, event_rows, events_frame, export, network, reading, record, series,
                           shared_reader, shift, start_index)


@dataclass(frozen=True)
class Options:
    """Every setting of a run, built once (defaults, then CLI flags) and passed to each stage."""

    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 50
    nlp: bool = True  # run the NLP stages (actors, ...) after extraction
    workers: int = 1  # processes for extraction and the NLP stages (each loads its own model)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    fetch: FetchOptions = field(default_factory=FetchOptions)  # how URL inputs are fetched
    dask: DaskOptions | None = None  # ingest on a Dask cluster (scale/dask_runner.py, docs/scale.md)

    def as_config(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "dask" or v is not None}  # local runs: as always


SOURCES_KEPT = 10_000  # an IngestReport names this many sources of each outcome; its counts stay exact


class SourceList(list):
    """The sources of one outcome: `total` counts every append, the list keeps the first SOURCES_KEPT,
    so that a report of millions of inputs stays small (failures are all kept: they are few and wanted)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.total = len(self)

    def append(self, source: str) -> None:
        self.total += 1
        if len(self) < SOURCES_KEPT:
            super().append(source)


@dataclass
class IngestReport:
    run_id: str
    ingested: SourceList = field(default_factory=SourceList)
    duplicates: SourceList = field(default_factory=SourceList)
    failures: list[Failure] = field(default_factory=list)
    not_coded: SourceList = field(default_factory=SourceList)  # ingested, but NLP skipped for their language
    kept: bool = True  # False when the run created the database, stored nothing, and removed the file

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def empty(self) -> bool:
        """True when no input was found at all."""
        return not (self.ingested or self.duplicates or self.failures)

    def counts(self) -> dict[str, int]:
        return {"ingested": self.ingested.total, "duplicate": self.duplicates.total, "failed": len(self.failures)}


def component_versions() -> dict[str, str]:
    from dyads import __version__

    out = {"dyads": __version__}
    for dist in ("trafilatura", "htmldate", "py3langid", "charset-normalizer", "duckdb", "warcio", "spacy"):
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


def extract(paths: Iterable[str | os.PathLike], options: Options = Options(),
            pipeline: Pipeline | None = None) -> Iterator[Document | Failure]:
    """Every article under `paths` as a Document, or a Failure naming the input and the reason.
    With `options.nlp`, documents carry actors (and the later stages' annotations)."""
    owned = _annotator(options) if options.nlp and pipeline is None else None
    annotator = pipeline or owned
    size = options.pipeline.batch_size * max(1, options.workers)
    try:
        for batch in _batches(iter_inputs(paths, options.max_bytes, options.fetch), size):
            results = _process_all(batch, options, annotator)
            yield from _annotate(annotator, results) if annotator is not None else results
    finally:
        if owned is not None:
            owned.close()


def _process_all(items: list, options: Options, pipeline=None) -> list:
    """`process` of each raw article (Failures as they are), in order; on the pipeline's worker processes
    when it has them (scale/local.ParallelAnnotator.process)."""
    if hasattr(pipeline, "process") and sum(isinstance(i, RawArticle) for i in items) > 1:
        return pipeline.process(items, options)
    return [item if isinstance(item, Failure) else process(item, options) for item in items]


def _annotate(annotator, items: list, skip: frozenset[str] = frozenset()) -> list:
    """`items` with their Documents annotated (in one call, in order), except those whose id is in `skip`."""
    docs = [d for d in items if isinstance(d, Document) and d.id not in skip]
    done = {id(d): a for d, a in zip(docs, annotator.annotate(docs))}
    return [done.get(id(item), item) for item in items]


def _annotator(options: Options, learned: tuple = ()):
    """A Pipeline in this process, or a pool of worker processes when options.workers > 1."""
    pipe_options = replace(options.pipeline, learned=learned) if learned else options.pipeline
    if options.workers > 1:
        from dyads.scale.local import ParallelAnnotator

        return ParallelAnnotator(pipe_options, workers=options.workers)
    return shared(pipe_options)


def ingest(paths: Iterable[str | os.PathLike], db: str | os.PathLike = "dyads.duckdb", options: Options = Options(),
           progress: Callable[[str, str], None] | None = None, command: str = "ingest") -> IngestReport:
    """Extract and store every article under `paths`. Inputs already stored are skipped before
    extraction (by content hash); articles already stored under another input count as duplicates.
    `progress(source, outcome)` is called once per input. A database file this call creates is removed
    again when nothing was stored in it (`report.kept` is then False); an existing one is never removed.
    The file is held from batch to batch and let go, after the batch at hand, whenever a reader asks for it,
    so that readers (`dyads events`, the dashboard) keep working during the run (storage/access.py)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    created = not os.path.lexists(db)
    report = IngestReport("")
    opened = False
    pipeline = None
    try:
        with _writing(db) as store:
            opened = True
            learned = tuple(store.learned_aliases())
        pipeline = options.dask.runner(options) if options.dask else \
            _annotator(options, learned) if options.nlp else None
        versions = component_versions() | (pipeline.versions() if pipeline else {})
        with _writing(db) as store:
            report.run_id = store.start_run(command, versions, options.as_config())
        status = "failed"
        try:
            batches = _batches(iter_inputs(paths, options.max_bytes, options.fetch), options.batch_size)
            if options.dask:  # extraction and NLP on the cluster, stored here batch by batch, in input order
                pipeline.ingest(db, batches, report, progress)
            elif hasattr(pipeline, "submit_process"):  # --workers: worker processes on this machine
                _ingest_overlapped(db, batches, options, report, progress, pipeline)
            else:
                for batch in batches:
                    _ingest_batch(db, batch, options, report, progress, pipeline)
            status = "finished"
        finally:
            with _writing(db) as store:
                store.finish_run(report.run_id, report.counts(), status)
    finally:
        _release(db)
        if pipeline is not None:
            pipeline.close()
        if opened and created and not report.ingested and not report.duplicates:
            report.kept = not _remove_database(db)
    return report


_HELD: dict[str, object] = {}  # database path -> its storage.access.HeldWriter, while an ingest runs


@contextmanager
def _writing(db):
    """The store open for writing: held from batch to batch by this process (with its writer mark beside
    the file) until `_give_way` finds a reader waiting or `_release` ends the run."""
    from dyads.storage.access import HeldWriter

    held = _HELD.get(os.fspath(db))
    if held is None:
        held = _HELD[os.fspath(db)] = HeldWriter(db, lambda: Store(db))
    yield held.get()


def _give_way(db) -> None:
    held = _HELD.get(os.fspath(db))
    if held is not None:
        held.give_way()


def _release(db) -> None:
    held = _HELD.pop(os.fspath(db), None)
    if held is not None:
        held.release()


def _remove_database(db: str | os.PathLike) -> bool:
    """Remove a database file (and its write-ahead log); True when it is gone."""
    for path in (os.fspath(db), os.fspath(db) + ".wal"):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError:
            return False
    return True


def _ingest_batch(db, batch: list, options: Options, report: IngestReport, progress,
                  pipeline: Pipeline | None) -> None:
    _, todo = _unstored(db, batch)
    results = dict(zip(todo, _process_all([batch[at] for at in todo], options, pipeline)))
    docs, failures = _sort_out(batch, results, report, progress)
    if pipeline is not None and docs:
        with _writing(db) as store:  # what the batches before this one stored: the same at every batch of a run and of a resumed one
            learned = store.learned_aliases()
            stored = frozenset(store.known_documents(d.id for d in docs))
        pipeline.learn(learned)
        docs = _annotate(pipeline, docs, stored)
    _save_batch(db, docs, failures, report, progress)


def _unstored(db, batch: list) -> tuple[list[str | None], list[int]]:
    """The content digest of each input of a batch (None for a Failure) and the positions of the inputs
    not stored already (by digest)."""
    digests = [item.content_hash() if isinstance(item, RawArticle) else None for item in batch]
    with _writing(db) as store:
        known = store.known_sources(d for d in digests if d)
    return digests, [at for at, digest in enumerate(digests) if digest is None or digest not in known]


def _sort_out(batch: list, results: dict, report: IngestReport, progress) -> tuple[list[Document], list[Failure]]:
    """A batch's documents and failures, in input order, from `results` (input position -> its Document or
    Failure); an input with no result was stored already and is counted a duplicate."""
    docs: list[Document] = []
    failures: list[Failure] = []
    for at, item in enumerate(batch):
        result = results.get(at)
        if result is None:
            report.duplicates.append(item.source)
            _tell(progress, item.source, "duplicate")
        elif isinstance(result, Failure):
            failures.append(result)
            _tell(progress, result.source, "failed")
        else:
            docs.append(result)
    return docs, failures


def _ingest_overlapped(db, batches: Iterable[list], options: Options, report: IngestReport, progress, workers) -> None:
    """The batches of a --workers ingest (scale/local.ParallelAnnotator) with the lookups, learned names and
    accounting of `_ingest_batch`, so the same stored rows, but the workers kept busy: each chunk is
    annotated as soon as it is extracted, and the next batch's extraction is queued behind this batch's
    annotation, so that it runs while this batch is saved (what it extracted that this batch stores is
    then counted a duplicate, as `_ingest_batch` would have)."""
    batches = iter(batches)
    sent = _send_extraction(db, next(batches, None), options, workers)
    while sent is not None:
        batch, digests, todo, chunks = sent
        with _writing(db) as store:  # what the batches before this one stored
            known = store.known_sources(d for d in digests if d)
            learned = store.learned_aliases()
        workers.learn(learned)
        results: dict[int, Document | Failure] = {}
        jobs = []
        for chunk in chunks:
            fresh = []
            for at, result in zip(todo[len(results):], chunk.result()):
                results[at] = result
                if isinstance(result, Document) and digests[at] not in known:
                    fresh.append(result)
            if fresh:
                with _writing(db) as store:
                    stored = frozenset(store.known_documents(d.id for d in fresh))
                fresh = [d for d in fresh if d.id not in stored]
                jobs.append((fresh, workers.submit_annotate(fresh)))
        following = _send_extraction(db, next(batches, None), options, workers)  # queued behind the annotation
        done = {id(d): a for fresh, job in jobs for d, a in zip(fresh, job.result())}
        results = {at: done.get(id(r), r) for at, r in results.items() if digests[at] not in known}
        _save_batch(db, *_sort_out(batch, results, report, progress), report, progress)
        sent = following


def _send_extraction(db, batch: list | None, options: Options, workers):
    """Queue the extraction of a batch but its inputs stored already: (batch, digests, positions sent,
    futures of their chunks), or None after the last batch."""
    if batch is None:
        return None
    digests, todo = _unstored(db, batch)
    return batch, digests, todo, workers.submit_process([batch[at] for at in todo], options)


def _save_batch(db, docs: list[Document], failures: list[Failure], report: IngestReport, progress) -> None:
    """Store a batch's documents and failures in one transaction and account for them in `report`."""
    with _writing(db) as store:
        inserted, duplicates = store.save(docs, failures, report.run_id)
    report.failures.extend(failures)
    for doc in inserted:
        report.ingested.append(doc.source)
        if any(w.startswith("language is") for w in doc.warnings):
            report.not_coded.append(doc.source)
        _tell(progress, doc.source, "ingested")
    for doc in duplicates:
        report.duplicates.append(doc.source)
        _tell(progress, doc.source, "duplicate")
    _give_way(db)  # between batches: a reader waiting for the file gets it now


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


def check_kb(dictionaries: Iterable[str] = ()) -> tuple[str, list[str], list[str]]:
    """Validate the knowledge base with users' actor and agent dictionaries; return a one-line summary,
    the problems found, and the warnings (each dictionary line loading skipped, `path:line: reason`;
    a verb dictionary is not part of the KB and is named as such)."""
    from dyads.kb import load_kb
    from dyads.kb.check import check_kb as run_check, dictionary_warnings
    from dyads.ontology.petrarch_patterns import is_verb_dictionary

    dictionaries = [str(path) for path in dictionaries]
    verbs = [path for path in dictionaries if is_verb_dictionary(path)]
    kept = tuple(path for path in dictionaries if path not in verbs)
    warnings = [f"{path}: a PETRARCH verb dictionary (event patterns), not part of the KB; not checked here"
                for path in verbs]
    for path in kept:
        warnings.extend(dictionary_warnings(path))
    kb = load_kb(kept)
    people = len(kb.people)
    terms = sum(len(p.terms) for p in kb.people.values())
    summary = (f"{len(kb.states)} states, {len(kb.orgs)} organisations, {people} people with {terms} terms, "
               f"{len(kb.roles)} role words, {len(kb.outlets)} outlets, {len(kb.surface)} surface forms ({kb.version()})")
    return summary, run_check(kb), warnings


def annotate_texts(texts: Iterable[str], published=None, pipeline: Pipeline | None = None,
                   options: PipelineOptions = PipelineOptions()) -> list[Document]:
    """Run the NLP stages on plain texts (sentences or article bodies): one Document each, with
    actors, events, quotes and dates. `published` (a date or aware datetime, or one per text) anchors
    relative dates and office-holders."""
    import hashlib

    pipeline = pipeline or shared(options)
    texts = list(texts)
    stamps = published if isinstance(published, list) else [published] * len(texts)
    docs = []
    for text, stamp in zip(texts, stamps):
        ident = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
        docs.append(Document(id=ident, source="<text>", doc=ident, source_hash=ident, body=text, published=stamp,
                             language=options.language))
    return list(pipeline.annotate(docs))




@dataclass(frozen=True)
class Sentence:
    """One input of the sentence coder: an id, the text, and the date that anchors it (or None)."""

    id: str
    text: str
    date: object = None  # datetime.date or aware datetime


def code(texts: Iterable, date=None, pipeline: Pipeline | None = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
         dictionaries: tuple[str, ...] = ()) -> list:
    """Code sentences or short texts, as event coders' users expect: no minimum length, no extraction.
    `texts`: strings, Sentence objects, or dicts with `text` (and optional `id`, `date`); `date` is the
    default date of those without one. Returns the events, in input order; each event's
    `document_id` is its input's id (its position, from 1, when none is given)."""
    items = [_sentence(i, item, date) for i, item in enumerate(texts, 1)]
    pipeline = pipeline or shared(PipelineOptions(dictionaries=tuple(dictionaries)))
    docs = annotate_texts([s.text for s in items], published=[s.date for s in items], pipeline=pipeline)
    out = []
    for item, doc in zip(items, docs):
        for ev in doc.events:
            if ev.confidence >= min_confidence:
                ev.document_id = item.id
                out.append(ev)
    return out


def read_url_list(path: str | os.PathLike) -> list:
    """The URLs of a file ('-': stdin), one per line, for `extract` / `ingest`; a line that is not an
    http(s) URL is a Failure in its place (see dyads.io.fetch.read_url_list)."""
    from dyads.io.fetch import read_url_list as read

    return read(path)


def read_sentences(paths: Iterable[str]) -> Iterator:
    """Sentence inputs from files or stdin ('-'): dicts for `code`, or Failures naming file and line."""
    from dyads.io.sentences import read_sentences as read

    return read(paths)


def _sentence(position: int, item, default_date):
    import datetime as dt

    if isinstance(item, Sentence):
        return item if item.date is not None or default_date is None else replace(item, date=default_date)
    if isinstance(item, str):
        return Sentence(str(position), item, default_date)
    if isinstance(item, dict):
        when = item.get("date") or default_date
        if isinstance(when, str):
            try:
                when = dt.date.fromisoformat(when[:10])
            except ValueError:
                raise InputError(f"sentence {item.get('id', position)}", f"date {when!r} is not an ISO date") from None
        text = item.get("text")
        if not isinstance(text, str):
            raise InputError(f"sentence {item.get('id', position)}", "no 'text' string")
        return Sentence(str(item.get("id", position)), text, when)
    raise InputError(f"sentence {position}", f"expected a string or a dict with 'text', got {type(item).__name__}")
