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
from dyads.pipeline import Pipeline, PipelineOptions
from dyads.scale.options import DaskOptions
from dyads.storage import Store
from dyads.storage.duckdb_store import DEFAULT_DB


@dataclass(frozen=True)
class Options:
    """Every setting of a run, built once (defaults, then CLI flags) and passed to each stage."""

    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 50
    nlp: bool = True  # run the NLP stages (actors, ...) after extraction
    workers: int = 1  # processes for the NLP stages (each loads its own model)
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
            results = [item if isinstance(item, Failure) else process(item, options) for item in batch]
            yield from _annotate(annotator, results) if annotator is not None else results
    finally:
        if owned is not None:
            owned.close()


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
    return Pipeline(pipe_options)


def ingest(paths: Iterable[str | os.PathLike], db: str | os.PathLike = "dyads.duckdb", options: Options = Options(),
           progress: Callable[[str, str], None] | None = None, command: str = "ingest") -> IngestReport:
    """Extract and store every article under `paths`. Inputs already stored are skipped before
    extraction (by content hash); articles already stored under another input count as duplicates.
    `progress(source, outcome)` is called once per input. A database file this call creates is removed
    again when nothing was stored in it (`report.kept` is then False); an existing one is never removed.
    The file is held only while a batch is looked up or written, never while it is extracted or parsed,
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
            else:
                for batch in batches:
                    _ingest_batch(db, batch, options, report, progress, pipeline)
            status = "finished"
        finally:
            with _writing(db) as store:
                store.finish_run(report.run_id, report.counts(), status)
    finally:
        if pipeline is not None:
            pipeline.close()
        if opened and created and not report.ingested and not report.duplicates:
            report.kept = not _remove_database(db)
    return report


@contextmanager
def _writing(db):
    """The store opened for writing, with this process's writer mark beside it while it is open."""
    from dyads.storage.access import writing

    with writing(db), Store(db) as store:
        yield store


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
    with _writing(db) as store:
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
    if pipeline is not None and docs:
        with _writing(db) as store:  # what the batches before this one stored: the same at every batch of a run and of a resumed one
            learned = store.learned_aliases()
            stored = frozenset(store.known_documents(d.id for d in docs))
        pipeline.learn(learned)
        docs = _annotate(pipeline, docs, stored)
    _save_batch(db, docs, failures, report, progress)


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


@contextmanager
def reading(db):
    """The store to read: `db` a path (opened read-only, waiting for a running ingest's write), an open
    Store, or a storage.access.SharedReader (a connection held across calls, as the dashboard's)."""
    from dyads.storage.access import SharedReader

    if isinstance(db, Store):
        yield db
    elif isinstance(db, SharedReader):
        with db.cursor() as cursor:
            yield Store.on(cursor, db.path)
    else:
        with Store(db, read_only=True) as store:
            yield store


def shared_reader(db: str | os.PathLike):
    """A storage.access.SharedReader over `db`: one read-only connection for many calls (and threads), let go
    whenever an ingest writes; pass it as the `db` of the reading functions here (the dashboard does)."""
    from dyads.storage.access import SharedReader

    return SharedReader(db)


def articles(db: str | os.PathLike = "dyads.duckdb", limit: int | None = None) -> list[dict]:
    with reading(db) as store:
        return store.articles(limit)


def record(db: str | os.PathLike, doc_id: str) -> dict | None:
    """The stored record of one article: by id, input name, or id prefix (at least 6 characters). None
    when nothing matches; StoreError when the prefix is too short or matches several (naming them)."""
    with reading(db) as store:
        return store.record(doc_id)


def actors(db: str | os.PathLike = "dyads.duckdb", key: str | None = None, role: str | None = None,
           limit: int | None = None) -> list[dict]:
    with reading(db) as store:
        return store.actors(key, role, limit)


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

    pipeline = pipeline or Pipeline(options)
    texts = list(texts)
    stamps = published if isinstance(published, list) else [published] * len(texts)
    docs = []
    for text, stamp in zip(texts, stamps):
        ident = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
        docs.append(Document(id=ident, source="<text>", doc=ident, source_hash=ident, body=text, published=stamp,
                             language=options.language))
    return list(pipeline.annotate(docs))


DEFAULT_MIN_CONFIDENCE = 0.5  # chosen from the accuracy-coverage curves of benchmarks/coding.py (dev parts)


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
    pipeline = pipeline or Pipeline(PipelineOptions(dictionaries=tuple(dictionaries)))
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


def events(db: str | os.PathLike = "dyads.duckdb", actor: str | None = None, dyad=None, code: str | None = None,
           since=None, until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, clusters: bool = False,
           limit: int | None = None, source: str | None = None, target: str | None = None) -> list[dict]:
    """Stored events as `Event.to_dict()` (plus `cluster_id`, `document_title`), the filters of
    `dyads events`: `actor` (a key such as USA or EU, or a code such as USAGOV or IGOEUREEC, on either
    side), `dyad` ("SOURCE,TARGET" or a pair; or `source`/`target` alone), `code` (a CAMEO root or full
    code), `since`/`until` (YYYY, YYYY-MM, YYYY-MM-DD or a date), `min_confidence`, `clusters` (one row
    per cluster of reports), `limit`. A value that is not known raises dyads.errors.UsageError naming
    the closest known ones, with the message the CLI prints."""
    from dyads.storage.filters import check_filters

    filters = dict(actor=actor, dyad=dyad, code=code, since=since, until=until, min_confidence=min_confidence,
                   clusters=clusters, limit=limit, source=source, target=target)
    check_filters(**filters)  # before the database: a wrong value is a usage error even without one
    with reading(db) as store:
        return store.events(**filters)


def check_day(value: str, option: str = "since", end: bool = False):
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> its first day (its last with `end`); UsageError otherwise."""
    from dyads.storage.filters import parse_day

    return parse_day(value, option, end)


def series(db: str | os.PathLike = "dyads.duckdb", actor=None, dyad=None, group=None, by: str = "month", since=None,
           until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, by_root: bool = False,
           mentions: bool = False):
    """Per-period series of an actor (either side), a dyad ("A,B") or a group ("CHN+RUS,USA") as a pandas
    DataFrame: events, goldstein_sum, goldstein_mean, QuadClass shares, tone_mean, articles (root_01..root_20
    with `by_root`); `by` day, week, month or quarter; clusters once unless `mentions` (docs/analysis.md)."""
    from dyads.analysis.series import series as run

    with reading(db) as store:
        return run(store.con, actor=actor, dyad=dyad, group=group, by=by, since=since, until=until,
                   min_confidence=min_confidence, by_root=by_root, mentions=mentions)


def network(db: str | os.PathLike = "dyads.duckdb", since=None, until=None,
            min_confidence: float = DEFAULT_MIN_CONFIDENCE, actor=None, code=None, mentions: bool = False,
            min_events: int = 1):
    """The actor network of the events between two known actors as an analysis.network.Network: `graph` (a
    networkx DiGraph), DataFrames `nodes`, `edges`, `alignment`, a list `communities`, `to_dict()`; filters as
    in `events`; clusters once unless `mentions`; edges with fewer than `min_events` left out (docs/network.md)."""
    from dyads.analysis.network import network as run

    with reading(db) as store:
        return run(store.con, since=since, until=until, min_confidence=min_confidence, actor=actor, code=code,
                   mentions=mentions, min_events=min_events)


def shift(db: str | os.PathLike = "dyads.duckdb", actor=None, dyad=None, group=None, before=None, after=None,
          docs=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, mentions: bool = False, samples: int = 2000,
          seed: int = 0):
    """The stance shift of an actor, a dyad or a group (or every event) between two windows, `before` and
    `after` ("2023:2023", ":2023-06", or (start, end) pairs), or two documents `docs` (ids, unique id prefixes or
    input names), as an analysis.shift.Shift: each window's figures, root and QuadClass shares, appeared and
    vanished targets and codes, the carrying sentences, the Goldstein change with a seeded bootstrap 95 %
    interval and a one-line `verdict`; `to_dict()` for JSON (docs/shift.md)."""
    from dyads.analysis.shift import check_request, shift as run

    arguments = dict(actor=actor, dyad=dyad, group=group, before=before, after=after, docs=docs,
                     min_confidence=min_confidence, mentions=mentions, samples=samples, seed=seed)
    check_request(**arguments)  # before the database: a wrong value is a usage error even without one
    with reading(db) as store:
        return run(store.con, **arguments)


def events_frame(db: str | os.PathLike = "dyads.duckdb", actor: str | None = None, dyad=None, code: str | None = None,
                 since=None, until=None, min_confidence: float = DEFAULT_MIN_CONFIDENCE, clusters: bool = False,
                 limit: int | None = None, source: str | None = None, target: str | None = None):
    """The stored events under the filters of `events` as a pandas DataFrame: every column of the events
    table (provenance as a JSON string), then document_url, document_title, document_publisher,
    document_published_day; with `clusters`, the first report of each cluster (docs/export.md)."""
    from dyads.io.export import events_frame as frame
    from dyads.storage.filters import check_filters

    filters = check_filters(actor=actor, dyad=dyad, code=code, since=since, until=until,
                            min_confidence=min_confidence, clusters=clusters, limit=limit, source=source, target=target)
    with reading(db) as store:
        return frame(store.con, _matching(store, filters))


def export(db: str | os.PathLike, path: str | os.PathLike, format: str = "csv", header: bool = True,
           actor: str | None = None, dyad=None, code: str | None = None, since=None, until=None,
           min_confidence: float = DEFAULT_MIN_CONFIDENCE, clusters: bool = False, limit: int | None = None,
           source: str | None = None, target: str | None = None) -> int:
    """Write the events `events_frame` gives to `path` ('-': standard output, text formats only) as csv,
    jsonl, parquet, gdelt (GDELT 2.0 event columns, tab-separated) or plover (PLOVER JSON Lines); returns
    the rows written. A file is written even when nothing matches (header or schema only); docs/export.md."""
    from dyads import __version__
    from dyads.io.export import check_export, export as run
    from dyads.storage.filters import check_filters

    check_export(path, format, header)  # before the database: a wrong value is a usage error even without one
    filters = check_filters(actor=actor, dyad=dyad, code=code, since=since, until=until,
                            min_confidence=min_confidence, clusters=clusters, limit=limit, source=source, target=target)
    with reading(db) as store:
        return run(store.con, path, format, _matching(store, filters), header=header, coder=f"dyads {__version__}")


def _matching(store: Store, filters):
    """The io.export.Matching of checked filters: their WHERE clause, actors resolved against the store."""
    from dyads.io.export import Matching
    from dyads.storage.filters import conditions

    where, args = conditions(store.con, filters)
    return Matching(where, tuple(args), filters.clusters, filters.limit)


from dyads.io.export import FORMATS as EXPORT_FORMATS  # noqa: E402, F401 - for the CLI (cli imports no io)
