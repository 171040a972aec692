"""Benchmark of the curators' build at full-book size, run by hand (README "Benchmarks").

    python tests/benchmarks/bench_build.py [--times 5]

Writes a synthetic dataset ``--times`` as large as ``data/`` (each copy's ids,
names and references suffixed, so every copy is valid on its own and none
collides with another), then times the full build with validation and lint,
and the canonical-form check, against the same for ``data/`` itself.
Target (workbench issue): the full build at five times the data in 10 s or less.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from stalin_japan_china.curate import building, reading
from stalin_japan_china.curate.formatting import canonical_text, format_tree

ROOT = Path(__file__).resolve().parents[2]
SLUG_KEYS = {"id", "actor", "place", "source", "subject", "object", "claimed_by", "event", "to"}
ROW_KEYS = {"participant", "relation"}


def _suffix_slug(value: str, k: int) -> str:
    return f"{value}-x{k}"


def _suffix_row(value: str, k: int, kind: str) -> str:
    """participant ids are event/actor/role[/key]; relation ids subject/predicate/object[/key]."""
    parts = value.split("/")
    for i in (0, 1) if kind == "participant" else (0, 2):
        parts[i] = _suffix_slug(parts[i], k)
    return "/".join(parts)


def _suffix_any(value: str, k: int, kinds: dict[str, str]) -> str:
    """Any target id (slug, participant or relation id, or evidence id target@key)."""
    target, at, key = value.partition("@")
    kind = kinds.get(target)
    new = _suffix_row(target, k, kind) if kind else _suffix_slug(target, k)
    return new + at + key


def _copy(record, k: int, table: str):
    if isinstance(record, list):
        return [_copy(r, k, table) for r in record]
    if not isinstance(record, dict):
        return record
    out = {}
    for key, value in record.items():
        if (
            key in SLUG_KEYS
            and isinstance(value, str)
            and not (table == "evidence" and key == "id")
        ):
            value = _suffix_slug(value, k) if "/" not in value and "@" not in value else value
        elif key in ROW_KEYS and isinstance(value, str):
            value = _suffix_row(value, k, key)
        elif key in ("name", "name_native") and table == "actors":
            value = f"{value} {k}"
        elif key == "aliases":
            value = [f"{a} {k}" for a in value]
        elif key in ("evidence", "participants"):
            value = _copy(value, k, "evidence" if key == "evidence" else table)
        out[key] = value
    return out


def synthesize(data: Path, out: Path, times: int) -> None:
    out.mkdir(parents=True)
    rows = reading.read_curated(data).rows
    kinds = {r["id"]: "participant" for r in rows["participants"]}
    kinds.update({r["id"]: "relation" for r in rows["relations"]})
    facts = reading.read_facts(data)
    explained = facts.get("lint_explained", [])
    facts["lint_explained"] = [
        {**e, "id": _suffix_any(e["id"], k, kinds)} for k in range(1, times + 1) for e in explained
    ]
    import yaml

    (out / reading.FACTS_FILE).write_text(yaml.safe_dump(facts, allow_unicode=True))
    registries = {}
    for name, table in reading.REGISTRIES.items():
        if (data / name).exists():
            registries[table] = reading.load_yaml(data / name) or {}
    for table, doc in registries.items():
        if table == "redirects":
            continue
        merged = [_copy(r, k, table) for k in range(1, times + 1) for r in doc.get(table, [])]
        (out / f"{table}.yaml").write_text(canonical_text({table: merged}, "", (table,)))
    for path in reading.section_files(data):
        doc = reading.load_yaml(path)
        for k in range(1, times + 1):
            name = path.name.replace("-", f"-x{k}-", 1) if "-" in path.name else f"x{k}-{path.name}"
            target = out / path.parent.name / name
            target.parent.mkdir(exist_ok=True)
            copy = {key: _copy(value, k, key) for key, value in doc.items() if key != "__line__"}
            target.write_text(canonical_text(copy, "", reading.SECTION_KEYS))


def timed(label: str, func) -> float:
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:6.2f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=5)
    args = parser.parse_args()
    data = ROOT / "data"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        synthetic = tmp / "data"
        synthesize(data, synthetic, args.times)
        lines = sum(len(p.read_text().splitlines()) for p in synthetic.rglob("*.yaml"))
        print(f"synthetic data: {args.times}x, {lines:,} YAML lines")
        timed("build, data/ (1x)", lambda: building.build(data, tmp / "o1", tmp / "s1"))
        timed("canonical-form check, data/ (1x)", lambda: format_tree(data, write=False))
        records = {}

        def build_synthetic():
            records.update(building.build(synthetic, tmp / "o5", tmp / "s5"))

        seconds = timed(f"build, synthetic ({args.times}x)", build_synthetic)
        timed(
            f"canonical-form check, synthetic ({args.times}x)",
            lambda: format_tree(synthetic, write=False),
        )
        print(
            f"  {len(records['evidence']):,} evidence rows; target <= 10 s: "
            f"{'met' if seconds <= 10 else 'MISSED'}"
        )
        shutil.rmtree(synthetic)


if __name__ == "__main__":
    main()
