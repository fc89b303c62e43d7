"""Option decorators shared by several commands."""
from __future__ import annotations

import click

from dyads.api import DEFAULT_DB

db_option = click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="DYADS_DB",
                         type=click.Path(dir_okay=False), help="DuckDB database file (env DYADS_DB).")
max_size_option = click.option("--max-size", "max_mb", default=20.0, show_default=True, type=click.FloatRange(min=0.001),
                               help="Largest input file to read, in MB; larger ones are reported as failures.")
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
nlp_option = click.option("--nlp/--no-nlp", default=True, show_default=True,
                          help="Run the NLP stages (actors, ...) after extraction.")
dictionary_option = click.option("--dictionary", "dictionaries", multiple=True,
                                 type=click.Path(exists=True, dir_okay=False),
                                 help="A CAMEO/PETRARCH actor or agent dictionary that extends the KB (repeatable).")
workers_option = click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
                              help="Processes for the NLP stages; each loads its own model.")
