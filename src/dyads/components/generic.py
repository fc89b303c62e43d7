"""Events no pattern names: the classifier gives the root, the parse gives the arguments.

Where the rules code nothing in a sentence and the learned classifier is confident that it reports an
event of some root, the sentence's main predicate (under a speech verb, the reported clause's) is read
generically: its subject (through xcomp, conj, relative clauses), or the agent of a passive, is the
source; its object, dative or prepositional object the target. A coordinated subject with no object
relates its members to each other where the root allows it ("Indian and Pakistani troops exchanged
fire"); a root that CAMEO codes one-sided (protests, attacks) may leave one side empty. The code is
the root's "not specified" code; the confidence is the classifier's probability, so the threshold
curve ranks these events below the rules' exact ones.
"""
from __future__ import annotations

from dataclasses import replace

from dyads.components import event_rules, syntax
from dyads.components.arguments import place_targets
from dyads.components.classifier import Prediction
from dyads.model.actors import EMPTY  # noqa: F401 - the coder's empty side, read as generic.EMPTY
from dyads.ontology.lexicon import load_lexicon
from dyads.ontology.patterns import Pattern

_LEX = load_lexicon()
ONE_SIDED = _LEX.words("one_sided_roots")
ONE_SIDED_CODES = _LEX.words("one_sided_codes")
RECIPROCAL = _LEX.words("reciprocal_roots")
ROOT_CODES = _LEX.table("root_codes")
SPEECH = _LEX.words("speech_verbs")
TARGET_PREPS = _LEX.words("target_preps")
PURPOSE_PREPS = _LEX.words("purpose_preps")
DEFIANCE_PREPS = _LEX.words("defiance_preps")
DEFIED_NOUNS = _LEX.words("appeal_nouns") | _LEX.words("pressure_nouns")
PURPOSE_ROOTS = _LEX.words("purpose_roots")
AIMED_PREPS = _LEX.words("aimed_preps")
PATIENT_OF_ROOTS = _LEX.words("patient_of_roots")
THRESHOLD = float(_LEX.value("propose_threshold"))
OTHER_CLAUSES = ("conj", "parataxis")


def predicates(sent, root: str) -> list:
    """The sentence's main verbs, most likely carrier first: under a speech verb, the reported clause
    carries any event but a statement."""
    top = [t for t in sent if t.dep_ == "ROOT"]
    out = []
    for head in top:
        verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        for verb in verbs:
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
            if verb.lemma_.lower() in SPEECH and root != "01":  # the clause carries the act; the speaker
                # stands in for its subject only where that is the speaker ("said it would send troops"), and
                # never for a denied act ("said it would not meet the demands") or another's ("an attack killed
                # eight people, officials say")
                own = all(not syntax.negated(c) and syntax.modality(c) != "alleged" and
                          all(t.pos_ == "PRON" for t in syntax.subjects(c)[0]) for c in clauses)
                out.extend(clauses + ([verb] if own else []))
            else:
                out.append(verb)
    return [v for v in out if v.pos_ in ("VERB", "AUX")]


def propose(coder, doc_id, seg, s_index, sent, prediction: Prediction, index, statements) -> list:
    proposal = prediction.proposal(THRESHOLD)
    if proposal is None:  # the coder offers only parsed sentences (token_arrays.parsed_sentences)
        return []
    root, probability = proposal
    code = ROOT_CODES.get(root)
    if code is None or code not in coder.cameo:
        return []
    pattern = Pattern(id=f"model-{root}", code=code)
    for verb in predicates(sent, root):
        subj, passive = syntax.subjects(verb)
        if passive:  # "a police patrol was shelled", "grenades were hurled at a police patrol"
            sources = coder._args(syntax.agents(verb), index, statements)
            targets = coder._args(subj, index, statements, deep=True) or \
                coder._args(syntax.prep_objects(verb, TARGET_PREPS), index, statements, deep=True)
        else:
            sources = coder._args(subj, index, statements) or speaker(coder, verb, subj, index, statements)
            targets = _targets(coder, verb, root, index, statements, sources)
        mode, negated = syntax.modality(verb), syntax.negated(verb)
        if root in RECIPROCAL and len(flat_refs(sources)) >= 2 and all(a.place for a in targets):
            targets = []  # "the Sudanese army and the RSF clashed in Khartoum": with each other, in Khartoum
        if not targets and root in RECIPROCAL and len(flat_refs(sources)) >= 2 and not names_other(verb, index):
            events = coder._group_events(doc_id, seg, s_index, sent, verb, pattern, sources, mode, negated,
                                         weight=probability)
        else:
            if root in ONE_SIDED:  # an unnamed side: the target anywhere, the source only of a passive
                if passive and not sources and targets:
                    sources = [coder.empty_arg(verb)]
                targets = targets or ([] if not sources else
                                      place_targets(verb, code, index, flat_refs(sources)) or
                                      [coder.empty_arg(verb)])
            events = coder._emit(doc_id, seg, s_index, sent, verb, pattern, sources, targets, mode, negated,
                                 False, weight=probability)
        if events:
            return events
    return []


def speaker(coder, verb, subj, index, statements) -> list:
    """'The rebels claimed that they had attacked the cities', 'Russia said it is skeptical': the pronoun
    subject of a reported clause is its speaker."""
    if verb.dep_ == "acomp":  # "said it is skeptical": the copula's clause
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH or not subj or \
            any(t.pos_ != "PRON" for t in subj):
        return []
    return coder._args(syntax.subjects(verb.head)[0], index, statements)


def _targets(coder, verb, root, index, statements, sources) -> list:
    taken = flat_refs(sources)

    def fresh(args):
        return [a for a in args if any(r not in taken for r in a.refs)]

    places = root == "04"  # "visited Ankara": the host
    preps = TARGET_PREPS - ({"with"} if root in event_rules.VIOLENCE else set())  # "attacked X with drones": the means
    if root == "01" and verb.lemma_.lower() in SPEECH:  # "Lavrov said Washington was ...": the clause's actors
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            found = fresh(coder._args([clause], index, statements, deep=True)) or \
                fresh(coder._args(syntax.subjects(clause)[0], index, statements, deep=True))
            if found:
                return found
    objects = syntax.direct_objects(verb)
    for args in (coder._args(objects, index, statements, deep=True, places=places),
                 coder._args(syntax.prep_objects(verb, preps), index, statements, deep=True, places=places),
                 coder._args([g for o in objects for g in syntax.prep_objects(o, preps)], index, statements,
                             deep=True, places=places)):
        found = fresh(args)
        if found:
            return found
    # a state's adjective on these heads was read by the deep search above ("Iranian sites")
    found = place_targets(verb, root, index, taken)  # "seized the town of Kidal"
    if found:
        return found
    return nearest_other(coder, verb, index, statements, taken, places)


def nearest_other(coder, verb, index, statements, taken, places: bool = False) -> list:
    """The nearest other actor anywhere under the predicate, outside its subject ("lifted a travel ban
    imposed on Chadian citizens"), as an indirect argument."""
    subject = {t.i for s in syntax.subjects(verb)[0] for t in s.subtree}
    # a coordinated predicate is another event: "declared a ceasefire and promised to free prisoners"
    subject |= {t.i for c in verb.children if c.dep_ in OTHER_CLAUSES for t in c.subtree}
    for tok in sorted(verb.subtree, key=lambda t: abs(t.i - verb.i)):
        if tok.i in subject or tok.i == verb.i:
            continue
        found = [a for a in coder._args([tok], index, statements, places=places) if any(r not in taken for r in a.refs)]
        if found:
            return [replace(a, direct=False) for a in found]
    return []


def purpose_targets(coder, verb, code: str, index, statements) -> list:
    """'mobilized the army for a ground assault against Gaza': for an act of posture or force
    (`purpose_roots`), the target of the event noun it is prepared for (`purpose_preps`), named by a
    preposition of aim (`aimed_preps`) or 'on'."""
    if code[:2] not in PURPOSE_ROOTS:
        return []
    aims = [n for n in syntax.prep_objects(verb, PURPOSE_PREPS) if n.lemma_.lower() in coder.patterns.by_noun]
    return coder._args([g for n in aims for g in syntax.prep_objects(n, AIMED_PREPS | {"on"})], index, statements,
                       deep=True, places=True)


def defied(coder, verb, index, statements, sources) -> list:
    """'declined to resign despite President Biden's request', 'despite pressure from Congress': the actor
    whose appeal a refusal defies (`defiance_preps`, the appeal and pressure nouns), as an indirect target."""
    heads = [verb] + ([verb.head] if verb.dep_ == "xcomp" else [])
    nouns = [n for h in heads for n in syntax.prep_objects(h, DEFIANCE_PREPS) if n.lemma_.lower() in DEFIED_NOUNS]
    owners = [c for n in nouns for c in n.children if c.dep_ in ("poss", "compound", "amod")] + \
        [g for n in nouns for g in syntax.prep_objects(n, {"by", "from", "of"})]
    return [replace(a, direct=False) for a in coder._args(owners, index, statements)
            if all(event_rules.plausible_dyad(s, r, "12") for s in sources for r in a.refs)]


def violent_subject(coder, subjects) -> Pattern | None:
    """The pattern of a subject that is itself an act of violence naming no actor ('A roadside bombing near
    Samarra killed one U.S. soldier'): it carries the act, under its own code, with an unnamed source."""
    for s in subjects:
        if s.pos_ == "NOUN":
            found = coder._match_noun(s, coder.patterns.by_noun.get(s.lemma_.lower(), ()))
            if found is not None and found.code[:2] in event_rules.VIOLENCE:
                return found
    return None


def patient_preps(pattern) -> set[str]:
    """{"of"} for an act-of-force noun ("the shelling of Donetsk", "the arrest of opposition leaders"), where
    "of" names what the act falls on; else none ("the visit of Putin" names the agent)."""
    return {"of"} if pattern.code[:2] in PATIENT_OF_ROOTS else set()


def noun_agents(coder, nouns, index, statements) -> list:
    """The agent event nouns name with 'by' ("the shelling of Donetsk by Ukrainian forces"), as an indirect
    argument of the verb they are the subject of."""
    by = [g for n in nouns if n.pos_ == "NOUN" for g in syntax.prep_objects(n, {"by"})]
    return [replace(a, direct=False) for a in coder._args(by, index, statements)]


def names_other(verb, index) -> bool:
    """The object names someone the KB does not hold ("Russia and Syria welcomed the OPCW visit"): the act
    is theirs toward it, not between them."""
    return any(t.pos_ == "PROPN" or (t.i in index and index[t.i].rule != "pronoun")
               for o in syntax.direct_objects(verb) for t in o.subtree)


def flat_refs(args) -> list:
    """The distinct actors of a list of arguments, in order."""
    out = []
    for a in args:
        for r in a.refs:
            if r not in out:
                out.append(r)
    return out


DEMAND = Pattern(id="100-said-must", code="100")


def obligations(coder, doc_id, seg, s_index, sent, index, statements) -> list:
    """'A British minister reiterated that Libya must hand over the suspects': a speaker's statement that
    another actor must or should act is a demand (CAMEO 10) on that actor. The speech verb's own
    statement event gives way to it."""
    out = []
    for verb in sent:
        if verb.lemma_.lower() not in SPEECH or verb.pos_ not in ("VERB", "AUX"):
            continue
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and (syntax.obliged(c) or syntax.subjunctive(c))]
        if not clauses or syntax.negated(verb):
            continue
        subj, passive = syntax.subjects(verb)
        sources = [] if passive else coder._args(subj, index, statements)
        for clause in clauses:
            taken = flat_refs(sources)
            targets = [a for a in coder._args(syntax.subjects(clause)[0], index, statements)
                       if any(r not in taken for r in a.refs)]
            out.extend(coder._emit(doc_id, seg, s_index, sent, verb, DEMAND, sources, targets, "asserted", False,
                                   False))
    return out
