"""Every form of every pattern word reaches the parser: the prefilter (which decides from words alone
which sentences are parsed) knows each form that spaCy's own lemmatizer maps to a pattern's verb or
noun, irregular ones included ('fought', 'shot', 'seized', 'withdrew')."""
import pytest

from dyads.components.selective import Prefilter, inflections
from dyads.ontology.patterns import load_patterns


@pytest.fixture(scope="module")
def exceptions():
    from dyads.components.nlp import load_model

    table = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    return {pos: dict(table[pos]) for pos in ("verb", "noun")}


def test_irregular_forms_of_pattern_words_pass_the_prefilter(exceptions):
    from dyads.components.nlp import load_model

    patterns = load_patterns()
    prefilter = Prefilter(patterns, load_model())
    missing = []
    for pos, lemmas in (("verb", patterns.by_verb), ("noun", patterns.by_noun)):
        for form, targets in exceptions[pos].items():
            for lemma in targets:
                if lemma in lemmas and " " not in lemma and form not in prefilter.by_form:
                    missing.append(f"{form} ({pos} of {lemma})")
    assert not missing, f"{len(missing)} forms never reach the parser: {', '.join(sorted(missing)[:40])}"


@pytest.mark.parametrize("lemma,form", [("fight", "fought"), ("shoot", "shot"), ("seize", "seized"),
                                        ("withdraw", "withdrew"), ("ally", "allied"), ("ban", "banned")])
def test_regular_and_irregular_inflections(lemma, form):
    assert form in inflections(lemma)
