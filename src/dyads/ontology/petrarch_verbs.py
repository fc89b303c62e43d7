"""Reader for user-supplied PETRARCH/CAMEO verb-pattern dictionaries.

Both layouts are read: PETRARCH 1 (``CAMEO.verbpatterns.150430.txt``, the
validation suite) and PETRARCH 2 (``CAMEO.2.0.txt``, with ``{NOUN PHRASE}``
and ``(PREP ...)`` groups).  The file holds:

* synsets: ``&LABEL`` then ``+member`` lines (a label ending in ``_`` asks for
  no plurals; the ``_`` is dropped from the key, which keeps its ``&``);
* verb blocks: ``--- DESCRIPTION [code] ---``, then verb lines
  (``SAY {SAYS SAID SAYING}``, ``EXPRESS [0110]``, ``+CORDON_OFF {...}``,
  ``WIRE_+TAP``: ``+`` marks the inflected word of a multi-word verb), then
  patterns ``- BEFORE * AFTER [code] # comment``;
* transformations ``~ a (a b ATTACK) SAY = a b 015`` (kept as raw text).

Every verb of a block shares the block's patterns; ``VerbPattern.verb`` is the
block's first (main) verb.  A verb listed in several blocks keeps its first
code and collects the patterns of every block.  Pattern tokens are split on
blanks outside ``(...)``/``{...}``; a ``*`` glued to words with ``_`` is split
out and the ``_`` kept on the neighbouring token (``IN_*`` -> ``IN_``, ``*``),
since it means "immediately before/after the verb".  A pattern without a code,
without exactly one ``*``, or using an undefined synset is skipped with a
warning.  Codes are kept as written, ``---`` becoming ``""``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dyads.kb.petrarch import DictionaryError, LineProblems, iter_lines, read_dictionary_text, split_comment

_FORM_SPLIT_RE = re.compile(r"[\s,]+")
_SYNSET_REF_RE = re.compile(r"&([A-Z0-9'\-]+(?:_[A-Z0-9'\-]+)*)")
_TRAILING_CODE_RE = re.compile(r"\[([^\[\]]*)\]\s*$")


@dataclass(frozen=True)
class VerbPattern:
    verb: str  # the block's main verb
    code: str  # as written without brackets; "" for the null code ---
    before: tuple[str, ...]  # tokens before '*'
    after: tuple[str, ...]  # tokens after '*'
    text: str  # the pattern as written, without '-', code and comment
    line: int
    comment: str = ""


@dataclass
class VerbEntry:
    verb: str  # lemma, words separated by blanks ("CORDON OFF")
    forms: tuple[str, ...]  # lemma first, then listed or regular forms
    code: str  # the verb's own code, else the block's; "" = null code
    patterns: list[VerbPattern]
    line: int
    head: str = ""  # the inflected word ("CORDON" in "CORDON OFF")
    block: str = ""  # the block description from its "---" line


@dataclass
class VerbDictionary:
    verbs: dict[str, VerbEntry] = field(default_factory=dict)
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    transformations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    index: dict[str, str] = field(default_factory=dict, repr=False)  # form -> key in verbs

    def add(self, entry: VerbEntry) -> VerbEntry:
        """Add an entry (merging into an existing one of the same verb); index its forms."""
        known = self.verbs.get(entry.verb)
        if known is not None:
            known.patterns.extend(p for p in entry.patterns if p not in known.patterns)
            known.forms = tuple(dict.fromkeys(known.forms + entry.forms))
            entry = known
        else:
            self.verbs[entry.verb] = entry
        for form in entry.forms:
            self.index.setdefault(form, entry.verb)
        return entry

    def find(self, word: str) -> VerbEntry | None:
        """The entry for any listed or regularly inflected form ("accused", "cordoned off")."""
        words = " ".join(word.replace("_", " ").upper().split()).split()
        if not words:
            return None
        whole = " ".join(words)
        if whole in self.index:
            return self.verbs[self.index[whole]]
        for position, token in enumerate(words):
            for lemma in lemma_candidates(token):
                key = " ".join(words[:position] + [lemma] + words[position + 1:])
                if key in self.index:
                    return self.verbs[self.index[key]]
        return None

    def pattern_count(self) -> int:
        seen: set[int] = set()
        for entry in self.verbs.values():
            seen.update(id(p) for p in entry.patterns)
        return len(seen)


# ---------------------------------------------------------------- inflection


def regular_forms(verb: str) -> tuple[str, str, str]:
    """(3rd person singular, past, gerund) of an upper-case regular verb."""
    consonant_y = verb.endswith("Y") and len(verb) > 1 and verb[-2] not in "AEIOU"
    if consonant_y:
        third = verb[:-1] + "IES"
    elif verb.endswith(("S", "SH", "CH", "X", "Z", "O")):
        third = verb + "ES"
    else:
        third = verb + "S"
    if verb.endswith("E"):
        past = verb + "D"
    else:
        past = verb[:-1] + "IED" if consonant_y else verb + "ED"
    if verb.endswith("IE"):
        gerund = verb[:-2] + "YING"
    elif verb.endswith("E") and not verb.endswith(("EE", "YE", "OE")) and len(verb) > 2:
        gerund = verb[:-1] + "ING"
    else:
        gerund = verb + "ING"
    return third, past, gerund


def lemma_candidates(word: str) -> list[str]:
    """Possible base forms of an inflected upper-case word, most likely first."""
    out: list[str] = []

    def add(stem: str) -> None:
        if len(stem) >= 2:
            out.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "AEIOU":
                out.append(stem[:-1])  # BANNED -> BANN -> BAN

    for suffix, replacements in (("IES", ("Y",)), ("IED", ("Y",)), ("YING", ("IE", "Y")),
                                 ("ING", ("", "E")), ("ED", ("", "E")), ("ES", ("", "E")),
                                 ("S", ("",)), ("D", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix):
            for replacement in replacements:
                add(word[: -len(suffix)] + replacement)
    return list(dict.fromkeys(out))


# ---------------------------------------------------------------- parsing


def _clean_words(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("+", " ").upper().split())


def _parse_verb(text: str) -> tuple[str, str, tuple[str, ...] | None, str | None]:
    """``"WIRE_+TAP {WIRE_+TAPPED} [042]"`` -> (lemma, head, listed forms or None, code or None)."""
    forms: tuple[str, ...] | None = None
    code: str | None = None
    if "{" in text:
        before, _, rest = text.partition("{")
        if "}" not in rest:
            raise DictionaryError("missing '}' in verb forms")
        inside, _, after = rest.partition("}")
        forms = tuple(f for f in (_clean_words(x) for x in _FORM_SPLIT_RE.split(inside)) if f)
        text = before + " " + after
    code_match = re.search(r"\[([^\[\]]*)\]", text)
    if code_match:
        code = _code(code_match.group(1))
        text = text[: code_match.start()] + " " + text[code_match.end():]
    if "[" in text or "]" in text or "}" in text:
        raise DictionaryError(f"stray bracket in verb line {text.strip()!r}")
    raw = text.strip()
    words = raw.replace("_", " ").split()
    if not words:
        raise DictionaryError("verb line without a verb")
    marked = [w for w in words if w.startswith("+")]
    head = (marked[0] if marked else words[0]).lstrip("+").upper()
    return _clean_words(raw), head, forms, code


def _inflect_phrase(lemma: str, head: str) -> tuple[str, ...]:
    words = lemma.split()
    position = words.index(head) if head in words else 0
    return tuple(" ".join(words[:position] + [form] + words[position + 1:])
                 for form in regular_forms(words[position]))


def _code(text: str) -> str:
    code = text.strip().upper()
    return "" if code == "---" else code


def tokenise_pattern(text: str) -> list[str]:
    """Split on blanks outside ``(...)``/``{...}``; split a glued ``*`` out of its word."""
    tokens: list[str] = []
    depth, current = 0, ""
    for char in text:
        if char in "({":
            depth += 1
        elif char in ")}":
            depth = max(0, depth - 1)
        if char.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += char
    if current:
        tokens.append(current)
    out: list[str] = []
    for token in tokens:
        if "*" in token and token[0] not in "({":
            left, _, right = token.partition("*")
            out.extend(t for t in (left, "*", right) if t)
        else:
            out.append(token)
    return out


def _undefined_synsets(text: str, synsets: dict[str, tuple[str, ...]]) -> list[str]:
    missing = []
    for match in _SYNSET_REF_RE.finditer(text.upper()):
        parts = match.group(1).split("_")
        if not any("&" + "_".join(parts[:n]) in synsets for n in range(len(parts), 0, -1)):
            missing.append("&" + match.group(1))
    return missing


class _Reader:
    def __init__(self, path: str | Path, strict: bool):
        self.result = VerbDictionary()
        self.problem = LineProblems(path, self.result.warnings, strict)
        self.block: str | None = None
        self.block_code = ""
        self.block_verbs: list[VerbEntry] = []
        self.block_patterns: list[VerbPattern] = []
        self.synset: str | None = None
        self.members: list[str] = []

    def close_synset(self) -> None:
        if self.synset is not None:
            self.result.synsets[self.synset] = tuple(dict.fromkeys(self.members))
        self.synset, self.members = None, []

    def close_block(self) -> None:
        for entry in self.block_verbs:
            entry.patterns.extend(self.block_patterns)
            known = self.result.verbs.get(entry.verb)
            if known is not None and known.code != entry.code:
                self.problem(entry.line, f"verb {entry.verb} again with code [{entry.code or '---'}]; "
                                         f"keeping [{known.code or '---'}] from line {known.line}")
            self.result.add(entry)
        self.block, self.block_verbs, self.block_patterns = None, [], []

    def header(self, number: int, text: str) -> None:
        self.close_synset()
        self.close_block()
        inner = text.strip().strip("-").strip()
        inner = split_comment(inner, "#")[0]
        codes = re.findall(r"\[([^\[\]]*)\]", inner)
        if len(codes) > 1:
            self.problem(number, f"block has {len(codes)} codes; using the first, [{codes[0]}]")
        self.block = inner.split("[")[0].strip().upper() or "?"
        self.block_code = _code(codes[0]) if codes else ""

    def verb(self, number: int, text: str) -> None:
        try:
            lemma, head, forms, code = _parse_verb(text)
        except DictionaryError as exc:
            self.problem(number, f"{exc.reason}; verb skipped")
            return
        generated = _inflect_phrase(lemma, head) if forms is None else forms
        entry = VerbEntry(lemma, tuple(dict.fromkeys((lemma, *generated))),
                          self.block_code if code is None else code, [], number, head, self.block or "")
        self.block_verbs.append(entry)

    def pattern(self, number: int, text: str) -> None:
        if self.block is None:
            self.problem(number, "pattern outside a verb block; skipped")
            return
        body, comment = split_comment(text.strip()[1:], "#")
        match = _TRAILING_CODE_RE.search(body)
        if match is None:
            self.problem(number, f"pattern without a [code]: {body.strip()!r}; skipped")
            return
        pattern_text = body[: match.start()].strip()
        tokens = tokenise_pattern(pattern_text)
        if tokens.count("*") != 1:
            self.problem(number, f"pattern needs exactly one '*': {pattern_text!r}; skipped")
            return
        missing = _undefined_synsets(pattern_text, self.result.synsets)
        if missing:
            self.problem(number, f"undefined synset {', '.join(missing)} in {pattern_text!r}; skipped")
            return
        if pattern_text.count("(") != pattern_text.count(")") or pattern_text.count("{") != pattern_text.count("}"):
            self.problem(number, f"unbalanced brackets in pattern {pattern_text!r}")
        star = tokens.index("*")
        main = self.block_verbs[0].verb if self.block_verbs else self.block
        self.block_patterns.append(VerbPattern(main, _code(match.group(1)), tuple(tokens[:star]),
                                               tuple(tokens[star + 1:]), pattern_text, number, comment))

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith("---"):
            self.header(number, stripped)
        elif stripped.startswith("-"):
            self.pattern(number, stripped)
        elif stripped.startswith("~"):
            self.result.transformations.append(split_comment(stripped, "#")[0].strip())
        else:
            body = split_comment(stripped, "#")[0].strip()
            if not body:
                return
            if body.startswith("&"):
                self.close_synset()
                self.close_block()
                label = body.split()[0].upper()
                self.synset = label[:-1] if label.endswith("_") and len(label) > 2 else label
            elif self.synset is not None:
                if body.startswith("+"):
                    member = body[1:].strip().upper()
                    self.members.append(" ".join(member.rstrip("_").replace("_", " ").split())
                                        if not member.startswith("&") else member)
                else:
                    self.problem(number, f"synset member without '+': {body!r}; skipped")
            elif self.block is not None:
                self.verb(number, body)
            else:
                self.problem(number, f"line outside any synset or verb block: {body!r}; skipped")


def read_verb_dictionary(path: str | Path, strict: bool = False) -> VerbDictionary:
    """Read a PETRARCH verb dictionary; problems are listed in ``.warnings``."""
    reader = _Reader(path, strict)
    for number, line in iter_lines(read_dictionary_text(path)):
        reader.line(number, line)
    reader.close_synset()
    reader.close_block()
    return reader.result


__all__ = ["VerbPattern", "VerbEntry", "VerbDictionary", "read_verb_dictionary", "regular_forms",
           "lemma_candidates", "tokenise_pattern"]
