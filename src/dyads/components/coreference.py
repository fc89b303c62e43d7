"""Pointers to actors already named: pronouns, groups ("the two leaders"), "the latter", coordination.

Helpers of the actor resolver; they read the parse and the items resolved so far, and change nothing.
"""
from __future__ import annotations

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
