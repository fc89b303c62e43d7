"""`dyads shift` / api.shift over a migrated store with known rows: exact shares, means, appeared and vanished,
the seeded interval, the carrying sentences and the verdict; then the real demo answer."""
import json

import numpy as np
import pytest
from click.testing import CliRunner

from dyads import api
from dyads.cli.main import cli
from dyads.errors import UsageError
from dyads.storage import Store

# document id, input name
DOCS = [("moscow000001", "moscow.txt"), ("other0000002", "other.txt"), ("beijing00003", "beijing.txt"),
        ("late00000004", "late.txt"), ("tokyo0000005", "tokyo-a.txt"), ("tokyo0000006", "tokyo-b.txt")]
# id, doc, cluster, day, source, target key, target code, code, goldstein, quad, tone, confidence
ROWS = [
    ("b1", "moscow000001", "k1", "2023-03-01", "RUS", "USA", "USA", "036", 4.0, 1, 0.5, 0.9),
    ("b2", "moscow000001", "k2", "2023-03-01", "CHN", "USA", "USA", "057", 8.0, 1, 0.3, 0.9),
    ("b3", "other0000002", "k1", "2023-03-02", "RUS", "USA", "USA", "036", 4.0, 1, 0.9, 0.9),  # k1 again
    ("b4", "moscow000001", "k3", "2023-04-01", "CHN", "USA", "USA", "010", 0.0, 1, 0.1, 0.8),
    ("a1", "beijing00003", "k4", "2024-05-16", "RUS", "USA", "USA", "112", -2.0, 3, -0.5, 0.9),
    ("a2", "beijing00003", "k5", "2024-05-16", "CHN", "USA", "USAGOV", "120", -4.0, 3, -0.5, 0.9),
    ("a3", "beijing00003", "k6", "2024-05-17", "CHN", "USA", "USA", "057", 6.0, 2, -0.2, 0.9),
    ("a4", "late00000004", "k7", "2024-06-01", "RUS", "USA", "USA", "111", -2.0, 3, -0.9, 0.3),  # below 0.5
    ("a5", "beijing00003", "k8", "2024-05-16", "USA", "RUS", "RUS", "112", -2.0, 3, -0.5, 0.9),  # the other way
    ("u1", "beijing00003", "k9", None, "CHN", "USA", "USA", "190", -10.0, 4, -0.5, 0.9),  # no day
    ("j1", "tokyo0000005", "k10", "2023-07-01", "JPN", "KOR", "KOR", "036", 3.0, 1, 0.2, 0.9),
    ("j2", "tokyo0000005", "k11", "2023-07-02", "JPN", "KOR", "KOR", "040", 3.0, 1, 0.2, 0.9),
    ("j3", "tokyo0000006", "k12", "2024-02-01", "JPN", "KOR", "KOR", "112", -2.0, 3, -0.1, 0.9),
    ("j4", "tokyo0000006", "k13", "2024-02-02", "JPN", "KOR", "KOR", "111", -2.0, 3, -0.1, 0.9),
]
WINDOWS = dict(before="2023:2023", after="2024:2024")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        for ident, name in DOCS:
            store.con.execute("INSERT INTO documents (id, source_hash, source, doc, body, record, run_id, ingested_at)"
                              " VALUES (?, ?, ?, ?, 'b', '{}', 'r', now())", [ident, ident, f"in/{name}", name])
        for i, doc, cl, day, src, tkey, tcode, code, gold, quad, tone, conf in ROWS:
            store.con.execute(
                "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
                " goldstein, quad_class, penta_class, source_key, source_code, target_key, target_code, date,"
                " date_day, mode, tone, pattern, confidence, provenance, cameo_version, ontology_version, run_id)"
                " VALUES (?, ?, ?, 'body', 0, ?, ?, ?, 'n', ?, ?, 0, ?, ?, ?, ?, ?, ?, 'asserted', ?, 'p', ?, '{}',"
                " '1.1b3', '1', 'r')",
                [i, doc, cl, f"sentence {i}", code, code[:2], gold, quad, src, src, tkey, tcode, day, day, tone, conf])
        store.number_events()  # rows written in SQL: the numbers Store.save gives
    return path


def interval(before, after, samples=2000, seed=0):
    """The documented bootstrap, written out: before's index rows first, then after's, one Generator."""
    rng = np.random.default_rng(seed)
    before, after = np.array(before), np.array(after)
    means_b = before[rng.integers(0, len(before), size=(samples, len(before)))].mean(axis=1)
    means_a = after[rng.integers(0, len(after), size=(samples, len(after)))].mean(axis=1)
    return tuple(np.percentile(means_a - means_b, [2.5, 97.5]))


def share(frame, column, key, side):
    return frame.loc[frame[column] == key, side].item()


def test_group_windows_exact_figures(db):
    s = api.shift(db, group="CHN+RUS,USA", **WINDOWS)
    b, a = s.before, s.after
    assert (b.label, b.events, b.articles, a.label, a.events, a.articles) == ("2023", 3, 2, "2024", 3, 1)
    assert b.goldstein_mean == pytest.approx(4.0) and a.goldstein_mean == pytest.approx(0.0)  # u1 has no day
    assert s.goldstein_change == pytest.approx(-4.0)
    assert b.tone_mean == pytest.approx(0.3) and a.tone_mean == pytest.approx(-0.4)  # b1's report, not b3's
    assert s.tone_change == pytest.approx(-0.7)
    assert share(s.roots, "root", "03", "before") == pytest.approx(1 / 3) and share(s.roots, "root", "03", "after") == 0
    assert share(s.roots, "root", "05", "change") == pytest.approx(0.0)  # 057 on both sides
    assert share(s.roots, "root", "12", "after") == pytest.approx(1 / 3)
    assert s.roots["before"].sum() == pytest.approx(1.0) and len(s.roots) == 20
    assert s.quads["before"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert s.quads["after"].tolist() == pytest.approx([0.0, 1 / 3, 2 / 3, 0.0])
    assert s.quads["name"].tolist()[2] == "Verbal conflict"
    assert s.appeared == [{"kind": "target", "value": "USAGOV", "events": 1},
                          {"kind": "code", "value": "112", "events": 1}, {"kind": "code", "value": "120", "events": 1}]
    assert s.vanished == [{"kind": "code", "value": "010", "events": 1}, {"kind": "code", "value": "036", "events": 1}]
    low, high = interval([4.0, 8.0, 0.0], [-2.0, -4.0, 6.0])
    assert s.goldstein_ci == pytest.approx((low, high)) and low < 0 < high
    assert s.direction == "no clear change"
    assert s.verdict == (f"no clear change toward USA: Goldstein mean +4.0 → +0.0 (3 → 3 events), 95 % CI of the "
                         f"change [{low:.1f}, {high:.1f}]")


def test_carrying_sentences_follow_the_rule(db):
    s = api.shift(db, group="CHN+RUS,USA", **WINDOWS)
    # after: 4 - goldstein > 0 (a2 8, a1 6; a3 at 6.0 pulls the other way); before: goldstein - 0 > 0 (b2, b1; b4 is 0)
    assert s.sentences["event_id"].tolist() == ["a2", "a1", "b2", "b1"]
    assert s.sentences["window"].tolist() == ["after", "after", "before", "before"]
    first = s.sentences.iloc[0].to_dict()
    assert first == {"event_id": "a2", "document_id": "beijing00003", "window": "after", "date": "2024-05-16",
                     "code": "120", "name": "n", "source": "CHN", "target": "USAGOV", "goldstein": -4.0,
                     "sentence": "sentence a2"}


def test_mentions_count_every_report(db):
    s = api.shift(db, group="CHN+RUS,USA", mentions=True, **WINDOWS)
    assert s.before.events == 4 and s.before.goldstein_mean == pytest.approx(4.0)
    assert s.before.tone_mean == pytest.approx(0.45) and s.mentions
    assert share(s.roots, "root", "03", "before") == 0.5


def test_a_clear_direction_either_way(db):
    s = api.shift(db, dyad="JPN,KOR", **WINDOWS)
    assert s.goldstein_ci == (-5.0, -5.0) and s.direction == "more conflictual"
    assert s.verdict == ("more conflictual toward KOR: Goldstein mean +3.0 → -2.0 (2 → 2 events), "
                         "95 % CI of the change [-5.0, -5.0]")
    back = api.shift(db, dyad="JPN,KOR", before="2024:2024", after="2023-01:2023-12")
    assert back.before.label == "2024" and back.after.label == "2023-01 to 2023-12"
    assert back.verdict == ("more cooperative toward KOR: Goldstein mean -2.0 → +3.0 (2 → 2 events), "
                            "95 % CI of the change [5.0, 5.0]")
    assert back.sentences["event_id"].tolist() == ["j1", "j2", "j3", "j4"]


def test_too_few_events_and_an_empty_window(db):
    s = api.shift(db, dyad="RUS,USA", **WINDOWS)
    assert s.goldstein_ci is None and (s.before.events, s.after.events) == (1, 1)
    assert s.verdict == ("no clear change toward USA: Goldstein mean +4.0 → -2.0 (1 → 1 events), too few events "
                         "for an interval (2 a side)")
    empty = api.shift(db, group="CHN+RUS,USA", before=":2022-12", after=("2024-01-01", None))
    assert empty.before.label == "until 2022-12" and empty.after.label == "since 2024-01-01"
    assert empty.verdict == "no clear change toward USA: no event in the before window (0 → 3 events)"
    assert empty.sentences.empty and not empty.empty
    out = empty.to_dict()
    json.dumps(out, allow_nan=False)
    assert out["windows"]["before"] == {"label": "until 2022-12", "events": 0, "articles": 0, "goldstein_mean": None,
                                        "tone_mean": None}
    assert out["roots"][2]["before"] is None and out["change"] == {"goldstein_mean": None, "goldstein_ci": None,
                                                                   "tone_mean": None}
    assert [a["value"] for a in out["appeared"]] == ["USA", "USAGOV", "057", "112", "120"]
    assert api.shift(db, actor="USA", before="2020:2020", after="2021:2021").empty


def test_every_event_and_an_actor(db):
    s = api.shift(db, **WINDOWS)
    assert (s.before.events, s.after.events, s.toward) == (5, 6, "")
    assert s.before.goldstein_mean == pytest.approx(3.6) and s.after.goldstein_mean == pytest.approx(-1.0)
    assert s.verdict.startswith("more conflictual: Goldstein mean +3.6 → -1.0 (5 → 6 events), 95 % CI")
    r = api.shift(db, actor="RUS", **WINDOWS)
    assert (r.before.events, r.after.events, r.toward) == (1, 2, "involving RUS")  # a5: RUS as target
    assert r.verdict.startswith("no clear change involving RUS: Goldstein mean +4.0 → -2.0 (1 → 2 events)")


def test_documents_by_id_name_source_and_prefix(db):
    s = api.shift(db, group="CHN+RUS,USA", docs=["moscow000001", "beijing.txt"])
    assert (s.before.label, s.after.label) == ("moscow.txt", "beijing.txt")
    assert (s.before.events, s.after.events, s.before.articles) == (3, 4, 1)  # b3 is in another article; u1 counts
    assert s.after.goldstein_mean == pytest.approx(-2.5)
    same = api.shift(db, group="CHN+RUS,USA", docs=("in/moscow.txt", "beijing0"))
    assert same.to_dict() == s.to_dict()
    for docs, reason in ((["tokyo0", "moscow.txt"], "matches several articles"),
                         (["moscow.txt", "nowhere"], "no stored"), (["moscow.txt", "mosc"], "at least 6"),
                         (["moscow.txt", "moscow0000"], "same article")):
        with pytest.raises(UsageError) as err:
            api.shift(db, docs=docs)
        assert err.value.option == "docs" and reason in err.value.reason


def test_the_seed_fixes_the_interval(db):
    one = api.shift(db, group="CHN+RUS,USA", seed=7, samples=500, **WINDOWS)
    assert one.goldstein_ci == pytest.approx(interval([4.0, 8.0, 0.0], [-2.0, -4.0, 6.0], 500, 7))
    assert api.shift(db, group="CHN+RUS,USA", seed=7, samples=500, **WINDOWS).goldstein_ci == one.goldstein_ci


@pytest.mark.parametrize("kwargs, option", [
    (dict(), "before"), (dict(before="2023:2023"), "after"), (dict(after="2023:2023"), "before"),
    (dict(before="2023", after="2024:2024"), "before"), (dict(before="2023:2024-13", after="2025:"), "before"),
    (dict(before=":", after="2025:"), "before"), (dict(before="2024:2023", after="2025:"), "before"),
    (dict(before="2023:2024", after="2024-06:"), "after"), (dict(before=":2023", after="2023-12-31:"), "after"),
    (dict(docs=["moscow.txt"]), "docs"), (dict(docs="moscow.txt,beijing.txt"), "docs"),
    (dict(docs=["a", "b"], before="2023:2023"), "docs"), (dict(actor="USA", dyad="RUS,USA", **WINDOWS), "dyad"),
    (dict(dyad="XXQ,USA", **WINDOWS), "dyad"), (dict(group="CHN+RUS", **WINDOWS), "group"),
    (dict(samples=10, **WINDOWS), "samples"), (dict(seed=-1, **WINDOWS), "seed"),
    (dict(min_confidence=2, **WINDOWS), "min_confidence"),
])
def test_usage_errors_name_the_option(db, kwargs, option):
    with pytest.raises(UsageError) as err:
        api.shift(db, **kwargs)
    assert err.value.option == option


def test_usage_errors_come_before_the_database(tmp_path):
    with pytest.raises(UsageError) as err:
        api.shift(tmp_path / "none.duckdb", before="2023:2023")
    assert err.value.option == "after"


def test_cli_table_json_and_exit_codes(db):
    run = CliRunner().invoke
    out = run(cli, ["shift", "--db", str(db), "--dyad", "JPN,KOR", "--before", "2023:2023", "--after", "2024:2024"])
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0].startswith("more conflictual toward KOR: Goldstein mean +3.0 → -2.0")
    assert "change                           -5.00           -0.30" in out.output
    assert "11    Disapprove" in out.output and "06 " not in out.output  # zero on both sides: left out
    assert "appeared: code 111 (1), code 112 (1)" in out.output and "vanished: code 036 (1), code 040 (1)" in out.output
    assert "after   2024-02-01  JPN     112   KOR     -2.0  sentence j3" in out.output
    out = run(cli, ["shift", "--db", str(db), "--group", "CHN+RUS,USA", "--docs", "moscow.txt", "beijing00003",
                    "--json", "--seed", "3", "--samples", "300"])
    data = json.loads(out.output)
    assert out.exit_code == 0 and data["windows"]["after"]["events"] == 4 and data["seed"] == 3
    assert data["change"]["goldstein_mean"] == pytest.approx(-6.5)
    out = run(cli, ["shift", "--db", str(db), "--actor", "USA", "--before", "2020:2020", "--after", "2021:2021"])
    assert out.exit_code == 1 and "no stored event" in out.output
    out = run(cli, ["shift", "--db", str(db), "--before", "2023"])
    assert out.exit_code == 2 and "'--before'" in out.output
    out = run(cli, ["shift", "--db", str(db), "--docs", "tokyo0", "moscow.txt"])
    assert out.exit_code == 2 and "'--docs'" in out.output and "several" in out.output


@pytest.mark.parametrize("kwargs", [dict(before="2023:2023", after="2024:2024"),
                                    dict(docs=["moscow-joint-statement-2023.txt", "beijing-joint-statement-2024.txt"])])
def test_demo_china_and_russia_turn_conflictual_toward_the_us(demo_db, kwargs):
    s = api.shift(demo_db, group="CHN+RUS,USA", **kwargs)
    assert s.direction == "more conflictual" and s.verdict.startswith("more conflictual toward USA")
    assert s.before.goldstein_mean > 3 and s.after.goldstein_mean < -2 and s.goldstein_ci[1] < 0
    assert s.before.events >= 4 and s.after.events >= 4
    ids = api.articles(demo_db)
    beijing = next(a["id"] for a in ids if "Beijing" in a["title"])
    moscow = next(a["id"] for a in ids if "Moscow" in a["title"])
    after = s.sentences[s.sentences["window"] == "after"]
    assert len(after) >= 3 and set(after["document_id"]) == {beijing} and (after["goldstein"] < 0).all()
    assert set(s.sentences.loc[s.sentences["window"] == "before", "document_id"]) == {moscow}
    assert any("sanction" in t for t in after["sentence"])
    mentions = api.shift(demo_db, group="CHN+RUS,USA+NATO", mentions=True, min_confidence=0, **kwargs)
    assert round(mentions.before.goldstein_mean, 1) == 3.2 and round(mentions.after.goldstein_mean, 1) == -2.7
