"""Benchmark: `servicecatalog validate` at full provincial scale, against a parse-only floor.

    .venv/bin/python benchmarks/levels.py [--villages-per-township 9.75] [--repeat 3] [--keep DIR]

Builds a provincial catalog in a temporary folder: the 149 real items of the bundled catalog, the
real province, 9 prefecture-level and 60 county-level units, plus about 950 townships and 9,300
villages that are SYNTHETIC (generated names and codes, marked ``synthetic: true``), each region
implementing the items of its level — about 75,000 implementations in some 10,300 files. To give
villages and townships work of the size the real province has, six items that the reference
catalog runs at township level are also run at village level in this copy (its manifest says so).

Then it times, in the same run, best of --repeat:

* floor: every YAML file read and parsed with PyYAML's libyaml ``CSafeLoader`` in one process;
* validate: the ``servicecatalog validate`` command as a user runs it (process start included),
  with its peak memory (maximum resident set size).

and prints the ratio validate / floor. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import best_of, parse_only  # benchmarks are scripts, not a package

# Every file parsed, as before the parse cache: floors.py has the rows that keep parses.
os.environ["SERVICECATALOG_NO_CACHE"] = "1"

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "catalog"
TOWNSHIPS = 954
VILLAGE_LEVEL_EXTRA = 3  # township-level items also run at village level in this synthetic copy
HOURS = "周一至周五 8:30-11:30 13:00-17:00（法定节假日除外）"


def build(folder: Path, villages_per_township: float, seed: int = 2026) -> dict[str, int]:
    """Write the full-scale catalog into ``folder``; return counts of regions and implementations."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(CATALOG, folder, ignore=shutil.ignore_patterns("implementations", "README.md"))
    manifest = (folder / "catalog.yaml").read_text(encoding="utf-8")
    manifest = manifest.replace(
        "name: 吉林省人力资源和社会保障厅政务服务事项目录",
        'name: "全省规模基准目录（synthetic benchmark: real items and counties, synthetic townships '
        'and villages）"',
    )
    (folder / "catalog.yaml").write_text(manifest, encoding="utf-8")
    items = _items_by_level(folder)
    regions = _regions(villages_per_township, random.Random(seed))
    _write_regions(folder, regions)
    implementations_dir = folder / "implementations"
    implementations_dir.mkdir()
    total = 0
    for code, name, level, _parent, _synthetic in regions:
        codes = items[level]
        total += len(codes)
        _write_implementations(implementations_dir / f"{code}.yaml", code, name, level, codes)
    return {"regions": len(regions), "implementations": total}


def _items_by_level(folder: Path) -> dict[str, list[str]]:
    """Item codes per level; a few township items gain the village level (rewritten in place)."""
    by_level: dict[str, list[str]] = {
        level: [] for level in ("省级", "市级", "县级", "乡级", "村级")
    }
    extra = VILLAGE_LEVEL_EXTRA
    for path in sorted((folder / "items").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        levels = list(data["levels"])
        if "乡级" in levels and "村级" not in levels and extra > 0:
            extra -= 1
            old = "levels: [" + ", ".join(levels) + "]"
            levels.append("村级")
            text = text.replace(old, "levels: [" + ", ".join(levels) + "]")
            path.write_text(text, encoding="utf-8")
        for level in levels:
            by_level[level].append(data["code"])
    return by_level


def _regions(
    villages_per_township: float, rng: random.Random
) -> list[tuple[str, str, str, str | None, bool]]:
    real = yaml.load(
        (CATALOG / "regions.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    regions = [(r["code"], r["name"], r["level"], r["parent"], False) for r in real["regions"]]
    counties = [r for r in regions if r[2] == "县级"]
    per_county = [TOWNSHIPS // len(counties)] * len(counties)
    for index in range(TOWNSHIPS - sum(per_county)):
        per_county[index] += 1
    for (county, *_), count in zip(counties, per_county, strict=True):
        for t in range(1, count + 1):
            township = f"{county}{t:03d}"
            regions.append((township, f"合成乡镇{township}（synthetic）", "乡级", county, True))
            villages = int(villages_per_township) + (rng.random() < villages_per_township % 1)
            for v in range(1, villages + 1):
                village = f"{township}{v:03d}"
                regions.append((village, f"合成村{village}（synthetic）", "村级", township, True))
    return regions


def _write_regions(folder: Path, regions: list[tuple[str, str, str, str | None, bool]]) -> None:
    lines = [
        "# synthetic benchmark: real province, cities and counties; townships and villages synthetic",
        "regions:",
    ]
    for code, name, level, parent, synthetic in regions:
        parent_text = "null" if parent is None else f'"{parent}"'
        flag = ", synthetic: true" if synthetic else ""
        lines.append(
            f'  - {{code: "{code}", name: {name}, level: {level}, parent: {parent_text}{flag}}}'
        )
    (folder / "regions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_implementations(path: Path, code: str, name: str, level: str, items: list[str]) -> None:
    agency = (
        f"{name}人力资源和社会保障服务站"
        if level in ("乡级", "村级")
        else f"{name}人力资源和社会保障局"
    )
    lines = [
        f"# synthetic benchmark implementation list of {name}",
        f'region: "{code}"',
        "implementations:",
    ]
    for item in items:
        lines += [
            f'  - item: "{item}"',
            f"    agency: {agency}",
            f"    address: {name}便民服务中心",
            f"    hours: {HOURS}",
            '    phone: "12333"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--villages-per-township",
        type=float,
        default=9.75,
        help="average (default 9.75: ~9,300 villages)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)"
    )
    parser.add_argument(
        "--keep", type=Path, default=None, help="build the catalog here and keep it"
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="servicecatalog-levels-") as temporary:
        folder = options.keep or Path(temporary) / "catalog"
        counts = build(folder, options.villages_per_township)
        files = sum(1 for _ in folder.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
        print(
            f"full-scale catalog: {counts['regions']} regions, {counts['implementations']} implementations, "
            f"{files} files, {size / 1e6:.1f} MB (townships and villages synthetic)"
        )
        command = [
            sys.executable,
            "-m",
            "servicecatalog",
            "validate",
            str(folder),
            "--format",
            "json",
        ]
        first = subprocess.run(command, capture_output=True, text=True, check=False)
        print(f"validate exit code {first.returncode}; {first.stdout[:120].strip()!r}…")

        floor = best_of(options.repeat, lambda: parse_only(folder))
        validate = best_of(
            options.repeat, lambda: subprocess.run(command, capture_output=True, check=False)
        )
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    print(f"{'measure':<42}{'seconds':>10}{'ratio':>9}")
    print(f"{'floor: CSafeLoader parse only, 1 process':<42}{floor:>10.2f}{1:>9.2f}")
    print(f"{'servicecatalog validate':<42}{validate:>10.2f}{validate / floor:>9.2f}")
    print(f"goal: ratio <= 1.30; peak memory of validate: {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
