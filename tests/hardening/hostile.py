"""Hostile inputs, generated at test time from a seeded RNG (nothing generated is committed).

`build(folder, rng, real_pages)` writes one folder per kind and returns {path: kind}. Each kind is a
function `(rng, ctx, stem) -> Path | None` that writes one entry at `stem` + an extension of its
choice (None when the kind cannot be made here, e.g. an unreadable file when running as root).
Real pages are read from ../shared at run time and only mutated copies are written to `folder`.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import socket
import zlib
from dataclasses import dataclass, field
from pathlib import Path

COUNTRIES = ["Norway", "Sweden", "France", "Germany", "Japan", "Kenya", "Brazil", "India", "Poland", "Chile",
             "Egypt", "Turkey", "Canada", "Mexico", "Spain", "Italy", "Ghana", "Peru", "Qatar", "Vietnam"]
CITIES = ["Oslo", "Paris", "Berlin", "Tokyo", "Nairobi", "Lima", "Doha", "Madrid", "Rome", "Accra", "Hanoi"]
VERBS = ["met", "criticized", "praised", "accused", "signed an agreement with", "threatened", "thanked",
         "condemned", "visited", "negotiated with", "imposed sanctions on", "offered aid to"]
FILLER = ["officials said", "according to a statement", "on Monday", "after talks", "in a joint statement",
          "the ministry said", "late on Tuesday", "amid tensions", "for the first time in years"]


def sentence(rng: random.Random) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    return (f"The foreign minister of {a} {rng.choice(VERBS)} the government of {b} in {rng.choice(CITIES)}, "
            f"{rng.choice(FILLER)}, {rng.choice(FILLER)} ({rng.randrange(10 ** 9)}).")


def article_text(rng: random.Random, sentences: int = 6) -> str:
    return "\n\n".join(sentence(rng) for _ in range(sentences))


def article_html(rng: random.Random, sentences: int = 6) -> str:
    title = f"Talks in {rng.choice(CITIES)} ({rng.randrange(10 ** 9)})"
    paras = "".join(f"<p>{sentence(rng)}</p>" for _ in range(sentences))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article>"
            f"</body></html>")


@dataclass
class Context:
    pages: list[bytes]  # real pages read from ../shared
    max_bytes: int  # the --max-size limit of the run, in bytes
    is_root: bool = field(default_factory=lambda: os.geteuid() == 0)

    def page(self, rng: random.Random) -> bytes:
        return rng.choice(self.pages)


def write(stem: Path, ext: str, data: bytes | str) -> Path:
    path = stem.with_name(stem.name + ext)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- WARC, written by hand ---------------------------------------------------------------------
def http_response(body: bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK",
                  extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n{extra}\r\n").encode() + body


def warc_record(uri: str, payload: bytes, rec_type: str = "response", length: str | None = None,
                headers: str | None = None, version: str = "WARC/1.0") -> bytes:
    if headers is None:
        headers = (f"WARC-Type: {rec_type}\r\nWARC-Record-ID: <urn:uuid:{zlib.crc32(uri.encode()):032x}>\r\n"
                   f"WARC-Date: 2024-05-17T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
                   f"Content-Type: application/http; msgtype={rec_type}\r\n")
    length = str(len(payload)) if length is None else length
    return f"{version}\r\n{headers}Content-Length: {length}\r\n\r\n".encode() + payload + b"\r\n\r\n"


def good_records(rng: random.Random, stem: Path, n: int) -> list[bytes]:
    out = []
    for i in range(n):
        uri = f"http://news.example/{stem.name}/{i}"
        out.append(warc_record(uri, http_response(article_html(rng).encode())))
    return out


def bad_record(rng: random.Random, stem: Path) -> bytes:
    uri = f"http://news.example/{stem.name}/bad"
    body = http_response(article_html(rng).encode())
    choice = rng.randrange(12)
    if choice == 0:  # Content-Length larger than what follows
        return warc_record(uri, body, length=str(len(body) * 10 + 999))
    if choice == 1:  # Content-Length smaller: the rest is read as the next record
        return warc_record(uri, body, length=str(max(1, len(body) // 3)))
    if choice == 2:
        return warc_record(uri, body, length="abc")
    if choice == 3:
        return warc_record(uri, body, length="-50")
    if choice == 4:  # a header line without a colon
        return warc_record(uri, body, headers="WARC-Type response\r\nthis is not a header\r\n")
    if choice == 5:  # garbage HTTP status line
        return warc_record(uri, b"HTTP/1.1 OK\r\nContent-Type: text/html\r\n\r\n" + article_html(rng).encode())
    if choice == 6:  # no HTTP headers at all
        return warc_record(uri, article_html(rng).encode())
    if choice == 7:  # binary junk as HTTP headers
        return warc_record(uri, bytes(rng.randrange(256) for _ in range(300)) + b"\r\n\r\n<p>x</p>")
    if choice == 8:
        return warc_record(uri, body, version=rng.choice(["WARC/9.9", "XARC/1.0", "WARC/", "\x00\x00"]))
    if choice == 9:  # NUL bytes in the WARC headers
        return warc_record(uri, body, headers="WARC-Type: resp\x00onse\r\nWARC-Target-URI: \x00\x00\r\n")
    if choice == 10:  # a response without WARC-Target-URI and a missing Content-Type
        return warc_record(uri, b"HTTP/1.1 200 OK\r\n\r\n" + article_html(rng).encode(),
                           headers="WARC-Type: response\r\n")
    # Content-Encoding that lies: says gzip, is not
    return warc_record(uri, http_response(article_html(rng).encode(), extra="Content-Encoding: gzip\r\n"))


def k_warc_malformed(rng, ctx, stem):
    records = good_records(rng, stem, rng.randrange(0, 3))
    records.insert(rng.randrange(len(records) + 1), bad_record(rng, stem))
    if rng.random() < 0.5:
        records += good_records(rng, stem.with_name(stem.name + "-after"), 1)
    return write(stem, ".warc", b"".join(records))


def k_warc_truncated(rng, ctx, stem):
    data = b"".join(good_records(rng, stem, rng.randrange(1, 4)))
    return write(stem, ".warc", data[: rng.randrange(5, len(data) - 5)])


def k_warc_gz_bad_member(rng, ctx, stem):
    members = [gzip.compress(r) for r in good_records(rng, stem, rng.randrange(1, 4))]
    victim = rng.randrange(len(members))
    bad = bytearray(members[victim])
    how = rng.randrange(3)
    if how == 0:  # flip bytes inside the deflate stream
        for _ in range(rng.randrange(1, 8)):
            pos = rng.randrange(10, len(bad) - 8)
            bad[pos] ^= 1 << rng.randrange(8)
    elif how == 1:  # cut the member short
        bad = bad[: rng.randrange(10, len(bad) - 1)]
    else:  # a plain (not gzipped) record between gzip members
        bad = bytearray(bad_record(rng, stem))
    members[victim] = bytes(bad)
    return write(stem, ".warc.gz", b"".join(members))


def k_warc_gz_truncated(rng, ctx, stem):
    data = b"".join(gzip.compress(r) for r in good_records(rng, stem, rng.randrange(1, 4)))
    return write(stem, ".warc.gz", data[: rng.randrange(5, len(data) - 5)])


def k_warc_bomb(rng, ctx, stem):
    """Small on disk, beyond --max-size expanded: a gzip member or a gzip-encoded HTTP body."""
    big = b"<p>" + b"a" * (ctx.max_bytes * rng.randrange(2, 5)) + b"</p>"
    uri = f"http://news.example/{stem.name}/bomb"
    if rng.random() < 0.5:
        record = warc_record(uri, http_response(b"<html><body>" + big + b"</body></html>"))
        return write(stem, ".warc.gz", gzip.compress(record, 9))
    body = gzip.compress(big, 9)
    record = warc_record(uri, http_response(body, extra="Content-Encoding: gzip\r\n"))
    return write(stem, ".warc", record)


# -- gzip ----------------------------------------------------------------------------------------
def k_gzip_truncated(rng, ctx, stem):
    data = gzip.compress(ctx.page(rng))
    return write(stem, ".html.gz", data[: rng.randrange(2, len(data) - 1)])


def k_gzip_garbage(rng, ctx, stem):
    choice = rng.randrange(4)
    if choice == 0:
        data = os.urandom(rng.randrange(1, 3000))
    elif choice == 1:  # a gzip header and nothing after it
        data = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
    elif choice == 2:  # a valid member followed by junk
        data = gzip.compress(article_html(rng).encode()) + os.urandom(rng.randrange(1, 500))
    else:  # a wrong CRC
        good = bytearray(gzip.compress(article_html(rng).encode()))
        good[-8] ^= 0xFF
        data = bytes(good)
    return write(stem, rng.choice([".html.gz", ".txt.gz", ".jsonl.gz"]), data)


def k_gzip_bomb(rng, ctx, stem):
    size = ctx.max_bytes * rng.randrange(2, 12)
    filler = rng.choice([b"\x00", b"a", b"<p>lol</p>"])
    data = gzip.compress(filler * (size // len(filler)), 9)
    if rng.random() < 0.3:  # a bomb inside a bomb
        data = gzip.compress(data, 9)
    return write(stem, rng.choice([".html.gz", ".txt.gz", ".jsonl.gz"]), data)


# -- JSON Lines ----------------------------------------------------------------------------------
def k_jsonl_bad_lines(rng, ctx, stem):
    lines = []
    for _ in range(rng.randrange(2, 8)):
        good = json.dumps({"text": article_text(rng, 3)})
        lines.append(rng.choice([good, good[: rng.randrange(1, len(good))], "{not json}", "{'single': 'quotes'}",
                                 '{"text": "unterminated', "\x00\x00\x00", "}{", good + " trailing"]))
    return write(stem, ".jsonl", "\n".join(lines) + "\n")


def k_jsonl_articles(rng, ctx, stem):
    """Good articles with dates, one per line: the baseline the hostile lines stand beside."""
    lines = [json.dumps({"id": f"{stem.name}-{i}", "title": f"Talks in {rng.choice(CITIES)} {rng.randrange(10 ** 6)}",
                         "published": f"2024-05-{rng.randrange(10, 28)}", "text": article_text(rng, 4)})
             for i in range(rng.randrange(2, 6))]
    return write(stem, ".jsonl", "\n".join(lines) + "\n")


PEOPLE = [("Lars", "Vindberg", "Norwegian"), ("Ines", "Tallqvist", "Swedish"), ("Marek", "Drozdowicz", "Polish"),
          ("Akua", "Mensahene", "Ghanaian"), ("Kenji", "Oyamada", "Japanese"), ("Lucia", "Ferrantelli", "Italian"),
          ("Omar", "Haddadin", "Egyptian"), ("Sofia", "Quispealaya", "Peruvian"), ("Pierre", "Lemarchal", "French"),
          ("Greta", "Holzbrinck", "German"), ("Amina", "Wanjirugu", "Kenyan"), ("Diego", "Valcarcel", "Spanish")]


def k_jsonl_people(rng, ctx, stem):
    """File i introduces a minister no knowledge base knows (a learned alias) and names the minister of
    file i-1 bare: how that name is coded depends on what the store learned before."""
    i = int(stem.name.rsplit("-", 1)[1])
    first, last, adj = PEOPLE[i % len(PEOPLE)]
    prev = PEOPLE[(i - 1) % len(PEOPLE)]
    country = rng.choice(COUNTRIES)
    intro = {"id": f"{stem.name}-intro", "title": f"{adj} minister in {rng.choice(CITIES)}",
             "published": "2024-05-10",
             "text": f"{adj} Foreign Minister {first} {last} said on Monday that the government would send aid "
                     f"to {country}.\n\n{first} {last} met the ambassador of {country}, officials said.\n\n"
                     f"The talks lasted {rng.randrange(2, 9)} hours."}
    bare = {"id": f"{stem.name}-bare", "title": f"Criticism of {country}", "published": "2024-05-12",
            "text": f"{prev[0]} {prev[1]} criticized the government of {country} on Wednesday, officials said.\n\n"
                    f"The government of {country} did not reply.\n\nThe dispute is over fishing rights."}
    return write(stem, ".jsonl", json.dumps(intro) + "\n" + json.dumps(bare) + "\n")


def k_jsonl_non_objects(rng, ctx, stem):
    values = ["1", "null", "true", '"a string"', "[1, 2, 3]", "[]", "3.14e999", '[{"text": "in a list"}]', "-0"]
    return write(stem, ".jsonl", "\n".join(rng.choice(values) for _ in range(rng.randrange(1, 6))) + "\n")


def k_jsonl_bad_fields(rng, ctx, stem):
    odd = [None, 1, -1, 3.5, True, [], {}, ["a", 1], {"x": {"y": []}}, "", " ", "\x00"]
    lines = []
    for _ in range(rng.randrange(1, 5)):
        obj = {"text": rng.choice([article_text(rng, 3), *odd])}
        for key in ("id", "title", "published", "authors", "author", "url", "language", "html", "publisher"):
            if rng.random() < 0.4:
                obj[key] = rng.choice(odd + ["not a date", "2024-13-45", "javascript:alert(1)", "x" * 5000])
        lines.append(json.dumps(obj))
    return write(stem, ".jsonl", "\n".join(lines) + "\n")


def k_jsonl_huge_line(rng, ctx, stem):
    size = rng.randrange(ctx.max_bytes // 4, ctx.max_bytes - 1000)
    if rng.random() < 0.5:
        words = (sentence(rng) + " ") * (size // 150)
        line = json.dumps({"text": words[:size]})
    else:  # one huge invalid line
        line = '{"text": "' + "x" * size
    return write(stem, ".jsonl", line + "\n" + json.dumps({"text": article_text(rng, 3)}) + "\n")


def k_json_deep(rng, ctx, stem):
    depth = 100_000
    choice = rng.randrange(4)
    if choice == 0:
        data = "[" * depth
    elif choice == 1:
        data = "[" * depth + "]" * depth
    elif choice == 2:
        data = '{"a":' * depth + "1" + "}" * depth
    else:
        data = '{"text": "' + article_text(rng, 2) + '", "meta": ' + "[" * depth + "]" * depth + "}"
    return write(stem, rng.choice([".json", ".jsonl"]), data + "\n")


# -- feeds ---------------------------------------------------------------------------------------
def rss2(rng) -> str:
    items = "".join(f"<item><title>Item {i}</title><link>http://news.example/{rng.randrange(10 ** 9)}</link>"
                    f"<description><![CDATA[{article_html(rng, 3)}]]></description></item>" for i in range(3))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>'


def atom(rng) -> str:
    items = "".join(f"<entry><title>Entry {i}</title><id>urn:x:{rng.randrange(10 ** 9)}</id>"
                    f"<content type='html'>{article_text(rng, 3)}</content></entry>" for i in range(3))
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'


def rss1(rng) -> str:
    items = "".join(f'<item rdf:about="http://news.example/{rng.randrange(10 ** 9)}"><title>Item {i}</title>'
                    f"<link>http://news.example/{i}</link><description>{article_text(rng, 3)}</description></item>"
                    for i in range(3))
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://news.example/"><title>F</title>'
            f"</channel>{items}</rdf:RDF>")


def k_feed_truncated(rng, ctx, stem):
    text = rng.choice([rss2, atom, rss1])(rng)
    return write(stem, rng.choice([".rss", ".xml", ".atom"]), text[: rng.randrange(20, len(text) - 5)])


def k_feed_entities(rng, ctx, stem):
    """Billion laughs, quadratic blowup and an external entity: none may expand."""
    choice = rng.randrange(3)
    if choice == 0:
        ents = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
        dtd, ref = ents, "&lol9;"
    elif choice == 1:
        dtd, ref = f'<!ENTITY big "{"lollollol" * 20000}">', "&big;" * 20000
    else:
        dtd, ref = '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"
    return write(stem, ".rss", f'<?xml version="1.0"?><!DOCTYPE rss [{dtd}]><rss version="2.0"><channel>'
                               f"<title>{ref}</title><item><title>{ref}</title><description>{ref} {ref}"
                               f"</description></item></channel></rss>")


def k_feed_odd(rng, ctx, stem):
    choice = rng.randrange(5)
    if choice == 0:  # RSS 1.0 (RDF)
        text = rss1(rng)
    elif choice == 1:  # items without content
        text = '<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title></item></channel></rss>'
    elif choice == 2:  # no items at all
        text = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>empty</title></feed>'
    elif choice == 3:  # an XML file that is no feed
        text = '<?xml version="1.0"?><catalog><book id="1">A</book></catalog>'
    else:  # a feed under an HTML name
        return write(stem, ".html", rss2(rng))
    return write(stem, rng.choice([".rss", ".xml"]), text)


# -- things that are not regular files -----------------------------------------------------------
def k_fifo(rng, ctx, stem):
    path = stem.with_name(stem.name + rng.choice([".html", ".txt", ".jsonl", ".warc"]))
    os.mkfifo(path)
    return path


def k_socket(rng, ctx, stem):
    path = stem.with_name(stem.name + ".html")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
    finally:
        sock.close()
    return path


def k_device(rng, ctx, stem):
    path = stem.with_name(stem.name + rng.choice([".html", ".txt"]))
    path.symlink_to(rng.choice(["/dev/zero", "/dev/null", "/dev/urandom"]))
    return path


def k_symlink_loop(rng, ctx, stem):
    path = stem.with_name(stem.name + ".html")
    if rng.random() < 0.5:
        path.symlink_to(path.name)  # points at itself
    else:
        other = stem.with_name(stem.name + "-other.html")
        path.symlink_to(other.name)
        other.symlink_to(path.name)
        return [path, other]
    return path


def k_symlink_dangling(rng, ctx, stem):
    path = stem.with_name(stem.name + ".html")
    path.symlink_to(f"nowhere-{rng.randrange(10 ** 6)}.html")
    return path


def k_symlink_dir_loop(rng, ctx, stem):
    """A symlink to an enclosing folder inside the walked tree."""
    path = stem.with_name(stem.name + "-up")
    path.symlink_to("..", target_is_directory=True)
    return path


def k_unreadable(rng, ctx, stem):
    if ctx.is_root:
        return None  # root reads anything: the kind cannot be made here
    path = write(stem, ".html", article_html(rng))
    path.chmod(0)
    return path


# -- content that is odd ---------------------------------------------------------------------------
def k_empty(rng, ctx, stem):
    data = rng.choice([b"", b" ", b"\n\n\t  \r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"<html></html>", b"{}\n",
                       b"\n" * 1000])
    return write(stem, rng.choice([".html", ".txt", ".jsonl", ".warc", ".rss", ""]), data)


def k_nul_bytes(rng, ctx, stem):
    text = article_html(rng).encode()
    choice = rng.randrange(3)
    if choice == 0:
        data = b"\x00" * rng.randrange(1, 5000)
    elif choice == 1:  # NULs sprinkled into a page
        data = bytearray(text)
        for _ in range(rng.randrange(1, 40)):
            data.insert(rng.randrange(len(data)), 0)
        data = bytes(data)
    else:  # NULs after the first 8 KB only
        data = text + b" " * 9000 + b"\x00" * 100 + text
    return write(stem, rng.choice([".html", ".txt"]), data)


def k_mixed_encoding(rng, ctx, stem):
    text = article_html(rng).replace("officials", "officiels à Tromsø, café")
    half = len(text) // 2
    choice = rng.randrange(5)
    if choice == 0:  # UTF-8 then cp1252
        data = text[:half].encode("utf-8") + text[half:].encode("cp1252")
    elif choice == 1:  # a UTF-16 BOM followed by UTF-8 bytes
        data = b"\xff\xfe" + text.encode("utf-8")
    elif choice == 2:  # a UTF-8 BOM followed by cp1252 bytes
        data = b"\xef\xbb\xbf" + text.encode("cp1252")
    elif choice == 3:  # UTF-16 without a BOM
        data = text.encode("utf-16-le")
    else:  # declared Shift_JIS, is UTF-8 with invalid sequences
        data = text.replace("<head>", '<head><meta charset="shift_jis">').encode() + b"\xc3\x28\xa0\xa1\xe2\x28\xa1"
    return write(stem, rng.choice([".html", ".txt", ".jsonl"]), data)


def k_binary_as_html(rng, ctx, stem):
    heads = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"\x7fELF\x02\x01", b"PK\x03\x04", b"GIF89a", b"", b"\xff\xd8\xff"]
    return write(stem, ".html", rng.choice(heads) + os.urandom(rng.randrange(10, 20000)))


def k_deep_html(rng, ctx, stem):
    depth = rng.choice([10_000, 100_000])
    tag = rng.choice(["div", "span", "b", "table"])
    body = f"<{tag}>" * depth + "<p>" + sentence(rng) + "</p>" + (f"</{tag}>" * depth if rng.random() < 0.5 else "")
    return write(stem, ".html", f"<html><body>{body}</body></html>")


def k_many_attributes(rng, ctx, stem):
    attrs = " ".join(f'a{i}="{i}"' for i in range(100_000))
    return write(stem, ".html", f"<html><body><article><p {attrs}>{sentence(rng)}</p><p>{sentence(rng)}</p>"
                                f"</article></body></html>")


def k_long_words(rng, ctx, stem):
    word = "".join(rng.choice("abcdefghij") for _ in range(rng.choice([10_000, 200_000])))
    if rng.random() < 0.5:
        return write(stem, ".txt", f"Headline {rng.randrange(10 ** 9)}\n\n{sentence(rng)} {word} {sentence(rng)}\n")
    return write(stem, ".html", f"<html><body><article><h1>T</h1><p>{sentence(rng)} {word}</p></article></body></html>")


def k_odd_names(rng, ctx, stem):
    names = ["sp ace.html", "ünïcødé-ñews.html", "-starts-with-dash.html", "semi;colon.html", "quote'and\".html",
             "emoji-📰.txt", "x" * 240 + ".html", "tab\tin-name.txt", "percent%20x.html"]
    name = f"{stem.name}-{rng.choice(names)}"
    path = stem.parent / name[:250]
    if rng.random() < 0.3:  # a name that is not valid UTF-8
        raw = os.fsencode(stem.parent) + b"/" + os.fsencode(stem.name) + b"-bad-\xff\xfe.html"
        with open(raw, "wb") as fh:
            fh.write(article_html(rng).encode())
        return Path(os.fsdecode(raw))
    path.write_text(article_html(rng))
    return path


# -- mutations of real pages ---------------------------------------------------------------------
def k_mut_flip(rng, ctx, stem):
    data = bytearray(ctx.page(rng))
    for _ in range(rng.choice([1, 5, 50, 500])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return write(stem, ".html", bytes(data))


def k_mut_truncate(rng, ctx, stem):
    data = ctx.page(rng)
    return write(stem, ".html", data[: rng.randrange(1, len(data))])


def k_mut_splice(rng, ctx, stem):
    a, b = ctx.page(rng), ctx.page(rng)
    return write(stem, ".html", a[: rng.randrange(len(a))] + b[rng.randrange(len(b)):])


def k_mut_insert(rng, ctx, stem):
    data = ctx.page(rng)
    junk = rng.choice([b"<div>" * 500, b"<!--", b"<script>", b"]]>", b"\x00" * 10, os.urandom(64), b"</html>",
                       b"<![CDATA[", b"&#xD800;&#0;&#x110000;", b"<meta charset='utf-16'>"])
    pos = rng.randrange(len(data))
    return write(stem, ".html", data[:pos] + junk + data[pos:])


def k_mut_copy(rng, ctx, stem):
    """Two exact copies of a real page: the second one is a duplicate of the first."""
    page = ctx.page(rng)
    return [write(stem, "-a.html", page), write(stem, "-b.html", page)]


def k_mut_gzip(rng, ctx, stem):
    data = bytearray(ctx.page(rng))
    for _ in range(rng.choice([0, 3, 30])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return write(stem, ".html.gz", gzip.compress(bytes(data)))


def k_mut_warc(rng, ctx, stem):
    """Real pages as WARC response records, one of them damaged at random."""
    records = [warc_record(f"http://real.example/{stem.name}/{i}", http_response(ctx.page(rng)))
               for i in range(rng.randrange(1, 4))]
    if rng.random() < 0.5:
        records.append(bad_record(rng, stem))
    data = b"".join(records)
    if rng.random() < 0.5:
        data = b"".join(gzip.compress(r) for r in records)
        return write(stem, ".warc.gz", data)
    return write(stem, ".warc", data)


KINDS = {name[2:]: fn for name, fn in globals().items() if name.startswith("k_")}

# how many of each kind a full fuzz run makes; slow kinds get fewer copies
COUNTS = {
    "warc_malformed": 80, "warc_truncated": 30, "warc_gz_bad_member": 30, "warc_gz_truncated": 25, "warc_bomb": 6,
    "gzip_truncated": 25, "gzip_garbage": 50, "gzip_bomb": 12,
    "jsonl_articles": 5, "jsonl_bad_lines": 40, "jsonl_non_objects": 30, "jsonl_bad_fields": 40,
    "jsonl_huge_line": 3, "json_deep": 8,
    "feed_truncated": 40, "feed_entities": 12, "feed_odd": 25,
    "fifo": 5, "socket": 5, "device": 3, "symlink_loop": 10, "symlink_dangling": 15, "symlink_dir_loop": 2,
    "unreadable": 5,
    "empty": 60, "nul_bytes": 40, "mixed_encoding": 50, "binary_as_html": 60, "deep_html": 4, "many_attributes": 2,
    "long_words": 6, "odd_names": 20,
    "mut_flip": 70, "mut_truncate": 70, "mut_splice": 55, "mut_insert": 45, "mut_copy": 10, "mut_gzip": 25,
    "mut_warc": 15,
}
MUTATIONS = [k for k in KINDS if k.startswith("mut_")]


def build(folder: Path, rng: random.Random, ctx: Context, counts: dict[str, int] = COUNTS) -> dict[Path, str]:
    """Write `counts[kind]` entries of each kind under folder/kind/; return {path: kind}."""
    made: dict[Path, str] = {}
    for kind, n in counts.items():
        sub = folder / kind
        sub.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            out = KINDS[kind](rng, ctx, sub / f"{kind}-{i:04d}")
            for path in out if isinstance(out, list) else [out] if out is not None else []:
                made[path] = kind
    return made


def real_pages(shared: Path, limit: int | None = None) -> list[bytes]:
    """Real HTML pages of ../shared: the extraction benchmark's pages, then htmldate's."""
    paths = sorted((shared / "evaldata" / "article-extraction" / "html").glob("*.html.gz"))
    paths += sorted((shared / "evaldata" / "htmldate" / "default_en_html").glob("*.html"))
    pages = []
    for path in paths[:limit]:
        data = path.read_bytes()
        pages.append(gzip.decompress(data) if path.suffix == ".gz" else data)
    return pages
