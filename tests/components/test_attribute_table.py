"""The attribute ruler matched by table gives the ruler's own matches and annotations."""
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dyads.components.attribute_table import AttributeTable
from dyads.components.nlp import load_model

from tests.conftest import DEMO

RULES = [  # every kind of condition the English model's ruler uses, and the order in which later rules win
    ([[{"TAG": "NN"}]], {"POS": "NOUN"}, 0),
    ([[{"TAG": {"IN": ["VBD", "VBZ"]}}]], {"POS": "VERB"}, 0),
    ([[{"LOWER": "said", "TAG": "VBD"}]], {"LEMMA": "say"}, 0),
    ([[{"LOWER": {"IN": ["it", "you"]}, "DEP": "nsubj"}]], {"MORPH": "Case=Nom"}, 0),
    ([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"}, 0),
    ([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"}, 0),
    ([[{"IS_SPACE": True}]], {"POS": "SPACE"}, 0),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, 0),
    ([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], {"POS": "AUX"}, 1),
    ([[{"TAG": "VBD"}]], {"POS": "AUX"}, 0),  # overrides rule 1 for VBD
]


def _doc(vocab):
    words = ["It", "said", "nothin'", "gon", "na", "there", "was", "\n\n", "it", "will", "go", "home"]
    tags = ["PRP", "VBD", "NN", "VBG", "TO", "EX", "VBD", "_SP", "PRP", "MD", "VB", "NN"]
    deps = ["nsubj", "ROOT", "dobj", "xcomp", "aux", "expl", "conj", "dep", "nsubj", "aux", "conj", "dobj"]
    heads = [1, 1, 1, 1, 3, 6, 1, 6, 10, 10, 1, 10]
    return Doc(vocab, words=words, spaces=[True] * len(words), tags=tags, deps=deps, heads=heads)


def test_the_table_gives_the_matchers_matches_for_every_kind_of_rule():
    vocab = spacy.blank("en").vocab  # with the English lexical attributes (LOWER)
    ruler = AttributeRuler(vocab)
    for patterns, attrs, index in RULES:
        ruler.add(patterns, attrs, index=index)
    doc = _doc(vocab)
    table = AttributeTable(ruler)
    assert table.match(doc) == ruler.match(doc)
    assert table.match(doc) == ruler.match(doc)  # and again from what it remembered
    assert {m[0] for m in table.match(doc)} == set(range(len(RULES)))


def test_the_models_annotations_are_unchanged():
    ours, plain = load_model(), load_model()
    del plain.get_pipe("attribute_ruler").match  # the ruler's own Matcher again
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    texts.append("I ain't gonna say nothin', y'all. Let's go, c'mon: it's there and you know it. 'Cause we're done.")
    for a, b in zip(plain.pipe(texts), ours.pipe(texts)):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in b]
