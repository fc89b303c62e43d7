"""The actor network: actors as nodes, what they did to each other as weighted directed edges, the pairs that
act alike (alignment) and the communities they form. SQL over the store, networkx for the graph.

- Events: the stored-event filters of `dyads events` (actor on either side, code, since, until,
  min_confidence), between two known actors (`source_key` and `target_key` both set, neither CAMEO's `---`
  (no country), and different).
  A cluster (one real-world event reported by several articles) counts once, its first report, unless
  `mentions`. Actors are keys: the only events in the demo with a code but no key name a role alone
  (`GOV`, no country), so codes are not used as a fallback.
- Edge source -> target: `events`, `cooperation` (QuadClass 1-2), `conflict` (3-4), `goldstein_sum`,
  `goldstein_mean`, `codes` (the distinct CAMEO codes, space-separated). Edges with fewer than `min_events`
  events are dropped, with the actors left without an edge; alignment and communities use the kept edges.
- Alignment of a pair A, B (A < B): `joint`, the statements in which both are sources of the same code toward
  the same target in one sentence (one per target: "China and Russia accused the US and NATO" is two; with
  clusters, one per pair of the two actors' clusters, so repeated reports of one joint act count once);
  `same_stance` / `opposed_stance`, the third actors C that both act on with Goldstein means toward C of the
  same sign / of opposite signs (a mean of 0 is neither); `score` = joint + same_stance - opposed_stance.
- Communities: greedy modularity (networkx, deterministic) on an undirected graph over the nodes whose weight
  between A and B is the cooperation count of each cooperative edge between them (A->B, B->A, Goldstein mean
  above 0) plus max(score, 0). A conflict edge (mean 0 or below) adds nothing, not even its cooperative
  events, and subtracts nothing: it never pulls two actors together. Largest first; `community` on each node
  is the index in that list.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from dyads.analysis.frames import records
from dyads.errors import UsageError
from dyads.storage.filters import DEFAULT_MIN_CONFIDENCE, check_filters, conditions

EDGE_COLUMNS = ["source", "target", "events", "cooperation", "conflict", "goldstein_sum", "goldstein_mean", "codes"]
ALIGNMENT_COLUMNS = ["a", "b", "joint", "same_stance", "opposed_stance", "score"]
NODE_COLUMNS = ["key", "name", "events_out", "events_in", "community"]
UNKNOWN = "---"  # CAMEO's placeholder for no country (---CVL: civilians of nowhere in particular): not an actor


@dataclass
class Network:
    """The graph and its tables: `nodes`, `edges` (strongest first), `alignment` (highest score first) and
    `communities` (lists of actor keys, largest first)."""

    graph: nx.DiGraph
    nodes: pd.DataFrame
    edges: pd.DataFrame
    alignment: pd.DataFrame
    communities: list[list[str]]

    @property
    def empty(self) -> bool:
        return self.edges.empty

    def to_dict(self) -> dict:
        """Plain JSON-able values: {nodes, edges, alignment, communities}, NaN as None."""
        return {"nodes": records(self.nodes), "edges": records(self.edges),
                "alignment": records(self.alignment), "communities": [list(c) for c in self.communities]}

    def export(self, fmt: str) -> str:
        """The graph as GraphML, GEXF or JSON (networkx node-link) text."""
        if fmt == "graphml":
            return "\n".join(nx.generate_graphml(self.graph)) + "\n"
        if fmt == "gexf":
            return "\n".join(nx.generate_gexf(self.graph)) + "\n"
        if fmt == "json":
            return json.dumps(nx.node_link_data(self.graph, edges="edges"), ensure_ascii=False) + "\n"
        raise UsageError("format", f"{fmt!r} is not one of graphml, gexf, json")


def check_min_events(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError("min_events", f"{value!r} is not a whole number of at least 1")
    return value


def network(con, since=None, until=None, min_confidence=DEFAULT_MIN_CONFIDENCE, actor=None, code=None,
            mentions=False, min_events=1) -> Network:
    """The network of the matching events between known actors; see the module for every definition."""
    min_events = check_min_events(min_events)
    cond, args = conditions(con, check_filters(actor=actor, code=code, since=since, until=until,
                                               min_confidence=min_confidence))
    reports = (f"SELECT * FROM events WHERE {cond} AND source_key IS NOT NULL AND target_key IS NOT NULL "
               f"AND source_key <> target_key AND '{UNKNOWN}' NOT IN (source_key, target_key)")
    once = "" if mentions else "QUALIFY row_number() OVER (PARTITION BY cluster_seq ORDER BY date_day, id_key) = 1"
    ctes = (f"WITH m AS ({reports}), e AS (SELECT * FROM m {once}), "
            f"g AS (SELECT source_key AS source, target_key AS target, count(*) AS events, "
            f"count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            f"count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, round(sum(goldstein), 6) AS goldstein_sum, "
            f"round(avg(goldstein), 6) AS goldstein_mean, string_agg(DISTINCT code, ' ' ORDER BY code) AS codes "
            f"FROM e GROUP BY source_key, target_key HAVING count(*) >= ?) ")
    args = args + [min_events]
    edges = con.execute(ctes + "SELECT * FROM g ORDER BY events DESC, abs(goldstein_sum) DESC, source, target",
                        args).df()
    edges = edges.reindex(columns=EDGE_COLUMNS)
    for column in ("events", "cooperation", "conflict"):
        edges[column] = edges[column].astype("int64")
    alignment = _alignment(con, ctes, args, mentions)
    nodes = _nodes(con, edges)
    communities = _communities(nodes["key"].tolist(), edges, alignment)
    member = {key: i for i, group in enumerate(communities) for key in group}
    nodes["community"] = nodes["key"].map(member).astype("int64")
    return Network(_graph(nodes, edges), nodes.reindex(columns=NODE_COLUMNS), edges, alignment, communities)


def _alignment(con, ctes: str, args: list, mentions: bool) -> pd.DataFrame:
    """joint (statements shared as sources), same_stance and opposed_stance (third actors), score."""
    statement = ("x.document_id, x.segment, x.sentence_index, x.code, x.target_key" if mentions
                 else "x.cluster_id, y.cluster_id")
    kept = "k AS (SELECT m.* FROM m JOIN g ON m.source_key = g.source AND m.target_key = g.target) "
    joint = con.execute(
        ctes + ", " + kept + f"SELECT x.source_key AS a, y.source_key AS b, count(DISTINCT ({statement})) AS joint "
        "FROM k x JOIN k y ON x.document_id = y.document_id AND x.segment = y.segment "
        "AND x.sentence_index = y.sentence_index AND x.code = y.code AND x.target_key = y.target_key "
        "AND x.source_key < y.source_key GROUP BY x.source_key, y.source_key", args).df()
    stance = con.execute(
        ctes + "SELECT x.source AS a, y.source AS b, "
        "count(*) FILTER (WHERE sign(x.goldstein_mean) * sign(y.goldstein_mean) > 0) AS same_stance, "
        "count(*) FILTER (WHERE sign(x.goldstein_mean) * sign(y.goldstein_mean) < 0) AS opposed_stance "
        "FROM g x JOIN g y ON x.target = y.target AND x.source < y.source GROUP BY x.source, y.source", args).df()
    frame = joint.merge(stance, on=["a", "b"], how="outer").reindex(columns=ALIGNMENT_COLUMNS)
    for column in ("joint", "same_stance", "opposed_stance"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["score"] = frame["joint"] + frame["same_stance"] - frame["opposed_stance"]
    frame = frame[(frame["joint"] > 0) | (frame["same_stance"] > 0) | (frame["opposed_stance"] > 0)]
    frame = frame.sort_values(["score", "joint", "a", "b"], ascending=[False, False, True, True])
    return frame.reset_index(drop=True)


def _nodes(con, edges: pd.DataFrame) -> pd.DataFrame:
    out = edges.groupby("source")["events"].sum()
    into = edges.groupby("target")["events"].sum()
    keys = sorted(set(out.index) | set(into.index))
    names = _names(con, keys)
    return pd.DataFrame({"key": keys, "name": [names[k] for k in keys],
                         "events_out": [int(out.get(k, 0)) for k in keys],
                         "events_in": [int(into.get(k, 0)) for k in keys]})


def _names(con, keys: list[str]) -> dict[str, str]:
    """The knowledge base's name of each key; else the name the store gives it most often (the actor itself,
    without a role, first)."""
    from dyads.kb import load_kb

    kb = load_kb()
    names = {k: (kb.states.get(k) or kb.orgs.get(k)).name for k in keys if k in kb.states or k in kb.orgs}
    rest = [k for k in keys if k not in names]
    if rest:
        rows = con.execute(
            "SELECT key, name FROM (SELECT source_key AS key, source_name AS name, source_role AS role FROM events "
            "UNION ALL SELECT target_key, target_name, target_role FROM events) "
            "WHERE key IN (SELECT unnest(?)) AND name IS NOT NULL AND name <> '' "
            "GROUP BY key, name ORDER BY key, count(*) FILTER (WHERE role IS NULL) DESC, count(*) DESC, name",
            [rest]).fetchall()
        for key, name in rows:
            names.setdefault(key, name)
    return {k: names.get(k, k) for k in keys}


def community_weights(keys: list[str], edges: pd.DataFrame, alignment: pd.DataFrame) -> nx.Graph:
    """The undirected graph of the communities: the cooperation of the cooperative edges (Goldstein mean above 0)
    both ways, plus the positive alignment score; a conflict edge adds nothing."""
    graph = nx.Graph()
    graph.add_nodes_from(keys)
    weight: dict[tuple[str, str], float] = {}
    for row in edges[edges["goldstein_mean"] > 0].itertuples():
        pair = tuple(sorted((row.source, row.target)))
        weight[pair] = weight.get(pair, 0) + row.cooperation
    for row in alignment.itertuples():
        weight[(row.a, row.b)] = weight.get((row.a, row.b), 0) + max(row.score, 0)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weight.items() if w > 0)
    return graph


def _communities(keys: list[str], edges: pd.DataFrame, alignment: pd.DataFrame) -> list[list[str]]:
    if not keys:
        return []
    found = nx.community.greedy_modularity_communities(community_weights(keys, edges, alignment), weight="weight")
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def _graph(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.DiGraph:
    """Attributes as GraphML and GEXF take them: str, int, float (no None, no lists)."""
    graph = nx.DiGraph()
    for row in nodes.itertuples():
        graph.add_node(row.key, name=str(row.name), events_out=int(row.events_out), events_in=int(row.events_in),
                       community=int(row.community))
    for row in edges.itertuples():
        graph.add_edge(row.source, row.target, events=int(row.events), cooperation=int(row.cooperation),
                       conflict=int(row.conflict), goldstein_sum=float(row.goldstein_sum),
                       goldstein_mean=float(row.goldstein_mean), codes=str(row.codes))
    return graph

