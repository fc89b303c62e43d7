"""One event shape: the record's events, `api.events()`, `dyads events --json` and `dyads code --json`
all give `Event.to_dict()` (schema dyads.event/2), with nested objects and no JSON inside JSON."""
import json

import pytest
from click.testing import CliRunner

from dyads import api
from dyads.cli.main import cli
from dyads.model import EVENT_SCHEMA, RECORD_VERSION, Document, to_record
from dyads.model.actors import ActorRef
from dyads.model.events import DateRef, Event, PlaceRef

ARTICLE = ("Kyiv accuses Moscow over port strikes\n\nPosted on : 2025-06-03 10:00 KST\n\n"
           "Ukrainian Foreign Minister Andrii Sybiha accused Russia on Monday of deliberately targeting grain "
           "ports in Odesa.\n\nThe European Union imposed new sanctions on Russia on Monday, officials in Brussels "
           "said.\n\nUS Secretary of State Marco Rubio praised Turkey for hosting the talks.\n")


def event(**changes) -> Event:
    fields = dict(
        id="e1", document_id="d1", segment="body", sentence_index=0, sentence="Russia accused Ukraine in Kyiv.",
        sentence_start=0, code="112", name="Accuse", root="11", goldstein=-2.0, quad=3, penta=3, plover="ACCUSE",
        source=ActorRef("RUS", None, "Russia", "state", code="RUS"),
        target=ActorRef("UKR", "GOV", "Ukraine", "state", code="UKRGOV"),
        source_span=(0, 6), target_span=(15, 22), predicate_span=(7, 14), predicate="accused", pattern="112-accuse",
        confidence=0.8, date=DateRef("on Monday", "2024-05-13", "day", "text", "body", 23, 32),
        place=PlaceRef("in Kyiv", "Kyiv", "UKR", "text", "body", 23, 30), notes=["n"])
    return Event(**(fields | changes))


def test_event_to_dict_is_nested():
    d = event().to_dict()
    assert d["schema_version"] == EVENT_SCHEMA == "dyads.event/2"
    assert d["source"] == {"key": "RUS", "role": None, "code": "RUS", "name": "Russia", "kind": "state",
                           "person": None, "unit": None, "in_kb": True, "former": False}
    assert d["target"]["code"] == "UKRGOV" and d["target"]["role"] == "GOV"
    assert d["date"] == "2024-05-13"  # the scorer's contract: the event's own date as an ISO string
    assert d["date_info"] == {"value": "2024-05-13", "precision": "day", "source": "text", "text": "on Monday",
                              "segment": "body", "start": 23, "end": 32}
    assert d["place"]["name"] == "Kyiv" and d["place"]["key"] == "UKR"
    prov = d["provenance"]
    assert isinstance(prov, dict) and prov["predicate_span"] == [7, 14] and prov["pattern"] == "112-accuse"
    assert d["quad_class"] == event().quad_class == 3 and d["penta_class"] == event().penta_class
    assert json.loads(json.dumps(d)) == d  # plain JSON all the way down
    assert event().as_record() == d  # the alias `dyads code --json` uses
    empty = event(date=None, place=None).to_dict()
    assert empty["date"] is None and empty["date_info"] is None and empty["place"] is None


def test_document_to_dict_is_the_record():
    doc = Document(id="x", source="a.txt", doc="a.txt", source_hash="h", title="T", body="Body.", language="en",
                   language_confidence=0.97)
    record = doc.to_dict()
    assert record == to_record(doc) and record["record_version"] == RECORD_VERSION
    assert record["language"] == "en" and record["language_confidence"] == 0.97
    keys = list(record)
    assert keys.index("language_confidence") == keys.index("language") + 1


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shape")
    (folder / "kyiv.txt").write_text(ARTICLE)
    db = folder / "shape.duckdb"
    report = api.ingest([folder / "kyiv.txt"], db=db)
    assert report.ok and report.ingested
    return db


def test_record_events_equal_api_events_key_for_key(stored):
    (article,) = api.articles(stored)
    record = api.record(stored, article["id"])
    rows = {r["id"]: r for r in api.events(stored, min_confidence=0)}
    assert record["events"] and len(rows) == len(record["events"])
    for ev in record["events"]:
        row = rows[ev["id"]]
        assert set(row) - set(ev) == {"cluster_id", "document_title"}
        for key, value in ev.items():
            assert row[key] == value, key
        assert isinstance(row["provenance"], dict) and isinstance(row["source"], dict)


def test_events_json_prints_the_api_rows(stored):
    result = CliRunner().invoke(cli, ["events", "--db", str(stored), "--min-confidence", "0", "--json"])
    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert printed == json.loads(json.dumps(api.events(stored, min_confidence=0), default=str))
    assert all(p["schema_version"] == EVENT_SCHEMA and isinstance(p["provenance"], dict) for p in printed)
