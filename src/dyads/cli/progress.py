"""The ingest progress bar: a cheap count of the inputs first, so the bar has a total, a rate and an ETA."""
from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable

LINE_EXT = (".jsonl", ".ndjson", ".jl")  # one article per line: counted by lines
MAX_LINE_COUNT_BYTES = 64 * 1024 * 1024  # larger JSON Lines files count as one input (reading them costs)


def count_inputs(paths: Iterable) -> int:
    """About how many inputs `paths` hold, by a walk that only stats: one per file (a JSON Lines file
    up to 64 MB: one per line), one per URL or '-'. Never opens anything but regular JSON Lines files."""
    total = 0
    for path in paths:
        if not isinstance(path, (str, os.PathLike)) or path == "-" or str(path).startswith(("http://", "https://")):
            total += 1  # standard input, a URL, or a Failure of the URL list
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                total += sum(_weight(os.path.join(root, name)) for name in files if not name.startswith("."))
        else:
            total += _weight(str(path))
    return total


def _weight(path: str) -> int:
    try:
        info = os.stat(path)
    except OSError:
        return 1  # reported as a failure: one tick
    if not stat.S_ISREG(info.st_mode):
        return 1
    if not path.lower().endswith(LINE_EXT) or info.st_size > MAX_LINE_COUNT_BYTES:
        return 1
    try:
        with open(path, "rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 1
    return max(1, lines)


class Progress:
    """A tqdm bar on stderr with a total (grown when the count fell short); silent when not `shown`.
    `tick(source, outcome)` is the `progress` callback of api.ingest."""

    def __init__(self, paths: list, shown: bool, verbose: bool = False):
        from tqdm import tqdm

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

