"""Turn inputs (files, folders, JSON Lines, WARC archives, feeds, standard input, URLs) into RawArticle items.

Every problem becomes a Failure naming the input and the reason; the walk goes on. Only regular files are
opened; everything is read with a size limit (`max_bytes`, after decompression). See docs/inputs.md.
"""
from __future__ import annotations

import errno
import io
import json
import logging
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.io.decode import binary_kind, decode
from dyads.io.feeds import looks_like_feed, read_feed
from dyads.io.fetch import Fetcher, FetchError, FetchOptions, is_url
from dyads.model import Failure, RawArticle

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "<stdin>"
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
TEXT_EXT = {".txt", ".text", ".md"}
JSONL_EXT = {".jsonl", ".ndjson", ".jl", ".json"}
WARC_EXT = {".warc", ".arc"}
FEED_EXT = {".rss", ".atom", ".xml", ".rdf"}
HINT_FIELDS = {"title", "subtitle", "published", "modified", "authors", "author", "language", "url",
               "publisher", "dateline", "source"}
GZIP_MAGIC = b"\x1f\x8b"

Item = RawArticle | Failure
PathLike = str | os.PathLike
logging.getLogger("warcio").addHandler(logging.NullHandler())  # its warnings about damaged records: we report those


class Refused(Exception):
    """An input that cannot be read: `reason` says why; `partial` holds what could be read before the fault."""

    def __init__(self, reason: str, partial: bytes = b""):
        super().__init__(reason)
        self.reason = reason
        self.partial = partial


def iter_inputs(paths: PathLike | Iterable[PathLike | Failure], max_bytes: int = DEFAULT_MAX_BYTES,
                fetch: FetchOptions | None = None) -> Iterator[Item]:
    """Yield a RawArticle or a Failure for every article found under `paths`: one path (str or
    os.PathLike) or an iterable of them. '-' reads standard input; 'http://' and 'https://' paths are
    fetched (`fetch` sets timeouts, retries...); Failure items (from read_url_list) are passed on.
    No exception escapes for any input."""
    if isinstance(paths, bytes):
        raise TypeError("paths: a str or os.PathLike, or an iterable of them (bytes paths are not supported)")
    if isinstance(paths, (str, os.PathLike, Failure)):
        paths = [paths]
    state = {"stdin": False, "fetcher": None}
    for path in paths:
        if isinstance(path, Failure):
            yield path
            continue
        name = _name(path)
        if name is None:
            yield Failure(repr(path)[:80], f"not a path ({type(path).__name__}); expected str or os.PathLike")
            continue
        yield from _guarded(name, _one(name, max_bytes, fetch, state))


def _name(path) -> str | None:
    if not isinstance(path, (str, os.PathLike)):
        return None
    name = os.fspath(path)
    return name if isinstance(name, str) else None


def _one(name: str, max_bytes: int, fetch: FetchOptions | None, state: dict) -> Iterator[Item]:
    if name == "-":
        if state["stdin"]:
            yield Failure(STDIN, "standard input already read")
            return
        state["stdin"] = True
        yield from read_stdin(max_bytes)
    elif is_url(name):
        if state["fetcher"] is None:
            state["fetcher"] = Fetcher(fetch or FetchOptions())
        yield from read_url(name, state["fetcher"], max_bytes)
    else:
        try:
            mode = os.stat(name).st_mode
        except (OSError, ValueError) as err:
            yield Failure(name, _stat_reason(name, err, top=True))
            return
        if stat.S_ISDIR(mode):
            yield from _walk(Path(name), max_bytes)
        else:
            yield from read_path(Path(name), max_bytes)


LINE_EXT = (".jsonl", ".ndjson", ".jl")  # one article per line: counted by lines
MAX_LINE_COUNT_BYTES = 64 * 1024 * 1024  # larger JSON Lines files count as one input (reading them costs)


def count_inputs(paths: Iterable) -> int:
    """About how many inputs `paths` hold (for a progress bar's total), by a walk that only stats: one
    per file (a JSON Lines file up to 64 MB: one per line), one per URL or '-'. Never opens anything but
    regular JSON Lines files."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    total = 0
    for path in paths:
        name = _name(path)
        if name is None or name == "-" or is_url(name):
            total += 1  # standard input, a URL, or a Failure of the URL list
        elif os.path.isdir(name):
            for root, dirs, files in os.walk(name):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                total += sum(_weight(os.path.join(root, f)) for f in files if not f.startswith("."))
        else:
            total += _weight(name)
    return total


def _weight(path: str) -> int:
    try:
        info = os.stat(path)
    except OSError:
        return 1  # reported as a failure: one tick
    if not stat.S_ISREG(info.st_mode) or not path.lower().endswith(LINE_EXT) or info.st_size > MAX_LINE_COUNT_BYTES:
        return 1
    try:
        with open(path, "rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 1
    return max(1, lines)


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """The last line of defence: an unexpected exception ends this input with a Failure, not the batch.
    Names that are not valid UTF-8 (file names are bytes on POSIX) are shown with backslash escapes."""
    try:
        for item in items:
            yield _printable(item)
    except Exception as err:  # noqa: BLE001 - every input must be accounted for
        yield Failure(printable(source), f"unexpected error reading: {type(err).__name__}: {err}")


def printable(name: str) -> str:
    """A name as valid UTF-8: undecodable bytes of a file name ('\\udcff' surrogates) as '\\xff'."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _printable(item: Item) -> Item:
    if isinstance(item, Failure):
        item.source = printable(item.source)
    else:
        item.source, item.doc = printable(item.source), printable(item.doc)
    return item


def _walk(folder: Path, max_bytes: int) -> Iterator[Item]:
    """Files under `folder`, sorted; hidden files and folders are skipped; symlinked folders are reported,
    not followed (no loops)."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from _folder_errors(errors, folder)
        linked = sorted(d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(root, d)))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in linked:
            yield Failure(os.path.join(root, name),
                          "symlink to a folder; not followed (give it as a path of its own to read it)")
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(root) / name
                yield from _guarded(str(path), read_path(path, max_bytes))
    yield from _folder_errors(errors, folder)


def _folder_errors(errors: list[OSError], folder: Path) -> Iterator[Failure]:
    while errors:
        err = errors.pop(0)
        yield Failure(str(err.filename or folder), f"cannot read folder: {_os_reason(err)}")


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """The articles of one file (never a folder)."""
    source = str(path)
    try:
        data = read_file(source, max_bytes)
    except Refused as err:
        yield Failure(source, err.reason)
        return
    name = path.name.lower()
    if name.endswith(".gz") and not data.startswith(GZIP_MAGIC):
        yield Failure(source, "not gzip data (the name ends in .gz)")
        return
    yield from read_bytes(data, source, path.name, Path(name.removesuffix(".gz")).suffix, max_bytes)


def read_file(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most `max_bytes`; raises Refused with the reason otherwise.
    FIFOs, sockets and devices are refused before they are opened, so nothing blocks."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as err:
        raise Refused(_stat_reason(path, err)) from None
    _check_regular(info)
    if info.st_size > max_bytes:
        raise Refused(_too_large(info.st_size, max_bytes))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise Refused(f"cannot read file: {_os_reason(err)}") from None
    try:
        _check_regular(os.fstat(fd))  # the file may have been swapped since the stat
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise Refused(f"cannot read file: {_os_reason(err)}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Refused(_too_large(len(data), max_bytes, "or more"))
    return data


def _check_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"not a regular file ({_file_kind(info.st_mode)})")


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"


def _stat_reason(path: str, err: Exception, top: bool = False) -> str:
    if isinstance(err, ValueError):  # e.g. a NUL character in the name
        return f"not a valid path ({err})"
    code = getattr(err, "errno", None)
    if code == errno.ELOOP:
        return "cannot read file: symlink loop"
    if code == errno.ENOENT and os.path.islink(path):
        return f"cannot read file: dangling symlink (points to {os.readlink(path)})"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or folder" if top else "cannot read file: no such file"
    return f"cannot read file: {_os_reason(err)}"


def _os_reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower() if err.errno in (errno.EACCES, errno.EPERM) else (err.strerror or str(err))


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size < 10e6 else f"{size / 1e6:.0f} MB"


def _too_large(size: int, max_bytes: int, more: str = "") -> str:
    return f"file too large ({_mb(size)}{' ' + more if more else ''}; the limit is {_mb(max_bytes)})"


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Standard input, read once up to `max_bytes` and classified by its content; named '<stdin>'."""
    try:
        data = sys.stdin.buffer.read(max_bytes + 1)
    except (AttributeError, OSError, ValueError) as err:
        yield Failure(STDIN, f"cannot read standard input: {err}")
        return
    if len(data) > max_bytes:
        yield Failure(STDIN, f"input too large (over the limit of {_mb(max_bytes)})")
    elif not data.strip():
        yield Failure(STDIN, "empty input")
    else:
        yield from read_bytes(data, STDIN, STDIN, "", max_bytes)


def read_url(url: str, fetcher: Fetcher, max_bytes: int) -> Iterator[Item]:
    """One URL, fetched and classified like a file (HTML, text or feed)."""
    try:
        page = fetcher.get(url, max_bytes)
    except FetchError as err:
        yield Failure(url, err.reason)
        return
    suffix = ".html" if page.kind == "html" else ".txt" if page.kind == "text" else ""
    for item in read_bytes(page.data, url, url, suffix, max_bytes):
        if isinstance(item, RawArticle) and item.data is not None:
            item.url = item.url or page.url
            if page.charset:
                item.hints.setdefault("charset", page.charset)
        yield item


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Gzip data (one or more members) decompressed in steps, never past `max_bytes`. Raises Refused with
    the reason, and the members decompressed whole before the fault (a WARC.gz keeps those records)."""
    out = bytearray()
    whole = 0  # bytes of `out` from complete members
    rest = data
    while True:
        inflater = zlib.decompressobj(wbits=31)
        try:
            while True:
                out += inflater.decompress(rest, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise Refused(f"gzip data expands beyond the limit of {_mb(max_bytes)} "
                                  "(a decompression bomb or a very large file)", bytes(out[:whole]))
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                rest = inflater.unconsumed_tail
        except zlib.error as err:
            raise Refused(f"corrupt gzip data ({err})", bytes(out[:whole])) from None
        if not inflater.eof:
            raise Refused("truncated gzip", bytes(out[:whole]))
        whole = len(out)
        rest = inflater.unused_data.lstrip(b"\0")
        if not rest.startswith(GZIP_MAGIC):
            return bytes(out)


def read_bytes(data: bytes, source: str, doc: str, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Classify one input's bytes (by `suffix`, else by content) and yield its articles."""
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data, max_bytes)
        except Refused as err:
            if err.partial[:5] in (b"WARC/", b"filed"):
                yield from read_warc(err.partial, source, max_bytes, fault=err.reason)
            else:
                yield Failure(source, err.reason)
            return
    if not data.strip():
        yield Failure(source, "empty file")
        return
    if suffix in WARC_EXT or data[:5] in (b"WARC/", b"filed"):
        yield from read_warc(data, source, max_bytes)
        return
    kind = binary_kind(data)
    if kind:
        yield Failure(source, f"not a text or HTML file ({kind})")
        return
    if suffix in JSONL_EXT or (not suffix and _looks_like_json(data)):
        yield from read_jsonl(data, source)
        return
    if suffix in FEED_EXT or looks_like_feed(data):
        if looks_like_feed(data):
            yield from read_feed(data, source)
        else:
            yield Failure(source, "an XML file that is neither an RSS nor an Atom feed")
        return
    kind = "text" if suffix in TEXT_EXT else "html" if suffix in HTML_EXT else sniff_kind(data)
    yield RawArticle(source=source, doc=doc, kind=kind, data=data)


def sniff_kind(data: bytes) -> str:
    head = data[:4096].lower()
    markers = (b"<html", b"<!doctype html", b"<body", b"<head", b"<article", b"<p>", b"<div")
    return "html" if any(m in head for m in markers) else "text"


def _looks_like_json(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") or (head.startswith(b"[") and head[1:].lstrip().startswith((b"{", b"]")))


def read_jsonl(data: bytes, source: str) -> Iterator[Item]:
    """One article per line: `html` or `text`, optional `id` and metadata fields that override
    extraction. A JSON array of such objects is accepted too."""
    text, _, _ = decode(data)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as err:
            yield Failure(source, f"invalid JSON: {err}")
            return
        except RecursionError:
            yield Failure(source, "invalid JSON: nested too deeply")
            return
        if not isinstance(items, list):
            yield Failure(source, "expected a JSON array of objects or one object per line")
            return
        lines = [(i + 1, item) for i, item in enumerate(items)]
    else:
        lines = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                lines.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                yield Failure(f"{source}:{number}", f"invalid JSON: {err.msg} at column {err.colno}")
            except RecursionError:
                yield Failure(f"{source}:{number}", "invalid JSON: nested too deeply")
    if not lines and not text.replace("\ufeff", "").strip("[] \t\r\n"):
        yield Failure(source, "no JSON objects in the file")
        return
    for number, obj in lines:
        where = f"{source}:{number}"
        if not isinstance(obj, dict):
            yield Failure(where, "expected a JSON object per line")
            continue
        html, body = obj.get("html"), obj.get("text")
        if not isinstance(html, str) and not isinstance(body, str):
            yield Failure(where, "the object has neither 'html' nor 'text'")
            continue
        if not (html or body or "").strip():
            yield Failure(where, "empty 'html'/'text' field")
            continue
        hints = _hints(obj)
        ident = obj.get("id")
        if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
            hints["id"] = str(ident).strip()
        is_html = isinstance(html, str) and bool(html.strip())
        url = hints.get("url")
        yield RawArticle(source=where, doc=hints.get("id", f"{Path(source).name}:{number}"),
                         kind="html" if is_html else "body", text=html if is_html else body, url=url,
                         hints=hints)


def _hints(obj: dict) -> dict:
    """The metadata fields of a JSON Lines object; a field of the wrong type (a number as `url`, an object as
    `title`...) is left out."""
    hints = {}
    for key, value in obj.items():
        if key not in HINT_FIELDS or value in (None, "", []):
            continue
        if key in ("authors", "author"):
            value = value if isinstance(value, str) else [a for a in value if isinstance(a, str)] \
                if isinstance(value, list) else None
        elif key in ("published", "modified"):
            value = value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        elif not isinstance(value, str):
            value = None
        if value:
            hints[key] = value
    return hints


def read_warc(data: bytes, source: str, max_bytes: int, fault: str | None = None) -> Iterator[Item]:
    """HTML response records of an (uncompressed) WARC or ARC archive. A damaged record ends the archive with
    a Failure naming the record reached; the records read before it are kept. `fault`: why `data` ends early
    (a damaged gzip member after these records)."""
    from warcio.archiveiterator import ArchiveIterator

    class Quiet(ArchiveIterator):
        INC_RECORD = ""  # warcio writes this warning (with the bytes it found) to stderr

    found = 0
    number, uri = 1, None
    records = iter(Quiet(io.BytesIO(data)))
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            uri = record.rec_headers.get_header("WARC-Target-URI")
            item = _warc_item(record, f"{source}#{uri or f'record {number}'}", uri or f"record {number}", max_bytes)
        except Exception as err:  # noqa: BLE001 - warcio raises many kinds on damaged input
            where = f"record {number}" + (f" ({uri})" if uri else "")
            yield Failure(source, f"damaged WARC archive at {where}, after {found} HTML records: "
                                  f"{type(err).__name__}: {str(err).strip()[:200]}")
            return
        number, uri = number + 1, None
        if item is not None:
            found += 1
            yield item
    if fault:
        yield Failure(source, f"damaged WARC archive at record {number}, after {found} HTML records: {fault}")
    elif not found:
        yield Failure(source, "WARC archive holds no HTML response records")


def _warc_item(record, where: str, uri: str, max_bytes: int) -> Item | None:
    if record.rec_type != "response":
        return None
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else "") or ""
    if "html" not in ctype.lower():
        return None
    status = headers.get_statuscode() if headers else "200"
    payload = record.content_stream().read(max_bytes + 1)
    if status and not str(status).startswith("2"):
        return Failure(where, f"HTTP status {status}")
    if len(payload) > max_bytes:
        return Failure(where, f"record too large (over {_mb(max_bytes)})")
    if not payload.strip():
        return Failure(where, "empty response body")
    charset = _charset_of(ctype)
    return RawArticle(source=where, doc=uri, kind="html", data=payload, url=uri if "://" in uri else None,
                      hints={"charset": charset} if charset else {})


def _charset_of(ctype: str) -> str | None:
    for part in ctype.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("'\" ").lower()
    return None
