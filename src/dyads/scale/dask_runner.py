"""Ingest on a Dask cluster: extraction and NLP on the workers, one writer on the client.

The client reads the inputs and groups them into partitions of the batch size (the batches of a local
ingest). Inputs already stored are left out before a partition is sent (content-hash lookup). On a
worker, each article is extracted (api.process) and the partition's documents are annotated by the
worker's own Pipeline, built once per worker by a WorkerPlugin keyed on the PipelineOptions; the
worker writes one Parquet file per partition into the run folder, one row per input it was sent. The
client reads the partitions back in input order (a few are in flight at a time, finishing in any
order) and stores each with the batch logic of a local ingest: the same duplicate, resume and failure
accounting, and events clustered in the same order, so the stored rows equal a local run's.

Names the store learns (api.ingest's learned aliases) go with each partition as it is sent; those
learned by the partitions still in flight are checked at the merge: a document whose text holds a
word of a name the worker's pipeline knew differently from the store is annotated again on the
client with the store's names, as a local batch would have been (docs/scale.md).
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from collections import deque
from dataclasses import dataclass, replace

from dyads.errors import DyadsError, UsageError
from dyads.model import Document, Failure, RawArticle

try:
    from distributed import WorkerPlugin
except ImportError as missing:  # dask is an optional extra
    raise DyadsError(f"--dask needs Dask ({missing}); install it with pip install 'dyads[dask]'") from None

COLUMNS = ("position", "kind", "source", "source_hash", "doc_id", "reason", "warnings_before", "document")


class PipelinePlugin(WorkerPlugin):
    """The worker's Pipeline, built once when the plugin is set up on a worker; `annotate` serialises
    the worker's threads on it (use one thread per worker process)."""

    idempotent = True  # registered again by a later run with the same options: the loaded model is kept

    def __init__(self, options):
        self.options = options
        self.pipeline = None
        self.lock = None

    def setup(self, worker=None) -> None:
        from dyads.pipeline import Pipeline

        self.lock = threading.Lock()
        self.pipeline = Pipeline(self.options)

    def teardown(self, worker=None) -> None:
        self.pipeline = None

    def annotate(self, docs: list[Document], learned: tuple) -> list[str]:
        """Annotate `docs` in place knowing the names `learned`; return the names the pipeline knew beyond
        them, which the client checks at the merge. Within a run the names sent only grow, and the pipeline
        learns the new ones; names it holds that were not sent (another run's, into another store) make it
        start again from exactly those sent, so that a long-lived cluster does not carry one store's names
        into the next."""
        with self.lock:
            sent = {name for name, _, _ in learned}
            if not set(self.pipeline.gazetteer.learned) <= sent:
                self.pipeline = self.pipeline.with_names(learned)
            self.pipeline.learn(learned)
            list(self.pipeline.annotate(docs))
            return sorted(set(self.pipeline.gazetteer.learned) - sent)

    def annotate_exactly(self, docs: list[Document], learned: tuple) -> list[Document]:
        """Annotate `docs` knowing exactly the names `learned` (the store's at the merge), not those this
        worker gathered from other partitions."""
        with self.lock:
            list(self.pipeline.with_names(learned).annotate(docs))
        return docs


def local_cluster_options(workers: int) -> dict:
    """A LocalCluster of `workers` processes, one thread each, on loopback; no dashboard (the scheduler's
    small HTTP server of health routes on a free port, not 8787)."""
    return dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.ERROR)


def plugin_name(options) -> str:
    """The plugin's name, keyed on the PipelineOptions (learned names travel with the partitions)."""
    return "dyads-pipeline-" + hashlib.sha256(repr(replace(options, learned=())).encode()).hexdigest()[:16]


def run_partition(index: int, items: list, options, learned: tuple, folder: str) -> dict:
    """On a worker: extract and annotate one partition, write it as `part-<index>.parquet` in `folder`."""
    from distributed import get_worker

    from dyads.api import process

    results = [(pos, item, item if isinstance(item, Failure) else process(item, options)) for pos, item in items]
    docs = [result for _, _, result in results if isinstance(result, Document)]
    before = {id(doc): len(doc.warnings) for doc in docs}
    extra: list[str] = []
    if options.nlp and docs:
        extra = get_worker().plugins[plugin_name(options.pipeline)].annotate(docs, learned)
    rows = []
    for pos, item, result in results:
        digest = item.content_hash() if isinstance(item, RawArticle) else None
        if isinstance(result, Failure):
            rows.append((pos, "failure", result.source, digest, None, result.reason, None, None))
        else:
            rows.append((pos, "document", result.source, digest, result.id, None, before[id(result)],
                         pickle.dumps(result, protocol=5)))
    return {"path": write_partition(folder, index, rows), "extra": extra}


def write_partition(folder: str, index: int, rows: list[tuple]) -> str:
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = (pa.int64(), pa.string(), pa.string(), pa.string(), pa.string(), pa.string(), pa.int32(), pa.binary())
    table = pa.table({name: pa.array([row[i] for row in rows], type) for i, (name, type)
                      in enumerate(zip(COLUMNS, types))})
    fs, root = fsspec.core.url_to_fs(folder)
    fs.makedirs(root, exist_ok=True)
    path = f"{root.rstrip('/')}/part-{index:06d}.parquet"
    with fs.open(path, "wb") as fh:
        pq.write_table(table, fh)
    return path


def read_partition(folder: str, path: str) -> dict[int, dict]:
    """A partition's rows by input position."""
    import fsspec
    import pyarrow.parquet as pq

    fs, _ = fsspec.core.url_to_fs(folder)
    try:
        with fs.open(path, "rb") as fh:
            rows = pq.read_table(fh).to_pylist()
    except (OSError, ValueError) as err:
        raise DyadsError(f"--dask-dir {folder}: cannot read the partition {path} a worker wrote ({err}); with "
                         "workers on other machines, give a folder all of them and this one share, or an "
                         "object-storage URL") from None
    return {row["position"]: row for row in rows}


def rerun_documents(name: str, docs: list[Document], learned: tuple) -> list[Document]:
    """On a worker: annotate again, with exactly the store's names, documents a merge found annotated with
    others (DaskRunner._recheck)."""
    from distributed import get_worker

    return get_worker().plugins[name].annotate_exactly(docs, learned)


def _versions(name: str) -> dict[str, str]:
    from distributed import get_worker

    return get_worker().plugins[name].pipeline.versions()


@dataclass
class Partition:
    """What the client keeps of a partition in flight: each input's source and content hash (None for
    a Failure), the names sent with it, and the worker's future (None when every input was stored)."""

    index: int
    inputs: list[tuple[str, str | None]]
    sent: frozenset
    future: object = None


class DaskRunner:
    """A connection to a Dask cluster (a LocalCluster of its own for `local:N`) with the pipeline plugin
    registered; `ingest` runs a whole ingest's batches through it."""

    def __init__(self, options):
        from distributed import Client, LocalCluster

        self.options = options
        self.dask = options.dask
        self.cluster = None
        if options.workers > 1:
            raise UsageError("workers", "--dask and --workers are exclusive: with --dask the cluster's workers "
                                        "run the NLP")
        local = self.dask.local_workers()
        try:
            if local:
                try:
                    self.cluster = LocalCluster(**local_cluster_options(local))
                except Exception as err:  # noqa: BLE001 - a worker process that did not start, whatever the cause
                    raise DyadsError(f"--dask {self.dask.address}: the LocalCluster did not start "
                                     f"({type(err).__name__}: {err}); a script that starts one needs `if __name__ == '__main__':` around "
                                     "its top level (the workers import it again)") from None
                self.client = Client(self.cluster, timeout=f"{self.dask.timeout}s")
            else:
                self.client = Client(self.dask.address, timeout=f"{self.dask.timeout}s")
        except (OSError, TimeoutError) as err:
            self.close()
            raise DyadsError(f"--dask {self.dask.address}: cannot reach the Dask scheduler within "
                             f"{self.dask.timeout:g} s ({err}); check the address, or start one with "
                             "`dask scheduler`") from None
        try:
            self.client.wait_for_workers(1, timeout=self.dask.timeout)
        except TimeoutError:
            self.close()
            raise DyadsError(f"--dask {self.dask.address}: the scheduler has no workers (none joined within "
                             f"{self.dask.timeout:g} s); start some with `dask worker {self.dask.address}`") from None
        self.plugin = plugin_name(options.pipeline)
        if options.nlp:
            try:
                self.client.register_plugin(PipelinePlugin(replace(options.pipeline, learned=())), name=self.plugin)
            except Exception as err:  # noqa: BLE001 - whatever a worker raised while loading the model
                self.close()
                raise DyadsError(f"--dask {self.dask.address}: a worker could not load the NLP pipeline: "
                                 f"{type(err).__name__}: {err}") from None

    def threads(self) -> int:
        return sum(self.client.nthreads().values())

    def versions(self) -> dict[str, str]:
        """Pipeline.versions() as a worker reports it (model, KB, patterns), plus the cluster's size."""
        found = {"dask_workers": str(len(self.client.nthreads()))}
        if self.options.nlp:
            found = self.client.submit(_versions, self.plugin, pure=False).result() | found
        return found

    def folder(self, db, run_id: str) -> str:
        """The run folder: `<folder>/<run_id>` (`<db>.dask/<run_id>` by default), only ever removed whole."""
        chosen = self.dask.folder
        if chosen is None:
            return os.path.abspath(f"{os.fspath(db)}.dask/{run_id}")
        return f"{chosen.rstrip('/')}/{run_id}" if "://" in chosen else os.path.join(os.path.abspath(chosen), run_id)

    def ingest(self, db, batches, report, progress) -> None:
        """Send the batches as partitions (a window of twice the cluster's threads in flight) and store
        them in input order; remove the run folder after the last unless `keep_parquet`."""
        from dyads.api import _writing

        self._folder, self._run_id = self.folder(db, report.run_id), report.run_id
        pending: deque[Partition] = deque()
        batches = enumerate(batches)
        try:
            first = [following for _, following in zip(range(max(2, 2 * self.threads())), batches)]
            with _writing(db) as store:  # the first partitions' lookups (the file stays held between batches)
                pending.extend(self._send(store, index, batch) for index, batch in first)
            while pending:
                self._merge(db, pending.popleft(), report, progress, next(batches, None), pending)
        except BaseException:
            for part in pending:
                if part.future is not None:
                    part.future.cancel()
            raise
        if not self.dask.keep_parquet:
            _remove_folder(self._folder, default=self.dask.folder is None)

    def _send(self, store, index: int, batch: list) -> Partition:
        """Submit a batch but its inputs stored already, with the names `store` has learned."""
        hashes = [item.content_hash() if isinstance(item, RawArticle) else None for item in batch]
        known = store.known_sources(h for h in hashes if h)
        learned = tuple(store.learned_aliases()) if self.options.nlp else ()
        items = [(pos, item) for pos, (item, digest) in enumerate(zip(batch, hashes)) if digest not in known]
        part = Partition(index, [(item.source, digest) for item, digest in zip(batch, hashes)],
                         frozenset(name for name, _, _ in learned))
        if items:
            part.future = self.client.submit(run_partition, index, items, self.options, learned, self._folder,
                                             key=f"dyads-{self._run_id}-{index}", pure=False)
        return part

    def _merge(self, db, part: Partition, report, progress, following, pending: deque) -> None:
        """Store one partition as api._ingest_batch stores a batch (inputs stored by now are duplicates);
        `following`, the next (index, batch), is sent in the same opening of the file as the lookups."""
        from dyads.api import _save_batch, _tell, _writing

        rows, extra = {}, []
        if part.future is not None:
            try:
                done = part.future.result()
            except Exception as err:  # noqa: BLE001 - a worker's error, or a worker lost
                first = part.inputs[0][0]
                raise DyadsError(f"--dask {self.dask.address}: the partition from {first} ({len(part.inputs)} "
                                 f"inputs) failed on the cluster: {type(err).__name__}: {err}") from None
            rows, extra = read_partition(self._folder, done["path"]), done["extra"]
        with _writing(db) as store:  # the lookups of a local batch: what the partitions before stored
            known = store.known_sources(digest for _, digest in part.inputs if digest)
            learned = store.learned_aliases() if self.options.nlp else []
            stored = frozenset(store.known_documents(row["doc_id"] for row in rows.values() if row["doc_id"]))
            if following is not None:
                pending.append(self._send(store, *following))
        docs: list[Document] = []
        failures: list[Failure] = []
        before: dict[int, int] = {}
        for pos, (source, digest) in enumerate(part.inputs):
            if digest is not None and digest in known:
                report.duplicates.append(source)
                _tell(progress, source, "duplicate")
                continue
            row = rows[pos]
            if row["kind"] == "failure":
                failures.append(Failure(row["source"], row["reason"]))
                _tell(progress, row["source"], "failed")
            else:
                doc = pickle.loads(row["document"])
                before[id(doc)] = row["warnings_before"]
                docs.append(doc)
        if self.options.nlp and docs:
            docs = self._recheck(docs, before, learned, part.sent | set(extra), stored)
        _save_batch(db, docs, failures, report, progress)

    def _recheck(self, docs: list[Document], before: dict, learned: list, used: set, stored: frozenset) -> list:
        """`docs`, those whose text holds a word of a name that the worker knew and the store does not (or
        the reverse) annotated again with exactly the store's names (as a local batch): on a worker, so that
        the client, which merges, does not load a model and parse beside the workers."""
        words = {name.split()[-1].lower() for name in used ^ {name for name, _, _ in learned} if name.split()}
        redo = [d for d in docs if d.id not in stored and words and _holds_any(d, words)]
        if not redo:
            return docs
        for doc in redo:
            _unannotate(doc, before[id(doc)])
        try:
            again = self.client.submit(rerun_documents, self.plugin, redo, tuple(learned), pure=False,
                                       priority=1).result()  # before the partitions waiting: the merge waits on it
        except Exception as err:  # noqa: BLE001 - a worker's error, or a worker lost
            raise DyadsError(f"--dask {self.dask.address}: annotating {len(redo)} documents again (from "
                             f"{redo[0].source}) failed on the cluster: {type(err).__name__}: {err}") from None
        done = {id(old): new for old, new in zip(redo, again)}
        return [done.get(id(d), d) for d in docs]

    def close(self) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def _holds_any(doc: Document, words: set[str]) -> bool:
    text = "\n".join([doc.title or "", doc.subtitle or "", doc.dateline or "", doc.body, *doc.captions]).lower()
    return any(word in text for word in words)


def _unannotate(doc: Document, warnings_before: int) -> None:
    """`doc` as extraction left it (the NLP stages' fields empty, their warnings gone)."""
    doc.warnings = doc.warnings[:warnings_before]
    doc.mentions, doc.actors, doc.events, doc.quotes, doc.dates = [], [], [], [], []
    doc.tone, doc.annotated = None, False


def _remove_folder(folder: str, default: bool) -> None:
    import fsspec

    fs, root = fsspec.core.url_to_fs(folder)
    if fs.exists(root):
        fs.rm(root, recursive=True)
    if default:
        try:
            os.rmdir(os.path.dirname(root))  # <db>.dask, when no other run's folder is kept in it
        except OSError:
            pass
