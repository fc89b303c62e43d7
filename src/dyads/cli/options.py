"""Option decorators, parameter types and the API call shared by several commands."""
from __future__ import annotations

import re

import click

from dyads import api
from dyads.api import DEFAULT_DB
from dyads.errors import DyadsError, UsageError


def call(fn, *args, **kwargs):
    """fn(*args, **kwargs); a UsageError exits 2 naming its option, any other DyadsError 1, with its message."""
    try:
        return fn(*args, **kwargs)
    except UsageError as err:
        raise click.BadParameter(err.reason, param_hint=f"'--{err.option.replace('_', '-')}'") from None
    except DyadsError as err:
        raise click.ClickException(str(err)) from None


class Day(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD, checked by the API's own rule; the text is passed on as given."""

    name = "day"

    def convert(self, value, param, ctx):
        try:
            api.check_day(value, param.name if param else "since")
        except UsageError as err:
            self.fail(err.reason, param, ctx)
        return value


def _language(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code):
        raise click.BadParameter(f"{value!r} is not an ISO 639-1 language code (two letters, e.g. en)")
    return code


db_option = click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="DYADS_DB",
                         type=click.Path(dir_okay=False), help="DuckDB database file (env DYADS_DB).")
max_size_option = click.option("--max-size", "max_mb", default=20.0, show_default=True, type=click.FloatRange(min=0.001),
                               help="Largest input file to read, in MB; larger ones are reported as failures.")
paths_argument = click.argument("paths", nargs=-1, required=False, type=click.Path(path_type=str, allow_dash=True))
urls_option = click.option("--urls", "urls_file", default=None, metavar="FILE",
                           type=click.Path(exists=True, dir_okay=False, path_type=str, allow_dash=True),
                           help="Also fetch the URLs listed in FILE ('-': stdin), one per line; PATHS may then be "
                                "left out.")
private_urls_option = click.option("--allow-private-urls", "private_urls", is_flag=True,
                                   help="Fetch URLs on loopback and private network addresses too (refused by "
                                        "default: trafilatura's SSRF protection).")
language_option = click.option("--language", default=None, metavar="CODE", callback=_language,
                               help="Take every article to be in this language (ISO 639-1, e.g. en) instead of "
                                    "identifying it; the NLP stages code English articles only.")
nlp_option = click.option("--nlp/--no-nlp", default=True, show_default=True,
                          help="Run the NLP stages (actors, ...) after extraction.")
dictionary_option = click.option("--dictionary", "dictionaries", multiple=True,
                                 type=click.Path(exists=True, dir_okay=False),
                                 help="A CAMEO/PETRARCH actor, agent or verb dictionary: extends the KB or the patterns (repeatable).")
workers_option = click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1, max=256),
                              help="Processes for extraction and the NLP stages; each loads its own model.")


def event_filter_options(fn):
    """The filters of `dyads events` shared with the commands that take the same events (`dyads export`):
    --actor, --dyad, --group, --code, --since, --until, --min-confidence. Each command adds its own --clusters and
    --limit, whose output differs."""
    options = [
        click.option("--actor", default=None, metavar="KEY|CODE",
                     help="Events with this actor on either side: a key (USA, EU) or a code as the table shows it "
                          "(USAGOV)."),
        click.option("--dyad", default=None, metavar="SOURCE,TARGET",
                     help="Only this directed dyad, keys or codes, e.g. RUS,USA or UKRGOV,RUS."),
        click.option("--group", default=None, metavar="A+B,C",
                     help="Any of the sources acting on any of the targets, e.g. CHN+RUS,USA."),
        click.option("--code", default=None, help="CAMEO root or full event code, e.g. 04 or 0411."),
        click.option("--since", default=None, type=Day(), metavar="DAY", help="Events dated on or after YYYY[-MM[-DD]]."),
        click.option("--until", default=None, type=Day(), metavar="DAY", help="Events dated on or before YYYY[-MM[-DD]]."),
        click.option("--min-confidence", default=api.DEFAULT_MIN_CONFIDENCE, show_default=True,
                     type=click.FloatRange(0, 1), help="Leave out events below this confidence (0 keeps every stored "
                                                       "event)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn
