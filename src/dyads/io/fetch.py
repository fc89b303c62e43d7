"""URL inputs: pages fetched with trafilatura's own fetcher, and files of URLs.

Every failure (host not found, connection refused, timeout, HTTP error, too large, not a page) is a
FetchError naming the reason; sources.iter_inputs turns it into a Failure naming the URL. See docs/inputs.md.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import threading
import time
from configparser import ConfigParser
from dataclasses import dataclass
from urllib.parse import urlsplit

from dyads.errors import InputError
from dyads.model import Failure

ACCEPTED_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                  "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
                  "application/xml": "feed", "text/xml": "feed"}


def _user_agent() -> str:
    from dyads import __version__

    return f"dyads/{__version__} (political event coder; trafilatura fetcher)"


@dataclass(frozen=True)
class FetchOptions:
    """How URLs are fetched. `timeout`: seconds to connect and between reads (whole seconds, as trafilatura
    takes them); `retries`: redirects followed and retries on 429/5xx answers, with backoff (trafilatura's
    MAX_REDIRECTS); `delay`: seconds between two requests to the same host; `allow_private`: fetch loopback
    and private addresses (off by default: trafilatura's SSRF protection)."""

    timeout: int = 30
    retries: int = 2
    delay: float = 1.0
    user_agent: str | None = None
    allow_private: bool = False

    def __post_init__(self):
        if not isinstance(self.timeout, int) or self.timeout < 1:
            raise ValueError("FetchOptions.timeout: a whole number of seconds, at least 1")
        if not isinstance(self.retries, int) or self.retries < 0:
            raise ValueError("FetchOptions.retries: a whole number, at least 0")
        if self.delay < 0:
            raise ValueError("FetchOptions.delay: at least 0 seconds")


@dataclass
class Page:
    """A fetched page: its bytes, the final URL (after redirects), the kind its Content-Type names
    ("html", "text", "feed", or "" when none is given) and the declared charset."""

    data: bytes
    url: str
    kind: str
    charset: str | None = None


class FetchError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


def valid_url(text: str) -> bool:
    if not is_url(text) or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return bool(parts.hostname)


class Fetcher:
    """Fetches pages one at a time, waiting `delay` seconds between two requests to the same host."""

    def __init__(self, options: FetchOptions = FetchOptions()):
        self.options = options
        self._last: dict[str, float] = {}

    def get(self, url: str, max_bytes: int) -> Page:
        """The page at `url`, at most `max_bytes` (decompressed); raises FetchError with the reason."""
        if not valid_url(url):
            raise FetchError("not a valid http(s) URL")
        self._wait(urlsplit(url).hostname or "")
        from trafilatura.downloads import fetch_response

        with _Captured(url) as captured:
            response = fetch_response(url, config=_config(self.options, max_bytes))
        if response is None or response.data is None:
            raise FetchError(_reason(captured.errors, self.options, max_bytes))
        if response.status != 200:
            raise FetchError(f"HTTP status {response.status}")
        headers = response.headers or {}
        ctype = headers.get("content-type", "")
        mime = ctype.split(";")[0].strip().lower()
        if mime and mime not in ACCEPTED_TYPES and not mime.endswith("+xml"):
            raise FetchError(f"not an HTML page (Content-Type {mime})")
        if not response.data.strip():
            raise FetchError("empty response body")
        return Page(response.data, response.url or url, ACCEPTED_TYPES.get(mime, "feed" if mime else ""),
                    _charset(ctype))

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.options.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()


def _config(options: FetchOptions, max_bytes: int) -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = ConfigParser(interpolation=None)
    config.read_dict({"DEFAULT": dict(DEFAULT_CONFIG.items("DEFAULT", raw=True))})
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(options.timeout))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "MAX_REDIRECTS", str(options.retries))
    config.set("DEFAULT", "USER_AGENTS", options.user_agent or _user_agent())
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if options.allow_private else "on")
    return config


class _Captured(logging.Handler):
    """Collects the errors trafilatura logs (it returns None on failure) for one URL."""

    _lock = threading.Lock()

    def __init__(self, url: str):
        super().__init__(logging.ERROR)
        self.url = url
        self.errors: list[object] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if args and args[0] == self.url:
            self.errors.append(args[1] if len(args) > 1 else record.getMessage())

    def __enter__(self):
        logger = logging.getLogger("trafilatura.downloads")
        with self._lock:
            logger.addHandler(self)
        return self

    def __exit__(self, *exc):
        with self._lock:
            logging.getLogger("trafilatura.downloads").removeHandler(self)


def _reason(errors: list, options: FetchOptions, max_bytes: int) -> str:
    from urllib3 import exceptions as ex

    if not errors:
        return "download failed"
    err = errors[-1]
    if isinstance(err, ex.MaxRetryError) and err.reason is not None:
        err = err.reason
    text = str(err)
    if isinstance(err, ex.NameResolutionError):
        return "host not found"
    if isinstance(err, ex.NewConnectionError):
        if "SSRF" in text:
            return ("refused to fetch a loopback or private address (allowed by --allow-private-urls, "
                    "FetchOptions(allow_private=True))")
        if "refused" in text.lower():
            return "connection refused"
        return f"cannot connect: {text.split(': ', 1)[-1]}"
    if isinstance(err, (ex.TimeoutError, TimeoutError)):
        return f"timed out (after {options.timeout} s)"
    if isinstance(err, ex.ResponseError):
        if "redirect" in text:
            return "too many redirects"
        code = re.search(r"\b\d{3}\b", text)
        tries = f"{options.retries} {'retry' if options.retries == 1 else 'retries'}"
        return f"HTTP status {code.group(0)} (after {tries})" if code else f"server error: {text} (after {tries})"
    if isinstance(err, ValueError) and "MAX_FILE_SIZE" in text:
        return f"too large (over the limit of {max_bytes / 1e6:.1f} MB)"
    if isinstance(err, ex.SSLError):
        return f"TLS error: {text}"
    return f"download failed: {type(err).__name__}: {text}"


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value.strip("'\" "):
            return value.strip("'\" ").lower()
    return None


def read_url_list(path: str | os.PathLike) -> list[str | Failure]:
    """The URLs of a file ('-': standard input), one per line; blank lines and lines starting with '#' are
    skipped. A line that is not an http(s) URL becomes a Failure naming the file and line, in its place, so
    the list can go to iter_inputs (or api.extract / api.ingest) as it is. Raises InputError when the file
    cannot be read."""
    from dyads.io.decode import decode
    from dyads.io.sources import DEFAULT_MAX_BYTES, Refused, read_file

    name = os.fspath(path)
    if name == "-":
        name = "<stdin>"
        try:
            data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
        except (AttributeError, OSError, ValueError) as err:
            raise InputError(name, f"cannot read standard input: {err}") from None
    else:
        try:
            data = read_file(name, DEFAULT_MAX_BYTES)
        except Refused as err:
            raise InputError(name, err.reason) from None
    if len(data) > DEFAULT_MAX_BYTES:
        raise InputError(name, "URL list too large")
    text, _, _ = decode(data)
    out: list[str | Failure] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.append(line if valid_url(line) else Failure(f"{name}:{number}", f"not an http(s) URL: {line[:100]!r}"))
    return out
