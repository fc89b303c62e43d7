"""`dyads network`: actors as nodes, cooperation and conflict as weighted directed edges, alignment, communities."""
from __future__ import annotations

import sys

import click

from dyads import api
from dyads.cli.options import Day, call, db_option


def _table(net) -> str:
    """The edges (strongest first), the alignment pairs (highest score first) and the communities."""
    parts = ["edges (strongest first)", net.edges.to_string(index=False, float_format=lambda x: f"{x:.2f}"), "",
             "alignment (score = joint + same_stance - opposed_stance)",
             net.alignment.to_string(index=False) if not net.alignment.empty else "(no pair acts alike)", "",
             "communities (largest first)"]
    parts += [f"{i:>3}  {' '.join(group)}" for i, group in enumerate(net.communities)]
    return "\n".join(parts) + "\n"


@click.command()
@db_option
@click.option("--since", default=None, type=Day(), metavar="DAY", help="Events dated on or after YYYY[-MM[-DD]].")
@click.option("--until", default=None, type=Day(), metavar="DAY", help="Events dated on or before YYYY[-MM[-DD]].")
@click.option("--actor", default=None, metavar="KEY|CODE", help="Only events with this actor on either side.")
@click.option("--code", default=None, metavar="CODE", help="Only events of this CAMEO code or root (e.g. 11, 112).")
@click.option("--min-confidence", default=api.DEFAULT_MIN_CONFIDENCE, show_default=True, type=click.FloatRange(0, 1))
@click.option("--min-events", default=1, show_default=True, type=click.IntRange(min=1),
              help="Leave out edges with fewer events.")
@click.option("--mentions", is_flag=True, help="Count every report, not each cluster (real-world event) once.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "graphml", "gexf", "json"]),
              help="table: edges, alignment and communities as text; graphml, gexf, json (networkx node-link): "
                   "the graph.")
@click.option("--output", "-o", default="-", show_default=True, metavar="FILE", type=click.Path(dir_okay=False),
              help="Write to FILE ('-': standard output).")
def network(db, since, until, actor, code, min_confidence, min_events, mentions, fmt, output) -> None:
    """The actor network of the stored events between two known actors: edges source -> target with events,
    cooperation, conflict, Goldstein sum and mean and codes; alignment of pairs; communities.

    Exit status: 0 with an edge, 1 when no stored event between two known actors matches, 2 for a usage error.
    """
    net = call(api.network, db, since=since, until=until, min_confidence=min_confidence, actor=actor, code=code,
               mentions=mentions, min_events=min_events)
    if net.empty:
        click.echo("no stored event between two known actors matches these filters", err=True)
        sys.exit(1)
    text = _table(net) if fmt == "table" else net.export(fmt)
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(text)
