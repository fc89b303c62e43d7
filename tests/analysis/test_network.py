"""`dyads network` / api.network over a migrated store with known rows: exact edges, alignment, communities;
each export format read back; the demo answer (China and Russia aligned against the US and NATO)."""
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from dyads import api
from dyads.analysis.network import community_weights
from dyads.cli.main import cli
from dyads.errors import UsageError
from dyads.storage import Store

# id, doc, sentence, group, cluster, day, source (key, role, name), target key, code, goldstein, quad, confidence
ROWS = [
    # d1 sentence 0: "Russia and China accused the United States" (one group); d2 reports the same two events
    ("e1", "d1", 0, "body:5", "c1", "2024-01-10", ("RUS", None, "Russia"), "USA", "112", -2.0, 3, 0.9),
    ("e2", "d1", 0, "body:5", "c2", "2024-01-10", ("CHN", None, "China"), "USA", "112", -2.0, 3, 0.9),
    ("e3", "d2", 3, "body:90", "c1", "2024-01-11", ("RUS", None, "Russia"), "USA", "112", -2.0, 3, 0.9),
    ("e4", "d2", 3, "body:90", "c2", "2024-01-11", ("CHN", None, "China"), "USA", "112", -2.0, 3, 0.9),
    # d1 sentence 1: "Russia and China criticised the United States and NATO": two joint statements, one a target
    ("e5", "d1", 1, "body:40", "c3", "2024-01-10", ("RUS", "GOV", "Putin"), "USA", "111", -2.0, 3, 0.8),
    ("e6", "d1", 1, "body:40", "c4", "2024-01-10", ("RUS", "GOV", "Putin"), "NATO", "111", -2.0, 3, 0.8),
    ("e7", "d1", 1, "body:40", "c5", "2024-01-10", ("CHN", "GOV", "Xi"), "USA", "111", -2.0, 3, 0.8),
    ("e8", "d1", 1, "body:40", "c6", "2024-01-10", ("CHN", "GOV", "Xi"), "NATO", "111", -2.0, 3, 0.8),
    # cooperation between them
    ("e9", "d1", 2, None, "c7", "2024-01-10", ("RUS", None, "Russia"), "CHN", "042", 1.9, 1, 0.9),
    ("e10", "d3", 0, None, "c8", "2024-02-01", ("CHN", None, "China"), "RUS", "036", 4.0, 1, 0.9),
    ("e11", "d3", 1, None, "c9", "2024-02-01", ("RUS", None, "Russia"), "CHN", "057", 8.0, 2, 0.9),
    # a third party friendly to the US (an actor unknown to the KB), and NATO hostile to it
    ("e12", "d4", 0, None, "c10", "2024-03-01", ("ZZX", None, "Zedland"), "USA", "042", 1.9, 1, 0.9),
    ("e13", "d4", 1, None, "c11", "2024-03-01", ("ZZX", "GOV", "Zed Minister"), "TUR", "036", 4.0, 1, 0.9),
    ("e14", "d4", 2, None, "c12", "2024-03-01", ("ZZX", "GOV", "Zed Minister"), "TUR", "036", 4.0, 1, 0.9),
    ("e15", "d4", 3, None, "c13", "2024-03-02", ("NATO", None, "NATO"), "USA", "190", -10.0, 4, 0.9),
    # left out: below the confidence, no target key, CAMEO's no-country placeholder, an actor acting on itself
    ("e16", "d4", 4, None, "c14", "2024-03-03", ("RUS", None, "Russia"), "ZZX", "190", -10.0, 4, 0.3),
    ("e17", "d4", 5, None, "c15", "2024-03-03", ("RUS", None, "Russia"), None, "012", -0.4, 1, 0.9),
    ("e18", "d4", 6, None, "c16", "2024-03-03", ("RUS", None, "Russia"), "---", "036", 4.0, 1, 0.9),
    ("e19", "d4", 7, None, "c17", "2024-03-03", ("USA", "GOV", "Trump"), "USA", "112", -2.0, 3, 0.9),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "n.duckdb"
    with Store(path) as store:
        for i, doc, sent, group, cl, day, (src, role, name), tgt, code, gold, quad, conf in ROWS:
            store.con.execute(
                "INSERT INTO events (id, document_id, cluster_id, segment, sentence_index, sentence, code, root, name,"
                " goldstein, quad_class, penta_class, source_key, source_role, source_code, source_name, target_key,"
                " target_code, target_name, date, date_day, mode, group_id, pattern, confidence, provenance,"
                " cameo_version, ontology_version, run_id)"
                " VALUES (?, ?, ?, 'body', ?, 's', ?, ?, 'n', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'asserted', ?, 'p',"
                " ?, '{}', '1.1b3', '1', 'r')",
                [i, doc, cl, sent, code, code[:2], gold, quad, src, role, src + (role or ""), name, tgt, tgt, None,
                 day, day, group, conf])
        store.number_events()  # rows written in SQL: the numbers Store.save gives
    return path


def edge_table(net):
    return {(r.source, r.target): (r.events, r.cooperation, r.conflict, round(r.goldstein_sum, 6), r.codes)
            for r in net.edges.itertuples()}


def test_edges_count_each_cluster_once(db):
    net = api.network(db)
    assert edge_table(net) == {
        ("RUS", "USA"): (2, 0, 2, -4.0, "111 112"), ("CHN", "USA"): (2, 0, 2, -4.0, "111 112"),
        ("RUS", "NATO"): (1, 0, 1, -2.0, "111"), ("CHN", "NATO"): (1, 0, 1, -2.0, "111"),
        ("RUS", "CHN"): (2, 2, 0, 9.9, "042 057"), ("CHN", "RUS"): (1, 1, 0, 4.0, "036"),
        ("ZZX", "USA"): (1, 1, 0, 1.9, "042"), ("ZZX", "TUR"): (2, 2, 0, 8.0, "036"),
        ("NATO", "USA"): (1, 0, 1, -10.0, "190")}
    # strongest first: events, then the size of the Goldstein sum
    assert [(r.source, r.target) for r in net.edges.itertuples()][:5] == [
        ("RUS", "CHN"), ("ZZX", "TUR"), ("CHN", "USA"), ("RUS", "USA"), ("NATO", "USA")]
    assert net.edges.set_index(["source", "target"]).loc[("RUS", "CHN"), "goldstein_mean"] == pytest.approx(4.95)
    nodes = net.nodes.set_index("key")
    assert nodes.loc["RUS", "name"] == "Russia" and nodes.loc["NATO", "name"] == "North Atlantic Treaty Organization"
    assert nodes.loc["ZZX", "name"] == "Zedland"  # not in the KB: the name without a role, before the more frequent
    assert nodes.loc["USA", "events_in"] == 6 and nodes.loc["USA", "events_out"] == 0
    assert nodes.loc["RUS", "events_out"] == 5 and nodes.loc["RUS", "events_in"] == 1


def test_mentions_count_every_report(db):
    net = api.network(db, mentions=True)
    assert edge_table(net)[("RUS", "USA")] == (3, 0, 3, -6.0, "111 112")
    assert net.alignment.iloc[0][["a", "b", "joint"]].tolist() == ["CHN", "RUS", 4]  # d1 twice, d2 once more


def test_alignment_joint_statements_and_stances(db):
    rows = [tuple(r) for r in api.network(db).alignment.itertuples(index=False)]
    assert rows == [
        # d1 s0 (c1, c2, reported again in d2: once) + d1 s1 toward USA and toward NATO; same stance on USA, NATO
        ("CHN", "RUS", 3, 2, 0, 5),
        ("CHN", "NATO", 0, 1, 0, 1), ("NATO", "RUS", 0, 1, 0, 1),  # all hostile to the US
        ("CHN", "ZZX", 0, 0, 1, -1), ("NATO", "ZZX", 0, 0, 1, -1), ("RUS", "ZZX", 0, 0, 1, -1)]


def test_communities_are_not_pulled_together_by_conflict(db):
    net = api.network(db)
    assert net.communities == [["CHN", "NATO", "RUS"], ["TUR", "USA", "ZZX"]]
    assert net.nodes.set_index("key")["community"].to_dict() == {
        "CHN": 0, "NATO": 0, "RUS": 0, "TUR": 1, "USA": 1, "ZZX": 1}
    weights = community_weights(net.nodes["key"].tolist(), net.edges, net.alignment)
    assert {tuple(sorted(e)): w for *e, w in weights.edges(data="weight")} == {
        ("CHN", "RUS"): 2 + 1 + 5, ("CHN", "NATO"): 1, ("NATO", "RUS"): 1, ("USA", "ZZX"): 1, ("TUR", "ZZX"): 2}
    assert net.graph.nodes["USA"]["community"] == 1 and net.graph.nodes["RUS"]["community"] == 0


def test_filters_and_min_events(db):
    net = api.network(db, actor="NATO")
    assert set(edge_table(net)) == {("RUS", "NATO"), ("CHN", "NATO"), ("NATO", "USA")}
    assert [tuple(r) for r in net.alignment.itertuples(index=False)] == [("CHN", "RUS", 1, 1, 0, 2)]
    net = api.network(db, code="11", since="2024-01", until="2024-01")
    assert set(edge_table(net)) == {("RUS", "USA"), ("CHN", "USA"), ("RUS", "NATO"), ("CHN", "NATO")}
    net = api.network(db, min_events=2)
    assert set(edge_table(net)) == {("RUS", "USA"), ("CHN", "USA"), ("RUS", "CHN"), ("ZZX", "TUR")}
    assert [tuple(r) for r in net.alignment.itertuples(index=False)] == [("CHN", "RUS", 2, 1, 0, 3)]
    assert sorted(net.nodes["key"]) == ["CHN", "RUS", "TUR", "USA", "ZZX"]
    net = api.network(db, min_confidence=0.0)
    assert edge_table(net)[("RUS", "ZZX")] == (1, 0, 1, -10.0, "190")


def test_to_dict_is_plain_json(db):
    data = api.network(db).to_dict()
    text = json.dumps(data, allow_nan=False)
    back = json.loads(text)
    assert len(back["nodes"]) == 6 and len(back["edges"]) == 9 and back["communities"][0] == ["CHN", "NATO", "RUS"]
    assert {"source": "RUS", "target": "CHN", "events": 2, "cooperation": 2, "conflict": 0, "goldstein_sum": 9.9,
            "goldstein_mean": 4.95, "codes": "042 057"} in back["edges"]
    assert back["alignment"][0] == {"a": "CHN", "b": "RUS", "joint": 3, "same_stance": 2, "opposed_stance": 0,
                                    "score": 5}
    empty = api.network(db, since="2030")
    assert empty.empty and empty.to_dict() == {"nodes": [], "edges": [], "alignment": [], "communities": []}
    assert empty.graph.number_of_nodes() == 0


def test_usage_errors(db):
    for kwargs, option in ((dict(min_events=0), "min_events"), (dict(min_events=1.5), "min_events"),
                           (dict(code="999"), "code"), (dict(since="2024-13"), "since"),
                           (dict(actor="XXQ"), "actor"), (dict(min_confidence=2), "min_confidence")):
        with pytest.raises(UsageError) as err:
            api.network(db, **kwargs)
        assert err.value.option == option


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_each_format_written_and_read_back(db, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    out = CliRunner().invoke(cli, ["network", "--db", str(db), "--format", fmt, "--output", str(path)])
    assert out.exit_code == 0, out.output
    if fmt == "graphml":
        graph = nx.read_graphml(path)
    elif fmt == "gexf":
        graph = nx.read_gexf(path)
    else:
        graph = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert graph.is_directed() and graph.number_of_nodes() == 6 and graph.number_of_edges() == 9
    edge = graph.edges["RUS", "CHN"]
    assert edge["events"] == 2 and edge["goldstein_sum"] == pytest.approx(9.9) and edge["codes"] == "042 057"
    assert graph.nodes["NATO"]["name"] == "North Atlantic Treaty Organization"
    assert graph.nodes["ZZX"]["community"] == 1
    stdout = CliRunner().invoke(cli, ["network", "--db", str(db), "--format", fmt])
    assert stdout.exit_code == 0 and stdout.output == path.read_text()


def test_cli_table_and_exit_codes(db):
    run = CliRunner().invoke
    out = run(cli, ["network", "--db", str(db)])
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert lines[0] == "edges (strongest first)" and lines[2].split() == [
        "RUS", "CHN", "2", "2", "0", "9.90", "4.95", "042", "057"]
    start = lines.index("alignment (score = joint + same_stance - opposed_stance)")
    assert lines[start + 1].split() == ["a", "b", "joint", "same_stance", "opposed_stance", "score"]
    assert lines[start + 2].split() == ["CHN", "RUS", "3", "2", "0", "5"]
    assert lines[-2:] == ["  0  CHN NATO RUS", "  1  TUR USA ZZX"]
    out = run(cli, ["network", "--db", str(db), "--since", "2030"])
    assert out.exit_code == 1 and "no stored event between two known actors" in out.output
    for bad in (["--min-events", "0"], ["--format", "csv"], ["--code", "999"], ["--actor", "XXQ"],
                ["--since", "2024-13"]):
        out = run(cli, ["network", "--db", str(db), *bad])
        assert out.exit_code == 2, bad
    assert "'--code'" in run(cli, ["network", "--db", str(db), "--code", "999"]).output


def test_demo_china_and_russia_aligned_against_the_us_and_nato(demo_db):
    net = api.network(demo_db, since="2023", until="2024")
    assert edge_table(net) == {
        ("CHN", "USA"): (6, 3, 3, -1.3, "020 030 050 112 120 1312"),
        ("RUS", "CHN"): (5, 5, 0, 19.8, "031 0312 036 042 050"),
        ("RUS", "USA"): (5, 2, 3, -3.4, "020 030 112 120 130"),
        ("CHN", "RUS"): (4, 4, 0, 14.9, "031 0312 040 050"),
        ("CHN", "NATO"): (3, 1, 2, -3.0, "020 111 120"),
        ("RUS", "NATO"): (3, 1, 2, -3.0, "020 111 120")}
    # seven joint acts (five in Beijing 2024, two in Moscow 2023), the same stance toward the US and NATO
    assert [tuple(r) for r in net.alignment.itertuples(index=False)] == [("CHN", "RUS", 7, 2, 0, 9)]
    assert net.communities == [["CHN", "RUS"], ["NATO"], ["USA"]]
    beijing = api.network(demo_db, since="2024", until="2024")  # the 2024 statement: conflict only
    assert all(beijing.graph.edges[s, t]["conflict"] > 0 and beijing.graph.edges[s, t]["cooperation"] == 0
               for s in ("CHN", "RUS") for t in ("USA", "NATO"))
    everything = api.network(demo_db)  # with every demo article: still together, still aligned first
    member = everything.nodes.set_index("key")["community"]
    assert member["CHN"] == member["RUS"] != member["USA"]
    assert everything.alignment.iloc[0][["a", "b"]].tolist() == ["CHN", "RUS"]
