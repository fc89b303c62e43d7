"""Users' PETRARCH verb dictionaries as coder Patterns.

:func:`patterns_from_verb_dictionary` reads a PETRARCH 1 or 2 verb dictionary (see
``petrarch_verbs``) and turns it into :class:`~dyads.ontology.patterns.Pattern` objects that the
EventCoder matches on the dependency parse (verb lemma, ``prt`` particle, ``prep`` child, object
lemma, target slot):

* every verb entry with a code gives a bare pattern: ``verbs`` = the entry's base form, lower case
  (listed irregular forms are not added: the coder matches spaCy lemmas), ``code`` = the entry's code
  (``042:043`` -> ``042``; the null code ``---`` gives no pattern). A two-word verb whose second word
  is a particle (``+CORDON_OFF``) keeps it as ``particle``, one whose second word is a preposition
  (``+COME_UPON``) as ``prep``; other multi-word verbs (``WIRE_+TAP``) cannot be expressed.
* every verb pattern ``- BEFORE * AFTER [code]`` gives a more specific pattern for the single-word
  verbs of its block. ``AFTER`` is read left to right (``_`` joins are split, ``(...)`` and
  ``{...}`` groups flattened): a particle (UP, DOWN, OFF, OUT, BACK, AWAY) right after the verb is
  ``particle``; the first preposition (WITH, TO, AGAINST, ...) is ``prep``; the content words
  before it are the object, and its head (the last content word) becomes ``object`` (lower case,
  ``_`` stripped, with a naive singular of a plural added); a ``+`` (or ``%``) right after the
  preposition makes the target ``prep``, a ``+`` right after the verb makes it ``object``; without
  either, the target is the object and the preposition's object is the fallback (``target_preps``).
  ``$`` (the source) and ``^`` (skip a phrase) are ignored; ``&SYNSET`` expands to its members'
  head words. Content words after the preposition are kept only for FOR/IN/INTO/ON, whose object
  the coder checks (``* (FOR AID)``), and only when nothing precedes the preposition.
* BEFORE (words in front of the verb) cannot be checked on the parse: it is ignored and counted,
  except that a pattern whose only condition is in BEFORE, whose BEFORE holds a negation or a modal
  (``NOT *``, ``WILL NOT *``, ``FAILED_TO_*``), or which puts the target ``+`` before the verb is
  skipped: coding it without that condition would code the wrong event. Two patterns that convert
  to the same conditions (verbs, particle, preposition, object; the coder would only ever use the
  first) keep the one without BEFORE words, else the first in the file.

What cannot be expressed (a second preposition, a synset of prepositions, an object phrase of more
than two content words, words after TO/WITH/OF..., a null code) is skipped and counted in
:class:`Conversion.skipped`. Ids are ``petr:<file name>:<line>``; ``source_file`` is the file name.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dyads.kb.petrarch import DictionaryError, iter_lines, read_dictionary_text
from dyads.ontology.patterns import Pattern
from dyads.ontology.petrarch_verbs import VerbDictionary, VerbEntry, VerbPattern, read_verb_dictionary

PREPOSITIONS = frozenset({"WITH", "TO", "AGAINST", "ON", "FOR", "FROM", "OVER", "AT", "OF", "ABOUT", "INTO",
                          "BY", "IN", "UPON", "TOWARD", "TOWARDS"})
# other prepositions: a pattern using one cannot be expressed (the coder checks one preposition)
OTHER_PREPOSITIONS = frozenset({"NEAR", "BEHIND", "BETWEEN", "AMONG", "AMONGST", "AFTER", "BEFORE", "DURING",
                                "THROUGH", "ACROSS", "UNDER", "AROUND", "OUTSIDE", "INSIDE", "WITHIN", "WITHOUT",
                                "BEYOND", "ALONG", "AMID", "DESPITE", "VIA", "ABOARD", "BENEATH", "UNTIL"})
PARTICLES = frozenset({"UP", "DOWN", "OFF", "OUT", "BACK", "AWAY"})
# preps whose object the coder compares with Pattern.object (matching.object_matches)
OBJECT_PREPS = frozenset({"FOR", "IN", "INTO", "ON"})
FUNCTION_WORDS = frozenset({"THE", "A", "AN", "THAT", "THIS", "THESE", "THOSE", "WHICH", "WHO", "IT", "ITS",
                            "THEIR", "HIS", "HER", "AND", "OR", "BE", "BEEN", "IS", "ARE", "WAS", "WERE", "HAS",
                            "HAVE", "HAD", "WILL", "WOULD", "NOW", "ALSO", "AS"})
# words in front of the verb that change what the verb means (PETRARCH codes these separately)
BLOCKING_BEFORE = frozenset({"NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR", "FAILED", "FAIL", "FAILS", "REFUSE",
                             "REFUSED", "REFUSES", "REFUSAL", "WILL", "WOULD", "MAY", "MIGHT", "SHOULD", "COULD",
                             "CAN", "MUST", "SHALL", "WANT", "WANTS", "WANTED", "PLAN", "PLANS", "PLANNED",
                             "INTEND", "INTENDS", "INTENDED", "THREATENED", "REFUSING"})
MAX_OBJECT_WORDS = 2
_HEADER_RE = re.compile(r"^---.*\S.*---\s*$")


@dataclass
class Conversion:
    """The converted patterns with what was left out, by reason."""

    patterns: list[Pattern] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)  # conversions that dropped a condition
    source_file: str = ""

    def summary(self) -> str:
        bare = sum(1 for p in self.patterns if p.specificity() == 0)
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{k} {v}" for k, v in self.skipped.most_common())
        return (f"{len(self.patterns)} patterns ({bare} bare, {len(self.patterns) - bare} with conditions), "
                f"{skipped} skipped" + (f" ({reasons})" if reasons else ""))


def is_verb_dictionary(path: str | Path) -> bool:
    """True when the file holds PETRARCH verb blocks (``--- DESCRIPTION [code] ---`` lines)."""
    try:
        text = read_dictionary_text(path)
    except DictionaryError:
        return False
    for _, line in iter_lines(text):
        if _HEADER_RE.match(line.strip()):
            return True
    return False


def patterns_from_verb_dictionary(path: str | Path) -> list[Pattern]:
    """The Patterns of a PETRARCH verb dictionary (see the module docstring)."""
    return convert_verb_dictionary(path).patterns


def convert_verb_dictionary(path: str | Path, dictionary: VerbDictionary | None = None) -> Conversion:
    path = Path(path)
    verbs = dictionary if dictionary is not None else read_verb_dictionary(path)
    out = Conversion(source_file=path.name)
    synsets = _Synsets(verbs.synsets)

    # bare patterns, and the single-word verbs that each pattern line applies to
    holders: dict[int, tuple[VerbPattern, list[str]]] = {}
    for entry in verbs.verbs.values():
        shape = _verb_shape(entry)
        if shape is None:
            out.skipped["multi-word verb"] += 1
        code = _first_code(entry.code)
        if shape is not None:
            if not code:
                out.skipped["verb with null code"] += 1
            else:
                lemma, particle, prep = shape
                out.patterns.append(Pattern(
                    id=f"petr:{path.name}:{entry.line}", code=code, verbs=(lemma,), particle=particle, prep=prep,
                    target="object", target_preps=(prep,) if prep else (), source_file=path.name))
        for vp in entry.patterns:
            held = holders.setdefault(id(vp), (vp, []))[1]
            if shape is not None and shape[1] is None and shape[2] is None and shape[0] not in held:
                held.append(shape[0])

    converted: dict[tuple, tuple[Pattern, bool]] = {}
    for vp, lemmas in sorted(holders.values(), key=lambda item: item[0].line):
        if not lemmas:
            out.skipped["pattern of multi-word verbs only"] += 1
            continue
        result = _convert_pattern(vp, tuple(lemmas), synsets, path.name, out)
        if result is None:
            continue
        pattern, has_before = result
        key = (pattern.verbs, pattern.particle, pattern.prep, pattern.object)  # the coder's conditions
        known = converted.get(key)
        if known is None:
            converted[key] = (pattern, has_before)
        elif known[1] and not has_before:
            converted[key] = (pattern, has_before)
            out.skipped["duplicate conditions"] += 1
        else:
            out.skipped["duplicate conditions"] += 1
    out.patterns.extend(p for p, _ in converted.values())
    return out


# ------------------------------------------------------------------------------------------------


def _first_code(code: str) -> str:
    first = code.split(":")[0].strip().upper()
    return "" if first in ("", "---") else first


def _verb_shape(entry: VerbEntry) -> tuple[str, str | None, str | None] | None:
    """(lemma, particle, prep) of a verb entry; None for a multi-word verb we cannot express."""
    words = entry.verb.split()
    if len(words) == 1:
        return words[0].lower(), None, None
    if len(words) == 2 and words[0] == entry.head:
        if words[1] in PARTICLES:
            return words[0].lower(), words[1].lower(), None
        if words[1] in PREPOSITIONS:
            return words[0].lower(), None, words[1].lower()
    return None


class _Synsets:
    def __init__(self, synsets: dict[str, tuple[str, ...]]):
        self.synsets = synsets

    def has(self, label: str) -> bool:
        return label.upper() in self.synsets

    def members(self, label: str, seen: frozenset = frozenset()) -> list[str]:
        """The member phrases of ``&LABEL``, nested synsets expanded."""
        label = label.upper()
        if label in seen:
            return []
        out: list[str] = []
        for member in self.synsets.get(label, ()):
            if member.startswith("&"):
                out.extend(self.members(member, seen | {label}))
            else:
                out.append(member)
        return out


def _words(tokens: tuple[str, ...], synsets: _Synsets) -> list[str]:
    """Pattern tokens as single words: groups flattened, ``_`` joins split (a ``&`` label keeps the
    longest run of parts that names a synset)."""
    out: list[str] = []
    for token in tokens:
        for chunk in re.sub(r"[(){}]", " ", token).split():
            parts = [p for p in chunk.split("_") if p]
            i = 0
            while i < len(parts):
                if parts[i].startswith("&"):
                    for j in range(len(parts), i, -1):
                        label = "_".join(parts[i:j])
                        if synsets.has(label) or j == i + 1:
                            out.append(label.upper())
                            i = j
                            break
                else:
                    out.append(parts[i].upper())
                    i += 1
    return out


def _forms(word: str) -> list[str]:
    """A word as lower-case lemma-ish forms: as written and a naive singular."""
    w = word.strip("_").lower()
    if not w:
        return []
    out = [w]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        out.append(w[:-1])  # TIES -> tie, TALKS -> talk
        if len(w) > 5 and w.endswith("ies"):
            out.append(w[:-3] + "y")  # PARTIES -> party
        elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
            out.append(w[:-2])  # MARCHES -> march
    return out


def _head_forms(words: list[str], synsets: _Synsets) -> tuple[str, ...] | None:
    """The object lemmas of a content phrase: the forms of its last word (every member's last word
    for a synset); None when the phrase is too long to be an object."""
    if not words or len(words) > MAX_OBJECT_WORDS:
        return None
    head = words[-1]
    phrases = synsets.members(head) if head.startswith("&") else [head]
    forms: list[str] = []
    for phrase in phrases:
        last = phrase.replace("_", " ").split()
        if last:
            forms.extend(_forms(last[-1]))
    return tuple(dict.fromkeys(forms)) or None


def _convert_pattern(vp: VerbPattern, lemmas: tuple[str, ...], synsets: _Synsets, name: str,
                     out: Conversion) -> tuple[Pattern, bool] | None:
    code = _first_code(vp.code)
    if not code:
        out.skipped["null code"] += 1
        return None
    before = _words(vp.before, synsets)
    before_words = [w for w in before if w not in ("$", "^", "%")]
    if "+" in before_words:
        out.skipped["target before the verb"] += 1
        return None
    if any(w in BLOCKING_BEFORE or (w.startswith("&") and any(m.split()[-1] in BLOCKING_BEFORE
                                                               for m in synsets.members(w) if m.split()))
           for w in before_words):
        out.skipped["negation or modal before the verb"] += 1
        return None

    words = _words(vp.after, synsets)
    particle = prep = None
    target = "object"
    explicit_target = False
    object_words: list[str] = []
    after_prep: list[str] = []
    position = 0  # index among the words after the verb (markers included)
    previous_was_prep = False
    for word in words:
        if word in ("$", "^"):
            position += 1
            continue
        if word in ("+", "%"):
            if prep is not None and not after_prep and previous_was_prep:
                target, explicit_target = "prep", True
            elif position == 0 or (position == 1 and particle is not None and not object_words):
                target, explicit_target = "object", True
            position += 1
            previous_was_prep = False
            continue
        previous_was_prep = False
        if word.startswith("&") and prep is None and synsets.has(word) and _all_preps(synsets.members(word)):
            out.skipped["synset of prepositions"] += 1
            return None
        if position == 0 and word in PARTICLES and particle is None:
            particle = word.lower()
        elif word in OTHER_PREPOSITIONS:
            out.skipped["other preposition"] += 1
            return None
        elif word in PREPOSITIONS:
            if prep is not None:
                out.skipped["second preposition"] += 1
                return None
            prep = word.lower()
            previous_was_prep = True
        elif word in FUNCTION_WORDS:
            pass
        elif prep is None:
            object_words.append(word)
        else:
            after_prep.append(word)
        position += 1

    if after_prep:
        if object_words or prep.upper() not in OBJECT_PREPS:
            out.skipped["words after the preposition"] += 1
            return None
        object_words = after_prep
    objects: tuple[str, ...] = ()
    if object_words:
        objects = _head_forms(object_words, synsets) or ()
        if not objects:
            out.skipped["object phrase too long"] += 1
            return None
    if not (particle or prep or objects):
        out.skipped["no condition after the verb"] += 1
        return None
    if before_words:
        out.notes["words before the verb ignored"] += 1
    if object_words and len(object_words) > 1:
        out.notes["object phrase reduced to its head"] += 1
    target_preps: tuple[str, ...] = ()
    if prep and not explicit_target:
        target_preps = (prep,)
    pattern = Pattern(id=f"petr:{name}:{vp.line}", code=code, verbs=lemmas, particle=particle, prep=prep,
                      object=objects, target=target, target_preps=target_preps, source_file=name)
    return pattern, bool(before_words)


def _all_preps(members: list[str]) -> bool:
    preps = PREPOSITIONS | OTHER_PREPOSITIONS
    return bool(members) and all(m.split() and m.split()[-1] in preps for m in members)


__all__ = ["Conversion", "convert_verb_dictionary", "is_verb_dictionary", "patterns_from_verb_dictionary",
           "PREPOSITIONS", "PARTICLES"]
