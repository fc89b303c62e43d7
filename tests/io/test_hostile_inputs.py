"""Hostile inputs: every reader ends with a named reason (or the articles) and the batch goes on; nothing
hangs, nothing escapes. Risky calls run in a thread with a deadline, so a regression fails instead of hanging."""
import gzip
import io
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import zlib
from pathlib import Path

import pytest

from dyads import api
from dyads.io import sources
from dyads.io.sources import iter_inputs
from dyads.model import Document, Failure, RawArticle

PARA = ("The prime ministers of Norway and Sweden met in Oslo on Monday and agreed to share intelligence on threats "
        "to undersea cables, the two governments said in a joint statement.")
GOOD = f"<html><body><article><p>{PARA}</p><p>They will meet again in Stockholm next month.</p></article></body></html>"
NO_NLP = api.Options(nlp=False)
DYADS = Path(sys.executable).with_name("dyads")


def within(seconds, fn, *args):
    """fn(*args) in a daemon thread; fail (not hang) when it has not returned after `seconds`."""
    out = {}

    def run():
        try:
            out["value"] = fn(*args)
        except BaseException as err:  # noqa: BLE001 - handed back to the test
            out["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hangs"
    if "error" in out:
        raise out["error"]
    return out["value"]


def read(*paths, max_bytes=sources.DEFAULT_MAX_BYTES, seconds=10):
    """(failures by file name, raw articles by doc) of iter_inputs over `paths`, with a deadline."""
    items = within(seconds, lambda: list(iter_inputs([str(p) for p in paths], max_bytes)))
    assert all(isinstance(i, (RawArticle, Failure)) for i in items)
    return ({os.path.basename(i.source): i.reason for i in items if isinstance(i, Failure)},
            {i.doc: i for i in items if isinstance(i, RawArticle)})


def extract(paths, seconds=15):
    items = within(seconds, lambda: list(api.extract(paths, NO_NLP)))
    return [i for i in items if isinstance(i, Failure)], [i for i in items if isinstance(i, Document)]


# --- paths: str and PathLike, one or many -------------------------------------------------------------

def test_a_str_path_is_one_path(tmp_path):
    page = tmp_path / "news" / "page.html"
    page.parent.mkdir()
    page.write_text(GOOD)
    fails, docs = extract(str(page))  # used to be iterated by character: '/' walked the root folder and hung
    assert not fails and [d.doc for d in docs] == ["page.html"]
    fails, docs = extract(page)  # a PathLike
    assert not fails and [d.doc for d in docs] == ["page.html"]
    fails, docs = extract(str(page.parent))
    assert [d.doc for d in docs] == ["page.html"]


def test_items_that_are_not_paths(tmp_path):
    (tmp_path / "a.html").write_text(GOOD)
    given = Failure("urls.txt:3", "not an http(s) URL: 'ftp://x'")
    items = list(iter_inputs([tmp_path / "a.html", 42, given]))
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[1], Failure) and "not a path (int)" in items[1].reason
    assert items[2] is given
    with pytest.raises(TypeError, match="bytes"):
        list(iter_inputs(b"/tmp"))


# --- special files: never opened ----------------------------------------------------------------------

def test_fifo_in_a_folder_is_refused_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.html")  # opening it would block until a writer comes: it used to hang ingest
    (tmp_path / "good.html").write_text(GOOD)
    fails, docs = read(tmp_path)
    assert fails == {"pipe.html": "not a regular file (fifo)"}
    assert set(docs) == {"good.html"}
    fails, _ = read(tmp_path / "pipe.html")
    assert fails == {"pipe.html": "not a regular file (fifo)"}


def test_unix_socket_is_refused(tmp_path):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(tmp_path / "s.sock"))
        (tmp_path / "good.html").write_text(GOOD)
        fails, docs = read(tmp_path)
    finally:
        server.close()
    assert fails == {"s.sock": "not a regular file (socket)"} and set(docs) == {"good.html"}


def test_device_files_are_refused():
    # /dev/zero was read without a limit (its size is 0), /dev/null as an empty page
    fails, docs = read("/dev/zero", "/dev/null")
    assert fails == {"zero": "not a regular file (character device)", "null": "not a regular file (character device)"}
    assert not docs


# --- links and permissions ----------------------------------------------------------------------------

def test_symlink_loops_and_dangling_links(tmp_path):
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    (tmp_path / "gone.html").symlink_to(tmp_path / "nothing-here.html")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.html").write_text(GOOD)
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop: not followed
    fails, docs = read(tmp_path)
    assert fails["a.html"] == fails["b.html"] == "cannot read file: symlink loop"
    assert fails["gone.html"].startswith("cannot read file: dangling symlink (points to ")
    assert "symlink to a folder; not followed" in fails["up"]
    assert set(docs) == {"good.html"}
    fails, docs = read(tmp_path / "a.html", tmp_path / "sub" / "up")  # given by name: a link to a folder is read
    assert fails["a.html"] == "cannot read file: symlink loop" and "good.html" in docs


READ_AS_CHILD = """
import json, os, sys
from dyads.io.sources import iter_inputs
items = list(iter_inputs(sys.argv[1:]))
print(json.dumps([[os.path.basename(i.source), getattr(i, "reason", None)] for i in items]))
"""


def test_unreadable_file_and_folder():
    # root reads files whatever their mode: then the reading runs as 'nobody' in a folder it may enter
    folder = Path(tempfile.mkdtemp(prefix="dyads-perm-", dir="/tmp"))
    folder.chmod(0o755)
    (folder / "good.html").write_text(GOOD)
    (folder / "locked.html").write_text(GOOD)
    (folder / "locked.html").chmod(0)
    (folder / "closed").mkdir()
    (folder / "closed" / "inside.html").write_text(GOOD)
    (folder / "closed").chmod(0)
    as_nobody = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: root reads files whatever their mode")
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    try:
        run = subprocess.run([*as_nobody, sys.executable, "-c", READ_AS_CHILD, str(folder), str(folder / "closed")],
                             capture_output=True, text=True, timeout=60, cwd="/tmp")
    finally:
        (folder / "closed").chmod(0o755)
        shutil.rmtree(folder)
    assert run.returncode == 0, run.stderr
    items = json.loads(run.stdout)
    assert sorted(items) == sorted([["good.html", None], ["locked.html", "cannot read file: permission denied"],
                                    ["closed", "cannot read folder: permission denied"],
                                    ["closed", "cannot read folder: permission denied"]])  # the second, given
    # by name, used to come out empty without a word


# --- WARC ---------------------------------------------------------------------------------------------

def warc_record(uri: bytes | None, http: bytes, body: bytes) -> bytes:
    block = http + b"\r\n\r\n" + body
    headers = [b"WARC/1.0", b"WARC-Type: response", b"WARC-Record-ID: <urn:uuid:0f0e5c9a-0000-4000-8000-000000000001>",
               b"WARC-Date: 2025-03-03T10:00:00Z", b"Content-Type: application/http; msgtype=response",
               b"Content-Length: " + str(len(block)).encode()]
    if uri is not None:
        headers.insert(2, b"WARC-Target-URI: " + uri)
    return b"\r\n".join(headers) + b"\r\n\r\n" + block + b"\r\n\r\n"


def page(n: int) -> bytes:
    return GOOD.replace("Oslo", f"Oslo ({n})").encode()


OK_HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"


def test_warc_record_with_malformed_headers_keeps_the_rest(tmp_path):
    # record 2 is a response without WARC-Target-URI: warcio raised AttributeError inside ArchiveIterator,
    # which ended the whole ingest with a traceback
    data = (warc_record(b"https://example.org/1", OK_HTTP, page(1))
            + warc_record(None, b"HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\x01\x02", page(2))
            + warc_record(b"https://example.org/3", OK_HTTP, page(3)))
    (tmp_path / "a-crawl.warc").write_bytes(data)
    (tmp_path / "b-next.html").write_text(GOOD)
    fails, docs = read(tmp_path)
    assert set(docs) == {"https://example.org/1", "b-next.html"}
    assert fails["a-crawl.warc"].startswith("damaged WARC archive at record 2, after 1 HTML records: AttributeError")


def test_truncated_and_garbage_warc(tmp_path):
    full = warc_record(b"https://example.org/1", OK_HTTP, page(1)) + warc_record(b"https://example.org/2", OK_HTTP, page(2))
    (tmp_path / "a-cut.warc").write_bytes(full[: len(full) - 200])
    (tmp_path / "b-garbage.warc").write_bytes(b"<not a WARC>" + random.Random(1).randbytes(3000))
    (tmp_path / "b-headers.warc").write_bytes(b"WARC/1.0\r\n" + random.Random(2).randbytes(3000))
    (tmp_path / "c-tail.warc.gz").write_bytes(gzip.compress(full + b"not a record at all\r\n" * 5))
    (tmp_path / "d-cut.warc.gz").write_bytes(gzip.compress(full)[:-40])
    members = b"".join(gzip.compress(warc_record(f"https://example.org/m{n}".encode(), OK_HTTP, page(n))) for n in range(3))
    (tmp_path / "d-members.warc.gz").write_bytes(members[:-40])  # one gzip member per record, the last one cut
    (tmp_path / "e-next.html").write_text(GOOD)
    fails, docs = read(tmp_path)
    assert "e-next.html" in docs
    assert "https://example.org/1" in docs  # from the cut archive and the one with a bad tail
    assert "damaged WARC archive at record 3, after 2 HTML records" in fails["c-tail.warc.gz"]
    assert fails["b-garbage.warc"].startswith("damaged WARC archive at record 1, after 0 HTML records: ArchiveLoadFailed")
    assert fails["b-headers.warc"]
    assert fails["d-cut.warc.gz"] == "truncated gzip"
    assert fails["d-members.warc.gz"] == "damaged WARC archive at record 3, after 2 HTML records: truncated gzip"
    assert {"https://example.org/m0", "https://example.org/m1"} <= set(docs)
    assert all(isinstance(r, str) and r for r in fails.values())


def test_gzip_bomb_inside_warc(tmp_path):
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    payload = bomb.compress(b"<p>" + b" " * 8_000_000) + bomb.flush()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip"
    data = warc_record(b"https://example.org/bomb", http, payload) + warc_record(b"https://example.org/1", OK_HTTP, page(1))
    (tmp_path / "crawl.warc").write_bytes(data)
    fails, docs = read(tmp_path, max_bytes=1_000_000)
    assert set(docs) == {"https://example.org/1"}
    assert list(fails.values()) == ["record too large (over 1.0 MB)"]


# --- gzip ---------------------------------------------------------------------------------------------

def gzip_bomb(size: int) -> bytes:
    """`size` bytes of zeros, gzipped (about a thousandth of it), made in steps."""
    out, packer, chunk = [], zlib.compressobj(9, zlib.DEFLATED, 31), b"\0" * 1_000_000
    for _ in range(size // len(chunk)):
        out.append(packer.compress(chunk))
    return b"".join(out) + packer.flush()


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    bomb = gzip_bomb(64_000_000)
    assert len(bomb) < 100_000
    (tmp_path / "page.html.gz").write_bytes(bomb)
    (tmp_path / "crawl.warc.gz").write_bytes(bomb)
    (tmp_path / "good.html").write_text(GOOD)
    fails, docs = read(tmp_path, max_bytes=2_000_000)
    assert set(docs) == {"good.html"}
    for name in ("page.html.gz", "crawl.warc.gz"):
        assert fails[name].startswith("gzip data expands beyond the limit of 2.0 MB"), fails[name]


def test_truncated_and_corrupt_gzip(tmp_path):
    packed = gzip.compress(GOOD.encode() * 20)
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    bad = bytearray(packed)
    bad[-6] ^= 0xFF  # the CRC
    (tmp_path / "crc.html.gz").write_bytes(bytes(bad))
    (tmp_path / "fake.html.gz").write_text(GOOD)
    fails, docs = read(tmp_path)
    assert not docs
    assert fails["cut.html.gz"] == "truncated gzip"
    assert fails["crc.html.gz"].startswith("corrupt gzip data")
    assert fails["fake.html.gz"] == "not gzip data (the name ends in .gz)"


# --- bytes: NULs, encodings, huge lines, deep nesting ---------------------------------------------------

def test_nul_bytes(tmp_path):
    # a page with a few stray NULs is text (they are removed, with a warning); mostly NULs is binary
    (tmp_path / "stray.html").write_bytes(GOOD.replace("Oslo", "Os\0lo").replace("Monday", "Mon\0\0day").encode())
    (tmp_path / "zeros.txt").write_bytes(b"a\0" * 3000)
    fails, docs = extract([tmp_path])
    assert [(f.source.rsplit("/", 1)[-1], f.reason) for f in fails] == [("zeros.txt", "not a text or HTML file (binary data)")]
    [doc] = docs
    assert "met in Oslo on Monday" in doc.body and "\0" not in doc.body
    assert "removed 3 NUL characters" in doc.warnings


def test_mixed_encodings_in_one_file(tmp_path):
    text = GOOD.replace("Oslo", "Tromsø and Malmö").replace("next month", "at the café “Kafé”")
    utf8 = text.encode("utf-8")
    mixed = utf8.replace("café".encode(), "café".encode("cp1252"))  # one cp1252 byte in a UTF-8 page
    (tmp_path / "mixed.html").write_bytes(mixed)
    fails, docs = extract([tmp_path])
    assert not fails
    [doc] = docs
    assert "Tromsø and Malmö" in doc.body and "at the café “Kafé”" in doc.body  # no mojibake on either side
    assert any(w.startswith("mixed encodings: 1 byte not UTF-8") for w in doc.warnings)


def test_huge_jsonl_lines_are_bounded(tmp_path):
    line = json.dumps({"text": PARA + " x" * 30_000_000})  # one 60 MB line
    (tmp_path / "huge.jsonl").write_text(line + "\n")
    (tmp_path / "ok.jsonl").write_text(json.dumps({"id": "ok-1", "text": PARA + "\n\n" + PARA}) + "\n")
    fails, docs = read(tmp_path)
    assert fails["huge.jsonl"].startswith("file too large (60 MB;")
    assert set(docs) == {"ok-1"}


def test_deeply_nested_json(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.jsonl").write_text(json.dumps({"text": PARA}) + "\n" + deep + "\n" + '{"a": ' + deep + "}\n")
    (tmp_path / "array.json").write_text(deep)
    fails, docs = read(tmp_path)  # used to raise RecursionError out of iter_inputs
    assert fails == {"deep.jsonl:2": "invalid JSON: nested too deeply", "deep.jsonl:3": "invalid JSON: nested too deeply",
                     "array.json": "invalid JSON: nested too deeply"}
    assert set(docs) == {"deep.jsonl:1"}


def test_deeply_nested_html_through_process():
    for html in ("<html><body>" + "<div>" * 100_000 + f"<p>{PARA}</p>" + "</div>" * 100_000 + "</body></html>",
                 "<html><body>" + "<b><i>" * 50_000 + PARA):
        raw = RawArticle(source="deep.html", doc="deep.html", kind="html", data=html.encode())
        result = within(20, api.process, raw, NO_NLP)
        assert isinstance(result, (Document, Failure))
        if isinstance(result, Failure):
            assert result.source == "deep.html" and result.reason


def test_unexpected_errors_become_failures():
    def reader():
        yield Failure("a.warc#1", "HTTP status 404")
        raise KeyError("WARC-Date")

    items = list(sources._guarded("a.warc", reader()))
    assert items == [Failure("a.warc#1", "HTTP status 404"),
                     Failure("a.warc", "unexpected error reading: KeyError: 'WARC-Date'")]


# --- standard input -----------------------------------------------------------------------------------

def test_stdin_through_the_cli(tmp_path):
    run = subprocess.run([str(DYADS), "extract", "-", "--no-nlp"], input=GOOD.encode(), capture_output=True,
                         timeout=60, cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.decode().startswith("<stdin>\n") and "body: 220 characters" in run.stdout.decode()


def stdin_items(monkeypatch, data: bytes, paths=("-",)):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return list(iter_inputs(list(paths), max_bytes=1_000_000))


def test_stdin_is_sniffed_and_bounded(monkeypatch):
    [raw] = stdin_items(monkeypatch, GOOD.encode())
    assert (raw.source, raw.doc, raw.kind) == ("<stdin>", "<stdin>", "html")
    lines = stdin_items(monkeypatch, (json.dumps({"id": "x1", "text": PARA}) + "\n" + json.dumps({"text": PARA})).encode())
    assert [i.doc for i in lines] == ["x1", "<stdin>:2"]
    warc = stdin_items(monkeypatch, gzip.compress(warc_record(b"https://example.org/1", OK_HTTP, page(1))))
    assert [i.source for i in warc] == ["<stdin>#https://example.org/1"]
    [text] = stdin_items(monkeypatch, PARA.encode())
    assert text.kind == "text"
    twice = stdin_items(monkeypatch, GOOD.encode(), ("-", "-"))
    assert isinstance(twice[0], RawArticle) and twice[1] == Failure("<stdin>", "standard input already read")
    assert stdin_items(monkeypatch, b"x" * 1_000_001) == [Failure("<stdin>", "input too large (over the limit of 1.0 MB)")]
    assert stdin_items(monkeypatch, b"  \n") == [Failure("<stdin>", "empty input")]


# --- feeds --------------------------------------------------------------------------------------------

RSS1 = f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://example.org/feed.rdf"><title>Example Wire</title><link>https://example.org/</link>
<items><rdf:Seq><rdf:li rdf:resource="https://example.org/a"/></rdf:Seq></items></channel>
<item rdf:about="https://example.org/a"><title>Norway and Sweden share intelligence</title>
<link>https://example.org/a</link><dc:date>2025-03-03T14:05:00-05:00</dc:date><dc:creator>Ana Ruiz</dc:creator>
<content:encoded><![CDATA[<p>{PARA}</p><p>{PARA.replace("Monday", "Tuesday")}</p>]]></content:encoded></item>
<item rdf:about="https://example.org/b"><title>Teaser</title><link>https://example.org/b</link></item>
</rdf:RDF>"""


def test_rss_1_0_feed(tmp_path):
    (tmp_path / "wire.rdf").write_text(RSS1)  # was refused: "neither an RSS nor an Atom feed"
    (tmp_path / "wire.xml").write_text(RSS1)
    (tmp_path / "cut.rss").write_text(RSS1[: len(RSS1) // 2])
    fails, docs = extract([tmp_path])
    assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/a"]
    doc = docs[0]
    assert doc.title == "Norway and Sweden share intelligence" and doc.authors == ["Ana Ruiz"]
    assert doc.published.isoformat() == "2025-03-03T14:05:00-05:00" and doc.body.startswith(PARA)
    reasons = {f.source.removeprefix(str(tmp_path) + "/"): f.reason for f in fails}
    assert reasons["cut.rss"].startswith("malformed feed XML")
    assert reasons["wire.rdf#https://example.org/b"] == "feed item has no content"


def test_jsonl_fields_of_the_wrong_type(tmp_path):
    lines = [{"id": 7, "html": GOOD, "url": 123, "title": {"x": 1}, "authors": ["A. Writer", 5], "published": True},
             {"id": ["x"], "text": PARA + "\n\n" + PARA, "author": 3, "language": 1}]
    (tmp_path / "typed.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    fails, docs = extract([tmp_path])  # a number as 'url' used to crash extraction (AttributeError in trafilatura)
    assert not fails
    assert [(d.id, d.url, d.authors) for d in docs] == [("7", None, ["A. Writer"]), (docs[1].id, None, [])]
    assert docs[0].title != {"x": 1} and docs[1].id != "['x']"


def test_a_file_name_that_is_not_utf8_is_stored_with_escapes(tmp_path):
    # before: the store refused the batch ("cannot encode str as UTF-8, surrogate '\udcff'") and the ingest stopped
    (tmp_path / "in").mkdir()
    raw = os.fsencode(tmp_path) + b"/in/bad-\xff\xfe.html"
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    db = tmp_path / "t.duckdb"
    report = api.ingest([tmp_path / "in"], db=db, options=NO_NLP)
    assert report.ingested == [str(tmp_path / "in" / "bad-\\xff\\xfe.html")] and not report.failures
    assert api.articles(db)[0]["source"].endswith("bad-\\xff\\xfe.html")


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf", b"[]", b"\xef\xbb\xbf\n\n"])
def test_a_json_lines_file_with_no_objects_says_so(tmp_path, content):
    # before: a file holding only a byte-order mark came out as nothing at all
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    assert [(f.source, f.reason) for f in iter_inputs(path)] == [(str(path), "no JSON objects in the file")]
