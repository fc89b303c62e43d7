"""`dyads events`: the stored events, filtered."""
from __future__ import annotations

import json
import sys

import click

from dyads import api
from dyads.cli.format import print_table, shorten
from dyads.cli.options import call, db_option, event_filter_options


@click.command()
@db_option
@event_filter_options
@click.option("--clusters", is_flag=True, help="One row per event reported across articles, with mention counts.")
@click.option("--explain", is_flag=True, help="Show why each event was coded: sentence, pattern, spans, date, place.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event (docs/record.md).")
def events(db, actor, dyad, group, code, since, until, min_confidence, clusters, explain, limit, as_json) -> None:
    """Coded events: who did what to whom, when and where.

    Exit status: 0 when some event matches, 1 when none does, 2 for a usage error (an unknown actor or
    code, a day that is not YYYY[-MM[-DD]]).
    """
    rows = call(api.events, db, actor=actor, dyad=dyad, group=group, code=code, since=since, until=until,
                min_confidence=min_confidence, clusters=clusters, limit=limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif clusters:
        print_table([[r["date"] or "", r["source"]["code"] or "", r["code"], r["target"]["code"] or "",
                      shorten(r["name"], 30), r["documents"], r["mentions"], shorten(r["sentence"], 60)] for r in rows],
                    ["date", "source", "code", "target", "event", "docs", "mentions", "sentence"])
        click.echo(f"{len(rows)} event cluster(s)")
    elif explain:
        for r in rows:
            _explain(r)
        click.echo(f"{len(rows)} event(s)")
    else:
        print_table([[r["date"] or "", r["source"]["code"] or "", r["code"], r["target"]["code"] or "",
                      shorten(r["name"], 30), (r["place"] or {}).get("key") or "",
                      f"{r['provenance']['confidence']:.2f}", shorten(r["sentence"], 60)] for r in rows],
                    ["date", "source", "code", "target", "event", "place", "conf", "sentence"])
        click.echo(f"{len(rows)} event(s)")
    if not rows:
        click.echo("no stored event matches these filters", err=True)
        sys.exit(1)


def _explain(r: dict) -> None:
    prov, src, tgt = r["provenance"], r["source"], r["target"]
    date, place = r["date_info"] or {}, r["place"] or {}
    click.echo(f"{r['date'] or '?'} {src['code']} --{r['code']} {r['name']}--> {tgt['code']}"
               f"  [{r['mode']}, confidence {prov['confidence']}]")
    click.echo(f"  sentence ({r['segment']} #{r['sentence_index']}): {r['sentence']}")
    click.echo(f"  source: {src['name']} at {prov['source_span']}; predicate: {prov['predicate']!r} at "
               f"{prov['predicate_span']}; target: {tgt['name']} at {prov['target_span']}")
    click.echo(f"  pattern {prov['pattern']}; date {r['date']} ({date.get('precision')}, from {date.get('source')}); "
               f"place {place.get('name') or '-'} ({place.get('key') or '-'}); tone {r['tone']}")
    click.echo(f"  document {r['document_id']}: {r['document_title']}")
