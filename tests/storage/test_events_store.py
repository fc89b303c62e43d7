"""Events, quotes, actors and learned aliases in DuckDB; clusters of reports; the CLI over them."""
from click.testing import CliRunner

from dyads import api
from dyads.cli.main import cli

ONE = ("Russia accuses Ukraine over plant attack\n\nPosted on : 2024-05-17 10:00 KST\n\n"
       "Russia accused Ukraine of shelling the Zaporizhzhia plant on Thursday, the defence ministry said.\n\n"
       "\u201cThis is a reckless provocation that endangers the whole region,\u201d Kremlin spokesman Dmitry "
       "Peskova told reporters.\n")
TWO = ("Moscow blames Kyiv for strike\n\nPosted on : 2024-05-17 18:30 KST\n\n"
       "Russia on Thursday accused Ukraine of shelling the nuclear plant, in a statement.\n\n"
       "Ukraine denied the claim.\n")
LATER = ("Talks resume\n\nPosted on : 2024-06-02 09:00 KST\n\n"
         "Dmitry Peskova said the Kremlin would not comment on the talks.\n")


def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(ONE)
    (folder / "two.txt").write_text(TWO)
    return folder


def test_events_are_stored_clustered_and_queryable(tmp_path):
    db = tmp_path / "e.duckdb"
    report = api.ingest([corpus(tmp_path)], db=db)
    assert report.ok and len(report.ingested) == 2
    rows = api.events(db, source="RUS", target="UKR", code="112")
    assert len(rows) == 4 and {r["date"] for r in rows} == {"2024-05-16"}  # each body and headline
    assert len({r["cluster_id"] for r in rows}) == 1  # four reports of one event
    clusters = api.events(db, source="RUS", target="UKR", code="112", clusters=True)
    assert len(clusters) == 1 and clusters[0]["mentions"] == 4 and clusters[0]["documents"] == 2
    prov = next(r for r in rows if r["segment"] == "body")["provenance"]  # a nested object, not a JSON string
    assert prov["pattern"] and prov["predicate"] == "accused"
    assert api.events(db, since="2024-05-17") == []
    assert len(api.events(db, since="2024-05-16", until="2024-05-16", actor="UKR")) >= 2


def test_quotes_actors_and_learned_aliases(tmp_path):
    db = tmp_path / "e.duckdb"
    api.ingest([corpus(tmp_path)], db=db)
    from dyads.storage import Store

    with Store(db, read_only=True) as store:
        quotes = store.con.execute("SELECT text, speaker_name, speaker_key FROM quotes").fetchall()
        assert any("reckless provocation" in q[0] and q[2] == "RUS" for q in quotes)
        assert ("Dmitry Peskova", "RUS", "GOV") in store.learned_aliases()
    actors = api.actors(db, key="RUS")
    assert any(a["name"] == "Russia" for a in actors)
    # a later article names him without context: the learned alias types him
    later = tmp_path / "later"
    later.mkdir()
    (later / "later.txt").write_text(LATER)
    api.ingest([later], db=db)
    found = [a for a in api.actors(db) if a["name"] == "Dmitry Peskova"]
    assert found and all(a["key"] == "RUS" for a in found)


def test_events_cli(tmp_path):
    db = tmp_path / "e.duckdb"
    api.ingest([corpus(tmp_path)], db=db)
    runner = CliRunner()
    table = runner.invoke(cli, ["events", "--db", str(db), "--dyad", "RUS,UKR"])
    assert table.exit_code == 0 and "112" in table.output and "RUS" in table.output
    explain = runner.invoke(cli, ["events", "--db", str(db), "--code", "112", "--explain"])
    assert explain.exit_code == 0
    assert "pattern" in explain.output and "sentence (body" in explain.output and "from text" in explain.output
    clusters = runner.invoke(cli, ["events", "--db", str(db), "--clusters", "--code", "112"])
    assert clusters.exit_code == 0 and "1 event cluster(s)" in clusters.output
    bad = runner.invoke(cli, ["events", "--db", str(db), "--dyad", "RUS"])
    assert bad.exit_code == 2
    listed = runner.invoke(cli, ["actors", "--db", str(db), "--role", "GOV"])
    assert listed.exit_code == 0 and "Dmitry Peskova" in listed.output
