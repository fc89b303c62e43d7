import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli.main import cli
from tests.conftest import ROOT, run_dyads

GOOD = ("Leaders meet\n\nThe presidents of Kenya and Tanzania met in Arusha on Friday and signed an agreement on "
        "cross-border trade, their offices said.\n\nThey will meet again in Nairobi next year.\n")


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_exit_codes_and_summary(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "t.duckdb"
    result = run_dyads("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    assert "ingested 1, duplicate 0, failed 1" in result.stdout
    assert "empty.txt: empty file" in result.stderr
    (folder / "empty.txt").unlink()
    again = run_dyads("ingest", str(folder), "--db", str(db))
    assert again.returncode == 0 and "ingested 0, duplicate 1, failed 0" in again.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run_dyads("ingest").returncode == 2
    assert run_dyads("nonsense").returncode == 2
    assert run_dyads("ingest", "x", "--batch-size", "0").returncode == 2


def test_articles_and_show(tmp_path):
    folder = corpus(tmp_path)
    (folder / "empty.txt").unlink()
    db = tmp_path / "t.duckdb"
    CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    table = CliRunner().invoke(cli, ["articles", "--db", str(db)])
    assert table.exit_code == 0
    assert re.search(r"^id\s+published\s+title\s+source", table.output, re.M)
    assert "Leaders meet" in table.output and "1 article(s)" in table.output
    shown = CliRunner().invoke(cli, ["show", "good.txt", "--db", str(db)])
    assert shown.exit_code == 0 and json.loads(shown.output)["title"] == "Leaders meet"
    missing = CliRunner().invoke(cli, ["show", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no article" in missing.output
    nodb = CliRunner().invoke(cli, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert nodb.exit_code == 1 and "no such database" in nodb.output


def test_extract_json_lines(tmp_path):
    folder = corpus(tmp_path)
    result = run_dyads("extract", str(folder), "--json")
    assert result.returncode == 1  # the empty file failed
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in records] == ["good.txt"]
    for key in ("doc", "source_path", "title", "published", "modified", "authors", "language", "body", "captions"):
        assert key in records[0]
    assert "empty.txt: empty file" in result.stderr


def commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_and_a_doc_entry(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert cli.commands[name].help, f"{name} has no help text"
    docs = (ROOT / "docs" / "cli.md").read_text()
    assert f"## dyads {name}" in docs, f"docs/cli.md has no section for {name}"


def test_code_reads_lines_and_json_lines_from_stdin():
    lines = "\n".join(["Kenyan police arrested dozens of protesters.",
                       json.dumps({"id": "s2", "text": "Iran and Israel traded threats on Monday.", "date": "2024-04-15"}),
                       "{not json", "The weather was mild in Lisbon."])
    out = run_dyads("code", "--json", "-", input=lines)
    assert out.returncode == 1  # one line failed
    assert "<stdin>:3: not JSON" in out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {(r["input"], r["code"]) for r in rows} >= {("1", "173"), ("s2", "130")}
    assert all(r["input"] != "4" for r in rows)


def test_code_tsv_and_no_event_exit_status(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Kenyan police arrested dozens of protesters.\n")
    out = run_dyads("code", str(path), "--tsv")
    assert out.returncode == 0
    assert out.stdout.split("\t")[1:4] == ["173", "KENCOP", "KENOPP"]
    empty = tmp_path / "none.txt"
    empty.write_text("Shares rose in Tokyo.\n")
    assert run_dyads("code", str(empty)).returncode == 1
    assert run_dyads("code", str(path), "--json", "--tsv").returncode == 2


def test_api_code_takes_strings_and_dicts():
    import datetime

    from dyads import api

    events = api.code(["Kenyan police arrested dozens of protesters.",
                       {"id": "x", "text": "Indian and Pakistani troops exchanged fire.", "date": "2024-05-01"}],
                      date=datetime.date(2024, 5, 1))
    assert {(e.document_id, e.code) for e in events} >= {("1", "173"), ("x", "190")}
