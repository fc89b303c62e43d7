"""Syntax helpers on Docs built from words, heads and deps (no model): lemmas the lemmatizer gets
wrong, particles the parser labels advmod, complex prepositions, hyphenated modifiers."""
import spacy
from spacy.tokens import Doc

from dyads.components import syntax
from dyads.components.events import _hyphenated

VOCAB = spacy.blank("en").vocab


def parse(rows, tags=None):
    words = [r[0] for r in rows]
    return Doc(VOCAB, words=words, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], tags=tags or ["NN"] * len(rows))


def test_lemmas_recover_what_the_inflection_says():
    doc = parse([("Thousands", 1, "nsubj", "NOUN", "thousand"), ("staged", 1, "ROOT", "VERB", "stag"),
                 ("protests", 1, "dobj", "NOUN", "protest")])
    assert syntax.lemmas(doc[1])[:2] == ["stag", "stage"]
    assert syntax.light_verb(doc[2]).i == 1  # "staged protests": the light verb carries the protest


def test_particle_labelled_advmod_and_complex_preposition():
    # "Musharraf stepped down" / "The army walked out of talks with rebels"
    down = parse([("Musharraf", 1, "nsubj", "PROPN", "Musharraf"), ("stepped", 1, "ROOT", "VERB", "step"),
                  ("down", 1, "advmod", "ADV", "down")])
    assert syntax.particle(down[1], "down")
    walk = parse([("army", 1, "nsubj", "NOUN", "army"), ("walked", 1, "ROOT", "VERB", "walk"),
                  ("out", 1, "prep", "ADP", "out"), ("of", 2, "prep", "ADP", "of"), ("talks", 3, "pobj", "NOUN", "talk"),
                  ("with", 4, "prep", "ADP", "with"), ("rebels", 5, "pobj", "NOUN", "rebel")])
    assert not syntax.particle(walk[1], "out")  # "out of": a preposition, not the walkout's particle
    assert [t.text for t in syntax.prep_objects(walk[1], {"of"})] == ["talks"]


def test_hyphenated_modifier():
    doc = parse([("a", 4, "det", "DET", "a"), ("fact", 3, "npadvmod", "NOUN", "fact"), ("-", 3, "punct", "PUNCT", "-"),
                 ("finding", 4, "amod", "VERB", "find"), ("mission", 4, "ROOT", "NOUN", "mission")],
                tags=["DT", "NN", "HYPH", "VBG", "NN"])
    assert _hyphenated(doc[3]) == "fact-finding"
