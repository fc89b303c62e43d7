"""What the later stages ask of every token of a segment, read from the Doc's arrays.

A body holds thousands of tokens, most of them in sentences the selective parser left bare; walking
them as Token objects cost more than the questions asked of them. These give the same answers as the
walks they replace, with one array read per segment.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, LOWER, POS, SENT_START
from spacy.parts_of_speech import IDS
from spacy.strings import get_string_id

BARE_DEPS = ("dep", "ROOT", "")  # all a bare sentence's tokens have (selective._assemble)


def sentence_numbers(doc) -> numpy.ndarray:
    """The number of each token's sentence, as `doc.sents` counts them (the first token always starts one)."""
    starts = doc.to_array(SENT_START) == 1
    starts[:1] = False
    return numpy.cumsum(starts)


def parsed_sentences(doc) -> numpy.ndarray:
    """Per sentence of `doc.sents`, whether the parser read it: some token with a dependency other than
    a bare sentence's. The coder reads only those."""
    bare = numpy.isin(doc.to_array(DEP), [get_string_id(d) for d in BARE_DEPS])
    numbers = sentence_numbers(doc)
    return numpy.bincount(numbers, weights=~bare, minlength=int(numbers[-1]) + 1 if len(doc) else 0) > 0


def positions(doc, pos: tuple[str, ...] = (), lower: frozenset[str] | set[str] = frozenset()) -> list[int]:
    """The indices of the tokens whose coarse tag is one of `pos` or whose lower-case form is in `lower`."""
    arrays = doc.to_array([POS, LOWER])
    hit = numpy.isin(arrays[:, 0], [IDS[p] for p in pos]) | numpy.isin(arrays[:, 1], [get_string_id(w) for w in lower])
    return numpy.flatnonzero(hit).tolist()
