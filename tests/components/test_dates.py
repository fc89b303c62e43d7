import datetime as dt

import pytest

from dyads.components.dates import DateValue, find_dates

KST = dt.timezone(dt.timedelta(hours=9))
PUBLISHED = dt.datetime(2024, 5, 17, 16, 55, tzinfo=KST)  # a Friday
ARTICLE = (
    "During their summit in Beijing on Thursday, the leaders met. They released a joint statement in "
    "March 2023 when one of them visited. Russia voted against the renewal on March 28. The panel "
    "concluded its run on April 30. Putin held a summit with Kim last September. The Post reported that "
    "Putin may travel after concluding his summit on Friday. In last year's joint statement, they "
    "accused the US. Compared to the March statement, this one is harsher."
)


def resolve(text, published=PUBLISHED):
    return [(d.text, d.value, d.precision) for d in find_dates(text, published)]


def test_article():
    assert resolve(ARTICLE) == [
        ("on Thursday", "2024-05-16", "day"),
        ("in March 2023", "2023-03", "month"),
        ("on March 28", "2024-03-28", "day"),
        ("on April 30", "2024-04-30", "day"),
        ("last September", "2023-09", "month"),
        ("on Friday", "2024-05-17", "day"),
        ("last year", "2023", "year"),
        ("March", "2024-03", "month"),
    ]


def test_article_spans_and_relations():
    found = find_dates(ARTICLE, PUBLISHED)
    for d in found:
        assert ARTICLE[d.start:d.end] == d.text
        assert d.anchor == "publication"
    assert [d.relation for d in found] == ["past"] * 5 + ["same"] + ["past"] * 2
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert "may" not in [d.text.lower() for d in found]


def test_own_time_zone_not_utc():
    published = dt.datetime.fromisoformat("2024-05-16T23:30:00-05:00")  # Friday in UTC, Thursday here
    assert resolve("Officials said on Thursday that the attack happened yesterday.", published) == [
        ("on Thursday", "2024-05-16", "day"),
        ("yesterday", "2024-05-15", "day"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("The leaders will meet on Monday.", ("on Monday", "2024-05-20", "day")),
    ("Talks are expected to resume on Friday.", ("on Friday", "2024-05-17", "day")),
    ("The ministers met on Monday.", ("on Monday", "2024-05-13", "day")),
    ("He arrived last Friday.", ("last Friday", "2024-05-10", "day")),
    ("He leaves next Monday.", ("next Monday", "2024-05-20", "day")),
    ("They meet this Wednesday.", ("this Wednesday", "2024-05-15", "day")),
    ("The summit is due to open on June 3.", ("on June 3", "2024-06-03", "day")),
    ("The vote is scheduled for September.", ("September", "2024-09", "month")),
    ("The deal collapsed in September.", ("in September", "2023-09", "month")),
    ("Fighting resumed in early May.", ("in early May", "2024-05", "month")),
    ("Troops withdrew in mid-April.", ("in mid-April", "2024-04", "month")),
])
def test_weekdays_and_months(text, expected):
    assert resolve(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Talks will continue next week.", ("next week", "2024-W21", "week")),
    ("Talks began this week.", ("this week", "2024-W20", "week")),
    ("It was signed two days ago.", ("two days ago", "2024-05-15", "day")),
    ("It was signed three weeks ago.", ("three weeks ago", "2024-W17", "week")),
    ("It was signed a month ago.", ("a month ago", "2024-04", "month")),
    ("The envoy will return in two weeks.", ("in two weeks", "2024-W22", "week")),
    ("The envoy returns in two weeks' time.", ("in two weeks' time", "2024-W22", "week")),
    ("Talks resume tomorrow.", ("tomorrow", "2024-05-18", "day")),
    ("Talks collapsed today.", ("today", "2024-05-17", "day")),
    ("The rally is next month.", ("next month", "2024-06", "month")),
    ("Elections are due next year.", ("next year", "2025", "year")),
    ("Prices hit their highest in two weeks.", None),
])
def test_relative(text, expected):
    assert resolve(text) == ([expected] if expected else [])


def test_relations():
    found = {d.text: d.relation for d in find_dates(
        "Talks began earlier this week and resume next week; the deal came a month ago.", PUBLISHED)}
    assert found == {"earlier this week": "past", "next week": "future", "a month ago": "past"}


@pytest.mark.parametrize("text, expected", [
    ("The accord was signed on May 16, 2024.", ("on May 16, 2024", "2024-05-16", "day")),
    ("The accord was signed on 16 May 2024.", ("on 16 May 2024", "2024-05-16", "day")),
    ("The accord was signed on March 28th.", ("on March 28th", "2024-03-28", "day")),
    ("The accord was signed on 28 March.", ("on 28 March", "2024-03-28", "day")),
    ("The accord was signed on Thursday, May 16.", ("on Thursday, May 16", "2024-05-16", "day")),
    ("The accord was signed in March of 2023.", ("in March of 2023", "2023-03", "month")),
    ("The accord was signed in 2019.", ("in 2019", "2019", "year")),
    ("The accord was signed on 2024-05-16.", ("on 2024-05-16", "2024-05-16", "day")),
    ("The accord was signed on 16/05/2024.", ("on 16/05/2024", "2024-05-16", "day")),
    ("The accord was signed on 05/06/2024.", None),
    ("The army sent 2019 troops.", None),
    ("A force of 2000 troops was sent.", None),
    ("Unrest has grown since the 1990s.", None),
])
def test_absolute(text, expected):
    assert resolve(text) == ([expected] if expected else [])


def test_without_publication_only_absolute():
    text = "On Thursday, May 16, 2024, the council met; on March 28 it voted, last week it met in March 2023."
    found = find_dates(text, None)
    assert [(d.text, d.value) for d in found] == [
        ("On Thursday, May 16, 2024", "2024-05-16"), ("in March 2023", "2023-03")]
    assert all(d.relation == "unknown" and d.anchor == "none" for d in found)


def test_publication_as_date():
    assert resolve("The ministers met yesterday.", dt.date(2024, 5, 17)) == [("yesterday", "2024-05-16", "day")]


@pytest.mark.parametrize("text", [
    "The Sunday Times reported the plan.",
    "Thousands of protesters march through the capital.",
    "Putin may visit Pyongyang.",
    "May we never see this again.",
    "Former prime minister Theresa May spoke.",
    "The Good Friday Agreement holds.",
    "The Mail on Sunday reported the plan.",
])
def test_not_dates(text):
    assert find_dates(text, PUBLISHED) == []


def test_last_month_name_depends_on_reference():
    assert resolve("They met last September.", dt.date(2024, 10, 2)) == [("last September", "2024-09", "month")]
    assert resolve("They met in November.", dt.date(2024, 10, 2)) == [("in November", "2023-11", "month")]


def test_day_before_follows_preceding_date():
    text = "The vote was held on March 28. Crowds gathered the day before."
    found = find_dates(text, PUBLISHED)
    start = text.index("the day before")
    assert found[-1] == DateValue(start, start + 14, "the day before", "2024-03-27", "day", "past", "preceding date")
    assert find_dates("Crowds gathered the day before the vote.", PUBLISHED) == []
