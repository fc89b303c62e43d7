"""Selective parsing: only sentences that can hold an event are parsed; offsets do not move."""
import datetime as dt

from dyads.components.selective import inflections
from dyads.model import Document
from dyads.pipeline import Pipeline, PipelineOptions

BODY = ("The weather in the capital was mild on Tuesday, and the markets were quiet.\n\n"
        "Russia accused Ukraine of shelling the plant on Monday.\n\n"
        "Officials spent the afternoon reviewing documents.")


def test_only_event_sentences_are_parsed():
    pipeline = Pipeline()
    doc = Document(id="t", source="t", doc="t", source_hash="t", body=BODY, language="en", published=dt.date(2024, 1, 3))
    list(pipeline.annotate([doc]))
    assert [(e.code, e.source.key, e.target.key) for e in doc.events] == [("112", "RUS", "UKR")]
    event = doc.events[0]
    start, end = event.predicate_span
    assert BODY[start:end] == "accused"
    assert event.date.value == "2024-01-01"


def test_same_events_with_and_without_selection():
    full, fast = Pipeline(PipelineOptions(selective=False)), Pipeline()
    a = Document(id="a", source="a", doc="a", source_hash="a", body=BODY, language="en")
    b = Document(id="b", source="b", doc="b", source_hash="b", body=BODY, language="en")
    list(full.annotate([a]))
    list(fast.annotate([b]))
    assert [(e.code, e.source.key, e.target.key) for e in a.events] == [(e.code, e.source.key, e.target.key)
                                                                        for e in b.events]


def test_inflections():
    assert {"accused", "accuses", "accusing"} <= inflections("accuse")
    assert {"met", "meets", "meeting"} <= inflections("meet")
    assert {"sanctions"} <= inflections("sanction")


def test_too_long_text_is_flagged_not_fatal():
    pipeline = Pipeline()
    pipeline.nlp.max_length = 500
    long = Document(id="l", source="l", doc="l", source_hash="l", body="Russia accused Ukraine. " * 40, language="en")
    short = Document(id="s", source="s", doc="s", source_hash="s", body=BODY[:300], language="en")
    list(pipeline.annotate([long, short]))
    assert not long.annotated and any("too long" in w for w in long.warnings)
    assert short.annotated


def test_the_ner_runs_only_where_a_name_the_kb_did_not_match_may_be():
    import spacy
    from spacy.tokens import Doc

    from dyads.components.selective import _may_name

    vocab = spacy.blank("en").vocab
    words = ["The", "police", "arrested", "12", "protesters", "in", "Kenya", "."]
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    sent = doc[:]
    assert not _may_name(sent, covered={1, 6})  # "police" and "Kenya" matched; "The" opens the sentence
    assert _may_name(sent, covered={1})  # "Kenya" unmatched: the NER may name it
    other = Doc(vocab, words=["They", "met", "@unhcr", "officials"], sent_starts=[True, False, False, False])
    assert _may_name(other[:], covered=set())  # a handle is not a lower-case word
