"""`dyads shift`: the stance shift of an actor, a dyad or a group between two windows or two documents."""
from __future__ import annotations

import json
import math
import sys

import click

from dyads import api
from dyads.cli.format import print_table, shorten
from dyads.cli.options import call, db_option


@click.command()
@db_option
@click.option("--actor", default=None, metavar="KEY|CODE", help="Events with this actor on either side.")
@click.option("--dyad", default=None, metavar="SOURCE,TARGET", help="This directed dyad, keys or codes, e.g. RUS,USA.")
@click.option("--group", default=None, metavar="A+B,C", help="Any of the sources toward any of the targets: CHN+RUS,USA.")
@click.option("--before", default=None, metavar="DAY:DAY", help="The first window, e.g. 2023:2023 or :2023-06.")
@click.option("--after", default=None, metavar="DAY:DAY", help="The second window, e.g. 2024:2024 or 2023-07:.")
@click.option("--docs", nargs=2, default=None, metavar="ID ID",
              help="Two documents instead of windows: ids, unique id prefixes or input names.")
@click.option("--min-confidence", default=api.DEFAULT_MIN_CONFIDENCE, show_default=True, type=click.FloatRange(0, 1))
@click.option("--mentions", is_flag=True, help="Count every report, not each cluster (real-world event) once.")
@click.option("--samples", default=2000, show_default=True, type=click.IntRange(100, 1_000_000),
              help="Bootstrap resamples for the interval of the Goldstein change.")
@click.option("--seed", default=0, show_default=True, type=click.IntRange(min=0), help="Seed of the bootstrap.")
@click.option("--json", "as_json", is_flag=True, help="The whole result as one JSON object.")
def shift(db, actor, dyad, group, before, after, docs, min_confidence, mentions, samples, seed, as_json) -> None:
    """The stance shift between two windows (--before, --after) or two documents (--docs): a verdict, each
    window's figures, CAMEO root and QuadClass shares, targets and codes that appeared or vanished, and the
    sentences that carry the change.

    Exit status: 0 with a shift, 1 when neither window holds a matching event, 2 for a usage error.
    """
    result = call(api.shift, db, actor=actor, dyad=dyad, group=group, before=before, after=after,
                  docs=list(docs) if docs else None, min_confidence=min_confidence, mentions=mentions,
                  samples=samples, seed=seed)
    if result.empty:
        click.echo("no stored event matches these filters in either window", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    click.echo(result.verdict)
    click.echo()
    _windows(result)
    for frame, key in ((result.roots, "root"), (result.quads, "quad_class")):
        click.echo()
        kept = frame[(frame["before"].fillna(0) > 0) | (frame["after"].fillna(0) > 0)]
        print_table([[row[key], row["name"], _share(row["before"]), _share(row["after"]), _share(row["change"], True)]
                     for _, row in kept.iterrows()], ["root" if key == "root" else "quad", "name", "before", "after",
                                                      "change"])
    click.echo()
    for title, items in (("appeared", result.appeared), ("vanished", result.vanished)):
        shown = ", ".join(f"{i['kind']} {i['value']} ({i['events']})" for i in items)
        click.echo(f"{title}: {shown or '-'}")
    click.echo()
    if result.sentences.empty:
        click.echo("no sentence carries the change")
        return
    click.echo("sentences that carry the change:")
    print_table([[r.window, r.date or "-", r.source or "-", r.code, r.target or "-", f"{r.goldstein:+.1f}",
                  shorten(r.sentence, 70)] for r in result.sentences.itertuples()],
                ["window", "date", "source", "code", "target", "gold", "sentence"])


def _windows(result) -> None:
    rows = []
    for name, w in (("before", result.before), ("after", result.after)):
        rows.append([name, w.label, w.events, w.articles, _mean(w.goldstein_mean), _mean(w.tone_mean)])
    rows.append(["change", "", "", "", _mean(result.goldstein_change), _mean(result.tone_change)])
    print_table(rows, ["window", "label", "events", "articles", "goldstein_mean", "tone_mean"])


def _mean(x: float) -> str:
    return "-" if x is None or math.isnan(x) else f"{x:+.2f}"


def _share(x: float, signed: bool = False) -> str:
    if x is None or math.isnan(x):
        return "-"
    return f"{x:+.2f}" if signed else f"{x:.2f}"
