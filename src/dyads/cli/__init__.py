"""Command line: parse options, call dyads.api, format output. No NLP or SQL here."""
