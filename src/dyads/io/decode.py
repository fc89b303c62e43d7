"""Bytes to text: byte-order marks, declared charsets checked against the bytes, detection."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)

MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "executable"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"OggS", "audio"),
    (b"ID3", "audio"),
    (b"RIFF", "media file"),
]
MAX_NUL_SHARE = 0.01
CONTROL_BYTES = bytes(range(1, 9)) + bytes(range(14, 32))  # control characters that text does not hold


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of `data`, or None when it looks like text. Text with a few NUL bytes (at
    most 8, or 1% of its first 8 KB) is text: decode() removes them; more make it binary."""
    for bom, _ in BOMS:
        if data.startswith(bom):
            return None
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if not head:
        return None
    nuls = head.count(0)
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    if (nuls > 8 and nuls / len(head) > MAX_NUL_SHARE) or controls / len(head) > 0.05:
        return "binary data"
    return None


def declared_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode `data`; return (text, encoding used, warnings). NUL characters are removed (with a warning);
    UTF-8 with a few stray cp1252 bytes is read as UTF-8 and those bytes as cp1252 (with a warning)."""
    text, encoding, warnings = _decode(data, declared)
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL character{'s' if nuls > 1 else ''}")
    return text, encoding, warnings


def _decode(data: bytes, declared: str | None) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name, warnings
    candidates = []
    if declared:
        candidates.append(declared)
    if "utf-8" not in candidates:
        candidates.append("utf-8")
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            if name == declared:
                warnings.append(f"declared charset {declared} does not match the bytes")
            continue
        if name == declared and declared in ("iso8859-1", "cp1252", "latin-1") and _looks_utf8(data):
            warnings.append(f"declared charset {declared} but the bytes are UTF-8")
            return data.decode("utf-8"), "utf-8", warnings
        return text, name, warnings
    if declared in (None, "utf-8", "cp1252", "iso8859-1", "latin-1"):
        mixed = _mixed_utf8(data)
        if mixed is not None:
            text, stray = mixed
            warnings.append(f"mixed encodings: {stray} byte{'s' if stray > 1 else ''} not UTF-8, read as cp1252")
            return text, "utf-8", warnings
    guess = from_bytes(data[:200_000]).best()
    if guess is not None and guess.encoding:
        encoding = guess.encoding
        if encoding in SINGLE_BYTE_WESTERN and _decodes(data, "cp1252"):
            encoding = "cp1252"  # the usual mislabelled encoding of English-language pages
        if declared:
            warnings.append(f"detected {encoding}")
        else:
            warnings.append(f"no charset declared; detected {encoding}")
        return data.decode(encoding, errors="replace"), encoding, warnings
    warnings.append("encoding unknown; decoded as cp1252 with replacements")
    return data.decode("cp1252", errors="replace"), "cp1252", warnings


SINGLE_BYTE_WESTERN = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15",
                       "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp437"}


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_utf8(data: bytes) -> bool:
    if not re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("dyads-cp1252", _cp1252_fallback)


def _mixed_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, stray bytes) when `data` is mostly UTF-8 with some bytes that are not (as when cp1252 text is
    pasted into a UTF-8 page): at least as many valid multi-byte UTF-8 sequences as stray bytes."""
    stray = len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    if not stray or len(UTF8_SEQUENCE.findall(data)) < stray:
        return None
    return data.decode("utf-8", errors="dyads-cp1252"), stray
