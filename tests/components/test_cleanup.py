import pytest

from dyads.components import cleanup


@pytest.mark.parametrize("line", [
    "Share this article", "Share on Facebook", "Subscribe to our newsletter", "Advertisement", "Related stories",
    "Most viewed articles", "Please direct questions or comments to [", "button that move to original korean article (클릭시 원문으로 이동하는 버튼)",
    "© 2025 The Daily Example. All rights reserved.", "Copy link", "Listen to this article",
])
def test_furniture(line):
    assert cleanup.is_furniture(line) or cleanup.is_trailer(line)


@pytest.mark.parametrize("line", [
    "Share prices fell sharply in Seoul on Monday after the announcement.",
    "The president said the talks had been productive and would continue next week.",
    "Subscribers to the ministry's bulletin were told of the change in advance, officials said, adding that more would follow.",
])
def test_not_furniture(line):
    assert not cleanup.is_furniture(line)


def test_bylines():
    assert cleanup.parse_byline("By Choi Hyun-june, Beijing correspondent; Cho Ki-weon, staff reporter") == [
        "Choi Hyun-june", "Cho Ki-weon"]
    assert cleanup.parse_byline("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert cleanup.parse_byline("By Jane Roe in Brussels") == ["Jane Roe"]
    assert cleanup.parse_byline("By the end of the year, prices rose") is None


def test_captions():
    assert cleanup.is_caption("Leaders meet in Beijing on May 16, 2024. (AFP/Yonhap)")
    assert cleanup.is_caption("Troops on parade in Pyongyang. Photo: KCNA")
    assert not cleanup.is_caption("Russia and China signed the agreement (in Beijing).")


def test_split_authors():
    assert cleanup.split_authors("Jane Roe; John Doe") == ["Jane Roe", "John Doe"]
    assert cleanup.split_authors(["By Jane Roe", "Jane Roe"]) == ["Jane Roe"]
