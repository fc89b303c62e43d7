"""Run the NLP stages over documents in batches.

The spaCy model, the KB and the matchers are built once per Pipeline; `annotate` parses every text
segment of a batch with one nlp.pipe call and then runs the stages document by document. A stage
that fails on one document leaves a warning on it; the batch goes on. `shared` keeps the last Pipeline
built in the process, so that a second call of the API (or a worker forked from it) loads no model.
"""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from dyads.components.actors import ActorResolver
from dyads.components.classifier import load_classifier
from dyads.components.dates import find_dates
from dyads.components.events import EventCoder
from dyads.components.mentions import Gazetteer
from dyads.components.nlp import load_model, segments_of
from dyads.components.quotes import find_quotes
from dyads.components.selective import SelectiveParser
from dyads.components.tone import Tone
from dyads.components.when_where import Dates, place_for
from dyads.kb import load_kb
from dyads.model import Document
from dyads.ontology.cameo import load_cameo
from dyads.ontology.patterns import PatternSet, load_patterns
from dyads.ontology.petrarch_patterns import convert_verb_dictionary, is_verb_dictionary


@dataclass(frozen=True)
class PipelineOptions:
    model: str | None = None
    dictionaries: tuple[str, ...] = ()  # users' CAMEO/PETRARCH actor, agent and verb dictionaries
    batch_size: int = 16
    language: str = "en"
    learned: tuple[tuple[str, str | None, str | None], ...] = field(default=())  # (name, key, role)
    selective: bool = True  # parse only the sentences that can hold an event or a quote
    classifier: bool = True  # the learned event classifier weighs the rules and proposes events they miss


_KEPT: dict = {}  # the options (without learned names) of the last Pipeline `shared` built -> that Pipeline


def shared(options: PipelineOptions) -> Pipeline:
    """A Pipeline for `options` whose model, KB, patterns and classifier are built once per process: those
    of the last options asked for are kept (other options replace them) and each call gets its own name
    matchers knowing exactly `options.learned` (`Pipeline.with_names`), so that the names one store taught
    never reach another. The api's functions build their pipelines here; worker processes forked after a
    call inherit it. Like any Pipeline, one is for one thread at a time."""
    return keep(options).with_names(options.learned)


def keep(options: PipelineOptions) -> Pipeline:
    """The kept Pipeline `shared` copies for `options` (built now unless kept): not to annotate with, since
    learning names would change it; what a parent calls before forking its workers."""
    key = replace(options, learned=())
    base = _KEPT.get(key)
    if base is None:
        _KEPT.clear()
        base = _KEPT[key] = Pipeline(key)
    return base


def forget_shared() -> None:
    """Let go of the pipeline `shared` keeps: the next call builds one anew (a cold start, its memory freed)."""
    _KEPT.clear()


class Pipeline:
    def __init__(self, options: PipelineOptions = PipelineOptions()):
        self.options = options
        self.nlp = load_model(options.model)
        verb_files = [path for path in options.dictionaries if is_verb_dictionary(path)]
        self.kb = load_kb(tuple(path for path in options.dictionaries if path not in verb_files))
        learned = {name: (key, role) for name, key, role in options.learned}
        self.gazetteer = Gazetteer(self.nlp, self.kb, learned)
        self.actors = ActorResolver(self.kb, self.gazetteer)
        self.patterns = load_patterns()
        if verb_files:
            self.patterns = with_verb_dictionaries(self.patterns, verb_files)
        self.classifier = load_classifier() if options.classifier else None
        self.coder = EventCoder(self.patterns, load_cameo(), self.classifier)
        self.tone = Tone()
        self.selective = SelectiveParser(self.nlp, self.gazetteer, self.patterns, self.classifier)

    def with_names(self, aliases) -> "Pipeline":
        """This pipeline knowing exactly the learned names `aliases` ((name, key, role) ...): the model, KB,
        patterns, classifier and KB name matchers shared, the learned names matched anew."""
        other = copy.copy(self)
        other.options = replace(self.options, learned=tuple(aliases))
        other.gazetteer = Gazetteer(self.nlp, self.kb, {name: (key, role) for name, key, role in aliases},
                                    like=self.gazetteer)
        other.actors = ActorResolver(self.kb, other.gazetteer)
        other.selective = self.selective.with_gazetteer(other.gazetteer)
        return other

    def learn(self, aliases) -> None:
        """Recognise names the store learned since this pipeline was built ((name, key, role) rows), so
        that each batch sees what the batches before it stored, in one run or across a resumed one."""
        new = self.gazetteer.learn({name: (key, role) for name, key, role in aliases})
        if new:
            self.selective.learn(new)

    def versions(self) -> dict[str, str]:
        meta = self.nlp.meta
        return {"spacy_model": f"{meta.get('name')}-{meta.get('version')}", "kb": self.kb.version(),
                "patterns": f"{len(self.patterns)} patterns ({self.patterns.version()})"}

    def close(self) -> None:
        """Nothing to release in-process; the same interface as a pool of worker processes."""

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
        todo = []
        for d in docs:
            if (d.language or self.options.language) != self.options.language:
                if not any(w.startswith("language is") for w in d.warnings):
                    sure = f" (p={d.language_confidence:.2f})" if d.language_confidence else ""
                    d.warnings.append(f"language is {d.language!r}{sure}, not {self.options.language!r}: "
                                      "actors, events and quotes not coded")
                continue
            longest = max((len(s.text) for s in segments_of(d)), default=0)
            if longest > self.nlp.max_length:
                d.warnings.append(f"text too long for the NLP stages ({longest} characters; the model's limit is "
                                  f"{self.nlp.max_length}): actors, events and quotes not coded")
                continue
            todo.append(d)
        segs = {id(d): segments_of(d) for d in todo}
        for d in todo:
            home = self._home(d)
            for seg in segs[id(d)]:
                seg.home = home
        try:
            self._parse([s for d in todo for s in segs[id(d)]])
        except Exception:  # noqa: BLE001 - find the document that breaks the batch, parse the others
            for d in list(todo):
                try:
                    self._parse(segs[id(d)])
                except Exception as err:  # noqa: BLE001
                    d.warnings.append(f"parsing failed: {type(err).__name__}: {err}")
                    todo.remove(d)
        for doc in todo:
            for stage in (self._actors, self._events, self._quotes, self._tone):
                try:
                    stage(doc, segs[id(doc)])
                except Exception as err:  # noqa: BLE001 - one document's failure must not stop the batch
                    doc.warnings.append(f"{stage.__name__.strip('_')} stage failed: {type(err).__name__}: {err}")
            doc.annotated = True
        return docs

    def _parse(self, segments) -> None:
        if self.options.selective:
            self.selective.parse(segments)
        else:
            for seg, parsed in zip(segments, self.nlp.pipe(s.text for s in segments)):
                seg.doc = parsed

    def _actors(self, doc: Document, segments) -> None:
        home = segments[0].home if segments else None
        doc.mentions, doc.actors = self.actors.resolve(segments, _day(doc.published), home)

    def _home(self, doc: Document) -> str | None:
        """The state of the dateline ('KABUL —' gives AFG), if it names one."""
        if not doc.dateline:
            return None
        for entry in self.kb.lookup(doc.dateline) + self.kb.lookup(doc.dateline.title()):
            if entry.kind in ("capital", "state", "seat"):
                return entry.ref
            if entry.kind == "place":
                return self.kb.places.get(entry.ref, (None, ""))[0]
        return None

    def _events(self, doc: Document, segments) -> None:
        found = {s.name: find_dates(s.text, doc.published) for s in segments}
        doc.dates = [(name, d) for name in found for d in found[name]]
        dates = Dates(doc, segments, found)
        events = self.coder.code(doc.id, segments, doc.mentions)
        by_name = {s.name: s for s in segments}
        order = {s.name: i for i, s in enumerate(segments)}
        events.sort(key=lambda e: (order[e.segment], e.predicate_span[0]))
        for ev in events:
            ev.date = dates.for_event(ev)
            seg = by_name[ev.segment]
            pred = seg.doc.char_span(*ev.predicate_span, alignment_mode="expand")
            noun = None
            if pred is not None:
                tok = pred.root
                if tok.pos_ in ("NOUN", "PROPN"):
                    noun = tok.lemma_.lower()
                else:
                    objs = [c for c in tok.children if c.dep_ == "dobj"]
                    noun = objs[0].lemma_.lower() if objs else None
            dates.remember(ev, ev.date, noun)
            ev.place = place_for(ev, seg, doc.mentions, doc, self.kb, dates.lead)
        doc.events = events

    def _quotes(self, doc: Document, segments) -> None:
        doc.quotes = find_quotes(segments, doc.mentions)

    def _tone(self, doc: Document, segments) -> None:
        doc.tone = self.tone.article(doc.paragraph_texts() or [doc.body])
        for ev in doc.events:
            ev.tone = self.tone.score(ev.sentence)


def with_verb_dictionaries(package: PatternSet, paths) -> PatternSet:
    """A new PatternSet: the patterns of users' PETRARCH verb dictionaries, then the package's (the
    package set is cached and shared, so it is copied, never changed). At equal specificity the coder
    keeps the first pattern, so a user's pattern wins a tie. Patterns whose code is not in the CAMEO
    table would never code anything and would shadow package patterns, so they are left out."""
    from pathlib import Path

    cameo = load_cameo()
    merged = PatternSet()
    merged.versions = dict(package.versions)
    for path in paths:
        conversion = convert_verb_dictionary(path)
        kept = [p for p in conversion.patterns if p.code in cameo]
        for pattern in kept:
            merged.add(pattern)
        unknown = len(conversion.patterns) - len(kept)
        merged.versions[f"dictionary:{Path(path).name}"] = (
            f"{len(kept)} patterns" + (f", {unknown} with codes outside CAMEO left out" if unknown else "")
            + f", {sum(conversion.skipped.values())} not convertible")
    for verb, patterns in package.by_verb.items():
        merged.by_verb[verb].extend(patterns)
    for noun, patterns in package.by_noun.items():
        merged.by_noun[noun].extend(patterns)
    return merged


def _day(value) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value
