"""Run the NLP stages over documents in batches.

The spaCy model, the KB and the matchers are built once per Pipeline; `annotate` parses every text
segment of a batch with one nlp.pipe call and then runs the stages document by document. A stage
that fails on one document leaves a warning on it; the batch goes on.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from dyads.components.actors import ActorResolver
from dyads.components.mentions import Gazetteer
from dyads.components.nlp import load_model, segments_of
from dyads.kb import load_kb
from dyads.model import Document


@dataclass(frozen=True)
class PipelineOptions:
    model: str | None = None
    dictionaries: tuple[str, ...] = ()  # users' CAMEO/PETRARCH actor and agent dictionaries
    batch_size: int = 16
    language: str = "en"
    learned: tuple[tuple[str, str | None, str | None], ...] = field(default=())  # (name, key, role)


class Pipeline:
    def __init__(self, options: PipelineOptions = PipelineOptions()):
        self.options = options
        self.nlp = load_model(options.model)
        self.kb = load_kb(tuple(options.dictionaries))
        learned = {name: (key, role) for name, key, role in options.learned}
        self.gazetteer = Gazetteer(self.nlp, self.kb, learned)
        self.actors = ActorResolver(self.kb, self.gazetteer)

    def versions(self) -> dict[str, str]:
        meta = self.nlp.meta
        return {"spacy_model": f"{meta.get('name')}-{meta.get('version')}", "kb": self.kb.version()}

    def annotate(self, documents: Iterable[Document]) -> Iterator[Document]:
        batch: list[Document] = []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= self.options.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Document]) -> list[Document]:
        todo = [d for d in docs if (d.language or self.options.language) == self.options.language]
        segs = {id(d): segments_of(d) for d in todo}
        flat = [s for d in todo for s in segs[id(d)]]
        for seg, parsed in zip(flat, self.nlp.pipe(s.text for s in flat)):
            seg.doc = parsed
        for doc in todo:
            when = _day(doc.published)
            try:
                doc.mentions, doc.actors = self.actors.resolve(segs[id(doc)], when)
            except Exception as err:  # noqa: BLE001 - one document's failure must not stop the batch
                doc.warnings.append(f"actors stage failed: {type(err).__name__}: {err}")
            doc.annotated = True
        return docs


def _day(value) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value
