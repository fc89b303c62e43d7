"""`dyads` console script."""
from __future__ import annotations

import json
import sys

import click

from dyads import __version__, api
from dyads.cli.format import describe, print_table, shorten
from dyads.cli.options import (call, db_option, dictionary_option, language_option, max_size_option, nlp_option,
                               paths_argument, private_urls_option, urls_option, workers_option)
from dyads.errors import DyadsError
from dyads.model import Failure, to_record


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyads")
def cli() -> None:
    """dyads: who did what to whom, when and where, from the news."""


def _options(max_mb: float, nlp: bool = True, dictionaries: tuple[str, ...] = (), batch_size: int = 50,
             workers: int = 1, language: str | None = None, private_urls: bool = False) -> api.Options:
    """The run's Options from the flags; `language` forces every document's language (`--language`)."""
    extract = api.ExtractOptions(expected_language=language, force_language=language) if language \
        else api.ExtractOptions()
    # the NLP stages read English only: `--language fr` marks every article French, and so not coded
    pipeline = api.PipelineOptions(dictionaries=tuple(dictionaries))
    return api.Options(max_bytes=int(max_mb * 1024 * 1024), nlp=nlp, batch_size=batch_size, workers=workers,
                       extract=extract, pipeline=pipeline, fetch=api.FetchOptions(allow_private=private_urls))


def _with_dask(options: api.Options, address: str, folder: str | None, keep: bool) -> api.Options:
    from dataclasses import replace

    if click.get_current_context().get_parameter_source("workers").name == "COMMANDLINE":
        raise click.UsageError("--dask and --workers are exclusive: with --dask the cluster's workers run the NLP")
    return replace(options, dask=call(api.DaskOptions, address, folder, keep))


def _inputs(paths: tuple[str, ...], urls_file: str | None) -> list:
    """PATHS ('-' is stdin) and the URLs of --urls FILE, in that order (a bad line of FILE is a Failure in
    its place); a usage error when neither is given."""
    if not paths and not urls_file:
        raise click.UsageError("give one or more PATHS ('-' for standard input) or --urls FILE")
    if paths.count("-") + (urls_file == "-") > 1:
        raise click.UsageError("'-' (standard input) can be given only once, as a PATH or as --urls")
    inputs = list(paths)
    if urls_file:
        inputs.extend(call(api.read_url_list, urls_file))
    return inputs


def _nothing_found(paths: tuple[str, ...], urls_file: str | None) -> None:
    names = [*paths, *([f"--urls {urls_file}"] if urls_file else [])]
    click.echo(f"no inputs found under {', '.join(names)}", err=True)
    sys.exit(1)


@cli.command()
@paths_argument
@urls_option
@private_urls_option
@db_option
@max_size_option
@click.option("--batch-size", default=50, show_default=True, type=click.IntRange(min=1),
              help="Articles per transaction; a crash loses at most one batch, and a rerun resumes.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="One line per input on stderr: ingested, duplicate or failed.")
@nlp_option
@dictionary_option
@workers_option
@language_option
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Run extraction and NLP on a Dask cluster: a scheduler address (tcp://host:8786), or local:N "
                   "to start a LocalCluster of N processes (docs/scale.md). Not with --workers.")
@click.option("--dask-dir", metavar="DIR", default=None,
              help="Where the Dask workers write their Parquet partitions, in DIR/RUN_ID (a folder or an fsspec "
                   "URL such as s3://bucket/dir) [default: DB.dask].")
@click.option("--keep-parquet", is_flag=True, help="Keep the Dask workers' Parquet partitions after the merge.")
def ingest(paths: tuple[str, ...], urls_file: str | None, private_urls: bool, db: str, max_mb: float,
           batch_size: int, progress: bool | None, verbose: bool, nlp: bool, dictionaries: tuple[str, ...],
           workers: int, language: str | None, dask_address: str | None, dask_dir: str | None,
           keep_parquet: bool) -> None:
    """Extract and store every article under PATHS (files, folders, .jsonl, .warc[.gz], '-' for stdin)
    and at the URLs of --urls FILE.

    Exit status: 0 when every input went in (or was already stored), 1 when some failed or none was
    found, 2 for usage errors.
    """
    from dyads.cli.progress import Progress, wanted

    inputs = _inputs(paths, urls_file)
    options = _options(max_mb, nlp, dictionaries, batch_size, workers, language, private_urls)
    if dask_address is not None:
        options = _with_dask(options, dask_address, dask_dir, keep_parquet)
    elif dask_dir or keep_parquet:
        raise click.UsageError("--dask-dir and --keep-parquet go with --dask ADDRESS")
    bar = Progress(inputs, wanted(progress), verbose)
    try:
        report = api.ingest(inputs, db=db, options=options, progress=bar.tick)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    finally:
        bar.close()
    if report.empty:
        _nothing_found(paths, urls_file)
    counts = report.counts()
    skipped = f" ({report.not_coded.total} not coded: language)" if report.not_coded else ""
    where = f"run {report.run_id}, database {db}" if report.kept else f"nothing stored: database {db} not created"
    click.echo(f"ingested {counts['ingested']}{skipped}, duplicate {counts['duplicate']}, failed {counts['failed']} "
               f"({where})")
    for failure in report.failures:
        click.echo(f"  failed: {failure.source}: {failure.reason}", err=True)
    sys.exit(0 if report.ok else 1)


@cli.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def articles(db: str, limit: int | None, as_json: bool) -> None:
    """List stored articles: id, published, title, source."""
    rows = call(api.articles, db, limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    print_table([[r["id"][:12], r["published"] or "", shorten(r["title"] or "", 60), shorten(r["source"], 50)]
                 for r in rows], ["id", "published", "title", "source"])
    click.echo(f"{len(rows)} article(s)")


@cli.command()
@click.argument("doc_id")
@db_option
def show(doc_id: str, db: str) -> None:
    """Print the stored record of one article as JSON.

    DOC_ID is the id (or a prefix of at least 6 characters) or the input's name (file name or JSON Lines id).
    A prefix that several ids share is refused, naming them.
    """
    record = call(api.record, db, doc_id)
    if record is None:
        raise click.ClickException(f"no article with the id, name or id prefix {doc_id!r} in {db}")
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@cli.command()
@paths_argument
@urls_option
@private_urls_option
@max_size_option
@click.option("--json", "as_json", is_flag=True, help="One JSON record per article on stdout (see docs/record.md).")
@nlp_option
@dictionary_option
@workers_option
@language_option
def extract(paths: tuple[str, ...], urls_file: str | None, private_urls: bool, max_mb: float, as_json: bool,
            nlp: bool, dictionaries: tuple[str, ...], workers: int, language: str | None) -> None:
    """Extract articles under PATHS ('-' for stdin) and at the URLs of --urls FILE without storing them.

    Failures go to stderr with their reason; exit status 1 when any input failed or none was found,
    2 for usage errors.
    """
    inputs = _inputs(paths, urls_file)
    failed = seen = 0
    try:
        items = api.extract(inputs, _options(max_mb, nlp, dictionaries, workers=workers, language=language,
                                              private_urls=private_urls))
        for item in items:
            seen += 1
            if isinstance(item, Failure):
                failed += 1
                click.echo(f"failed: {item.source}: {item.reason}", err=True)
                continue
            if as_json:
                click.echo(json.dumps(to_record(item), ensure_ascii=False))
            else:
                click.echo(describe(item))
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if not seen:
        _nothing_found(paths, urls_file)
    sys.exit(1 if failed else 0)


@cli.command("code")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, allow_dash=True))
@click.option("--date", "when", default=None, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Date of sentences that carry none (anchors office-holders and relative dates).")
@click.option("--min-confidence", default=api.DEFAULT_MIN_CONFIDENCE, show_default=True, type=click.FloatRange(0, 1),
              help="Leave out events below this confidence.")
@click.option("--json", "as_json", is_flag=True, help="One JSON event per line (the record's event shape, plus 'input').")
@click.option("--tsv", "as_tsv", is_flag=True, help="Tab-separated: input, code, source, target, confidence, sentence.")
@dictionary_option
def code_command(paths: tuple[str, ...], when, min_confidence: float, as_json: bool, as_tsv: bool,
                 dictionaries: tuple[str, ...]) -> None:
    """Code sentences: plain lines or JSON Lines ({"id", "text", "date"}) from PATHS or stdin ('-').

    One event per line. Exit status: 0 when every line was read, 1 when some line failed or no event
    was found, 2 for usage errors.
    """
    if as_json and as_tsv:
        raise click.UsageError("--json and --tsv exclude each other")
    items, failed = [], 0
    for item in api.read_sentences(paths):
        if isinstance(item, Failure):
            failed += 1
            click.echo(f"failed: {item.source}: {item.reason}", err=True)
        else:
            items.append(item)
    try:
        found = api.code(items, date=when.date() if when else None, min_confidence=min_confidence,
                         dictionaries=dictionaries)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    rows = []
    for ev in found:
        if as_json:
            click.echo(json.dumps({"input": ev.document_id} | ev.as_record(), ensure_ascii=False, default=str))
        elif as_tsv:
            click.echo("\t".join([ev.document_id, ev.code, ev.source.code, ev.target.code, f"{ev.confidence:.2f}",
                                  " ".join(ev.sentence.split())]))
        else:
            rows.append([ev.document_id, ev.source.code or "-", ev.code, ev.target.code or "-", ev.name[:28],
                         f"{ev.confidence:.2f}", shorten(ev.sentence, 60)])
    if not as_json and not as_tsv:
        print_table(rows, ["input", "source", "code", "target", "event", "conf", "sentence"])
        click.echo(f"{len(found)} event(s) in {len(items)} sentence(s)", err=True)
    sys.exit(1 if failed or not found else 0)


@cli.command()
@db_option
@click.option("--key", default=None, help="Only this actor key (ISO alpha-3 or organisation acronym).")
@click.option("--role", default=None, help="Only this role code (GOV, MIL, MED, ...).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per actor.")
def actors(db: str, key: str | None, role: str | None, limit: int | None, as_json: bool) -> None:
    """Actors of the stored articles with their document and mention counts."""
    rows = call(api.actors, db, key.upper() if key else None, role.upper() if role else None, limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    print_table([[r["key"] or "-", r["role"] or "-", r["code"] or "-", shorten(r["name"], 40), r["kind"],
                  "" if r["in_kb"] else "new", r["documents"], r["mentions"]] for r in rows],
                ["key", "role", "code", "name", "kind", "kb", "docs", "mentions"])
    click.echo(f"{len(rows)} actor(s)")


@cli.group()
def kb() -> None:
    """The actor knowledge base."""


@kb.command("check")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Also load this CAMEO/PETRARCH actor or agent dictionary (repeatable).")
def kb_check(dictionaries: tuple[str, ...]) -> None:
    """Validate the KB: unique keys, valid ISO codes, members known, no overlapping terms of one office.

    Prints each problem and each warning (a dictionary line skipped on loading); exit status 1 when
    there are problems.
    """
    summary, problems, warnings = call(api.check_kb, dictionaries)
    click.echo(summary)
    for warning in warnings:
        click.echo(f"  warning: {warning}")
    for problem in problems:
        click.echo(f"  problem: {problem}")
    tail = f", {len(warnings)} warning(s)" if warnings else ""
    click.echo(("ok" if not problems else f"{len(problems)} problem(s)") + tail)
    sys.exit(1 if problems else 0)


from dyads.cli.analysis import series  # noqa: E402 - commands defined in their own modules
from dyads.cli.events import events  # noqa: E402

cli.add_command(events)
cli.add_command(series)
from dyads.cli.export import export  # noqa: E402
cli.add_command(export)
from dyads.cli.serve import serve  # noqa: E402
cli.add_command(serve)
from dyads.cli.shift import shift  # noqa: E402
cli.add_command(shift)
from dyads.cli.network import network  # noqa: E402
cli.add_command(network)


def main() -> None:
    cli(prog_name="dyads")


if __name__ == "__main__":
    main()
