"""`dyads series`: per-period event series of an actor, a dyad or a group."""
from __future__ import annotations

import json
import sys

import click

from dyads import api
from dyads.cli.options import Day, call, db_option


@click.command()
@db_option
@click.option("--actor", default=None, metavar="KEY|CODE", help="Events with this actor on either side.")
@click.option("--dyad", default=None, metavar="SOURCE,TARGET", help="This directed dyad, keys or codes, e.g. RUS,USA.")
@click.option("--group", default=None, metavar="A+B,C", help="Any of the sources toward any of the targets: CHN+RUS,USA.")
@click.option("--by", default="month", show_default=True, type=click.Choice(["day", "week", "month", "quarter"]))
@click.option("--since", default=None, type=Day(), metavar="DAY", help="Events dated on or after YYYY[-MM[-DD]].")
@click.option("--until", default=None, type=Day(), metavar="DAY", help="Events dated on or before YYYY[-MM[-DD]].")
@click.option("--min-confidence", default=api.DEFAULT_MIN_CONFIDENCE, show_default=True, type=click.FloatRange(0, 1))
@click.option("--by-root", is_flag=True, help="Add one count column per CAMEO root (root_01 .. root_20).")
@click.option("--mentions", is_flag=True, help="Count every report, not each cluster (real-world event) once.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per period.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
def series(db, actor, dyad, group, by, since, until, min_confidence, by_root, mentions, as_json, as_csv) -> None:
    """Per-period event counts, Goldstein sum and mean, QuadClass shares, mean tone and articles.

    Exit status: 0 when some event matches, 1 when none does, 2 for a usage error.
    """
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    frame = call(api.series, db, actor=actor, dyad=dyad, group=group, by=by, since=since, until=until,
                 min_confidence=min_confidence, by_root=by_root, mentions=mentions)
    if not frame.empty:
        frame["period"] = frame["period"].dt.strftime("%Y-%m-%d")
    if as_csv:
        click.echo(frame.to_csv(index=False, float_format="%.10g"), nl=False)  # sums in any order print alike
    elif as_json:
        for row in frame.to_dict(orient="records"):
            click.echo(json.dumps({k: (None if v != v else v) for k, v in row.items()}, default=float))
    elif not frame.empty:
        click.echo(frame.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    if frame.empty:
        click.echo("no stored event matches these filters", err=True)
        sys.exit(1)
