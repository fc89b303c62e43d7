"""What the coder does with the events it found: which dyads can stand, which code who acts makes,
which events of one sentence are the same event told twice, how the classifier weighs them."""
from __future__ import annotations

from dyads.components import syntax
from dyads.components.classifier import Prediction
from dyads.model.actors import EMPTY, ActorRef
from dyads.model.events import Event
from dyads.ontology.lexicon import load_lexicon

_LEX = load_lexicon()
DOMESTIC_ROLES = _LEX.words("domestic_roles")
BRANCHES = _LEX.words("branch_roles")


def is_person(ref: ActorRef) -> bool:
    return bool(ref.person) or (ref.kind == "unknown" and " " in ref.name and ref.role in (None, "GOV", "ELI", "LEG"))


def plausible_dyad(src: ActorRef, tgt: ActorRef, code: str) -> bool:
    """Two different actors that can stand in this relation."""
    if not distinct(src, tgt) and not (code[:2] != "01" and src.key == tgt.key and is_person(src) and
                                       is_person(tgt) and src.identity() != tgt.identity()):
        return False  # two people of one state act on each other ("offered his resignation to President X"),
        # though one speaking of the other is no dyad ("Kremlin spokesman Dmitry Peskov said Putin ...")
    if tgt.role == "MED" and code[:2] in ("01", "02", "04"):
        return False  # "told the BBC", "spoke to reporters": talking to the press is no dyad
    if code[:2] == "19" and is_person(src) and is_person(tgt):
        return False  # "the Biden campaign attacked him": politicians' attacks are words
    return True


def distinct(src: ActorRef, tgt: ActorRef) -> bool:
    if (src is EMPTY) != (tgt is EMPTY):
        return True  # a one-sided event
    if src.key is None or tgt.key is None:  # a named actor outside the KB stands only beside a coded one
        return (src.key is None) != (tgt.key is None) and src.name != tgt.name
    if src.identity() == tgt.identity():
        return False
    if src.key == tgt.key:
        if src.kind == "role" and tgt.kind == "role":  # no state on either side: "gunmen killed civilians"
            return src.role != tgt.role
        if tgt.kind == "place":  # "Indian police imposed a curfew in Ahmedabad": an organ acting on its land
            return (src.role is not None or is_person(src) or src.kind == "person") and src.kind != "place"
        # an organ of the state and a group of its people, or two different groups ("gunmen killed civilians")
        return src.role != tgt.role and bool({src.role, tgt.role} & (DOMESTIC_ROLES | BRANCHES))  # "parliament rejected May's deal"
    return True


ACTOR_CODES = _LEX.value("actor_codes")


def by_actors(code: str, src: ActorRef, tgt: ActorRef) -> str:
    """The code as who acts makes it: protesters fighting police riot (145), police firing on them repress (175);
    repression is of a state's own people ("Russian jets killed 20 civilians in Idlib" stays 190)."""
    for rule in ACTOR_CODES:
        if code in rule["codes"] and src.role in rule["source_roles"] and \
                ("target_roles" not in rule or tgt.role in rule["target_roles"]) and \
                (not rule.get("same_state") or src.key == tgt.key):  # two role-only actors: one unnamed state
            return rule["code"]
    return code


def governed(events: list[Event], doc) -> list[Event]:
    """'blew himself up ..., killing six soldiers': an event whose predicate is a participle hanging on
    another event's predicate with the same dyad is that event's consequence, not a second event."""
    if len(events) < 2:
        return events
    tok_of = {}
    for ev in events:
        span = doc.char_span(*ev.predicate_span, alignment_mode="expand")
        tok_of[id(ev)] = span.root if span is not None else None
    out = []
    for ev in events:
        tok = tok_of[id(ev)]
        dependent = tok is not None and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and any(
            tok_of[id(o)] is not None and tok_of[id(o)].i == tok.head.i and o.source.identity() == ev.source.identity()
            for o in events if o is not ev)
        if not dependent:
            out.append(ev)
    return out


BACKGROUND_LOWERED = float(_LEX.value("background_lowered"))


def background(events: list[Event], doc, lowered: float = BACKGROUND_LOWERED) -> list[Event]:
    """An event told inside a relative, adverbial or adnominal clause beside an event of the sentence's
    own clauses ("NATO strengthened its forces after Russia seized Crimea") is background to it: it keeps
    its evidence but loses `lowered` of its confidence (the lexicon's `background_lowered`)."""
    if len(events) < 2:
        return events
    inside = {}
    for ev in events:
        span = doc.char_span(*ev.predicate_span, alignment_mode="expand")
        inside[id(ev)] = span is not None and syntax.embedded(span.root)
    if all(inside.values()) or not any(inside.values()):
        return events
    for ev in events:
        if inside[id(ev)]:
            ev.confidence = round(max(ev.confidence - lowered, 0.05), 2)
    return events


def most_specific(events: list[Event]) -> list[Event]:
    """A root's 'not specified' code (190, 180, 170 ...) beside a more specific code of the same root
    in the same sentence (or of another root of violence: 'killed in a car bomb attack') and from the same
    source (or an unnamed one) is the same event told less exactly: keep the specific one. Another
    source's act is another event ('ISIL launched an attack ..., with a suicide bomber blowing himself up')."""
    def family(root: str) -> str:
        return "violence" if root in VIOLENCE else root

    def generic(ev: Event) -> bool:
        return len(ev.code) == 3 and ev.code.endswith("0")

    def same_actor(a: ActorRef, b: ActorRef) -> bool:  # an unnamed side may be either
        return a is EMPTY or b is EMPTY or a.identity() == b.identity()

    specific = [(family(e.root), e.source) for e in events if not generic(e)]
    return [e for e in events if not (generic(e) and any(f == family(e.root) and same_actor(src, e.source)
                                                         for f, src in specific))]


VIOLENCE = {"18", "19", "20"}


def weigh(events: list[Event], prediction: Prediction) -> None:
    """The rules' confidence, times the classifier's agreement with the event's class: its probability
    of the event's pentaclass, relative to its most probable class."""
    classes = prediction.classes()
    top = max(classes) or 1.0
    for ev in events:
        agreement = classes[ev.penta] / top
        ev.confidence = round(max(ev.confidence * (0.7 + 0.3 * agreement) * (0.8 + 0.2 * prediction.event), 0.05), 2)


def dedupe(events: list[Event]) -> list[Event]:
    seen: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.segment, ev.sentence_index, ev.source.key, ev.source.role, ev.target.key, ev.target.role, ev.root)
        kept = seen.get(key)
        if kept is None or ev.confidence > kept.confidence or (ev.confidence == kept.confidence and len(ev.code) > len(kept.code)):
            seen[key] = ev
    # "sent aid to Kabul": the place acted on and the actor it names are one target, the actor kept
    actors = {(e.segment, e.sentence_index, e.source.key, e.source.role, e.target.key, e.root)
              for e in seen.values() if e.target.kind != "place"}
    # "offering his condolences over an attack in New Zealand": the same act with no one named receiving it
    received: dict[tuple, float] = {}
    for e in seen.values():
        if e.target is not EMPTY:
            at = (e.segment, e.sentence_index, e.source.identity(), e.root)
            received[at] = max(received.get(at, 0.0), e.confidence)
    return [e for e in seen.values() if (e.target.kind != "place" or
            (e.segment, e.sentence_index, e.source.key, e.source.role, e.target.key, e.root) not in actors) and
            (e.target is not EMPTY or
             received.get((e.segment, e.sentence_index, e.source.identity(), e.root), -1.0) < e.confidence)]
