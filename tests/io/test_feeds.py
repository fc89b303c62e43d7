from dyads import api
from dyads.model import Document, Failure

PARA = ("The foreign ministers of Chile and Peru met in Lima on Monday and agreed to reopen talks on their maritime "
        "boundary, officials from both governments said after the meeting.")
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title>
<item><title>Chile and Peru reopen talks</title><link>https://example.org/a</link>
<pubDate>Mon, 03 Mar 2025 14:05:00 -0500</pubDate><dc:creator>Ana Ruiz</dc:creator>
<content:encoded><![CDATA[<p>{PARA}</p><p>{PARA.replace("Monday", "Tuesday")}</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>https://example.org/b</link><description>Short.</description></item>
<item><title>Empty</title><link>https://example.org/c</link></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<entry><title>Talks reopen</title><link href="https://example.org/x"/><id>tag:example.org,2025:x</id>
<published>2025-03-03T19:05:00Z</published><author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;{PARA}&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS)
    (tmp_path / "feed.xml").write_text(ATOM)
    (tmp_path / "other.xml").write_text("<?xml version='1.0'?><svg></svg>")
    items = list(api.extract([tmp_path], api.Options(nlp=False)))
    docs = {d.url: d for d in items if isinstance(d, Document)}
    fails = {f.source.rsplit("#", 1)[-1]: f.reason for f in items if isinstance(f, Failure)}
    rss = docs["https://example.org/a"]
    assert rss.title == "Chile and Peru reopen talks" and rss.authors == ["Ana Ruiz"]
    assert rss.published.isoformat() == "2025-03-03T14:05:00-05:00" and rss.body.startswith("The foreign ministers")
    atom = docs["https://example.org/x"]
    assert atom.published.isoformat() == "2025-03-03T19:05:00+00:00" and atom.authors == ["Ana Ruiz"]
    assert "no article text" in fails["https://example.org/b"]
    assert "no content" in fails["https://example.org/c"]
    assert any("neither an RSS nor an Atom feed" in r for r in fails.values())
