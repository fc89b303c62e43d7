import json

from dyads.components.text_reader import read_text
from tests.conftest import SAMPLE, need_shared, run_dyads, score_golden

SCRAPE = """Seoul and Tokyo agree to resume shuttle diplomacy

Published: March 3, 2025 4:05 p.m. EST
The two leaders met for the first time since the election
South Korean and Japanese leaders pose before talks in Tokyo on March 3. (Reuters)
South Korean and Japanese leaders pose before talks in Tokyo on March 3. (Reuters)
TOKYO — The leaders of South Korea and Japan agreed on Monday to resume regular visits.

They also discussed trade and security in the region.

Next steps

Officials will meet again next month in Seoul, the foreign ministry said.

By Jane Roe and John Doe

Share this article
Most read
Some headline here
Another headline here
"""


def test_golden_sample_metadata_and_body(tmp_path):
    need_shared(SAMPLE)
    result = run_dyads("extract", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    score = score_golden(tmp_path, result.stdout, "--only", "metadata,body")
    assert score.returncode == 0, score.stdout
    record = json.loads(result.stdout)
    assert record["doc"] == SAMPLE.name
    assert record["subtitle"].startswith("The statement adopted at this summit")


def test_stamp_deck_caption_byline_and_trailer():
    parts = read_text(SCRAPE)
    assert parts.title == "Seoul and Tokyo agree to resume shuttle diplomacy"
    assert parts.published.isoformat() == "2025-03-03T16:05:00-05:00"
    assert parts.subtitle == "The two leaders met for the first time since the election"
    assert parts.captions == ["South Korean and Japanese leaders pose before talks in Tokyo on March 3. (Reuters)"]
    assert parts.authors == ["Jane Roe", "John Doe"]
    texts = [t for t, _ in parts.blocks]
    assert texts[0].startswith("TOKYO — The leaders")
    assert ("Next steps", "heading") in parts.blocks
    assert not any("Share" in t or "headline" in t or "Most read" in t for t in texts)
    assert parts.dateline == "Tokyo"


def test_header_byline_and_korean_stamp():
    text = ("Title of the piece\nPosted on : 2024-05-17 16:55 KST Modified on : 2024-05-17 18:01 KST\n"
            "By Kim Min-ji, staff reporter\n\nFirst paragraph of the story, which is long enough.\n\n"
            "Second paragraph of the story.\n")
    parts = read_text(text)
    assert parts.published.isoformat() == "2024-05-17T16:55:00+09:00"
    assert parts.modified.isoformat() == "2024-05-17T18:01:00+09:00"
    assert parts.authors == ["Kim Min-ji"]
    assert parts.subtitle is None


def test_no_time_zone_keeps_the_day_and_warns():
    parts = read_text("A title\nUpdated: 2024.05.17 16:55\n\nBody text that is a sentence.\n\nMore text here.\n")
    assert parts.modified.isoformat() == "2024-05-17"
    assert any("time zone" in w for w in parts.warnings)
