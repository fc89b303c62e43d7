"""`dyads kb check`: validate the knowledge base (ours plus any user dictionaries loaded)."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from dyads.kb.load import KnowledgeBase

ROLE_CODES = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "MED", "BUS", "CVL", "PTY", "EDU", "HLH", "REF", "LAB",
              "AGR", "ELI", "SPY", "CRM", "NGO", "UAF", "IGO", "REL", "HRI", "ENV", "MOD", "RAD", "SET", "IMG", "INS",
              "NGM", "PPL"}


def check_kb(kb: KnowledgeBase) -> list[str]:
    """Return the problems found (empty when the KB is sound)."""
    problems: list[str] = []
    keys = list(kb.states) + list(kb.orgs)
    for key in {k for k in keys if keys.count(k) > 1}:
        problems.append(f"key {key} is used by more than one state or organisation")
    iso2 = defaultdict(list)
    for state in kb.states.values():
        if not re.fullmatch(r"[A-Z]{3}", state.key):
            problems.append(f"state {state.name}: key {state.key!r} is not an ISO 3166-1 alpha-3 code")
        if state.iso2 and not re.fullmatch(r"[A-Z]{2}", state.iso2):
            problems.append(f"state {state.name}: iso2 {state.iso2!r} is not an alpha-2 code")
        if state.valid_to is None and state.iso2:
            iso2[state.iso2].append(state.key)
        if state.successor and state.successor not in kb.states:
            problems.append(f"state {state.key}: successor {state.successor} is unknown")
    for code, owners in iso2.items():
        if len(owners) > 1:
            problems.append(f"alpha-2 code {code} is used by {', '.join(owners)}")
    for org in kb.orgs.values():
        if org.parent and org.parent not in kb.orgs:
            problems.append(f"organisation {org.key}: parent {org.parent} is unknown")
        for member in org.members:
            if member.key not in kb.states and member.key not in kb.orgs:
                problems.append(f"organisation {org.key}: member {member.key} is unknown")
    for form, entries in kb.surface.items():
        states = {e.ref for e in entries if e.kind in ("state", "demonym", "capital", "seat")}
        current = {k for k in states if kb.states.get(k) and kb.states[k].valid_to is None}
        if len(current) > 1:
            problems.append(f"surface form {form!r} names several states: {', '.join(sorted(current))}")
    problems.extend(_check_terms(kb))
    for term, role in kb.roles.items():
        if not re.fullmatch(r"[A-Z]{3}", role):
            problems.append(f"role word {term!r}: role code {role!r} is not three capital letters")
    return problems


def dictionary_warnings(path: str | Path) -> list[str]:
    """The lines of a user's actor or agent dictionary that loading skips, as `path:line: reason` (the
    warnings `load_kb` counts in the KB version)."""
    from dyads.kb.extend import is_agent_dictionary
    from dyads.kb.petrarch import read_actor_dictionary, read_agent_dictionary

    warnings: list[str] = []
    read = read_agent_dictionary if is_agent_dictionary(Path(path)) else read_actor_dictionary
    for _ in read(path, warnings):
        pass
    return warnings


def _check_terms(kb: KnowledgeBase) -> list[str]:
    problems = []
    by_office = defaultdict(list)
    for person in kb.people.values():
        for term in person.terms:
            if term.state not in kb.states and term.state not in kb.orgs:
                problems.append(f"{person.name}: unknown state or organisation {term.state}")
            if term.end is not None and term.end < term.start:
                problems.append(f"{person.name}: {term.office} of {term.state} ends before it starts")
            by_office[(term.state, term.office)].append(term)
    for (state, office), terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for a, b in zip(terms, terms[1:]):
            if a.end is None or a.end > b.start:
                if a.person == b.person:
                    continue
                problems.append(f"{office} of {state}: {kb.people[a.person].name} ({a.start}..{a.end or 'now'}) "
                                f"overlaps {kb.people[b.person].name} (from {b.start})")
    return problems
