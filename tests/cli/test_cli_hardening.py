"""The CLI's exit codes, option checks, inputs (stdin, --urls), progress bar, and what it says when it
finds nothing: each test runs the real console entry point on real files."""
import http.server
import json
import re
import threading

import duckdb
import pytest

from tests.conftest import PETRARCH_DICTS, need_shared, run_dyads

GOOD = ("Leaders meet\n\nThe presidents of Kenya and Tanzania met in Arusha on Friday and signed an agreement on "
        "cross-border trade, their offices said.\n\nThey will meet again in Nairobi next year.\n")
OTHER = ("Ministers talk\n\nThe foreign ministers of Chile and Peru spoke by telephone on Monday about the border "
         "and agreed to meet in Lima next month, officials said.\n")
GERMAN = ("Regierung beschließt Haushalt\n\nDie Bundesregierung hat am Mittwoch in Berlin den Entwurf für den "
          "Haushalt des kommenden Jahres beschlossen. Der Finanzminister sagte, die Ausgaben für Verteidigung "
          "und Bildung würden steigen, während bei den Subventionen gespart werden solle.\n")


def folder_with(tmp_path, name="in", **files):
    folder = tmp_path / name
    folder.mkdir()
    for fname, text in files.items():
        (folder / fname.replace("_", ".")).write_text(text)
    return folder


# -- exit codes: nothing found is 1, not 0 ---------------------------------------------------------------------
def test_ingest_of_an_empty_folder_says_so_and_exits_1(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    db = tmp_path / "x.duckdb"
    out = run_dyads("ingest", str(empty), "--db", str(db), "--no-nlp")
    assert out.returncode == 1
    assert f"no inputs found under {empty}" in out.stderr
    assert "ingested 0" not in out.stdout
    assert not db.exists()  # nothing to store: no file either


def test_extract_with_nothing_found_exits_1(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = run_dyads("extract", str(empty), "--no-nlp")
    assert out.returncode == 1 and f"no inputs found under {empty}" in out.stderr


def test_failed_ingest_of_a_missing_path_leaves_no_database(tmp_path):
    db = tmp_path / "x.duckdb"
    out = run_dyads("ingest", str(tmp_path / "nosuch" / "path"), "--db", str(db), "--no-nlp")
    assert out.returncode == 1
    assert "no such file or folder" in out.stderr and "not created" in out.stdout
    assert not db.exists() and not (tmp_path / "x.duckdb.wal").exists()


def test_a_database_that_existed_is_never_removed(tmp_path):
    db = tmp_path / "x.duckdb"
    assert run_dyads("ingest", str(folder_with(tmp_path, good_txt=GOOD)), "--db", str(db), "--no-nlp").returncode == 0
    out = run_dyads("ingest", str(tmp_path / "nosuch"), "--db", str(db), "--no-nlp")
    assert out.returncode == 1 and db.exists()
    assert "1 article(s)" in run_dyads("articles", "--db", str(db)).stdout


def test_usage_errors_exit_2_with_a_clear_message(tmp_path):
    folder = folder_with(tmp_path, good_txt=GOOD)
    cases = [
        (["ingest"], "PATHS"),
        (["extract"], "PATHS"),
        (["ingest", str(folder), "--workers", "0"], "--workers"),
        (["ingest", str(folder), "--batch-size", "many"], "--batch-size"),
        (["ingest", str(folder), "--max-size", "0"], "--max-size"),
        (["ingest", str(folder), "--language", "english"], "--language"),
        (["extract", str(folder), "--language", "e1"], "--language"),
        (["ingest", "-", "-"], "only once"),
        (["ingest", str(folder), "--urls", str(tmp_path / "nosuch.txt")], "--urls"),
        (["articles", "--limit", "0"], "--limit"),
        (["show"], "DOC_ID"),
        (["kb", "check", "--dictionary", str(tmp_path / "nosuch.txt")], "--dictionary"),
        (["code", "--date", "2024-13-01", "-"], "--date"),
        (["code", "--min-confidence", "2", "-"], "--min-confidence"),
    ]
    for args, named in cases:
        out = run_dyads(*args, input="")
        assert out.returncode == 2, (args, out.stderr)
        assert named in out.stderr and "Traceback" not in out.stderr, (args, out.stderr)


# -- the database file ---------------------------------------------------------------------------------------------
def test_a_sqlite_file_as_db_is_refused_before_duckdb_touches_it(tmp_path, sqlite_file):
    db = sqlite_file
    before = db.read_bytes()
    folder = folder_with(tmp_path, good_txt=GOOD)
    for args in (["ingest", str(folder), "--no-nlp"], ["articles"], ["show", "good.txt"], ["actors"], ["events"]):
        out = run_dyads(*args, "--db", str(db))
        assert out.returncode == 1, (args, out.stderr)
        assert f"{db}: not a DuckDB database file (it looks like a SQLite database)" in out.stderr
        assert "extension" not in out.stderr.lower() and "Traceback" not in out.stderr
    assert db.read_bytes() == before and not (tmp_path / "other.db.wal").exists()


def test_other_files_as_db_are_named_for_what_they_are(tmp_path):
    folder = folder_with(tmp_path, good_txt=GOOD)
    text, empty = tmp_path / "notes.duckdb", tmp_path / "empty.duckdb"
    text.write_text("just some notes\n")
    empty.write_bytes(b"")
    for path, looks in ((text, "a text file"), (empty, "an empty file")):
        out = run_dyads("ingest", str(folder), "--db", str(path), "--no-nlp")
        assert out.returncode == 1 and f"it looks like {looks}" in out.stderr
        assert path.exists()  # never removed: it was there before


# -- show: prefixes --------------------------------------------------------------------------------------------
def test_show_says_a_prefix_is_too_short_and_names_the_candidates_of_an_ambiguous_one(tmp_path):
    lines = [{"id": "abcdef01", "text": GOOD.split("\n\n", 1)[1]}, {"id": "abcdef02", "text": OTHER.split("\n\n", 1)[1]}]
    folder = folder_with(tmp_path, wire_jsonl="\n".join(json.dumps(line) for line in lines) + "\n")
    db = tmp_path / "x.duckdb"
    assert run_dyads("ingest", str(folder), "--db", str(db), "--no-nlp").returncode == 0
    short = run_dyads("show", "abc", "--db", str(db))
    assert short.returncode == 1 and "at least 6 characters" in short.stderr and "'abc'" in short.stderr
    ambiguous = run_dyads("show", "abcdef", "--db", str(db))
    assert ambiguous.returncode == 1 and "matches several articles" in ambiguous.stderr
    assert "abcdef01" in ambiguous.stderr and "abcdef02" in ambiguous.stderr
    one = run_dyads("show", "abcdef0", "--db", str(db))
    assert one.returncode == 1 and "several" in one.stderr
    exact = run_dyads("show", "abcdef02", "--db", str(db))
    assert exact.returncode == 0 and json.loads(exact.stdout)["id"] == "abcdef02"
    missing = run_dyads("show", "ffffffff", "--db", str(db))
    assert missing.returncode == 1 and "no article" in missing.stderr


# -- kb check prints what it counts ------------------------------------------------------------------------------
def test_kb_check_prints_every_warning_it_counts(tmp_path):
    dictionary = tmp_path / "mine.actors.txt"
    dictionary.write_text("+STRAY_SYNONYM\n<oddmarkup>\nARNOR [ARN]\n+KINGDOM_OF_ARNOR\nGONDOR [GON]\n")
    out = run_dyads("kb", "check", "--dictionary", str(dictionary))
    assert out.returncode == 0, out.stderr
    assert "dictionary:mine.actors.txt=" in out.stdout and ", 2 warnings" in out.stdout
    warnings = [line for line in out.stdout.splitlines() if line.startswith("  warning: ")]
    assert len(warnings) == 2
    assert any(f"{dictionary}:1: synonym before any actor phrase" in w for w in warnings)
    assert any(f"{dictionary}:2: unknown markup" in w for w in warnings)
    assert out.stdout.rstrip().endswith("ok, 2 warning(s)")


def test_kb_check_warnings_match_the_counts_on_real_dictionaries():
    from dyads import api

    countries = need_shared(PETRARCH_DICTS / "Phoenix.Countries.actors.txt")
    verbs = need_shared(PETRARCH_DICTS / "CAMEO.2.0.txt")
    summary, problems, warnings = api.check_kb([str(countries), str(verbs)])
    counted = int(re.search(r"dictionary:Phoenix.Countries.actors.txt=\d+ added, (\d+) warnings", summary).group(1))
    assert counted > 0 and len([w for w in warnings if w.startswith(str(countries))]) == counted
    assert "CAMEO.2.0.txt" not in summary  # a verb dictionary is not loaded into the KB...
    assert any(w.startswith(str(verbs)) and "verb dictionary" in w for w in warnings)  # ...and says so


# -- progress ----------------------------------------------------------------------------------------------------
def test_progress_is_quiet_when_stderr_is_not_a_terminal_and_shown_when_forced(tmp_path):
    folder = folder_with(tmp_path, a_txt=GOOD, b_txt=OTHER)
    (folder / "wire.jsonl").write_text(json.dumps({"id": "w1", "text": GOOD.split("\n\n", 1)[1] + " Again."}) + "\n")
    quiet = run_dyads("ingest", str(folder), "--db", str(tmp_path / "q.duckdb"), "--no-nlp")
    assert quiet.returncode == 0 and quiet.stderr == ""
    shown = run_dyads("ingest", str(folder), "--db", str(tmp_path / "p.duckdb"), "--no-nlp", "--progress")
    assert shown.returncode == 0
    assert "3/3" in shown.stderr and "100%" in shown.stderr and "inputs/s" in shown.stderr.replace(" inputs", "inputs")
    none = run_dyads("ingest", str(folder), "--db", str(tmp_path / "n.duckdb"), "--no-nlp", "--no-progress")
    assert none.stderr == ""


def test_count_inputs_only_stats(tmp_path):
    import os

    from dyads.api import count_inputs

    folder = folder_with(tmp_path, a_txt=GOOD, b_html="<p>x</p>", w_jsonl='{"text": "a"}\n{"text": "b"}\n')
    (folder / ".hidden").write_text("x")
    os.mkfifo(folder / "pipe.txt")  # opening it would block: the count must not
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(GOOD)
    assert count_inputs([str(folder), "-", "https://example.org/a", str(tmp_path / "missing")]) == 2 + 2 + 1 + 1 + 1 + 1 + 1


# -- inputs: stdin and --urls --------------------------------------------------------------------------------------
def test_dash_reads_standard_input_for_ingest_and_extract(tmp_path):
    db = tmp_path / "x.duckdb"
    out = run_dyads("ingest", "-", "--db", str(db), "--no-nlp", input=GOOD)
    assert out.returncode == 0 and "ingested 1," in out.stdout, out.stderr
    extracted = run_dyads("extract", "-", "--json", "--no-nlp", input=GOOD)
    assert extracted.returncode == 0, extracted.stderr
    assert json.loads(extracted.stdout.splitlines()[0])["title"] == "Leaders meet"


class _Pages(http.server.BaseHTTPRequestHandler):
    PAGE = ("<html><head><title>Leaders meet</title></head><body><article><h1>Leaders meet</h1><p>"
            + GOOD.split("\n\n")[1] + "</p><p>" + GOOD.split("\n\n")[2] + "</p></article></body></html>")

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path != "/news/leaders.html":
            self.send_error(404)
            return
        body = self.PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_file_on_ingest_and_extract_without_paths(tmp_path, server):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# pages to read\n{server}/news/leaders.html\n{server}/news/missing.html\nnot a url\n")
    refused = run_dyads("extract", "--urls", str(urls), "--no-nlp")
    assert refused.returncode == 1 and "loopback" in refused.stderr and not refused.stdout  # SSRF guard by default
    extracted = run_dyads("extract", "--urls", str(urls), "--json", "--no-nlp", "--allow-private-urls")
    assert extracted.returncode == 1  # the missing page and the bad line failed, with their reasons
    records = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert [r["title"] for r in records] == ["Leaders meet"]
    assert "missing.html" in extracted.stderr and f"{urls}:4" in extracted.stderr
    db = tmp_path / "x.duckdb"
    ingested = run_dyads("ingest", "--urls", str(urls), "--db", str(db), "--no-nlp", "--allow-private-urls")
    assert ingested.returncode == 1 and "ingested 1, duplicate 0, failed 2" in ingested.stdout
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT url FROM documents").fetchall() == [(f"{server}/news/leaders.html",)]
    con.close()


# -- language ---------------------------------------------------------------------------------------------------
def test_language_option_forces_the_language_and_the_summary_counts_skipped_documents(tmp_path):
    folder = folder_with(tmp_path, de_txt=GERMAN, en_txt=GOOD)
    out = run_dyads("ingest", str(folder), "--db", str(tmp_path / "x.duckdb"))
    assert out.returncode == 0, out.stderr
    assert "ingested 2 (1 not coded: language), duplicate 0, failed 0" in out.stdout
    forced = run_dyads("extract", str(folder / "de.txt"), "--json", "--no-nlp", "--language", "EN")
    assert forced.returncode == 0 and json.loads(forced.stdout)["language"] == "en"


# -- workers -------------------------------------------------------------------------------------------------------
def test_workers_keep_the_model_kb_and_pattern_versions_in_the_runs_row(tmp_path):
    folder = folder_with(tmp_path, a_txt=GOOD, b_txt=OTHER)
    db = tmp_path / "x.duckdb"
    out = run_dyads("ingest", str(folder), "--db", str(db), "--workers", "2")
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(db), read_only=True)
    components = json.loads(con.execute("SELECT components FROM runs").fetchone()[0])
    con.close()
    assert components["workers"] == "2"
    for key in ("spacy_model", "kb", "patterns"):
        assert components.get(key) and components[key] != "missing", key
