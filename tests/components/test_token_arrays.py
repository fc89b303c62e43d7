"""Token questions answered from a Doc's arrays give the answers of the walks over Token objects."""
import spacy
from spacy.tokens import Doc

from dyads.components.token_arrays import parsed_sentences, positions, sentence_numbers

VOCAB = spacy.blank("en").vocab


def _doc():
    """Two sentences as the selective parser leaves them: the first parsed, the second bare."""
    words = ["Russia", "accused", "them", ".", "Markets", "were", "quiet", "."]
    heads = [1, 1, 1, 1, 4, 4, 4, 4]
    deps = ["nsubj", "ROOT", "dobj", "punct", "ROOT", "dep", "dep", "dep"]
    pos = ["PROPN", "VERB", "PRON", "PUNCT", "X", "X", "X", "X"]
    starts = [True, False, False, False, True, False, False, False]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, sent_starts=starts)


def test_sentence_numbers_count_as_doc_sents():
    doc = _doc()
    assert sentence_numbers(doc).tolist() == [k for k, sent in enumerate(doc.sents) for _ in sent]


def test_a_bare_sentence_is_not_parsed():
    doc = _doc()
    walked = [any(t.dep_ not in ("dep", "ROOT", "") for t in sent) for sent in doc.sents]  # the walk it replaced
    assert parsed_sentences(doc).tolist() == walked == [True, False]


def test_positions_by_coarse_tag_or_form():
    doc = _doc()
    assert positions(doc, ("PROPN",)) == [0]
    assert positions(doc, lower={"them", "markets"}) == [2, 4]
    assert positions(doc, ("VERB",), {"quiet"}) == [1, 6]
