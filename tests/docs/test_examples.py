"""The worked examples of the docs are run and their output compared, as written.

Every fenced block marked `console` in docs/*.md is a session: lines starting with `$ ` are commands, the
lines after each (up to the next command) its standard output. The commands run in a shell, in a fresh
folder where `demo.duckdb` is the demo database (the `demo_db` fixture) and `dyads` is this checkout's; so
the docs show real output of the demo data and cannot drift from it.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def sessions() -> list:
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for n, block in enumerate(BLOCK.findall(page.read_text())):
            found.append(pytest.param(page.name, block, id=f"{page.stem}-{n + 1}"))
    return found


def steps(block: str) -> list[tuple[str, str]]:
    pairs: list[list] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append([line[2:], []])
        elif pairs:
            pairs[-1][1].append(line)
    return [(command, "\n".join(lines)) for command, lines in pairs]


FLOAT = re.compile(r"-?\d+\.\d{10,}")


def _tidy(text: str) -> str:
    """Trailing blanks dropped; long floats to 9 decimals (DuckDB's parallel sums may differ in the last digit)."""
    text = FLOAT.sub(lambda m: f"{float(m.group()):.9f}", text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


@pytest.mark.parametrize("page, block", sessions())
def test_worked_example(page, block, demo_db, tmp_path):
    shutil.copy(demo_db, tmp_path / "demo.duckdb")  # a copy: an example may not change the shared one
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", COLUMNS="200")
    for command, expected in steps(block):
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert _tidy(done.stdout) == _tidy(expected), f"{page}: $ {command}\n{done.stderr}"
