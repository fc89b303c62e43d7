"""Reading the KB's TSV data files in tests: a '# version ...' line, a header, then rows."""
import csv
from pathlib import Path


def read_tsv(path: Path) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """Return (first line, header, [(line number, row)]) of a data TSV."""
    with path.open(encoding="utf-8", newline="") as fh:
        first = fh.readline()
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = [(n, row) for n, row in enumerate(reader, start=3)]
    return first, header, rows
