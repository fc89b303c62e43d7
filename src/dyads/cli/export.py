"""`dyads export`: the stored events as CSV, JSON Lines, Parquet, GDELT 2.0 columns or PLOVER JSON Lines."""
from __future__ import annotations

import sys

import click

from dyads import api
from dyads.cli.options import call, db_option, event_filter_options


@click.command("export")
@db_option
@click.option("--format", "fmt", default="csv", show_default=True, type=click.Choice(api.EXPORT_FORMATS),
              help="csv, jsonl, parquet (typed columns), gdelt (GDELT 2.0 event columns, tab-separated) or "
                   "plover (PLOVER JSON Lines).")
@click.option("--output", "-o", default="-", show_default=True, metavar="FILE|-",
              help="The file to write ('-': standard output; parquet needs a file).")
@click.option("--no-header", "no_header", is_flag=True, help="csv and gdelt without the header row (GDELT's layout).")
@event_filter_options
@click.option("--clusters", is_flag=True, help="One row per event reported across articles: its first report.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
def export(db, fmt, output, no_header, actor, dyad, group, code, since, until, min_confidence, clusters, limit) -> None:
    """Write the stored events, under the filters of `dyads events`, to FILE or standard output.

    Prints "exported N events to FILE" on stderr. Exit status: 0 when some event matches, 1 when none does
    (the file is still written, with its header or schema), 2 for a usage error.
    """
    rows = call(api.export, db, output, format=fmt, header=not no_header, actor=actor, dyad=dyad, group=group, code=code,
                since=since, until=until, min_confidence=min_confidence, clusters=clusters, limit=limit)
    where = "standard output" if output == "-" else output
    click.echo(f"exported {rows} events to {where}", err=True)
    if not rows:
        click.echo("no stored event matches these filters", err=True)
        sys.exit(1)
