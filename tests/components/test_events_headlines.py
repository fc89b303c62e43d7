"""Headline grammar: present tense for the past, infinitive for the future, commas for 'and'."""
import datetime as dt

import pytest

from dyads import api


@pytest.fixture(scope="module")
def pipeline():
    from dyads.pipeline import Pipeline

    return Pipeline()


@pytest.mark.parametrize("headline, when, expected", [
    ("Putin to visit North Korea next month", dt.date(2024, 6, 1), ("036", "RUSGOV", "PRK")),
    ("EU, Japan sign trade deal", dt.date(2024, 6, 1), ("057", "JPN", "IGOEUREEC")),
    ("Modi meets Xi in Kazan", dt.date(2024, 10, 22), ("040", "INDGOV", "CHNGOV")),
    ("Lavrov visits Ankara", dt.date(2016, 5, 23), ("042", "RUSGOV", "TURGOV")),
    ("Obama lifts US embargo on lethal arms sales to Vietnam", dt.date(2016, 5, 23), ("085", "USAGOV", "VNM")),
])
def test_headlines(pipeline, headline, when, expected):
    doc = api.annotate_texts([headline], when, pipeline=pipeline)[0]
    assert expected in [(e.code, e.source.code, e.target.code) for e in doc.events]


def test_stated_intent_and_amounts_of_aid(pipeline):
    docs = api.annotate_texts(["Libya has offered to hand over to Great Britain two of its nationals.",
                               "The European Community on Monday gave the Ivory Coast 5.1 million dollars of aid.",
                               "Russia refused to offer talks to Britain."], dt.date(2000, 1, 1), pipeline=pipeline)
    assert ("030", "LBY", "GBR") in [(e.code, e.source.code, e.target.code) for e in docs[0].events]
    assert ("070", "IGOEUREEC", "CIV") in [(e.code, e.source.code, e.target.code) for e in docs[1].events]
    assert not [e for e in docs[2].events if e.code == "030"]
