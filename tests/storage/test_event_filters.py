"""`dyads events` filters accept what the tables show (keys and codes, roots and full codes, days at any
precision), refuse what is not known with the closest known values, and `api.events` has a twin of
every CLI filter with the same name, the same checks and the same message."""
import datetime as dt
import inspect
import re

import pytest
from click.testing import CliRunner

from dyads import api
from dyads.cli.events import events as events_command
from dyads.cli.main import cli
from dyads.errors import UsageError

ARTICLE = ("Kyiv accuses Moscow over port strikes\n\nPosted on : 2025-06-03 10:00 KST\n\n"
           "Ukrainian Foreign Minister Andrii Sybiha accused Russia on Monday of deliberately targeting grain "
           "ports in Odesa.\n\nThe European Union imposed new sanctions on Russia on Monday, officials in Brussels "
           "said.\n\nUS Secretary of State Marco Rubio praised Turkey for hosting the talks.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("filters")
    (folder / "kyiv.txt").write_text(ARTICLE)
    path = folder / "filters.duckdb"
    assert api.ingest([folder / "kyiv.txt"], db=path).ok
    return str(path)


def run(db, *args):
    return CliRunner().invoke(cli, ["events", "--db", db, "--min-confidence", "0", *args])


def pairs(rows):
    return {(r["source"]["code"], r["code"], r["target"]["code"]) for r in rows}


def test_dyad_takes_the_codes_the_table_shows(db):
    shown = re.compile(r"UKRGOV +112 +RUS ")
    table = run(db)
    assert table.exit_code == 0 and shown.search(table.output)
    found = run(db, "--dyad", "UKRGOV,RUS")  # was: nothing (the filter matched keys only)
    assert found.exit_code == 0 and shown.search(found.output)
    assert ("UKRGOV", "112", "RUS") in pairs(api.events(db, dyad="UKRGOV,RUS", min_confidence=0))


def test_api_events_takes_dyad(db):
    as_text = api.events(db, dyad="UKRGOV,RUS", min_confidence=0)  # was: TypeError
    assert as_text and as_text == api.events(db, dyad=("UKRGOV", "RUS"), min_confidence=0)
    assert as_text == api.events(db, dyad="ukrgov, rus", min_confidence=0)
    with pytest.raises(UsageError, match="expected SOURCE,TARGET"):
        api.events(db, dyad="UKRGOV")


def test_keys_and_codes_alike(db):
    eu_key, eu_code = api.events(db, actor="EU", min_confidence=0), api.events(db, actor="IGOEUREEC", min_confidence=0)
    assert ("IGOEUREEC", "163", "RUS") in pairs(eu_key) and pairs(eu_key) == pairs(eu_code)
    assert pairs(api.events(db, actor="USA", min_confidence=0)) == {("USAGOV", "051", "TUR")}
    assert pairs(api.events(db, actor="USAGOV", min_confidence=0)) == {("USAGOV", "051", "TUR")}
    # a key matches every actor of that key, a code that code only
    by_key = pairs(api.events(db, dyad="UKR,RUS", min_confidence=0))
    assert {("UKRGOV", "112", "RUS"), ("UKRGOV", "112", "RUSGOV")} <= by_key
    assert pairs(api.events(db, dyad="UKRGOV,RUSGOV", min_confidence=0)) == {("UKRGOV", "112", "RUSGOV")}
    assert run(db, "--actor", "igoeureec").exit_code == 0


def test_unknown_actor_names_the_closest(db):
    result = run(db, "--actor", "UKRGOVV")
    assert result.exit_code == 2 and "UKRGOV" in result.output and "closest" in result.output
    with pytest.raises(UsageError) as err:
        api.events(db, actor="UKRGOVV")
    assert err.value.option == "actor" and err.value.reason in result.output
    assert run(db, "--dyad", "RUS,UKRGOVV").exit_code == 2


def test_codes_roots_and_full_codes(db):
    assert pairs(api.events(db, code="11", min_confidence=0)) == pairs(api.events(db, code="112", min_confidence=0))
    assert ("IGOEUREEC", "163", "RUS") in pairs(api.events(db, code="16", min_confidence=0))
    result = run(db, "--code", "9999")  # was: nothing found, no word
    assert result.exit_code == 2 and "not a CAMEO" in result.output and "closest: " in result.output
    with pytest.raises(UsageError) as err:
        api.events(db, code="9999")
    assert err.value.reason in result.output
    assert "041" in run(db, "--code", "0411").output  # a near miss names its neighbours


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "2025-02-30", "24-05-01", "2024-5"])
def test_days_that_are_not_days_are_usage_errors(db, value):
    result = run(db, "--since", value)  # was: a DuckDB traceback and exit 1
    assert result.exit_code == 2 and "is not a day" in result.output and "Traceback" not in result.output
    assert run(db, "--until", value).exit_code == 2
    with pytest.raises(UsageError, match="is not a day"):
        api.events(db, since=value)


def test_days_at_any_precision(db):
    everything = pairs(api.events(db, min_confidence=0))
    for since, until in [("2025", "2025"), ("2025-06", "2025-06"), ("2025-06-02", "2025-06-02"),
                         (dt.date(2025, 6, 2), dt.date(2025, 6, 2))]:
        assert pairs(api.events(db, since=since, until=until, min_confidence=0)) == everything
    assert api.events(db, until="2025-06-01", min_confidence=0) == []
    assert api.events(db, since="2025-07", min_confidence=0) == []


def test_nothing_found_exits_1(db):
    result = run(db, "--actor", "NATO")  # a known key with no event
    assert result.exit_code == 1 and "no stored event matches" in result.output


def test_every_cli_filter_has_its_api_twin(db):
    cli_names = {p.name for p in events_command.params} - {"db", "explain", "as_json"}
    api_names = set(inspect.signature(api.events).parameters)
    assert cli_names <= api_names, cli_names - api_names
    assert inspect.signature(api.events).parameters["min_confidence"].default == api.DEFAULT_MIN_CONFIDENCE
    with pytest.raises(UsageError):
        api.events(db, min_confidence=2)
    with pytest.raises(UsageError):
        api.events(db, limit=0)


def test_a_wrong_value_is_a_usage_error_even_without_a_database(tmp_path):
    with pytest.raises(UsageError):
        api.events(tmp_path / "none.duckdb", code="9999")
    assert not (tmp_path / "none.duckdb").exists()
