"""An event's argument, the mentions it is read from, and the place an act falls on when no actor receives it.

"Russian forces shelled Kharkiv", "declared a state of siege in Bolivia", "a curfew in parts of Kashmir":
for the roots the lexicon lists (`place_target_roots`), the place that is the object, or that the act's
`place_target_preps` name, is the target, as its state (kind `place`): the way CAMEO's dictionaries
code a city named as the object of an act. A state acting as a whole on its own land stays one-sided.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from dyads.components import event_rules, syntax
from dyads.model.actors import ActorRef, Mention
from dyads.ontology.lexicon import load_lexicon

_LEX = load_lexicon()
PLACE_ROOTS = _LEX.words("place_target_roots")
PLACE_CODES = _LEX.words("place_target_codes")
PLACE_PREPS = _LEX.words("place_target_preps")
HOME_ROOTS = _LEX.words("home_place_roots")
COLLECTIVE = _LEX.words("collective_nouns")


@dataclass
class Arg:
    refs: list[ActorRef]
    span: tuple[int, int]
    direct: bool  # the argument's head is the actor mention itself
    place: bool = False  # a place acted on ("a ceasefire in Syria"): it receives the act, never returns it


def place_targets(tok, code: str, index, sources=()) -> list[Arg]:
    """The place the act of `tok` (coded `code`) falls on, as a target; [] when there is none."""
    if code[:2] not in PLACE_ROOTS and code not in PLACE_CODES:
        return []
    objs = syntax.direct_objects(tok)
    heads = [(o, True) for o in objs] + [(o, False) for o in syntax.prep_objects(tok, PLACE_PREPS)] + \
        [(g, False) for o in objs for g in syntax.prep_objects(o, PLACE_PREPS)]
    # a place the KB knows, else one only named ("in Alta Verapaz"), on the land of the state whose organ acts
    home = [as_place(r, "") for r in sources if r.kind in ("state", "person") and r.key and r.code] \
        if code[:2] in HOME_ROOTS else []
    if len({r.key for r in home}) > 1:
        home = []  # "Xi and Putin expressed concern about ... in Asia": whose land is not said
    for keyed in (True, False):
        for head, direct in heads:
            for node, depth in syntax.subtree_bfs(head, max_depth=4):  # "a state of siege in Bolivia"
                m = index.get(node.i)
                if m is None or not m.place:
                    continue
                if keyed:
                    refs = [as_place(r, m.text) for r in m.refs if r.key and r.code]
                else:
                    unkeyed = not any(r.key for r in m.refs)
                    refs = [replace(r, name=m.text, in_kb=False) for r in home[:1]] if unkeyed else []
                refs = [r for r in refs if r not in sources and
                        all(event_rules.plausible_dyad(s, r, code) for s in sources)]
                if refs:
                    return [Arg(refs, (m.start, m.end), direct and depth == 0, place=True)]
    return []


def attributed(toks, index) -> list[Arg]:
    """Things named by a state's adjective ('Iranian sites', 'a number of Armenian state websites'): that
    state, as an indirect argument."""
    out = []
    for head in toks:
        for tok in syntax.expand_conj(head):
            if tok.lower_ in COLLECTIVE or tok.pos_ == "NUM":  # "a number of Armenian websites": the websites
                tok = next(iter(syntax.prep_objects(tok, {"of"})), tok)
            mods = [c for c in syntax.modifiers(tok) if c.dep_ in ("amod", "compound")]  # "Iranian sites"
            for c in (c for mod in mods for c in syntax.expand_conj(mod)):  # "the Russian and Ukrainian delegations"
                m = index.get(c.i)
                if m is not None and (m.attribute or c.dep_ == "conj") and not m.place:
                    refs = [r for r in m.refs if r.key and r.kind == "state"]
                    if refs and all(refs != a.refs for a in out):
                        out.append(Arg(refs, (m.start, m.end), False))
    return out


def as_place(ref: ActorRef, text: str) -> ActorRef:
    """A place acted on, as its state ("in Manila": PHL, not the government its capital stands for)."""
    code = ref.code[:-len(ref.role)] if ref.role and ref.code.endswith(ref.role) else ref.code
    return replace(ref, role=None, code=code, kind="place", name=text if ref.kind != "place" else ref.name,
                   person=None, unit=None)


def in_slot(tok, pattern, targets: list[Arg]) -> bool:
    """Some target stands where the pattern puts one: its object, or a phrase of its prepositions on
    the verb or the object ("signed a deal with Iran"), not a topic ("information on North Korea")."""
    objs = syntax.direct_objects(tok)
    preps = set(pattern.target_preps) | ({pattern.prep} if pattern.prep else set())
    heads = syntax.prep_objects(tok, preps) + [g for o in objs for g in syntax.prep_objects(o, preps)]
    heads += objs if pattern.target in ("object", "prep") else []
    slots = [(t.idx, t.idx + len(t)) for h in heads for c in syntax.expand_conj(h) for t in c.subtree]
    return any(a.span[0] < e and s < a.span[1] for a in targets for s, e in slots)


def named(ref: ActorRef, mention: Mention) -> bool:
    """A person or organisation named in full but outside the KB ('Jean-Pierre Lacroix'): an actor with
    no code, kept by name."""
    return ref.kind == "unknown" and not mention.place and mention.rule in ("ner", "context") and \
        ((len(ref.name.split()) >= 2 and ref.name[:1].isupper()) or acronym(ref.name))


def acronym(name: str) -> bool:
    """'OPCW', 'USAID': an organisation's initials, which name it as fully as its name would."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def named_span(tok, mention: Mention, index) -> tuple[int, int]:
    """The span that names a mention's actor: a pronoun's antecedent earlier in the sentence ("President
    Biden has said that he will not lift sanctions": "President Biden"), else the mention's own."""
    if mention.rule == "pronoun":
        for t in tok.sent:
            if t.i >= tok.i:
                break
            m = index.get(t.i)
            if m is not None and m is not mention and m.rule != "pronoun" and m.refs and m.refs == mention.refs:
                return (m.start, m.end)
    return (mention.start, mention.end)


def mention_index(seg, mentions: list[Mention]) -> dict[int, Mention]:
    """token index -> the mention it belongs to (an actor over a place, a head over an attribute)."""
    index: dict[int, Mention] = {}
    for m in mentions:
        span = seg.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            current = index.get(tok.i)
            if current is None or (current.place and not m.place) or (current.attribute and not m.attribute):
                index[tok.i] = m
    return index
