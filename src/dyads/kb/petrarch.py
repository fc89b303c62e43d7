"""Readers for user-supplied CAMEO/PETRARCH actor and agent dictionaries (formats of PETRARCH's dictionaries.rst).

* actors: a primary phrase (optionally ``[CODE]``), ``+synonym`` lines and tab-indented restrictions
  ``[CODE <date]``, ``[CODE >date]``, ``[CODE date-date]`` (inclusive) or a bare ``[CODE]`` (the default).
* agents: ``PHRASE {PLURAL} [~CODE]`` (or ``[CODE~]``) and substitution sets ``!PERSON! = MAN, MEN, ...``
  used as ``CONGRESS!PERSON! [~LEG]`` (expanded forms get no further plurals).

Comments are ``#`` (and ``;`` in actor files) and ``<!-- ... -->`` blocks, possibly multi-line.  Phrases
become space-separated upper-case words; a trailing ``_`` (the phrase must end at a word boundary rather
than act as a stem) is remembered in ``ActorEntry.exact``.

Two-digit years follow PETRARCH/TABARI/KEDS (``dstr_to_ordate``): ``YY <= 30`` is ``20YY``, otherwise
``19YY`` (``300101`` is 2030-01-01, ``310101`` is 1931-01-01).  The null code ``---`` is kept in date
restrictions, so a period without a code stays without one, and is returned as ``None``.

Lines that cannot be parsed are skipped and described in ``warnings`` (``path:line: reason``), or raise
:class:`DictionaryError` with ``strict=True``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dyads.errors import DyadsError

NULL_CODE = "---"
TWO_DIGIT_YEAR_PIVOT = 30  # YY <= 30 -> 20YY, else 19YY (PETRARCH convention)

_CODE_RE = re.compile(r"^(?:---|[A-Z0-9/+#*]+)$")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_MARKER_DEF_RE = re.compile(r"^!([^!\s=]+)!\s*=\s*(.*)$")
_MARKER_RE = re.compile(r"!([^!\s]+)!")
_COMMENT_OPEN_RE = re.compile(r"^<!\s*--")
# words ending in MAN whose plural is not -MEN
_MAN_EXCEPTIONS = frozenset({"HUMAN", "GERMAN", "SHAMAN", "OTTOMAN", "ROMAN", "TALISMAN",
                             "CAYMAN", "BRAHMAN", "OMAN", "CAIMAN", "DOBERMAN"})


class DictionaryError(DyadsError):
    """A dictionary file (or one of its lines) that cannot be read."""

    def __init__(self, reason: str, path: str | Path | None = None, line: int | None = None):
        where = "" if path is None else (f"{path}:{line}" if line else str(path))
        super().__init__(f"{where}: {reason}" if where else reason)
        self.reason = reason
        self.path = None if path is None else str(path)
        self.line = line


@dataclass(frozen=True)
class DatedCode:
    code: str  # upper case; NULL_CODE ("---") for "no code in this period"
    start: date | None  # inclusive; None = open
    end: date | None  # inclusive; None = open

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass
class ActorEntry:
    phrases: list[str]  # primary first, then synonyms
    default: str | None  # default code (primary line or a bare restriction); None = null code
    dated: list[DatedCode]  # date restrictions in file order
    comment: str  # comment of the primary line
    line: int  # line number of the primary phrase
    exact: list[bool] = field(default_factory=list)  # per phrase: written with a trailing "_"

    def code_at(self, when: date | None) -> str | None:
        """The code on ``when``: the first restriction covering it, else the default.

        With ``when=None``: the default, else the last open-ended restriction.
        """
        if when is None:
            if self.default is not None:
                return self.default
            for dated in reversed(self.dated):
                if dated.end is None and dated.code != NULL_CODE:
                    return dated.code
            return None
        for dated in self.dated:
            if dated.covers(when):
                return None if dated.code == NULL_CODE else dated.code
        return self.default


@dataclass(frozen=True)
class AgentEntry:
    phrase: str
    plurals: tuple[str, ...]  # explicit {...} forms, else the regular plural; () for {} and expansions
    code: str  # without "~"
    prefix: bool  # True for "CODE~" (goes before the actor code), False for "~CODE"
    line: int


# ---------------------------------------------------------------- shared helpers


def read_dictionary_text(path: str | Path) -> str:
    """The file's text: UTF-8 (BOM allowed), falling back to cp1252."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary: {exc.strerror or exc}", path) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line outside ``<!-- -->`` blocks, ``\\r`` removed.

    Stops at a ``---STOP---`` line (PETRARCH's end-of-dictionary marker).
    """
    in_comment = False
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        opener = _COMMENT_OPEN_RE.match(stripped)
        if opener:
            in_comment = "-->" not in stripped[opener.end():]
            continue
        if stripped == "---STOP---":
            return
        yield number, line


def split_comment(line: str, markers: str = "#") -> tuple[str, str]:
    """Split at the first comment marker outside ``[...]``: (body, comment stripped)."""
    depth = 0
    for index, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in markers and depth == 0:
            return line[:index], line[index + 1:].strip()
    return line, ""


def normalise_phrase(text: str) -> tuple[str, bool]:
    """``"+Vladimir_Putin_ "`` -> ``("VLADIMIR PUTIN", True)``: (phrase, ended with "_")."""
    text = text.strip().lstrip("+").strip()
    exact = text.endswith("_")
    return " ".join(text.replace("_", " ").upper().split()), exact


def parse_date(text: str) -> date:
    """``YYYYMMDD`` or ``YYMMDD`` (YY <= 30 is 20YY, else 19YY) -> date."""
    digits = text.strip()
    if not re.fullmatch(r"\d{6}|\d{8}", digits, re.ASCII):
        raise DictionaryError(f"bad date {text!r} (want YYYYMMDD or YYMMDD)")
    if len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    else:
        short = int(digits[:2])
        year = (2000 if short <= TWO_DIGIT_YEAR_PIVOT else 1900) + short
        rest = digits[2:]
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as exc:
        raise DictionaryError(f"bad date {text!r}: {exc}") from exc


def parse_code(text: str) -> str:
    """Upper-case a code and check it looks like one (``USAGOV``, ``---``, ``ELR/GAL``)."""
    code = text.strip().upper()
    if not _CODE_RE.match(code) or re.search(r"\d{6}", code):
        raise DictionaryError(f"bad code {text!r}")
    return code


class LineProblems:
    """Collects per-line problems as warnings, or raises them in strict mode."""

    def __init__(self, path: str | Path, warnings: list[str] | None, strict: bool):
        self.path, self.warnings, self.strict = str(path), warnings, strict

    def __call__(self, line: int, reason: str) -> None:
        if self.strict:
            raise DictionaryError(reason, self.path, line)
        if self.warnings is not None:
            self.warnings.append(f"{self.path}:{line}: {reason}")


# ---------------------------------------------------------------- actors


def parse_restriction(inner: str) -> tuple[str, date | None, date | None, bool]:
    """``"USAGOV 450703-470121"`` -> (code, start, end, is_default); raises DictionaryError."""
    parts = inner.strip().split(None, 1)
    if not parts:
        raise DictionaryError("empty code restriction []")
    code = parse_code(parts[0])
    rest = parts[1].strip() if len(parts) > 1 else ""
    if not rest:
        return code, None, None, True
    if rest[0] in "<>":
        when = parse_date(rest[1:])
        return (code, None, when, False) if rest[0] == "<" else (code, when, None, False)
    if "-" in rest:
        first, _, second = rest.partition("-")
        start, end = parse_date(first), parse_date(second)
        if end < start:
            raise DictionaryError(f"date range ends before it starts: {rest!r}")
        return code, start, end, False
    if re.fullmatch(r"\d{6}|\d{8}", rest, re.ASCII):  # "[MNEGOV 20121204]": a start date without '>'
        return code, parse_date(rest), None, False
    raise DictionaryError(f"cannot read date restriction {rest!r}")


class _ActorBuilder:
    def __init__(self, problem: LineProblems):
        self.problem = problem
        self.entries: list[ActorEntry] = []
        self.current: ActorEntry | None = None

    def add_phrase(self, number: int, text: str) -> bool:
        phrase, exact = normalise_phrase(text)
        if not phrase or "[" in phrase or "]" in phrase:
            self.problem(number, f"bad phrase {text.strip()!r}; skipped")
            return False
        if self.current is None:
            self.current = ActorEntry([phrase], None, [], "", number, [exact])
            self.entries.append(self.current)
        else:
            self.current.phrases.append(phrase)
            self.current.exact.append(exact)
        return True

    def add_codes(self, number: int, text: str) -> None:
        if self.current is None:
            self.problem(number, "date restriction before any actor phrase; skipped")
            return
        if text.count("[") != text.count("]"):
            self.problem(number, f"unbalanced brackets in {text.strip()!r}")
        for match in _BRACKET_RE.finditer(text):
            try:
                code, start, end, is_default = parse_restriction(match.group(1))
            except DictionaryError as exc:
                self.problem(number, f"{exc.reason}; restriction skipped")
                continue
            if is_default:
                self.current.default = None if code == NULL_CODE else code
                continue
            if start is not None and end is None and match.group(1).split(None, 1)[1].strip()[:1].isdigit():
                self.problem(number, f"date without '<', '>' or '-' in {match.group(0)!r}: read as '>date'")
            self.current.dated.append(DatedCode(code, start, end))


def read_actor_dictionary(path: str | Path, warnings: list[str] | None = None,
                          strict: bool = False) -> list[ActorEntry]:
    """Read a PETRARCH/TABARI ``.actors`` dictionary into entries in file order."""
    problem = LineProblems(path, warnings, strict)
    builder = _ActorBuilder(problem)
    for number, line in iter_lines(read_dictionary_text(path)):
        body, comment = split_comment(line, "#;")
        stripped = body.strip()
        if not stripped:
            continue
        if stripped.startswith("<") and stripped.endswith(">"):
            problem(number, f"unknown markup {stripped!r}; skipped")
        elif stripped.startswith("["):
            builder.add_codes(number, stripped)
        elif stripped.startswith("+") or line[:1] in " \t":
            if not stripped.startswith("+"):
                problem(number, "indented phrase without '+': read as a synonym")
            if builder.current is None:
                problem(number, "synonym before any actor phrase; skipped")
                continue
            phrase_part, bracket, codes = stripped.partition("[")
            for synonym in re.split(r"\s+\+", phrase_part):
                builder.add_phrase(number, synonym)
            if bracket:
                builder.add_codes(number, bracket + codes)
        else:
            builder.current = None
            phrase_part, bracket, codes = stripped.partition("[")
            if builder.add_phrase(number, phrase_part):
                builder.current.comment = comment
                if bracket:
                    builder.add_codes(number, bracket + codes)
    return builder.entries


# ---------------------------------------------------------------- agents


def regular_plural(word: str) -> str | None:
    """Regular English plural of one upper-case word; None when it already looks plural.

    Finer than PETRARCH's S/IES/ES rule: vowel+Y takes S, -MAN becomes -MEN, -SH/-CH/-X/-Z take ES.
    """
    if not word or not word[-1].isalpha():
        return word + "S" if word else None
    if word.endswith("MAN") and word not in _MAN_EXCEPTIONS:
        return word[:-3] + "MEN"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("SS", "US", "AS", "SH", "CH", "X", "Z")):
        return word + "ES"
    if word.endswith("IS") and len(word) > 3:
        return word[:-2] + "ES"
    if word.endswith("S"):
        return None  # "TROOPS", "OFFICIALS": already plural
    return word + "S"


def phrase_plural(phrase: str) -> tuple[str, ...]:
    """Plural(s) of a normalised phrase, formed on its last word."""
    head, _, last = phrase.rpartition(" ")
    plural = regular_plural(last)
    if plural is None or plural == last:
        return ()
    return (f"{head} {plural}" if head else plural,)


def _expand_markers(phrase: str, markers: dict[str, tuple[str, ...]]) -> list[str]:
    match = _MARKER_RE.search(phrase)
    if match is None:
        return [phrase]
    name = match.group(1).upper()
    if name not in markers:
        raise DictionaryError(f"undefined substitution marker !{name}!")
    out: list[str] = []
    for item in markers[name]:
        out.extend(_expand_markers(phrase[:match.start()] + item + phrase[match.end():], markers))
    return out


def _agent_code(text: str) -> tuple[str, bool]:
    raw = text.strip().upper()
    if raw.startswith("~") and not raw.endswith("~"):
        return parse_code(raw[1:]), False
    if raw.endswith("~") and not raw.startswith("~"):
        return parse_code(raw[:-1]), True
    raise DictionaryError(f"agent code {text.strip()!r} needs one '~' before or after it")


def read_agent_dictionary(path: str | Path, warnings: list[str] | None = None,
                          strict: bool = False) -> list[AgentEntry]:
    """Read a PETRARCH ``.agents`` dictionary, expanding substitution markers and plurals."""
    problem = LineProblems(path, warnings, strict)
    markers: dict[str, tuple[str, ...]] = {}
    entries: list[AgentEntry] = []
    for number, line in iter_lines(read_dictionary_text(path)):
        body = split_comment(line, "#")[0].strip()
        if not body:
            continue
        definition = _MARKER_DEF_RE.match(body)
        if definition:
            items = (normalise_phrase(item)[0] for item in definition.group(2).split(","))
            markers[definition.group(1).upper()] = tuple(item for item in items if item)
            continue
        phrase_part, bracket, code_part = body.partition("[")
        if not bracket:
            problem(number, f"agent without a [code]: {body!r}; skipped")
            continue
        end = min((i for i in (code_part.find("]"), code_part.find("}")) if i >= 0), default=-1)
        if end < 0:
            problem(number, f"unclosed code in {body!r}; skipped")
            continue
        try:
            code, prefix = _agent_code(code_part[:end])
        except DictionaryError as exc:
            problem(number, f"{exc.reason}; skipped")
            continue
        explicit: tuple[str, ...] | None = None
        if "{" in phrase_part:
            phrase_part, _, plural_part = phrase_part.partition("{")
            if "}" not in plural_part:
                problem(number, f"missing '}}' in {body!r}; skipped")
                continue
            plural_text = plural_part.partition("}")[0]
            explicit = tuple(p for p in (normalise_phrase(x)[0] for x in plural_text.split(",")) if p)
        if "!" in phrase_part:
            try:
                expanded = _expand_markers(phrase_part.strip(), markers)
            except DictionaryError as exc:
                problem(number, f"{exc.reason}; skipped")
                continue
            for item in expanded:
                phrase = normalise_phrase(item)[0]
                if phrase:
                    entries.append(AgentEntry(phrase, (), code, prefix, number))
            continue
        phrase = normalise_phrase(phrase_part)[0]
        if not phrase:
            problem(number, f"agent without a phrase: {body!r}; skipped")
            continue
        plurals = explicit if explicit is not None else phrase_plural(phrase)
        entries.append(AgentEntry(phrase, plurals, code, prefix, number))
    return entries


__all__ = ["NULL_CODE", "DictionaryError", "DatedCode", "ActorEntry", "AgentEntry", "LineProblems",
           "read_actor_dictionary", "read_agent_dictionary", "parse_date", "parse_code", "parse_restriction",
           "regular_plural", "phrase_plural", "read_dictionary_text", "iter_lines", "split_comment",
           "normalise_phrase"]
