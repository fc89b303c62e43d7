"""Temporal expressions in English news text, resolved against the publication day.

`find_dates(text, published)` returns the dates written in `text` as `DateValue`s, in text order and
never overlapping (where candidates overlap, the longest wins: "Thursday, May 16, 2024" beats "May 16"
and "2024"). The reference day R is the publication day as given: an aware datetime gives
`published.date()` in its own zone (never converted to UTC). Without a publication date only
expressions that carry their year resolve; their relation is "unknown" and their anchor "none".

Conventions (past-report bias of news, switched by a future context):
- Future context: the 40 characters before the expression, cut at the last sentence end, contain
  will, would, 'll, is/are due, expected to, plan(s) to, set to, scheduled, going to, upcoming or next.
- Bare or "on" weekday: the latest such day on or before R (R itself included); in future context the
  first such day on or after R. "last Thursday" / "this past Thursday": the latest strictly before R.
  "this Thursday": the Thursday of R's ISO week (Monday to Sunday). "this coming Thursday": the first
  strictly after R. "next Thursday": the first Thursday from R + 2 days on (never "tomorrow", which a
  writer would call tomorrow), so "next Monday" written on Friday 2024-05-17 is 2024-05-20.
- Bare, "in", "early", "late", "mid-" month without year: the latest such month on or before R's month
  (later months are last year's); in future context the first on or after R's month. "last September":
  the latest September strictly before R's month (2023-09 from 2024-05-17, 2024-09 from 2024-10-02);
  "next September": the first strictly after R's month; "this September": R's year.
- Month and day without year: the latest such day on or before R; in future context the first on or
  after R. With a year, as written. Numeric dates: YYYY-MM-DD, YYYY/MM/DD and DD/MM/YYYY or
  DD.MM.YYYY only when DD > 12 (otherwise ambiguous, skipped).
- A year alone counts only after in/since/until/till/by/of/from/during/before/after/through/
  throughout/between or with early/late/mid-; decades ("the 1990s") are skipped.
- "this/last/next week|month|year" (also possessive "last year's"; the "'s" is not in `text`),
  "N days/weeks/months/years ago", "in N days/weeks/..." (only with "time" after it or in future
  context, since "the highest in two weeks" looks back). Weeks are ISO weeks ("2024-W21").
  "earlier this week" is past and "later this month" future; other relations compare the value with R
  at the value's precision ("same" when R's day, week, month or year).
- "the day before", "the previous day", "the day after", "the next/following day": one day from the
  preceding day-precision date in the text (anchor "preceding date"), else from R (anchor
  "publication"); skipped when a noun phrase follows ("the day before the vote").
- `text` takes a leading "on" (day precision) or "in" (month or year precision) when present, and
  always its modifier (last/this/next/early/late/mid-).
- Not dates: lower-case "may"/"march"; bare "May" unless after a preposition or "the" (modal at a
  sentence start, Theresa May); a bare month after a capitalised name; weekdays and months followed by a
  newspaper name ("Sunday Times"), "Mail on Sunday"; named days ("Good Friday", "Super Tuesday").
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class DateValue:
    """One temporal expression: its span in the text and its value at its precision."""

    start: int
    end: int
    text: str
    value: str
    precision: str
    relation: str
    anchor: str = "publication"


class _Hit(NamedTuple):
    start: int
    end: int
    day: dt.date  # a day inside the value (first day of month or year)
    precision: str
    prep: str = ""  # preposition the text may absorb: "on", "in" or none
    relation: str | None = None  # fixed relation, else computed against R
    shift: int | None = None  # days from the preceding date ("the day before")
    absolute: bool = False  # resolved without R


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve")
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = rf"(?:{_FULL})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
_WD = "|".join(_WEEKDAYS)
_YEAR = r"(?:19|20)\d{2}"
_COUNT = r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_MD = re.compile(rf"\b(?:(?:{_WD}),?\s+)?(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                 rf"(?![:\d]|[.,]\d)(?:,?\s+(?P<year>{_YEAR})\b)?")
_DM = re.compile(rf"\b(?:(?:{_WD}),?\s+)?(?:the\s+)?(?<![\d.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
                 rf"(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR})\b)?")
_MY = re.compile(rf"\b(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<year>{_YEAR})\b(?!\d)")
_MONTH = re.compile(rf"(?:\b(?P<mod>(?i:this past|this coming|last|this|next|early|late|mid))(?:-|\s+))?"
                    rf"\b(?P<mon>{_FULL})\b")
_WEEKDAY = re.compile(rf"(?:\b(?P<mod>(?i:this past|this coming|last|this|next))\s+)?\b(?P<wd>{_WD})\b")
_ISO = re.compile(r"(?<![\d/.-])(?P<year>\d{4})(?P<sep>[-/])(?P<mon>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d/])")
_DMY = re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[/.])(?P<mon>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d/])")
_YEAR_ALONE = re.compile(rf"(?:\b(?P<mod>(?i:early|late|mid))(?:-|\s+))?\b(?P<year>{_YEAR})\b(?!s\b|[-/.,]\d)")
_PERIOD = re.compile(r"(?:\b(?P<mod>earlier|later|early|late|mid)(?:-|\s+))?\b(?P<which>this|last|next)\s+"
                     r"(?P<unit>week|month|year)\b", re.I)
_AGO = re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+ago\b", re.I)
_IN = re.compile(rf"\bin\s+{_COUNT}\s+{_UNIT}(?P<time>['’]?\s+time\b|\s+from\s+now\b)?", re.I)
_DAY_WORD = re.compile(r"\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
                       r"yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b", re.I)
_ANCHORED = re.compile(r"\bthe\s+(?:day\s+before|previous\s+day|day\s+after|next\s+day|following\s+day)\b",
                       re.I)

_DAY_SHIFTS = MappingProxyType({
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "yesterday": -1,
    "last night": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2})
_FUTURE = re.compile(r"\b(?:will|would|is\s+due|are\s+due|expected\s+to|plans?\s+to|set\s+to|scheduled|"
                     r"going\s+to|upcoming|next)\b|\w'll\b", re.I)
_SENTENCE_END = re.compile(r"[.!?;]\s")
_NEWSPAPER = re.compile(r"\s+(?:Times|Telegraph|Post|Express|Mirror|Herald|Mail|Star|Tribune|Independent|"
                        r"Observer|Sport|People|Record|Review)\b")
_MAIL_ON = re.compile(r"\bMail\s+on\s+$")
_NOUN_AFTER = re.compile(r"\s+(?:the|a|an|his|her|their|its|our|my|your|he|she|they|it|we|i|that|this)\b",
                         re.I)
_NAMED_DAYS = frozenset({"good", "black", "bloody", "super", "easter", "palm", "ash", "holy", "maundy",
                         "cyber", "giving", "shrove", "whit", "low", "trinity", "blue"})
_YEAR_LEADS = frozenset({"in", "since", "until", "till", "by", "of", "from", "during", "before", "after",
                         "through", "throughout", "between"})
_MONTH_LEADS = _YEAR_LEADS | {"the", "on", "and", "or", "to", "for", "this", "last", "next", "early",
                              "late", "mid", "around"}
_YEAR_PAIR = re.compile(rf"\b{_YEAR}\s+(?:and|or|to)\s+$")  # "between 2019 and 2021"
_NOT_NOUNS = frozenset({"was", "were", "is", "are", "has", "had", "have", "and", "or", "but", "when", "while",
                        "as", "to", "in", "on", "at", "after", "before", "that", "which", "the", "a", "saw",
                        "will", "would", "for", "with", "until", "through", "against", "amid", "during"})


def find_dates(text: str, published: dt.datetime | dt.date | None) -> list[DateValue]:
    """Find and resolve the temporal expressions of `text` against the publication day."""
    ref = _reference(published)
    hits = [hit for pattern, rule in _RULES for match in pattern.finditer(text)
            if (hit := rule(match, text, ref)) is not None]
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= other.start or hit.start >= other.end for other in chosen):
            chosen.append(hit)
    found: list[DateValue] = []
    preceding: dt.date | None = None
    for hit in sorted(chosen, key=lambda h: h.start):
        anchor = "publication" if ref is not None else "none"
        if hit.shift is not None:
            if preceding is not None:
                hit, anchor = hit._replace(day=preceding + dt.timedelta(days=hit.shift)), "preceding date"
            elif ref is not None:
                hit = hit._replace(day=ref + dt.timedelta(days=hit.shift))
            else:
                continue
        elif not hit.absolute and ref is None:
            continue
        start = _absorb(text, hit, found[-1].end if found else 0)
        relation = hit.relation or (_relation(hit.day, hit.precision, ref) if ref is not None else "unknown")
        found.append(DateValue(start, hit.end, text[start:hit.end], _format(hit.day, hit.precision),
                               hit.precision, relation, anchor))
        if hit.precision == "day":
            preceding = hit.day
    return found


def _reference(published: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()  # the day in the stamp's own zone
    return published


def _absorb(text: str, hit: _Hit, floor: int) -> int:
    """Start of `hit` extended over a preceding "on"/"in" it takes."""
    if not hit.prep:
        return hit.start
    lead = re.search(rf"(?i)\b{hit.prep}\s+$", text[max(floor, hit.start - 12):hit.start])
    return hit.start - len(lead.group(0)) if lead else hit.start


def _key(day: dt.date, precision: str) -> tuple[int, ...]:
    if precision == "day":
        return (day.year, day.month, day.day)
    if precision == "week":
        iso = day.isocalendar()
        return (iso.year, iso.week)
    if precision == "month":
        return (day.year, day.month)
    return (day.year,)


def _relation(day: dt.date, precision: str, ref: dt.date) -> str:
    value, now = _key(day, precision), _key(ref, precision)
    return "past" if value < now else "future" if value > now else "same"


def _format(day: dt.date, precision: str) -> str:
    if precision == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return {"day": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}"}.get(precision, f"{day.year:04d}")


def _future(text: str, start: int) -> bool:
    """Whether the 40 characters before `start`, within the sentence, speak of the future."""
    window = text[max(0, start - 40):start]
    return bool(_FUTURE.search(_SENTENCE_END.split(window)[-1]))


def _previous_word(text: str, start: int) -> str:
    word = re.search(r"(\S+)\s*$", text[:start])
    return word.group(1) if word else ""


def _month_number(name: str) -> int:
    return _MONTHS.index(next(m for m in _MONTHS if m.startswith(name.lower()[:3]))) + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift(ref: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "month":
        return ref + relativedelta(months=n)
    return ref + relativedelta(years=n)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else 1 if word in ("a", "an") else _NUMBERS.index(word)


def _month_day(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    month, day = _month_number(m["mon"]), int(m["day"])
    if m["year"]:
        when = _safe_date(int(m["year"]), month, day)
        return None if when is None else _Hit(m.start(), m.end(), when, "day", "on", absolute=True)
    if ref is None or not 1 <= day <= 31:
        return None
    step = 1 if _future(text, m.start()) else -1
    for offset in range(9):  # Feb 29 may need a leap year
        when = _safe_date(ref.year + step * offset, month, day)
        if when is not None and (when - ref).days * step >= 0:
            return _Hit(m.start(), m.end(), when, "day", "on")
    return None


def _month_year(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    when = dt.date(int(m["year"]), _month_number(m["mon"]), 1)
    return _Hit(m.start(), m.end(), when, "month", "in", absolute=True)


def _month(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    mod, name = " ".join((m["mod"] or "").lower().split()), m["mon"]
    if ref is None or _NEWSPAPER.match(text, m.end()):
        return None
    if not mod:
        before = _previous_word(text, m.start())
        bare = before.strip("\"'“‘(").lower()
        sentence_start = not before or before[-1] in ".!?:;\"”"
        if name == "May" and bare not in _MONTH_LEADS:
            return None  # modal verb at a sentence start, Theresa May
        if before[:1].isupper() and not sentence_start and bare not in _MONTH_LEADS:
            return None  # a name: "Brian May", "Jean-Claude August"
    month, now = _month_number(name), ref.month
    if mod == "this":
        year = ref.year
    elif mod in ("last", "this past"):
        year = ref.year if month < now else ref.year - 1
    elif mod in ("next", "this coming"):
        year = ref.year if month > now else ref.year + 1
    elif _future(text, m.start()):
        year = ref.year if month >= now else ref.year + 1
    else:
        year = ref.year if month <= now else ref.year - 1
    prep = "" if mod in ("last", "this", "next", "this past", "this coming") else "in"
    return _Hit(m.start(), m.end(), dt.date(year, month, 1), "month", prep)


def _weekday(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    mod = " ".join((m["mod"] or "").lower().split())
    if ref is None or _NEWSPAPER.match(text, m.end()):
        return None
    if not mod and (_previous_word(text, m.start()).lower() in _NAMED_DAYS
                    or _MAIL_ON.search(text, 0, m.start())):
        return None
    wd, r = _WEEKDAYS.index(m["wd"]), ref.weekday()
    if mod in ("last", "this past"):
        days = -((r - wd - 1) % 7 + 1)
    elif mod == "this coming":
        days = (wd - r - 1) % 7 + 1
    elif mod == "next":
        days = 2 + (wd - r - 2) % 7
    elif mod == "this":
        days = wd - r
    elif _future(text, m.start()):
        days = (wd - r) % 7
    else:
        days = -((r - wd) % 7)
    return _Hit(m.start(), m.end(), ref + dt.timedelta(days=days), "day", "on")


def _numeric(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    day, month = int(m["day"]), int(m["mon"])
    if m.re is _DMY and day <= 12:
        return None  # 05/06/2024: day or month first?
    when = _safe_date(int(m["year"]), month, day)
    if when is None or not 1900 <= when.year <= 2099:
        return None
    return _Hit(m.start(), m.end(), when, "day", "on", absolute=True)


def _year(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    start = m.start("mod") if m["mod"] else m.start("year")
    lead = _previous_word(text, start).lower()
    if not m["mod"] and lead not in _YEAR_LEADS and not _YEAR_PAIR.search(text, 0, start):
        return None
    following = re.match(r"\s+([a-z]+)\b", text[m.end():])
    if lead in ("of", "by", "from") and following and following.group(1) not in _NOT_NOUNS:
        return None  # "a total of 2000 troops"
    return _Hit(m.start(), m.end(), dt.date(int(m["year"]), 1, 1), "year", "in", absolute=True)


def _period(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    if ref is None:
        return None
    unit, mod = m["unit"].lower(), (m["mod"] or "").lower()
    when = _shift(ref, unit, {"this": 0, "last": -1, "next": 1}[m["which"].lower()])
    relation = {"earlier": "past", "later": "future"}.get(mod)
    return _Hit(m.start(), m.end(), when, unit, relation=relation)


def _ago(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    if ref is None:
        return None
    unit = m["unit"].lower()
    return _Hit(m.start(), m.end(), _shift(ref, unit, -_count(m["n"])), unit)


_SPAN_WORDS = frozenset({"first", "last", "only", "time", "once", "twice", "visit", "trip", "meeting", "summit",
                        "most", "least", "more", "less", "years", "ever"})


def _in(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    if ref is None or not (m["time"] or _future(text, m.start())):
        return None  # "the highest in two weeks" looks back
    before = text[max(0, m.start() - 30):m.start()].lower().split()
    if before and (before[-1] in _SPAN_WORDS or before[-1].endswith("est")):
        return None  # "his first in 24 years", "the lowest in a decade": a span, not a date
    unit = m["unit"].lower()
    return _Hit(m.start(), m.end(), _shift(ref, unit, _count(m["n"])), unit)


def _day_word(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    if ref is None:
        return None
    shift = _DAY_SHIFTS[" ".join(m.group(0).lower().split())]
    return _Hit(m.start(), m.end(), ref + dt.timedelta(days=shift), "day")


def _anchored(m: re.Match[str], text: str, ref: dt.date | None) -> _Hit | None:
    if _NOUN_AFTER.match(text, m.end()):
        return None  # "the day before the vote": anchored to an event, not a date
    shift = -1 if ("before" in m.group(0).lower() or "previous" in m.group(0).lower()) else 1
    return _Hit(m.start(), m.end(), ref or dt.date.min, "day", shift=shift)


_Rule = Callable[[re.Match[str], str, dt.date | None], _Hit | None]
_RULES: tuple[tuple[re.Pattern[str], _Rule], ...] = (
    (_MD, _month_day), (_DM, _month_day), (_MY, _month_year), (_MONTH, _month), (_WEEKDAY, _weekday),
    (_ISO, _numeric), (_DMY, _numeric), (_YEAR_ALONE, _year), (_PERIOD, _period), (_AGO, _ago),
    (_IN, _in), (_DAY_WORD, _day_word), (_ANCHORED, _anchored),
)
