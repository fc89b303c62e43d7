"""The ingest progress bar: a cheap count of the inputs first, so the bar has a total, a rate and an ETA."""
from __future__ import annotations

import sys

class Progress:
    """A tqdm bar on stderr with a total (grown when the count fell short); silent when not `shown`.
    `tick(source, outcome)` is the `progress` callback of api.ingest."""

    def __init__(self, paths: list, shown: bool, verbose: bool = False):
        from tqdm import tqdm

        from dyads.api import count_inputs

        self.verbose = verbose
        total = count_inputs(paths) if shown else None
        self.bar = tqdm(total=total, unit=" inputs", file=sys.stderr, disable=not shown, dynamic_ncols=True,
                        mininterval=0.2)

    def tick(self, source: str, outcome: str) -> None:
        if self.bar.total is not None and self.bar.n >= self.bar.total:
            self.bar.total = self.bar.n + 1
        self.bar.update(1)
        self.bar.set_postfix_str(outcome, refresh=False)
        if self.verbose:
            self.bar.write(f"{outcome}: {source}", file=sys.stderr)
            sys.stderr.flush()

    def close(self) -> None:
        self.bar.close()


def wanted(progress: bool | None) -> bool:
    """The bar is shown when stderr is a terminal, unless --progress/--no-progress says otherwise."""
    return sys.stderr.isatty() if progress is None else progress

