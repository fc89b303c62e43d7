"""News cleanup: what page furniture looks like once it is text.

Shared by the HTML and plain-text readers. Each test is on one line or paragraph; the readers
decide where to apply it (anywhere, or only in the trailing block after the article).
"""
from __future__ import annotations

import re
import unicodedata

# Lines that are furniture wherever they stand (matched against the whole line).
FURNITURE = re.compile(
    r"(?ix)^\W*(?:"
    r"share(?:\s+(?:this|on|via|the)\b.*)?|tweet|e-?mail|print|copy\s+link|link\s+copied|save|comments?(?:\s*\(\d+\))?|"
    r"subscribe\b.*|sign\s+up\b.*|log\s*in|register|follow\s+us\b.*|advertisement|ad|sponsored(?:\s+content)?|"
    r"listen\s+to\s+(?:this\s+)?(?:article|story)\b.*|download\s+(?:our|the)\s+app\b.*|"
    r"(?:read|see)\s+(?:more|also)\b.*|click\s+here\b.*|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|"
    r"(?:all\s+)?rights\s+reserved\.?|copyright\b.*|©.*|"
    r"(?:related|recommended|more|latest|top|popular|trending)\s+(?:stories|articles|news|content|videos?|reads?|posts?)|"
    r"most\s+(?:viewed|read|popular|shared|commented)(?:\s+(?:articles|stories|news))?|"
    r"you\s+(?:may|might)\s+also\s+like|editor'?s\s+picks?|more\s+from\b.*|also\s+read\b.*|"
    r"please\s+direct\s+(?:questions|comments|inquiries)\b.*|(?:send|contact)\s+us\b.*|"
    r"(?:to\s+)?contact\s+the\s+(?:author|reporter|writer)\b.*|write\s+to\s+\S+.*\bat\s+\S+@\S+|"
    r"(?:we\s+use\s+)?cookies?\b.*\b(?:accept|consent|policy)\b.*|terms\s+of\s+(?:use|service)|privacy\s+policy"
    r")\W*$")

# Headings after which everything is furniture (related lists, most-read boxes).
TRAILER = re.compile(
    r"(?i)^\W*(?:related\s+(?:stories|articles|news|content|coverage|links)|most\s+(?:viewed|read|popular)"
    r"(?:\s+(?:articles|stories))?|you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?|"
    r"more\s+(?:stories|on\s+this\s+story)|read\s+next|trending(?:\s+now)?|latest\s+news|top\s+stories)\W*$")

PHOTO_CREDIT = re.compile(
    r"(?x)(?:"
    r"\(\s*(?:(?:photo|photograph|image|picture|file\s+photo|courtesy)\s*(?:[:=]|by|of)?\s*)?"
    r"[A-Z][\w.&'’ -]{0,40}(?:\s*[/,]\s*[A-Z][\w.&'’ -]{0,40})*\s*\)"
    r"|\[\s*(?:[Pp]hoto|[Ii]mage)[^\]]*\]"
    r"|(?:[Pp]hoto|[Pp]hotograph|[Ii]mage|[Pp]icture|PHOTO)\s*(?:[:/]|by)\s*[A-Z][\w.&'’ /-]{1,60}"
    r")\s*$")
CREDIT_WORDS = re.compile(
    r"(?i)\b(?:AFP|AP|Reuters|Yonhap|Xinhua|Kyodo|EPA|EFE|Getty|Getty\s+Images|TASS|Sputnik|KCNA|"
    r"Anadolu|Bloomberg|pool|photo|photograph|image|courtesy|file|handout|Hankyoreh|Newsis|News1|"
    r"Shutterstock|Alamy|Sipa|WANA|IRNA|Ukrinform|[\w.]+\s+(?:via|for)\s+[\w.]+)\b")

TERMINAL = tuple(".!?:;\"'”’)…]")
BYLINE = re.compile(r"^(?:by|written\s+by|words\s+by|reporting\s+by|story\s+by)\s+(.{3,200})$", re.I)
ROLE_WORDS = re.compile(
    r"(?i)\b(?:correspondent|reporter|writer|editor|staff|bureau|chief|contributor|columnist|journalist|"
    r"producer|analyst|fellow|professor|director|intern|senior|desk|in\s+[A-Z][a-z]+)\b")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]{2,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z .]{1,30}?))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .]+)\)\s*)?(?:--|—|–|-|:)\s+")


def norm_line(line: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip()


def is_furniture(line: str) -> bool:
    """A line that is page furniture wherever it stands."""
    text = norm_line(line)
    if not text:
        return True
    if len(text) < 160 and FURNITURE.match(text):
        return True
    if text.endswith(("[", "(", "<")):
        return True  # a label whose link text was cut off by the scraper
    if is_button_label(text):
        return True
    return False


def is_button_label(text: str) -> bool:
    """'button that move to original korean article (클릭시 원문으로 이동하는 버튼)': a UI label, often
    bilingual, never a sentence."""
    if re.search(r"(?i)\b(?:button|click|tap|swipe)\b", text) and not text.endswith((".", "!", "?")):
        return len(text) < 160
    letters = [c for c in text if c.isalpha()]
    if letters and len(text) < 120 and not text.endswith((".", "!", "?", "”", '"')):
        non_latin = sum(1 for c in letters if not _is_latin(c))
        latin = len(letters) - non_latin
        return non_latin > 0 and latin > 0 and non_latin >= 3 and re.search(r"\([^)]*[^\x00-\u024f][^)]*\)", text) is not None
    return False


def _is_latin(char: str) -> bool:
    return ord(char) < 0x250 or 0x1E00 <= ord(char) <= 0x1EFF


def is_trailer(line: str) -> bool:
    return bool(TRAILER.match(norm_line(line)))


def is_caption(line: str) -> bool:
    """A photo caption: a line that ends with a photo credit ('(AFP/Yonhap)', 'Photo: Reuters')."""
    text = norm_line(line)
    match = PHOTO_CREDIT.search(text)
    if not match or len(text) < 20:
        return False
    return bool(CREDIT_WORDS.search(match.group(0)))


def is_sentence(line: str) -> bool:
    return norm_line(line).endswith(TERMINAL)


def parse_byline(line: str) -> list[str] | None:
    """'By Choi Hyun-june, Beijing correspondent; Cho Ki-weon, staff reporter' -> two names."""
    match = BYLINE.match(norm_line(line))
    if not match:
        return None
    names: list[str] = []
    for part in re.split(r"\s*[;|]\s*|\s+and\s+(?=[A-Z])", match.group(1)):
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if not pieces:
            continue
        names.append(pieces[0])
        for extra in pieces[1:]:
            if not ROLE_WORDS.search(extra) and looks_like_name(extra):
                names.append(extra)
    names = [re.sub(r"\s+(?:in|at)\s+[A-Z][\w ]+$", "", n) for n in names]
    names = [n for n in names if looks_like_name(n)]
    return names or None


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    return all(w[0].isupper() or w.lower() in {"de", "da", "van", "von", "bin", "al", "el", "le", "di", "du"} or not w[0].isalpha()
               for w in words)


def split_authors(value: str | list[str] | None) -> list[str]:
    """Author metadata ('A; B', 'A and B', ['A', 'B']) -> clean, de-duplicated names."""
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*;\s*|\s*\|\s*|\s+and\s+", str(value))
    out: list[str] = []
    for item in items:
        name = re.sub(r"^(?i:by)\s+", "", norm_line(str(item))).strip(" ,")
        if name and name.lower() not in {n.lower() for n in out}:
            out.append(name)
    return out


def find_dateline(paragraph: str) -> str | None:
    """'SEOUL, May 17 (Yonhap) -- ...' or 'BEIJING — ...' -> the place, in title case."""
    match = DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    if len(place) < 3 or not place.replace(" ", "").replace(".", "").isalpha():
        return None
    return place.title()
