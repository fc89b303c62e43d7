"""Publication stamps: "Posted on : 2024-05-17 16:55 KST", "May 17, 2024 4:55 PM EDT", ISO 8601.

A stamp with a time and a zone becomes an aware datetime; a stamp with a day only becomes a date.
A time without a zone is reduced to its day (a warning says so) rather than guessing the zone.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

HOUR = 3600
# Zone abbreviations common on news sites. Ambiguous ones follow the usage of English-language news
# (CST as US Central, IST as India).
ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": HOUR, "WET": 0, "WEST": HOUR, "CET": HOUR, "CEST": 2 * HOUR,
    "EET": 2 * HOUR, "EEST": 3 * HOUR, "MSK": 3 * HOUR, "IST": 5 * HOUR + 1800, "PKT": 5 * HOUR,
    "ICT": 7 * HOUR, "WIB": 7 * HOUR, "HKT": 8 * HOUR, "SGT": 8 * HOUR, "PHT": 8 * HOUR, "AWST": 8 * HOUR,
    "KST": 9 * HOUR, "JST": 9 * HOUR, "AEST": 10 * HOUR, "AEDT": 11 * HOUR, "NZST": 12 * HOUR,
    "NZDT": 13 * HOUR, "EST": -5 * HOUR, "EDT": -4 * HOUR, "CST": -6 * HOUR, "CDT": -5 * HOUR,
    "MST": -7 * HOUR, "MDT": -6 * HOUR, "PST": -8 * HOUR, "PDT": -7 * HOUR, "AKST": -9 * HOUR,
    "AKDT": -8 * HOUR, "HST": -10 * HOUR, "SAST": 2 * HOUR, "EAT": 3 * HOUR, "WAT": HOUR, "CAT": 2 * HOUR,
    "GST": 4 * HOUR, "AST": 3 * HOUR, "IRST": 3 * HOUR + 1800, "TRT": 3 * HOUR,
}
TZINFOS = {name: dt.timezone(dt.timedelta(seconds=off)) for name, off in ZONES.items()}
ET_ZONES = {"ET": None, "PT": None, "CT": None}  # US generic zones: the offset depends on the season

LABEL = re.compile(
    r"(?i)\b(posted|published|first published|updated|last updated|modified|last modified|"
    r"date|dated|created|issued)(?:\s+on)?\s*[:：]?\s*")
MODIFIED_LABELS = {"updated", "last updated", "modified", "last modified"}
HAS_DIGIT_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def parse_stamp(text: str) -> tuple[dt.datetime | dt.date | None, list[str]]:
    """Parse one stamp; return (value, warnings). None when no date is in `text`."""
    warnings: list[str] = []
    clean = re.sub(r"\s+", " ", text).strip().strip(".,|·")
    if not clean or not HAS_DIGIT_YEAR.search(clean):
        return None, warnings
    clean = re.sub(r"(?i)\b(\d{1,2})\.(\d{2})\s*([ap])\.?m\.?", r"\1:\2 \3m", clean)
    clean = re.sub(r"(?i)\b([ap])\.m\.", r"\1m", clean)
    clean = re.sub(r"(\d{4})[./](\d{1,2})[./](\d{1,2})", r"\1-\2-\3", clean)
    clean = re.sub(r"(?i)\bat\b", " ", clean)
    us_zone = re.search(r"\b(ET|PT|CT)\b", clean)
    if us_zone:
        clean = clean.replace(us_zone.group(0), "")
    try:
        value = dateparser.parse(clean, fuzzy=True, tzinfos=TZINFOS, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None, warnings
    if value.year == 1900:
        return None, warnings
    has_time = bool(re.search(r"\d{1,2}:\d{2}|\d{1,2}\s?[ap]m\b|T\d{2}", clean, re.I))
    if us_zone and has_time and value.tzinfo is None:
        value = _us_zone(value, us_zone.group(1))
    if not has_time:
        return value.date(), warnings
    if value.tzinfo is None:
        warnings.append(f"time zone of {text.strip()!r} unknown; kept the day only")
        return value.date(), warnings
    return value, warnings


def _us_zone(value: dt.datetime, zone: str) -> dt.datetime:
    from zoneinfo import ZoneInfo

    name = {"ET": "America/New_York", "CT": "America/Chicago", "PT": "America/Los_Angeles"}[zone]
    return value.replace(tzinfo=ZoneInfo(name))


def find_stamps(line: str) -> dict[str, str]:
    """Split a stamp line ("Posted on : A Modified on : B") into {'published': A, 'modified': B}."""
    found: dict[str, str] = {}
    marks = list(LABEL.finditer(line))
    if not marks or marks[0].start() > 3:
        return found
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        field = "modified" if mark.group(1).lower() in MODIFIED_LABELS else "published"
        found.setdefault(field, line[mark.end():end].strip())
    return found


def is_stamp_line(line: str) -> bool:
    stamps = find_stamps(line)
    return bool(stamps) and all(parse_stamp(v)[0] is not None for v in stamps.values()) and len(line) < 160
