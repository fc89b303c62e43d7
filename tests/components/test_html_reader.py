from dyads.components.extract import extract
from dyads.model import RawArticle

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Leaders meet in Hanoi | The Example Times</title>
<meta property="article:published_time" content="2025-04-02T08:15:00+07:00">
<meta property="article:modified_time" content="2025-04-02T10:00:00+07:00">
<meta name="author" content="Le Van An; Mary Smith">
<meta property="og:site_name" content="The Example Times">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<div class="share"><a>Share on Facebook</a> <a>Share on X</a> <a>Copy link</a></div>
<article>
<h1>Leaders meet in Hanoi</h1>
<p>HANOI — The leaders of Vietnam and Indonesia met in Hanoi on Wednesday and pledged to expand maritime cooperation
in the South China Sea, officials from both governments said after the talks.</p>
<figure><img src="a.jpg"><figcaption>The two leaders shake hands in Hanoi on April 2. (Photo: AP)</figcaption></figure>
<p>The two sides signed an agreement on fisheries and agreed to hold joint coast guard exercises later this year,
according to a statement released by the Vietnamese foreign ministry.</p>
<h2>Trade targets</h2>
<p>They also set a goal of raising bilateral trade to 18 billion dollars by 2028, the statement said, and promised
to resolve remaining disputes over their exclusive economic zones through negotiation.</p>
<p>Share this article</p>
</article>
<section><h3>Related stories</h3><ul><li><a>Vietnam and China hold talks</a></li><li><a>Indonesia elects president</a></li></ul></section>
<footer>© 2025 The Example Times. All rights reserved.</footer>
</body></html>"""


def raw(text: str, name: str = "page.html") -> RawArticle:
    return RawArticle(source=name, doc=name, kind="html", data=text.encode("utf-8"))


def test_html_metadata_and_body():
    doc = extract(raw(PAGE))
    assert doc.title == "Leaders meet in Hanoi"
    assert doc.published.isoformat() == "2025-04-02T08:15:00+07:00"
    assert doc.modified.isoformat() == "2025-04-02T10:00:00+07:00"
    assert doc.authors == ["Le Van An", "Mary Smith"]
    assert doc.publisher == "The Example Times"
    assert doc.language == "en"
    assert doc.body.startswith("HANOI — The leaders")
    assert "Trade targets" in doc.headings()
    for furniture in ("Share", "Related stories", "Vietnam and China hold talks", "All rights reserved", "Home"):
        assert furniture not in doc.body
    assert doc.dateline == "Hanoi"
    assert doc.captions == ["The two leaders shake hands in Hanoi on April 2. (Photo: AP)"]
    assert "shake hands" not in doc.body
    # paragraphs are spans into the body
    assert [doc.body[s.start:s.end] for s in doc.paragraphs][0].startswith("HANOI")


def test_date_only_page_gets_the_day():
    page = PAGE.replace('<meta property="article:published_time" content="2025-04-02T08:15:00+07:00">',
                        '<meta name="date" content="2025-04-02">').replace(
        '<meta property="article:modified_time" content="2025-04-02T10:00:00+07:00">', "")
    doc = extract(raw(page))
    assert doc.published.isoformat() == "2025-04-02"
    assert doc.modified is None


def test_same_article_same_id_from_html_and_jsonl_hint():
    a = extract(raw(PAGE, "a.html"))
    b = extract(raw(PAGE.replace("<nav>", "<nav><a>Sport</a>"), "b.html"))
    assert a.id == b.id and a.source_hash != b.source_hash


def test_xhtml_with_an_xml_declaration():
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace("<!DOCTYPE html>", "")
    doc = extract(raw(page, "x.xhtml"))
    assert doc.title == "Leaders meet in Hanoi" and doc.body.startswith("HANOI")


def test_a_tag_with_a_hundred_thousand_attributes_keeps_only_its_name():
    # before: each parse of such a page was quadratic in lxml (about two minutes per page)
    from dyads.components.html_reader import read_html

    attrs = " ".join(f'a{i}="{i}"' for i in range(100_000))
    page = (f"<html><body><article><p {attrs}>Kenyan police arrested twelve protesters in Nairobi on Friday, "
            "officials said.</p><p>The protesters had marched against new taxes.</p></article></body></html>")
    parts = read_html(page)
    assert any("cut the attributes of 1 tag" in w for w in parts.warnings)
    assert "Kenyan police arrested" in " ".join(text for text, _ in parts.blocks)
