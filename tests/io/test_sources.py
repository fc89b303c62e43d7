import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyads import api
from dyads.model import Document, Failure

BODY = ("Foreign ministers of Brazil and Argentina met in Brasilia on Tuesday and agreed to coordinate their "
        "positions ahead of the regional summit, officials said.")
HTML = f"<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1><p>{BODY}</p>" \
       f"<p>{BODY.replace('Tuesday', 'Wednesday')}</p></article></body></html>"


def extract_all(*paths):
    return list(api.extract([str(p) for p in paths]))


def test_jsonl_metadata_overrides_and_ids(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "wire-1", "text": BODY + "\n\n" + BODY, "title": "Given title", "published": "2025-02-04T10:00:00+01:00",
         "authors": ["A. Writer"], "url": "https://example.org/1"},
        {"html": HTML, "published": "2025-02-05"},
        {"text": "   "},
        {"nothing": 1},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n")
    items = extract_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [d.doc for d in docs] == ["wire-1", "feed.jsonl:2"]
    first, second = docs
    assert first.id == "wire-1" and first.title == "Given title" and first.authors == ["A. Writer"]
    assert first.body.startswith(BODY)  # a JSON Lines text is the body: no line of it becomes a title
    assert first.published.isoformat() == "2025-02-04T10:00:00+01:00"
    assert first.url == "https://example.org/1"
    assert second.title == "Ministers meet" and second.published.isoformat() == "2025-02-05"
    assert sorted(f.source.rsplit(":", 1)[1] for f in fails) == ["3", "4", "5"]
    assert all(f.reason for f in fails)


def test_warc_and_warc_gz(tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for n, ctype in enumerate(["text/html; charset=utf-8", "image/png", "text/html"]):
        payload = HTML.replace("Ministers meet", f"Ministers meet {n}").encode() if "html" in ctype else b"\x89PNG..."
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buf.getvalue())
    docs = extract_all(path)
    assert [d.url for d in docs] == ["https://example.org/0", "https://example.org/2"]
    assert all(isinstance(d, Document) and d.source.startswith(str(path) + "#") for d in docs)


def test_folder_recursive_and_gz(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.html").write_text(HTML)
    (tmp_path / "a" / "b" / "two.txt").write_text("A title\n\n" + BODY + "\n\n" + BODY + "\n")
    (tmp_path / "a" / "b" / "three.html.gz").write_bytes(gzip.compress(HTML.replace("Tuesday", "Friday").encode()))
    (tmp_path / "a" / ".hidden.html").write_text(HTML)
    docs = extract_all(tmp_path)
    assert sorted(d.doc for d in docs) == ["one.html", "three.html.gz", "two.txt"]
    assert all(isinstance(d, Document) for d in docs)


def test_missing_path_is_a_failure(tmp_path):
    [item] = extract_all(tmp_path / "nope.html")
    assert isinstance(item, Failure) and "no such file" in item.reason
