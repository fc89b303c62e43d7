"""`dyads serve`: the read-only dashboard over one database (docs/dashboard.md)."""
from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from dyads import api
from dyads.cli.options import call, db_option

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# connections plus requests in flight before uvicorn answers 503 and closes: each keep-alive client with a
# request under way counts twice, so 256 lets about a hundred browsers' tabs work at once
CONCURRENCY = 256


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address lets other machines read the database.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the dashboard (timelines, stance shift, network, events, annotated articles) at
    http://HOST:PORT/, reading the database read-only. Stop it with Ctrl-C.

    Exit status: 0 after Ctrl-C, 1 when the database is missing or the port is taken, 2 for usage errors.
    """
    import uvicorn

    from dyads.web import create_app

    if not Path(db).is_file():
        raise click.ClickException(f"{db}: no such database (run `dyads ingest` first)")
    call(api.articles, db, 1)  # a file DuckDB cannot read is refused now, not at the first page
    local = _is_loopback(host)
    if not local:
        click.echo(f"warning: listening on {host}: other machines can read {db}", err=True)
    app = create_app(db, hosts=["127.0.0.1", "localhost"] if local and host != "::1" else None)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"dyads dashboard on http://{shown}:{port}/ (database {db}, read-only); Ctrl-C stops it", err=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                            h11_max_incomplete_event_size=16 * 1024, limit_concurrency=CONCURRENCY)
    server = uvicorn.Server(config)
    server.run()
    if not server.started:
        raise click.ClickException(f"could not listen on {shown}:{port} (is the port taken?)")
