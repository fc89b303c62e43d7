import datetime as dt

import pytest

from dyads.components.stamps import find_stamps, parse_stamp


@pytest.mark.parametrize("text, expected", [
    ("2024-05-17 16:55 KST", "2024-05-17T16:55:00+09:00"),
    ("May 17, 2024 4:55 p.m. EDT", "2024-05-17T16:55:00-04:00"),
    ("17 May 2024 16:55 BST", "2024-05-17T16:55:00+01:00"),
    ("2024-05-17T16:55:00+09:00", "2024-05-17T16:55:00+09:00"),
    ("Updated 4:55 PM ET, Fri May 17, 2024", "2024-05-17T16:55:00-04:00"),
    ("Jan 5, 2024 at 9:00 am ET", "2024-01-05T09:00:00-05:00"),
    ("Friday, May 17, 2024", "2024-05-17"),
    ("2024/05/17", "2024-05-17"),
])
def test_parse_stamp(text, expected):
    value, _ = parse_stamp(text)
    assert value.isoformat() == expected
    if "T" in expected:
        assert isinstance(value, dt.datetime) and value.tzinfo is not None


def test_not_a_stamp():
    assert parse_stamp("Share this article")[0] is None
    assert parse_stamp("")[0] is None


def test_split_stamp_line():
    assert find_stamps("Posted on : 2024-05-17 16:55 KST Modified on : 2024-05-17 17:00 KST") == {
        "published": "2024-05-17 16:55 KST", "modified": "2024-05-17 17:00 KST"}
    assert find_stamps("The president posted on social media") == {}
