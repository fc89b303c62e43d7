"""Every bad input gets a per-file reason (or a language flag); the batch goes on."""
import os

import pytest

from dyads import api
from dyads.model import Document, Failure

GOOD = ("<html><body><article><p>The prime ministers of Norway and Sweden met in Oslo on Monday and agreed to "
        "share intelligence on threats to undersea cables, the two governments said in a joint statement.</p>"
        "<p>They will meet again in Stockholm next month.</p></article></body></html>")


def run(*paths):
    items = list(api.extract([str(p) for p in paths]))
    return ({os.path.basename(i.source): i.reason for i in items if isinstance(i, Failure)},
            {i.doc: i for i in items if isinstance(i, Document)})


def test_bad_files_in_one_batch(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (tmp_path / "random.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "furniture.html").write_text("<html><body><nav>Home</nav><p>Share</p></body></html>")
    (tmp_path / "good.html").write_text(GOOD)
    fails, docs = run(tmp_path)
    assert set(docs) == {"good.html"}
    assert fails["empty.html"] == "empty file"
    assert fails["blank.txt"] == "empty file"
    assert "PNG image" in fails["image.html"]
    assert "binary" in fails["random.bin"]
    assert "no article text" in fails["furniture.html"]


def test_truncated_and_malformed_html(tmp_path):
    cut = GOOD[: len(GOOD) // 2 + 40]
    (tmp_path / "cut.html").write_text(cut)
    (tmp_path / "tags.html").write_text("<html><body><p>Unclosed <b><i>" + GOOD[30:] + "<<<>>>")
    fails, docs = run(tmp_path)
    assert "cut.html" in docs and "The prime ministers of Norway" in docs["cut.html"].body
    assert "tags.html" in docs or "tags.html" in fails


def test_wrong_and_missing_encoding(tmp_path):
    text = GOOD.replace("Oslo", "Tromsø and Malmö, the café district")
    (tmp_path / "latin1-undeclared.html").write_bytes(text.encode("cp1252"))
    declared = text.replace("<html>", '<html><head><meta charset="utf-8"></head>')
    (tmp_path / "latin1-declared-utf8.html").write_bytes(declared.encode("cp1252"))
    utf8_as_latin = text.replace("<html>", '<html><head><meta charset="iso-8859-1"></head>')
    (tmp_path / "utf8-declared-latin1.html").write_bytes(utf8_as_latin.encode("utf-8"))
    fails, docs = run(tmp_path)
    assert not fails
    for name, doc in docs.items():
        assert "Tromsø and Malmö" in doc.body, name
    assert any("declared charset" in w for w in docs["latin1-declared-utf8.html"].warnings)
    assert any("UTF-8" in w for w in docs["utf8-declared-latin1.html"].warnings)


def test_fifty_megabyte_page(tmp_path):
    big = tmp_path / "big.html"
    filler = "<div>" + ("padding " * 1000) + "</div>\n"
    with big.open("w") as fh:
        fh.write("<html><body>")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(filler)
        fh.write("</body></html>")
    (tmp_path / "good.html").write_text(GOOD)
    fails, docs = run(tmp_path)
    assert "file too large" in fails["big.html"] and "MB" in fails["big.html"]
    assert "good.html" in docs


def test_non_english_article_is_flagged(tmp_path):
    (tmp_path / "ko.txt").write_text(
        "한미 외교장관 회담\n\n조태열 외교부 장관은 18일 워싱턴에서 미국 국무장관과 회담을 갖고 북한 문제를 논의했다. "
        "양측은 긴밀한 공조를 이어가기로 합의했다고 외교부가 밝혔다.\n\n회담은 약 한 시간 동안 진행됐다.\n")
    fails, docs = run(tmp_path)
    assert not fails
    doc = docs["ko.txt"]
    assert doc.language == "ko"
    assert any("not 'en'" in w for w in doc.warnings)


def test_folder_with_unreadable_files(tmp_path):
    (tmp_path / "good.html").write_text(GOOD)
    (tmp_path / "dangling.html").symlink_to(tmp_path / "does-not-exist.html")
    locked = tmp_path / "locked.html"
    locked.write_text(GOOD)
    locked.chmod(0)
    fails, docs = run(tmp_path)
    assert "good.html" in docs
    assert "cannot read" in fails["dangling.html"]
    if os.geteuid() != 0:  # root reads files whatever their mode
        assert "cannot read" in fails["locked.html"]
    locked.chmod(0o644)


@pytest.mark.parametrize("content", [b"\x00\x01\x02garbage", b"PK\x03\x04zipzipzip"])
def test_binary_jsonl_is_rejected(tmp_path, content):
    (tmp_path / "feed.jsonl").write_bytes(content)
    fails, docs = run(tmp_path)
    assert not docs and "feed.jsonl" in fails
