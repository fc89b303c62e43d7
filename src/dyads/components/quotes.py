"""Quotes: direct quotations and partial quotes, each with its speaker resolved to an actor.

The speaker is the subject of the speech verb that governs the quote ("he added", "Lavrov said"),
a statement's authors when the statement speaks ("the joint statement said that ... 'oppose ...'"),
or, for a paragraph that is only a quote, the previous quote's speaker.
"""
from __future__ import annotations

import re

from dyads.components import syntax
from dyads.components.nlp import Segment
from dyads.model.actors import ActorRef, Mention
from dyads.model.events import Quote
from dyads.ontology.lexicon import load_lexicon

QUOTE = re.compile(r"“([^”]{2,2000})”|\"([^\"]{2,2000})\"")
SPEECH = load_lexicon().words("quote_verbs")


def find_quotes(segments: list[Segment], mentions: list[Mention]) -> list[Quote]:
    quotes: list[Quote] = []
    last: tuple[ActorRef | None, str | None] = (None, None)
    for seg in segments:
        index = {}
        for m in mentions:
            if m.segment != seg.name or m.place or m.attribute or not m.refs:
                continue
            span = seg.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    index.setdefault(tok.i, m)
        for match in QUOTE.finditer(seg.text):
            text = match.group(1) or match.group(2)
            start, end = match.span()
            span = seg.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            sent = span[0].sent
            words = len(text.split())
            kind = "direct" if words >= 6 and _stands_alone(seg.text, start, end, sent) else "partial"
            speaker, speaker_text, rule = _speaker(seg, sent, span, index)
            if speaker is None and kind == "direct" and _only_quote(sent, span):
                speaker, speaker_text = last
                rule = "continuation"
            if speaker is not None:
                last = (speaker, speaker_text)
            if words >= 2:
                quotes.append(Quote(text=text.strip(), segment=seg.name, start=start, end=end, speaker=speaker,
                                    speaker_text=speaker_text, kind=kind, rule=rule))
    return quotes


def _speaker(seg, sent, span, index):
    quote_toks = {t.i for t in span}
    verbs = [t for t in sent if t.lemma_.lower() in SPEECH and t.i not in quote_toks and t.pos_ in ("VERB", "AUX")]
    # prefer the verb nearest the quote
    verbs.sort(key=lambda v: min(abs(v.i - span.start), abs(v.i - span.end)))
    for verb in verbs:
        subj, passive = syntax.subjects(verb)
        if passive:
            continue
        for s in subj:
            m = index.get(s.i)
            if m is not None:
                ref = m.refs[0]
                if len(m.refs) > 1 or not (ref.key or ref.kind == "unknown"):
                    continue
                return ref, m.text, "verb"
            if s.lemma_.lower() in syntax.DOC_NOUNS:
                owner = [c for c in s.children if c.dep_ == "poss" and c.i in index]
                if owner:
                    return index[owner[0].i].refs[0], s.text, "statement"
                group = _recent_group(index, s.i)
                if group is not None:
                    return group, s.text, "statement"
    return None, None, "none"


def _recent_group(index, before: int) -> ActorRef | None:
    for i in sorted((i for i in index if i < before), reverse=True):
        m = index[i]
        if len(m.refs) > 1 and m.refs[0].key:
            return m.refs[0]
    return None


def _stands_alone(text: str, start: int, end: int, sent) -> bool:
    before = text[max(0, start - 3):start]
    return before.strip() == "" or before.rstrip().endswith((":", ",", "\n")) or start <= sent.start_char + 1


def _only_quote(sent, span) -> bool:
    outside = [t for t in sent if t.i < span.start or t.i >= span.end]
    return len(outside) <= 4
