"""Which of a word's patterns a predicate matches: the particle, the preposition, the object or the modifier
each pattern asks for, read from the parse; the most specific pattern that matches wins."""
from __future__ import annotations

from dyads.components import syntax
from dyads.ontology.lexicon import load_lexicon
from dyads.ontology.patterns import Pattern

MONEY = load_lexicon().words("money_words")
PREP_VARIANTS = {p: {"on", "upon"} for p in ("on", "upon")} | {p: {"toward", "towards"} for p in ("toward", "towards")}


def match_verb(tok, candidates) -> Pattern | None:
    best = None
    for p in candidates:
        if p.particle and not syntax.particle(tok, p.particle):
            continue
        if p.prep and not has_prep(tok, p.prep):
            continue
        if p.object and not object_matches(tok, p.object):
            continue
        if best is None or p.specificity() > best.specificity():
            best = p
    return best


def match_noun(tok, candidates) -> Pattern | None:
    best = None
    for p in candidates:
        if p.modifiers and not any(c.dep_ in ("amod", "compound", "nmod", "det") and (
                c.lemma_.lower() in p.modifiers or hyphenated(c) in p.modifiers)
                for c in tok.children):  # "det": "had no comment"; "a fact-finding mission"
            continue
        if p.prep and not (has_prep(tok, p.prep) or (syntax.light_verb(tok) is not None and
                                                    has_prep(syntax.light_verb(tok), p.prep))):
            continue
        if best is None or p.specificity() > best.specificity():
            best = p
    return best


def hyphenated(tok) -> str:
    """'fact-finding' for the modifier 'finding' whose subtree the parser split at the hyphen."""
    words = list(tok.subtree)
    return "".join(t.lower_ for t in words) if any(t.tag_ == "HYPH" for t in words) else ""


def has_prep(tok, prep: str) -> bool:
    wanted = PREP_VARIANTS.get(prep, {prep})
    return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in wanted for c in tok.children)


def names(tok, lemmas) -> bool:
    """Whether `tok` is one of the things a pattern's object list names; a sum in a currency is money."""
    lemma = tok.lemma_.lower()
    return lemma in lemmas or tok.lower_ in lemmas or ("money" in lemmas and lemma in MONEY)


def object_matches(tok, lemmas) -> bool:
    if any(names(o, lemmas) for o in syntax.held_toward(tok)):
        return True  # "is opposed to mediation": what an attitude is held toward
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
            for o in syntax.expand_conj(c):
                if names(o, lemmas):
                    return True
                if o.pos_ == "PROPN" and any(m.dep_ in ("compound", "appos") and names(m, lemmas) for m in o.children):
                    return True  # "released German journalist Mesale Tolu": the title names what was released
        if c.dep_ in ("prep", "agent") and c.lower_ in ("for", "in", "into", "on", "by") and \
                not any(d.dep_ == "dobj" for d in tok.children):  # "suspended aid in protest": an adjunct
            if any(g.dep_ == "pobj" and names(g, lemmas) for g in c.children):
                return True
        if c.dep_ == "prep" and c.lower_ == "with" and any(d.dep_ == "dobj" for d in tok.children) and \
                any(names(o, lemmas) for g in c.children if g.dep_ == "pobj" for o in syntax.expand_conj(g)):
            return True  # "provided the Lebanese army with weapons": the object receives what "with" names
        if c.dep_ in ("dobj", "dative"):  # "gave 5.1 million dollars of aid", "tonnes of wheat"
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ == "of" and any(
                        g.dep_ == "pobj" and names(g, lemmas) for g in prep.children):
                    return True
    return False
