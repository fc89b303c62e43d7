"""Imports point one way: model <- pipeline/components <- api <- cli and web; storage is used by api (and analysis,
SQL over it) only."""
import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dyads"

# package -> the dyads packages it must not import
FORBIDDEN = {
    "model": {"components", "pipeline", "storage", "api", "cli", "kb", "ontology", "io", "scale", "analysis"},
    "components": {"storage", "api", "cli", "pipeline", "scale"},
    "kb": {"components", "pipeline", "storage", "api", "cli"},
    "ontology": {"components", "pipeline", "storage", "api", "cli"},
    "io": {"components", "pipeline", "storage", "api", "cli"},
    "storage": {"components", "pipeline", "api", "cli", "scale"},
    "pipeline": {"storage", "api", "cli"},
    "cli": {"components", "pipeline", "storage", "kb", "ontology", "io", "scale"},  # web: `dyads serve` starts it
    "web": {"components", "pipeline", "storage", "kb", "ontology", "io", "scale", "analysis", "cli"},
    "analysis": {"components", "pipeline", "api", "cli", "web", "io", "scale"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dyads."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("dyads."))
    return found


def test_imports_point_one_way():
    problems = []
    for package, banned in FORBIDDEN.items():
        for path in (SRC / package).rglob("*.py"):
            bad = imported_packages(path) & banned
            if bad:
                problems.append(f"{path.relative_to(SRC)} imports {sorted(bad)}")
    assert not problems, problems


def test_modules_stay_small():
    big = [f"{p.relative_to(SRC)}: {n}" for p in SRC.rglob("*.py") if (n := len(p.read_text().splitlines())) > 520]
    assert not big, big
