"""Extend the KB with users' CAMEO/PETRARCH actor and agent dictionaries.

Actor phrases become surface forms with dated codes (ours win where a form is already known); agent
phrases become role words. PETRARCH dictionaries are upper case: each phrase is added in title case,
and short single words (acronyms) also as written.
"""
from __future__ import annotations

from pathlib import Path

from dyads.kb.load import KnowledgeBase
from dyads.kb.model import Entry
from dyads.kb.petrarch import read_actor_dictionary, read_agent_dictionary, read_dictionary_text


def is_agent_dictionary(path: Path) -> bool:
    text = read_dictionary_text(path)
    codes = [line for line in text.splitlines() if "[" in line and not line.lstrip().startswith(("#", "<!--"))]
    agentish = sum(1 for line in codes if "~" in line)
    return bool(codes) and agentish > len(codes) / 2


def surface_forms(phrase: str) -> list[str]:
    words = phrase.split()
    forms = [" ".join(_title(w) for w in words)]
    if len(words) == 1 and len(phrase) <= 6 and phrase.isalpha():
        forms.append(phrase)  # an acronym: NATO, UNHCR
    return forms


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def extend_with_petrarch(kb: KnowledgeBase, path: Path) -> dict[str, int]:
    """Add one dictionary to `kb`; return counts of what was added."""
    warnings: list[str] = []
    added = {"forms": 0, "roles": 0}
    if is_agent_dictionary(path):
        for agent in read_agent_dictionary(path, warnings):
            role = agent.code[:3]
            for phrase in (agent.phrase, *agent.plurals):
                term = phrase.lower()
                if term not in kb.roles:
                    kb.roles[term] = role
                    added["roles"] += 1
    else:
        for n, entry in enumerate(read_actor_dictionary(path, warnings)):
            ident = f"{path.name}:{entry.line}:{n}"
            kb.dated_codes[ident] = entry
            for phrase in entry.phrases:
                for form in surface_forms(phrase):
                    if not kb.lookup(form):
                        kb.add_surface(form, Entry("code", ident))
                        added["forms"] += 1
    kb.versions[f"dictionary:{path.name}"] = f"{sum(added.values())} added, {len(warnings)} warnings"
    return added
