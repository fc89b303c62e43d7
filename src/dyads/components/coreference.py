"""Pointers to actors already named: pronouns, groups ("the two leaders"), "the latter", coordination.

Helpers of the actor resolver; they read the parse and the items resolved so far, and change nothing.
"""
from __future__ import annotations

from dyads.components.syntax import READY_WORDS, first_conjunct
from dyads.model.actors import ActorRef


def distinct_refs(items: list, kind: str | None) -> list[ActorRef]:
    out: list[ActorRef] = []
    for it in items:
        for ref in it.mention.refs:
            if kind == "person" and not (ref.person or ref.kind == "unknown"):
                continue
            if kind == "state" and ref.kind != "state":
                continue
            same = [r for r in out if r == ref or (kind == "state" and r.key == ref.key)
                    or (ref.person and r.person == ref.person)]
            for r in same:
                out.remove(r)
            out.append(ref)
    return out


def is_person_like(it) -> bool:
    return it.phrase is not None and it.phrase.head.kind in ("ner_person", "person", "learned")


def prefer_subject(doc, cands: list) -> object:
    subjects = [c for c in cands if c.phrase is None or doc[c.mention.head].dep_ in ("nsubj", "nsubjpass")]
    return subjects[-1] if subjects else cands[-1]


def fronted(tok) -> bool:
    """A pronoun in a phrase placed before the main clause's subject ('During their summit, ...')."""
    root = tok.sent.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or tok.i > subj[0].i:
        return False
    return subj[0].i not in {a.i for a in tok.ancestors} and not any(t.i == tok.i for t in subj[0].subtree)


def coordinations(doc, items: list) -> list[tuple]:
    """Groups of actors joined by 'and' or commas ('Russia and China', 'Xi and Putin')."""
    by_root = {it.phrase.extra.get("root"): it for it in items if it.phrase is not None and it.mention.refs}
    groups = []
    for root, it in by_root.items():
        tok = doc[root]
        conj = [by_root[c.i] for c in tok.conjuncts if c.i in by_root]
        if conj and all(c.order > it.order for c in conj):
            members = [it] + sorted(conj, key=lambda c: c.order)
            refs = [r for m in members for r in m.mention.refs]
            groups.append((members[-1].order, refs, it.sentence, it.phrase.start))
    for it in items:
        if it.mention.rule == "group":
            groups.append((it.order, it.mention.refs, it.sentence, it.order[1]))
    groups.sort(key=lambda g: g[0])
    return groups


def owner_of(head, items, sentence: int):
    """The actor a bare role belongs to: its possessor ("the United Nations' envoy") or the object of its
    'for'/'of' ("a spokesman for the Taliban", "the leader of Hamas"), when that is an actor."""
    owners = [c for c in head.children if c.dep_ == "poss"]
    owners += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
               for g in c.children if g.dep_ == "pobj"]
    for tok in owners:
        for it in items:
            m = it.mention
            if it.sentence == sentence and not m.place and not m.attribute and m.refs and m.refs[0].key \
                    and m.rule != "pronoun" and it.phrase is not None and it.phrase.start <= tok.i < it.phrase.end:
                return m.refs[0]
    return None


def stated_state(head, items, sentence: int, states) -> str | None:
    """The state a bare role's own words give: the place of its own 'in' or 'from' phrase ("security forces in
    Guinea", "police from Chad"), or the state adjective on the first of the nouns it is coordinated with
    ("Israeli helicopters and tanks")."""
    first = first_conjunct(head)
    toks = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "from")
            for g in c.children if g.dep_ == "pobj"]
    toks += [c for c in first.children if c.dep_ == "amod"] if first is not head else []
    for tok in toks:
        for it in items:
            m = it.mention
            if it.sentence == sentence and it.phrase is not None and it.phrase.start <= tok.i < it.phrase.end and \
                    (m.place or m.attribute) and len({r.key for r in m.refs}) == 1 and m.refs[0].key in states:
                return m.refs[0].key
    return None


def reporter(tok, cands, sentence: int):
    """'Fidan said he would travel': the subject of a reported clause is the reporter, when it is a candidate."""
    clause = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    subjects = {c.i for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")}
    here = [c for c in cands if c.mention.head in subjects and c.sentence == sentence]
    return here[-1] if here else None


def it_refers(doc, tok, cands, sentence: int):
    """The state or organisation "its" or "it" points to. "its": the nearest subject. A bare "it" only as the
    subject of a reported clause, its reporter ("Syria said it would withdraw its troops", "Iran says it is
    ready to talk"), and not where the clause only describes ("Russia said it was a provocation")."""
    if tok.lower_ != "it":
        return prefer_subject(doc, cands)
    clause = tok.head
    if clause.lemma_ == "be" and not any(c.dep_ == "acomp" and c.lower_ in READY_WORDS for c in clause.children):
        return None
    return reporter(tok, cands, sentence)


def clause_subject(tok) -> set[int]:
    """The tokens an object pronoun cannot stand for: its own clause's subject ('Trump called Erdogan and
    urged him': not Trump). The subject is shared along coordinated verbs, not into a complement's."""
    if tok.dep_ not in ("dobj", "dative"):
        return set()
    verb = tok.head
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return {s.i for s in subj} | {c.i for s in subj for c in s.conjuncts}
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return set()


def last_person_with_office(items: list, kb, offices, when) -> ActorRef | None:
    """'The president' with no name: the last person named in the document who held that office at the date."""
    for it in reversed(items):
        ref = it.mention.ref
        if ref and ref.person:
            term = kb.people[ref.person].term_at(when)
            if term and term.office in offices:
                return ref
    return None
