"""Each event's own date and place.

Date: the temporal expression in the event's sentence (the one attached to the predicate when
there are several); else the last expression earlier in the same paragraph (news keeps a time
frame across a paragraph); else the article's lead date (the first date of the first paragraph:
the main event's day); else the publication day, marked as such. A year-only date attached to a
noun ("last year's joint statement") takes the finer date of an earlier mention of that noun in the
same year ("a joint statement in March 2023").
Place: the place phrase attached to the predicate ("summit in Beijing"), else one in the sentence,
else the dateline.
"""
from __future__ import annotations

import datetime as dt

from dyads.components.nlp import Segment
from dyads.model import Document
from dyads.model.actors import Mention
from dyads.model.events import DateRef, Event, PlaceRef


class Dates:
    """The date expressions of one document, by segment, with what they attach to."""

    def __init__(self, document: Document, segments: list[Segment], found: dict[str, list]):
        self.document = document
        self.segments = {s.name: s for s in segments}
        self.found = found  # segment name -> [DateValue]
        self.lead = self._lead()
        self.noun_dates: list[tuple[str, DateRef]] = []  # (noun lemma, date) in text order

    def _lead(self) -> DateRef | None:
        body = self.found.get("body") or []
        if not body or not self.document.paragraphs:
            return None
        first = self.document.paragraphs[0]
        for d in body:
            if first.start <= d.start < first.end and d.relation != "future":
                return DateRef(d.text, d.value, d.precision, "lead", "body", d.start, d.end)
        return None

    def for_event(self, ev: Event) -> DateRef | None:
        seg = self.segments[ev.segment]
        sent_start = ev.sentence_start
        sent_end = sent_start + len(ev.sentence)
        cands = [d for d in self.found.get(ev.segment, []) if sent_start <= d.start < sent_end]
        cands = [d for d in cands if not self._in_other_clause(seg, ev, d)]
        if cands:
            chosen = self._attached(seg, ev, cands)
            ref = DateRef(chosen.text, chosen.value, chosen.precision, "text", ev.segment, chosen.start, chosen.end)
            return self._refine(seg, chosen, ref)
        para = self._paragraph(ev)
        if para is not None:
            earlier = [d for d in self.found.get(ev.segment, []) if para[0] <= d.start < sent_start]
            if earlier:
                d = earlier[-1]
                ref = DateRef(d.text, d.value, d.precision, "context", ev.segment, d.start, d.end)
                return self._refine(seg, d, ref)
        if self.lead is not None:
            return self.lead
        pub = self.document.published
        if pub is None:
            return None
        day = pub.date() if isinstance(pub, dt.datetime) else pub
        return DateRef(None, day.isoformat(), "day", "publication")

    def _in_other_clause(self, seg: Segment, ev: Event, d) -> bool:
        """A date inside a relative clause or apposition that does not hold the predicate belongs to
        something else ('Zelensky, who last met Erdogan in March 2024, said he was ready to meet')."""
        doc = seg.doc
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        pred = doc.char_span(*ev.predicate_span, alignment_mode="expand")
        if span is None or pred is None:
            return False
        for anc in span.root.ancestors:
            if anc.dep_ in ("relcl", "appos", "acl") and pred.root.i not in {t.i for t in anc.subtree}:
                return True
        return False

    def _paragraph(self, ev: Event) -> tuple[int, int] | None:
        if ev.segment != "body":
            return (0, len(self.segments[ev.segment].text))
        for span in self.document.paragraphs:
            if span.start <= ev.sentence_start < span.end:
                return (span.start, span.end)
        return None

    def _attached(self, seg: Segment, ev: Event, cands):
        if len(cands) == 1:
            return cands[0]
        doc = seg.doc
        pred = doc.char_span(*ev.predicate_span, alignment_mode="expand")
        pred_tok = pred.root if pred is not None else None
        best, best_score = cands[0], None
        for d in cands:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None:
                continue
            tok = span.root
            ancestors = {a.i for a in tok.ancestors}
            attached = pred_tok is not None and (pred_tok.i in ancestors or pred_tok.head.i in ancestors)
            distance = abs(d.start - ev.predicate_span[0])
            score = (0 if attached else 1, distance)
            if best_score is None or score < best_score:
                best, best_score = d, score
        return best

    def _refine(self, seg: Segment, d, ref: DateRef) -> DateRef:
        span = seg.doc.char_span(d.start, d.end, alignment_mode="expand")
        noun = None
        if span is not None:
            head = span.root.head
            if head.pos_ in ("NOUN", "PROPN") and head.i != span.root.i:
                noun = head.lemma_.lower()
        if noun is None:
            return ref
        if ref.precision == "year":
            for lemma, earlier in reversed(self.noun_dates):
                if lemma == noun and earlier.value.startswith(ref.value) and len(earlier.value) > len(ref.value):
                    return DateRef(ref.text, earlier.value, earlier.precision, ref.source, ref.segment, ref.start, ref.end)
        self.noun_dates.append((noun, ref))
        return ref

    def remember(self, ev: Event, date: DateRef | None, noun_lemma: str | None) -> None:
        if date is not None and noun_lemma and date.source == "text":
            self.noun_dates.append((noun_lemma, date))


def place_for(ev: Event, seg: Segment, mentions: list[Mention], document: Document, kb,
              lead: DateRef | None = None) -> PlaceRef | None:
    sent_end = ev.sentence_start + len(ev.sentence)
    places = [m for m in mentions if m.segment == ev.segment and m.place and ev.sentence_start <= m.start < sent_end
              and m.refs and (m.refs[0].key or m.kind == "place")]  # NER's guesses without a country are left out
    doc = seg.doc
    pred = doc.char_span(*ev.predicate_span, alignment_mode="expand")
    places = [m for m in places if _same_clause(doc, m, pred)]
    if places:
        best = min(places, key=lambda m: abs(m.start - ev.predicate_span[0]))
        ref = best.refs[0]
        name = ref.name if ref.kind == "place" else best.text.removeprefix("the ").removeprefix("The ")
        return PlaceRef(best.text, name, ref.key, "text", ev.segment, best.start, best.end)
    if ev.code[:3] in ("042", "043", "044"):  # "visited Tokyo": the capital visited is where it happened
        for m in mentions:
            if m.segment == ev.segment and (m.start, m.end) == tuple(ev.target_span) and m.kind in ("capital", "place"):
                return PlaceRef(m.text, m.text, m.refs[0].key if m.refs else None, "text", ev.segment, m.start, m.end)
    if ev.date is not None and ev.date.source == "text" and lead is not None and ev.date.value != lead.value:
        return None  # an event of another day ("in August") did not happen at the dateline
    return _dateline_place(document, kb)


def _clause_verb(tok):
    """The verb whose clause holds `tok` (itself when it is a verb)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _same_clause(doc, mention: Mention, pred) -> bool:
    """A place not attached to the predicate still counts when it sits in the predicate's own clause
    ('Putin held a summit ... at the Vostochny Cosmodrome'), not in another one ('two weeks after
    troops invaded' does not happen 'in Antalya')."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or pred is None:
        return False
    return _clause_verb(span.root).i == _clause_verb(pred.root).i


def _dateline_place(document: Document, kb) -> PlaceRef | None:
    if not document.dateline:
        return None
    key = None
    for entry in kb.lookup(document.dateline):
        if entry.kind in ("capital", "state"):
            key = entry.ref
            break
        if entry.kind == "place":
            key = kb.places.get(entry.ref, (None, ""))[0]
            break
    return PlaceRef(document.dateline, document.dateline, key, "dateline")
