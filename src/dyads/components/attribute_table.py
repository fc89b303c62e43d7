"""spaCy's attribute ruler, matched by table lookup.

The English model's attribute ruler maps tags to POS and morphology and fixes a few words' attributes:
179 rules, nearly all of one token that ask for its tag, lower-case form, dependency or whitespace.
spaCy's Matcher tries every rule at every token, a fifth of the time of the parse after the networks.
`speed_up` gives the ruler a `match` that judges a one-token rule once per distinct (tag, form,
dependency, whitespace) a process meets, and leaves the rules of several tokens to a Matcher of their
own, run only on the documents where their first token occurs. It returns the very matches in the
ruler's order (later rules win), so the annotations are the model's: tests/components/test_attribute_table.py
compares them token by token.
"""
from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher

FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # a token as the table sees it, in this order
MEMO_SIZE = 200_000  # distinct tokens judged before the table starts afresh (some 40 MB at most)


def _test(condition):
    """A Matcher condition on one attribute as a test of its value, or None for a form we do not read."""
    if isinstance(condition, (str, bool)):
        return lambda value: value == condition
    if not isinstance(condition, dict) or len(condition) != 1:
        return None
    (op, arg), = condition.items()
    if op == "IN":
        accepted = set(arg)
        return lambda value: value in accepted
    if op == "NOT_IN":
        refused = set(arg)
        return lambda value: value not in refused
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda value: bool(regex.search(value))
    return None


def _keys(token_pattern) -> tuple[int, list] | None:
    """(field, the values it must have) for the first exact or IN condition on the tag or the form, which
    indexes the rule; None when the pattern has none (a dependency alone, whitespace, a NOT_IN)."""
    for name in ("LOWER", "TAG"):
        condition = token_pattern.get(name)
        if isinstance(condition, str):
            return FIELDS.index(name), [condition]
        if isinstance(condition, dict) and set(condition) == {"IN"}:
            return FIELDS.index(name), list(condition["IN"])
    return None


def _rule(token_pattern):
    """A one-token pattern as a test of (tag, lower, dep, is_space); None if it asks for anything else."""
    if not token_pattern or not set(token_pattern) <= set(FIELDS):
        return None
    tests = [(FIELDS.index(k), _test(v)) for k, v in token_pattern.items()]
    if any(t is None for _, t in tests):
        return None
    return lambda token: all(t(token[i]) for i, t in tests)


class AttributeTable:
    def __init__(self, ruler):
        self.strings = ruler.vocab.strings
        self.keys: list[int] = []  # rule number -> its match id
        self.indexed: dict[tuple[int, str], list[tuple[int, object]]] = {}  # (field, value) -> (rule, test)
        self.unindexed: list[tuple[int, object]] = []  # (rule number, test) of the other one-token patterns
        self.starts: list[object] = []  # tests of the first token of the other patterns
        self.rest = Matcher(ruler.vocab)
        self._memo: dict[tuple, tuple[tuple[int, ...], bool]] = {}
        for number, entry in enumerate(ruler.patterns):
            key = self.strings.add(str(number))
            self.keys.append(key)
            for pattern in entry["patterns"]:
                test = _rule(pattern[0]) if len(pattern) == 1 else None
                if test is not None:
                    index = _keys(pattern[0])
                    if index is None:
                        self.unindexed.append((number, test))
                    for value in index[1] if index else ():
                        self.indexed.setdefault((index[0], value), []).append((number, test))
                    continue
                self.rest.add(key, [pattern])
                first = _rule(pattern[0]) if pattern else None
                self.starts.append(first or (lambda token: True))

    def _judge(self, ids: tuple) -> tuple[tuple[int, ...], bool]:
        """(the one-token rules a token matches, whether a longer rule may start at it)."""
        found = self._memo.get(ids)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            s = self.strings
            token = (s[ids[0]] if ids[0] else "", s[ids[1]], s[ids[2]] if ids[2] else "", bool(ids[3]))
            candidates = self.indexed.get((0, token[0]), []) + self.indexed.get((1, token[1]), []) + self.unindexed
            found = self._memo[ids] = (tuple(sorted({n for n, test in candidates if test(token)})),
                                       any(test(token) for test in self.starts))
        return found

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        """What AttributeRuler.match gives: (rule number, match id, start, end), sorted."""
        out = []
        longer = False
        keys = self.keys
        for i, ids in enumerate(doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()):
            numbers, starts = self._judge(tuple(ids))
            longer = longer or starts
            for number in numbers:
                out.append((number, keys[number], i, i + 1))
        if longer:
            out += [(int(self.strings[m_id]), m_id, s, e) for m_id, s, e in self.rest(doc, allow_missing=True)]
        out.sort()
        return out


def speed_up(nlp) -> None:
    """Give the model's attribute ruler, if it has one, the table's `match`."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = AttributeTable(ruler).match
