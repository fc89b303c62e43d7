"""URL inputs against a real HTTP server on 127.0.0.1 (no request leaves the machine): pages, redirects,
HTTP errors, timeouts, size limits, wrong content; and files of URLs."""
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dyads import api
from dyads.errors import InputError
from dyads.io.fetch import FetchOptions, read_url_list
from dyads.io.sources import iter_inputs
from dyads.model import Document, Failure, RawArticle

PARA = ("The foreign ministers of Chile and Peru met in Lima on Monday and agreed to reopen talks on their maritime "
        "boundary, officials from both governments said after the meeting.")
PAGE = f"<html><head><title>Talks reopen</title></head><body><article><h1>Talks reopen</h1><p>{PARA}</p>" \
       f"<p>{PARA.replace('Monday', 'Tuesday')}</p></article></body></html>".encode()
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Talks reopen</title>
<link>https://example.org/a</link><description>&lt;p&gt;{PARA}&lt;/p&gt;</description></item></channel></rss>""".encode()
LIMIT = 100_000
LOCAL = FetchOptions(timeout=1, retries=1, delay=0, allow_private=True)


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):  # noqa: N802 - the http.server name
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        route = {
            "/page.html": (200, "text/html; charset=utf-8", PAGE),
            "/feed.xml": (200, "application/rss+xml", FEED),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(500)),
            "/empty": (200, "text/html", b""),
            "/missing": (404, "text/html", b"<html><body>Not found</body></html>"),
            "/broken": (500, "text/html", b"<html><body>Oops</body></html>"),
            "/big": (200, "text/html", b"<html><body>" + b"<p>word</p>" * (LIMIT // 5) + b"</body></html>"),
        }.get(self.path)
        if self.path == "/slow":
            time.sleep(3)
            route = (200, "text/html", PAGE)
        if self.path in ("/moved", "/loop"):
            self.send_response(302)
            self.send_header("Location", "/page.html" if self.path == "/moved" else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/bomb":
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            body = packer.compress(b"<p>" + b" " * (LIMIT * 50)) + packer.flush()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        status, ctype, body = route or (404, "text/plain", b"no route")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client gave up (a timeout test): nothing to report


@pytest.fixture(scope="module")
def base():
    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(*urls, options=LOCAL, max_bytes=LIMIT):
    items = list(iter_inputs(list(urls), max_bytes, options))
    return ({i.source: i.reason for i in items if isinstance(i, Failure)},
            {i.source: i for i in items if isinstance(i, RawArticle)})


def test_a_page_and_a_redirect(base):
    fails, raws = fetch(f"{base}/page.html", f"{base}/moved")
    assert not fails
    page, moved = raws[f"{base}/page.html"], raws[f"{base}/moved"]
    assert page.kind == "html" and page.data == PAGE and page.url == f"{base}/page.html"
    assert page.hints == {"charset": "utf-8"}
    assert moved.data == PAGE and moved.url == f"{base}/page.html"  # the URL after the redirect


def test_through_the_api_with_its_options(base):
    options = api.Options(nlp=False, fetch=LOCAL)
    [doc] = api.extract(f"{base}/page.html", options)
    assert isinstance(doc, Document) and doc.url == f"{base}/page.html" and doc.title == "Talks reopen"
    assert doc.body.startswith(PARA)


def test_a_feed_url(base):
    fails, raws = fetch(f"{base}/feed.xml")
    assert not fails and list(raws) == [f"{base}/feed.xml#https://example.org/a"]


def test_http_errors_name_the_url_and_the_reason(base):
    Handler.hits.clear()
    fails, raws = fetch(f"{base}/missing", f"{base}/broken", f"{base}/image.png", f"{base}/empty", f"{base}/loop")
    assert not raws
    assert fails == {
        f"{base}/missing": "HTTP status 404",
        f"{base}/broken": "HTTP status 500 (after 1 retry)",
        f"{base}/image.png": "not an HTML page (Content-Type image/png)",
        f"{base}/empty": "empty response body",
        f"{base}/loop": "too many redirects",
    }
    assert Handler.hits["/broken"] == 2  # one retry, as asked


def test_timeout(base):
    start = time.monotonic()
    fails, _ = fetch(f"{base}/slow", options=FetchOptions(timeout=1, retries=0, delay=0, allow_private=True))
    assert fails == {f"{base}/slow": "timed out (after 1 s)"}
    assert time.monotonic() - start < 2.5


def test_size_limits(base):
    fails, raws = fetch(f"{base}/big", f"{base}/bomb")
    assert not raws
    assert fails == {f"{base}/big": "too large (over the limit of 0.1 MB)",
                     f"{base}/bomb": "too large (over the limit of 0.1 MB)"}


def test_refused_and_blocked(base):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed when the block ends: nothing listens there
    fails, _ = fetch(f"http://127.0.0.1:{port}/page.html")
    assert fails == {f"http://127.0.0.1:{port}/page.html": "connection refused"}
    fails, _ = fetch(f"{base}/page.html", options=FetchOptions(timeout=1, delay=0))  # the default: no private address
    assert fails[f"{base}/page.html"].startswith("refused to fetch a loopback or private address")


def test_polite_delay_between_requests_to_one_host(base):
    start = time.monotonic()
    fails, raws = fetch(f"{base}/page.html", f"{base}/page.html",
                        options=FetchOptions(timeout=1, delay=0.5, allow_private=True))
    assert not fails and time.monotonic() - start >= 0.5


def test_read_url_list(tmp_path, base):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's pages\n\n{base}/page.html\n  {base}/missing  \nftp://example.org/x\nnot a url\n"
                       "https://\nhttps://bad host/\n")
    items = read_url_list(listing)
    assert items == [f"{base}/page.html", f"{base}/missing",
                     Failure(f"{listing}:5", "not an http(s) URL: 'ftp://example.org/x'"),
                     Failure(f"{listing}:6", "not an http(s) URL: 'not a url'"),
                     Failure(f"{listing}:7", "not an http(s) URL: 'https://'"),
                     Failure(f"{listing}:8", "not an http(s) URL: 'https://bad host/'")]
    fails, raws = fetch(*items)  # the list goes to iter_inputs as it is
    assert list(raws) == [f"{base}/page.html"] and len(fails) == 5
    with pytest.raises(InputError, match="no such file"):
        read_url_list(tmp_path / "nope.txt")
