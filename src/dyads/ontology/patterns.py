"""Event patterns: the coder's verb and noun patterns, as data files we write (data/patterns/NN.yaml),
plus patterns read from users' PETRARCH verb dictionaries."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from dyads.yamlfile import load_yaml

PATTERN_DIR = files("dyads.ontology") / "data" / "patterns"
TARGETS = {"object", "prep", "clause_subject", "none"}


@dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    particle: str | None = None
    prep: str | None = None
    object: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    target: str = "object"
    target_preps: tuple[str, ...] = ()
    symmetric: bool = False
    intent: str | None = None
    negated_code: str | None = None
    source_file: str = ""

    @property
    def nominal(self) -> bool:
        return bool(self.nouns)

    def specificity(self) -> float:
        """What the pattern asks of the parse; between two that ask as much, the finer code ('deliveries of
        weapons': 1622 over 162)."""
        return 2 * bool(self.object) + bool(self.prep) + bool(self.particle) + bool(self.modifiers) + \
            (len(self.code) - 3) / 4


@dataclass
class PatternSet:
    by_verb: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    by_noun: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    versions: dict[str, str] = field(default_factory=dict)

    def add(self, pattern: Pattern) -> None:
        for verb in pattern.verbs:
            self.by_verb[verb].append(pattern)
        for noun in pattern.nouns:
            self.by_noun[noun].append(pattern)

    def __len__(self) -> int:
        ids = {p.id for ps in list(self.by_verb.values()) + list(self.by_noun.values()) for p in ps}
        return len(ids)

    def trigger_words(self) -> set[str]:
        return set(self.by_verb) | set(self.by_noun)

    def version(self) -> str:
        return ";".join(f"{k}={v}" for k, v in sorted(self.versions.items()))


def _tuple(value) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def pattern_from_dict(row: dict, source_file: str = "") -> Pattern:
    target = row.get("target") or ("prep" if row.get("nouns") and row.get("prep") else "object")
    if row.get("nouns") and target == "object" and not row.get("prep"):
        target = "none"
    return Pattern(id=str(row["id"]), code=str(row["code"]), verbs=_tuple(row.get("verbs")),
                   nouns=_tuple(row.get("nouns")), particle=row.get("particle") or None, prep=row.get("prep") or None,
                   object=_tuple(row.get("object")), modifiers=_tuple(row.get("modifiers")), target=target,
                   target_preps=_tuple(row.get("target_preps")), symmetric=bool(row.get("symmetric")),
                   intent=str(row["intent"]) if row.get("intent") else None,
                   negated_code=str(row["negated_code"]) if row.get("negated_code") else None,
                   source_file=source_file)


@lru_cache(maxsize=2)
def load_patterns() -> PatternSet:
    out = PatternSet()
    if not PATTERN_DIR.is_dir():
        return out
    for entry in sorted(PATTERN_DIR.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = load_yaml(entry.read_text(encoding="utf-8")) or {}
        out.versions[entry.name] = str(data.get("version", ""))
        for row in data.get("patterns") or []:
            out.add(pattern_from_dict(row, entry.name))
    return out
