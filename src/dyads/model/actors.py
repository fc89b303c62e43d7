"""Actors and their mentions, as offsets into a document's text segments."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActorRef:
    """What one mention refers to, resolved at the article's date.

    key: ISO alpha-3 of a state, or the acronym of an organisation (organs take their parent's key,
    the organ is in `unit`); role: CAMEO role code (GOV, MIL, MED, ...) or None for the state or
    organisation as a whole; code: the CAMEO actor code (key's CAMEO code + role).
    """

    key: str | None
    role: str | None
    name: str
    kind: str  # state, org, person, outlet, group, unknown
    code: str = ""
    person: str | None = None
    unit: str | None = None
    in_kb: bool = True
    former: bool = False

    def identity(self) -> tuple:
        if self.person:
            return ("person", self.person)
        if self.kind in ("unknown", "outlet"):
            return (self.kind, self.name)
        return (self.kind, self.key, self.unit, self.role)


@dataclass
class Mention:
    """A stretch of text that names or points to one or more actors."""

    segment: str  # title, subtitle, body, caption:N
    start: int
    end: int
    text: str
    sentence: int
    head: int  # token index of the phrase head within its segment
    refs: list[ActorRef]
    rule: str  # kb, context, description, alias, surname, latter, former, group, pronoun, learned, ner
    place: bool = False  # a place phrase ("in Beijing"), not an actor
    attribute: bool = False  # an adjective naming a state before a non-actor noun ("Chinese strategy")
    kind: str = ""  # what recognised the head: person, org, state, demonym, ner_person, pronoun, ...
    parts: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end) of each part
    also: list[ActorRef] = field(default_factory=list)  # actors sharing this phrase's head ("Russian and US navies")

    @property
    def ref(self) -> ActorRef | None:
        return self.refs[0] if len(self.refs) == 1 else None


@dataclass
class Actor:
    """One actor of a document with all its mentions."""

    id: str
    key: str | None
    code: str
    role: str | None
    name: str
    kind: str
    names: list[str] = field(default_factory=list)
    person: str | None = None
    unit: str | None = None
    in_kb: bool = True
    mentions: list[tuple[str, int, int]] = field(default_factory=list)

    def as_record(self) -> dict:
        return {"id": self.id, "key": self.key, "code": self.code, "role": self.role, "name": self.name,
                "names": self.names, "kind": self.kind, "person": self.person, "unit": self.unit,
                "in_kb": self.in_kb,
                "mentions": [{"segment": s, "start": a, "end": b} for s, a, b in self.mentions]}


# The explicit empty side of a one-sided event (a protest with no named target, an agentless attack).
EMPTY = ActorRef(key=None, role=None, name="", kind="none", code="", in_kb=False)
