"""`dyads events`: the stored events, filtered."""
from __future__ import annotations

import json

import click

from dyads import api
from dyads.cli.format import print_table, shorten
from dyads.cli.options import db_option
from dyads.errors import DyadsError


def _call(fn, *args):
    try:
        return fn(*args)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None


@click.command()
@db_option
@click.option("--actor", default=None, help="Events with this key as source or target.")
@click.option("--dyad", default=None, metavar="SOURCE,TARGET", help="Only this directed dyad, e.g. RUS,USA.")
@click.option("--code", default=None, help="CAMEO code or root prefix, e.g. 112 or 04.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Events dated on or after this day.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Events dated on or before this day.")
@click.option("--min-confidence", default=api.DEFAULT_MIN_CONFIDENCE, show_default=True, type=click.FloatRange(0, 1),
              help="Leave out events below this confidence (0 shows every stored event).")
@click.option("--clusters", is_flag=True, help="One row per event reported across articles, with mention counts.")
@click.option("--explain", is_flag=True, help="Show why each event was coded: sentence, pattern, spans, date, place.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
def events(db, actor, dyad, code, since, until, min_confidence, clusters, explain, limit, as_json) -> None:
    """Coded events: who did what to whom, when and where."""
    source = target = None
    if dyad:
        parts = [p.strip().upper() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("expected SOURCE,TARGET", param_hint="--dyad")
        source, target = parts
    rows = _call(lambda: api.events(db, actor=actor.upper() if actor else None, source=source, target=target,
                                    code=code, since=since, until=until, min_confidence=min_confidence,
                                    clusters=clusters, limit=limit))
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if clusters:
        print_table([[r["date"] or "", r["source_key"] or "", r["code"], r["target_key"] or "", shorten(r["name"], 30),
                      r["documents"], r["mentions"], shorten(r["sentence"], 60)] for r in rows],
                    ["date", "source", "code", "target", "event", "docs", "mentions", "sentence"])
        click.echo(f"{len(rows)} event cluster(s)")
        return
    if explain:
        for r in rows:
            prov = json.loads(r["provenance"]) if isinstance(r["provenance"], str) else r["provenance"]
            click.echo(f"{r['date'] or '?'} {r['source_code']} --{r['code']} {r['name']}--> {r['target_code']}"
                       f"  [{r['mode']}, confidence {r['confidence']}]")
            click.echo(f"  sentence ({r['segment']} #{r['sentence_index']}): {r['sentence']}")
            click.echo(f"  source: {r['source_name']} at {prov['source_span']}; predicate: {prov['predicate']!r} at "
                       f"{prov['predicate_span']}; target: {r['target_name']} at {prov['target_span']}")
            click.echo(f"  pattern {prov['pattern']}; date {r['date']} ({r['date_precision']}, from {r['date_source']}); "
                       f"place {r['place_name'] or '-'} ({r['place_key'] or '-'}); tone {r['tone']}")
            click.echo(f"  document {r['document_id']}: {r['document_title']}")
        click.echo(f"{len(rows)} event(s)")
        return
    print_table([[r["date"] or "", r["source_code"] or "", r["code"], r["target_code"] or "", shorten(r["name"], 30),
                  r["place_key"] or "", f"{r['confidence']:.2f}", shorten(r["sentence"], 60)] for r in rows],
                ["date", "source", "code", "target", "event", "place", "conf", "sentence"])
    click.echo(f"{len(rows)} event(s)")
