"""Check labelled sentence files against training/GUIDELINE.md: valid JSON, known CAMEO codes, spans that
occur in the text, no duplicate sentences. Usage: python training/check_sentences.py FILE... (exit 1 on errors)."""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

CAMEO = Path(__file__).resolve().parents[1] / "src" / "dyads" / "ontology" / "data" / "cameo.tsv"


def known_codes() -> set[str]:
    lines = CAMEO.read_text(encoding="utf-8").splitlines()[2:]
    return {line.split("\t", 1)[0] for line in lines if line.strip()}


def problems(path: Path, codes: set[str], seen: dict[str, str]) -> list[str]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{n}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(f"{where}: not JSON ({exc})")
            continue
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            out.append(f"{where}: no text")
            continue
        words = len(text.split())
        if not 3 <= words <= 60:
            out.append(f"{where}: {words} words")
        code = row.get("code")
        if code is not None and (not isinstance(code, str) or code not in codes):
            out.append(f"{where}: unknown CAMEO code {code!r}")
        for side in ("source", "target"):
            span = row.get(side)
            if span is not None and (not isinstance(span, str) or span not in text):
                out.append(f"{where}: {side} {span!r} is not a substring of the text")
        if code is None and (row.get("source") or row.get("target")):
            out.append(f"{where}: a sentence with no event has no source or target")
        if not isinstance(row.get("tags", []), list):
            out.append(f"{where}: tags must be a list")
        key = " ".join(text.lower().split())
        if key in seen:
            out.append(f"{where}: duplicate of {seen[key]}")
        seen[key] = where
    return out


def main(argv: list[str]) -> int:
    codes = known_codes()
    seen: dict[str, str] = {}
    found = []
    counts = collections.Counter()
    for name in argv:
        path = Path(name)
        found.extend(problems(path, codes, seen))
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    code = json.loads(line).get("code")
                except json.JSONDecodeError:
                    continue
                counts[code[:2] if code else "none"] += 1
    for p in found:
        print(p)
    print("roots:", " ".join(f"{k}:{v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))))
    print(f"{sum(counts.values())} sentences, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
