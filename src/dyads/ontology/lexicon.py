"""The coder's lexicon: word lists and small tables as one versioned data file (data/lexicon.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from dyads.yamlfile import load_yaml

LEXICON_PATH = files("dyads.ontology") / "data" / "lexicon.yaml"


@dataclass(frozen=True)
class Lexicon:
    version: str
    entries: dict  # name -> {"values": ..., "examples": [...]}

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.entries[name]["values"])

    def table(self, name: str) -> dict:
        return dict(self.entries[name]["values"])

    def value(self, name: str):
        return self.entries[name]["values"]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = load_yaml(LEXICON_PATH.read_text(encoding="utf-8"))
    entries = {k: v for k, v in data.items() if isinstance(v, dict) and "values" in v}
    return Lexicon(str(data["version"]), entries)
