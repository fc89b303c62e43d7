"""`dyads export` / api.export and api.events_frame over a store of known rows (each format read back
with its natural reader, exact values) and over the demo database."""
import datetime as dt
import hashlib
import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dyads import api
from dyads.cli.main import cli
from dyads.errors import UsageError
from dyads.io import export
from dyads.io.export import DOCUMENT_COLUMNS, GDELT_COLUMNS, GDELT_DTYPES
from dyads.storage import Store
from dyads.storage.migrations import NUMBER_COLUMNS

CODES = {"EventCode": str, "EventBaseCode": str, "EventRootCode": str}
# id, url, publisher, tone, body (its lead paragraph is 40 characters long), ingested_at
DOCS = [("d1", "https://a.example/1", "Pub A", 0.2, "L" * 40 + "\n\n" + "B" * 100, "2024-01-10 12:00:00+00"),
        ("d2", "https://b.example/2", "Pub B", -0.4, "L" * 40 + "\n\n" + "B" * 300, "2024-01-11 08:30:05+00"),
        ("d3", None, None, 0.0, "One paragraph only.", "2024-03-06 00:00:00+00")]
# id, doc, cluster, segment, sentence index, sentence start, day, source key/role/code/name, target ..., code,
# goldstein, quad, plover, place name/key, confidence
EVENTS = [
    ("e1", "d1", "c1", "body", 0, 0, "2024-01-10", "RUS", "GOV", "RUSGOV", "Russia", "USA", None, "USA",
     "United States", "0211", 3.4, 1, None, "Moscow", "RUS", 0.9),
    ("e2", "d2", "c1", "body", 3, 200, "2024-01-11", "RUS", "GOV", "RUSGOV", "Russia", "USA", None, "USA",
     "United States", "0211", 3.4, 1, None, None, None, 0.8),
    ("e3", "d1", "c3", "title", 0, 0, None, "CHN", None, "CHN", "China", None, None, "", "", "042", 1.9, 1,
     "CONSULT", "Black Sea", None, 0.7),
    ("e4", "d3", "c4", "body", 0, 0, "2024-03-05", "USA", "MIL", "USAMIL", "US forces", "RUS", None, "RUS",
     "Russia", "190", -10.0, 4, "ASSAULT", "Washington", "USA", 0.3),  # below the default 0.5
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    with Store(path) as store:
        for ident, url, publisher, tone, body, added in DOCS:
            store.con.execute(
                "INSERT INTO documents (id, source_hash, source, doc, url, title, published_day, publisher, body, "
                "record, run_id, ingested_at, tone) VALUES (?, ?, ?, ?, ?, ?, DATE '2024-01-10', ?, ?, '{}', 'r', "
                "CAST(? AS TIMESTAMPTZ), ?)",
                [ident, ident, ident + ".txt", ident, url, f"Title {ident}", publisher, body, added, tone])
        for (ident, doc, cluster, segment, index, start, day, skey, srole, scode, sname, tkey, trole, tcode, tname,
             code, goldstein, quad, plover, place, place_key, confidence) in EVENTS:
            provenance = {"sentence_start": start, "detail": {"place": {"text": place} if place else None}}
            store.con.execute(
                "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
                " goldstein, quad_class, penta_class, plover, source_key, source_role, source_code, source_name,"
                " target_key, target_role, target_code, target_name, date, date_precision, date_source, date_day,"
                " place_name, place_key, mode, tone, pattern, confidence, provenance, cameo_version,"
                " ontology_version, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'n', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, 'day', 'text', ?, ?, ?, 'asserted', 0.1, 'p', ?, ?, '1.1b3', '1', 'r')",
                [ident, doc, cluster, segment, index, f"Sentence {ident}.\n\n", code, code[:2], goldstein, quad, plover,
                 skey, srole, scode, sname, tkey, trole, tcode, tname, day, day, place, place_key, confidence,
                 json.dumps(provenance)])
        store.number_events()  # rows written in SQL: the numbers Store.save gives
    return path


def gdelt_id(event_id: str) -> int:
    return int(hashlib.md5(event_id.encode()).hexdigest()[:16], 16) >> 1


def test_events_frame_has_every_events_column_and_the_documents(db):
    f = api.events_frame(db)
    with Store(db, read_only=True) as store:
        columns = [r[0] for r in store.con.execute("DESCRIBE events").fetchall() if r[0] not in NUMBER_COLUMNS]
    assert list(f.columns) == columns + list(DOCUMENT_COLUMNS)
    assert set(NUMBER_COLUMNS) == set(export.NUMBER_COLUMNS)  # the store's numbers stay out of exports
    assert f["id"].tolist() == ["e1", "e2", "e3"]  # e4 under the confidence; undated last
    assert f["code"].tolist() == ["0211", "0211", "042"] and f["goldstein"].tolist() == [3.4, 3.4, 1.9]
    assert f["document_publisher"].tolist() == ["Pub A", "Pub B", "Pub A"]
    assert json.loads(f["provenance"][1])["sentence_start"] == 200
    assert len(api.events_frame(db, min_confidence=0)) == 4
    assert api.events_frame(db, dyad="RUS,USA", clusters=True)["id"].tolist() == ["e1"]  # c1's first report
    assert api.events_frame(db, clusters=True)["id"].tolist() == ["e1", "e3"]
    assert api.events_frame(db, code="04", limit=1)["id"].tolist() == ["e3"]


def test_csv_reads_back_with_its_header_and_codes_as_text(db, tmp_path):
    path = tmp_path / "e.csv"
    assert api.export(db, path, "csv") == 3
    f = pd.read_csv(path, dtype={"code": str, "root": str})
    assert f["id"].tolist() == ["e1", "e2", "e3"] and f["code"].tolist() == ["0211", "0211", "042"]
    assert f["date_day"][0] == "2024-01-10" and pd.isna(f["date_day"][2])
    assert f["sentence"][0] == "Sentence e1.\n\n"  # quoted, line breaks kept
    assert f["document_url"].tolist() == ["https://a.example/1", "https://b.example/2", "https://a.example/1"]
    assert api.export(db, path, "csv", header=False, min_confidence=0) == 4
    assert pd.read_csv(path, header=None).shape == (4, 40)


def test_jsonl_one_object_per_event_dates_as_iso_strings(db, tmp_path):
    path = tmp_path / "e.jsonl"
    assert api.export(db, path, "jsonl", min_confidence=0) == 4
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["e1", "e2", "e4", "e3"]
    assert rows[0]["date_day"] == "2024-01-10" and rows[0]["document_published_day"] == "2024-01-10"
    assert rows[3]["date_day"] is None and rows[0]["goldstein"] == 3.4 and rows[0]["code"] == "0211"
    assert rows[1]["provenance"]["sentence_start"] == 200  # the provenance object itself


def test_parquet_has_typed_columns(db, tmp_path):
    path = tmp_path / "e.parquet"
    assert api.export(db, path, "parquet") == 3
    table = pq.read_table(path)
    schema = table.schema
    assert schema.field("date_day").type == pa.date32() and schema.field("document_published_day").type == pa.date32()
    assert schema.field("goldstein").type == pa.float64() and schema.field("confidence").type == pa.float64()
    assert schema.field("sentence_index").type == pa.int32() and schema.field("quad_class").type == pa.int32()
    assert schema.field("code").type == pa.string() and schema.field("provenance").type == pa.string()
    f = table.to_pandas().sort_values("id")
    assert f["id"].tolist() == ["e1", "e2", "e3"] and f["code"].tolist() == ["0211", "0211", "042"]
    assert f["date_day"].tolist()[:2] == [dt.date(2024, 1, 10), dt.date(2024, 1, 11)]
    assert json.loads(f["provenance"].tolist()[1])["sentence_start"] == 200


def test_gdelt_columns_types_and_values(db, tmp_path):
    path = tmp_path / "e.tsv"
    assert api.export(db, path, "gdelt", min_confidence=0) == 4
    g = pd.read_csv(path, sep="\t", dtype=CODES)
    assert list(g.columns) == [name for name, _, _ in GDELT_COLUMNS] and len(g.columns) == 61
    assert g["GLOBALEVENTID"].dtype == "int64" and g["GoldsteinScale"].dtype == "float64"
    assert g["GLOBALEVENTID"].tolist() == [gdelt_id(i) for i in ("e1", "e2", "e4", "e3")]
    assert g["EventCode"].tolist() == ["0211", "0211", "190", "042"]
    assert g["EventBaseCode"].tolist() == ["021", "021", "190", "042"]
    assert g["EventRootCode"].tolist() == ["02", "02", "19", "04"]
    e1, e2, e4, e3 = (g.iloc[i] for i in range(4))
    assert (e1["SQLDATE"], e1["MonthYear"], e1["Year"], e1["FractionDate"]) == (20240110, 202401, 2024, 2024.0246)
    assert pd.isna(e3["SQLDATE"]) and pd.isna(e3["Year"])  # no day: empty, not invented
    assert (e1["Actor1Code"], e1["Actor1Name"], e1["Actor1CountryCode"], e1["Actor1Type1Code"]) == \
        ("RUSGOV", "Russia", "RUS", "GOV")
    assert (e1["Actor2Code"], e1["Actor2CountryCode"]) == ("USA", "USA") and pd.isna(e1["Actor2Type1Code"])
    assert pd.isna(e3["Actor2Code"]) and pd.isna(e3["Actor2Name"]) and pd.isna(e1["Actor1KnownGroupCode"])
    assert [e1["IsRootEvent"], e2["IsRootEvent"], e3["IsRootEvent"], e4["IsRootEvent"]] == [1, 0, 1, 1]
    # cluster c1: two reports, in two documents of two publishers, article tones 0.2 and -0.4
    assert (e1["NumMentions"], e1["NumArticles"], e1["NumSources"], e1["AvgTone"]) == (2, 2, 2, -10.0)
    assert (e2["NumMentions"], e2["AvgTone"]) == (2, -10.0)
    assert (e4["NumMentions"], e4["NumSources"], e4["AvgTone"]) == (1, 0, 0.0)  # d3 names no publisher
    assert (e1["ActionGeo_Type"], e1["ActionGeo_FullName"], e1["ActionGeo_CountryCode"]) == (4, "Moscow", "RUS")
    assert (e4["ActionGeo_Type"], e4["ActionGeo_FullName"]) == (3, "Washington")  # a US city
    assert pd.isna(e3["ActionGeo_Type"]) and e3["ActionGeo_FullName"] == "Black Sea" and pd.isna(e2["ActionGeo_Type"])
    assert g["ActionGeo_Lat"].isna().all() and g["Actor1Geo_FullName"].isna().all()
    assert e1["DATEADDED"] == 20240110120000 and e2["DATEADDED"] == 20240111083005
    assert e1["SOURCEURL"] == "https://a.example/1" and pd.isna(e4["SOURCEURL"])


def test_gdelt_ids_are_stable_and_no_header_is_gdelt_layout(db, tmp_path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    api.export(db, first, "gdelt", header=False)
    api.export(db, second, "gdelt", header=False, code="02")
    a = pd.read_csv(first, sep="\t", header=None, names=list(GDELT_DTYPES), dtype=GDELT_DTYPES)
    b = pd.read_csv(second, sep="\t", header=None, names=list(GDELT_DTYPES), dtype=GDELT_DTYPES)
    assert len(a) == 3 and len(b) == 2 and a["GLOBALEVENTID"][:2].tolist() == b["GLOBALEVENTID"].tolist()
    assert a["EventCode"][0] == "0211" and a["SQLDATE"][0] == 20240110
    assert all(len(line.split("\t")) == 61 for line in first.read_text().splitlines())


def test_plover_json_lines(db, tmp_path):
    path = tmp_path / "e.jsonl"
    assert api.export(db, path, "plover") == 3
    e1, e2, e3 = (json.loads(line) for line in path.read_text().splitlines())
    assert (e1["id"], e1["date"], e1["event"], e1["mode"], e1["context"]) == ("e1", "2024-01-10", [], ["asserted"], [])
    assert e3["event"] == ["CONSULT"] and e3["date"] is None and e1["cameo_code"] == "0211"
    assert e1["actor"] == [{"entity_text": "Russia", "code": "RUS", "sector": "GOV", "cameo_code": "RUSGOV"}]
    assert e1["recipient"] == [{"entity_text": "United States", "code": "USA", "sector": None, "cameo_code": "USA"}]
    assert e3["recipient"] == [] and e2["event_loc"] is None
    assert e1["event_loc"] == {"extracted_place": "Moscow", "resolved_place": "Moscow", "country_code": "RUS"}
    assert e1["text"] == "Sentence e1." and e1["confidence"] == 0.9 and e1["quad_code"] == 1
    assert e2["cite_info"] == {"citation": "d2", "url": "https://b.example/2", "title": "Title d2",
                               "publication": "Pub B"}


def test_usage_errors_name_their_option(db, tmp_path):
    for kwargs, option in ((dict(path="-", format="parquet"), "output"), (dict(path="x", format="xml"), "format"),
                           (dict(path="x", format="jsonl", header=False), "no_header"),
                           (dict(path="x", dyad="XXQ,USA"), "dyad"), (dict(path="x", since="2024-13"), "since"),
                           (dict(path=str(tmp_path / "no" / "x.csv")), "output")):
        with pytest.raises(UsageError) as err:
            api.export(db, **kwargs)
        assert err.value.option == option


def test_cli_stdout_files_and_exit_codes(db, tmp_path):
    run = CliRunner().invoke
    out = run(cli, ["export", "--db", str(db), "--format", "csv", "--min-confidence", "0"])
    assert out.exit_code == 0 and "exported 4 events to standard output" in out.stderr
    assert pd.read_csv(io.StringIO(out.stdout), dtype={"code": str})["code"].tolist() == ["0211", "0211", "190", "042"]
    path = tmp_path / "g.tsv"
    out = run(cli, ["export", "--db", str(db), "--format", "gdelt", "--no-header", "-o", str(path),
                    "--dyad", "RUS,USA"])
    assert out.exit_code == 0 and f"exported 2 events to {path}" in out.stderr
    assert pd.read_csv(path, sep="\t", header=None).shape == (2, 61)
    empty = tmp_path / "none.parquet"
    out = run(cli, ["export", "--db", str(db), "--format", "parquet", "-o", str(empty), "--since", "2030"])
    assert out.exit_code == 1 and "exported 0 events" in out.stderr
    assert pq.read_table(empty).num_rows == 0 and pq.read_table(empty).schema.field("date_day").type == pa.date32()
    out = run(cli, ["export", "--db", str(db), "--format", "csv", "--since", "2030"])
    assert out.exit_code == 1 and out.stdout.startswith("id,document_id,cluster_id,")  # the header still
    out = run(cli, ["export", "--db", str(db), "--format", "parquet"])
    assert out.exit_code == 2 and "'--output'" in out.output
    out = run(cli, ["export", "--db", str(db), "--code", "99"])
    assert out.exit_code == 2 and "'--code'" in out.output


def test_demo_joint_statements_in_gdelt_columns(demo_db, tmp_path):
    """China and Russia toward the United States in the two joint statements (Moscow 2023, Beijing 2024)."""
    path = tmp_path / "demo.tsv"
    out = CliRunner().invoke(cli, ["export", "--db", str(demo_db), "--format", "gdelt", "-o", str(path)])
    assert out.exit_code == 0
    every = pd.read_csv(path, sep="\t", dtype=CODES)
    assert len(every) == len(api.events(demo_db)) and every["GLOBALEVENTID"].is_unique
    frames = []
    for source in ("CHN", "RUS"):
        api.export(demo_db, path, "gdelt", dyad=f"{source},USA")
        frames.append(pd.read_csv(path, sep="\t", dtype=CODES))
    g = pd.concat(frames)
    assert g["GLOBALEVENTID"].isin(every["GLOBALEVENTID"]).all()
    by_day = g.groupby("SQLDATE").agg(events=("EventCode", "size"), goldstein=("GoldsteinScale", "mean"),
                                      place=("ActionGeo_FullName", "first"), country=("ActionGeo_CountryCode", "first"))
    assert by_day.index.tolist() == [20230322, 20240516]
    assert by_day["place"].tolist() == ["Moscow", "Beijing"] and by_day["country"].tolist() == ["RUS", "CHN"]
    assert by_day["events"].tolist() == [9, 19]
    assert by_day["goldstein"].round(2).tolist() == [3.28, -2.94]  # as events_frame gives them
    assert set(g["Actor1CountryCode"]) == {"CHN", "RUS"} and set(g["Actor2CountryCode"]) == {"USA"}
    assert (g["ActionGeo_Type"] == 4).all() and g["EventCode"].str.len().ge(3).all()
    parquet = tmp_path / "demo.parquet"
    assert api.export(demo_db, parquet, "parquet") == len(every) == pq.read_table(parquet).num_rows
