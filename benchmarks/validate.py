"""Benchmark: validating item files against a parse-only floor, at growing sizes.

    .venv/bin/python benchmarks/validate.py [--items 1000,2000,4000,8000] [--repeat 3]

Generates, of each kind (``clean``: no finding; ``findings``: one item in ten with a warning,
one in a hundred with an error; see _synthetic.py), one synthetic catalog of varied items (marked
synthetic) of the largest size, and for each size a catalog of its first N items; then times, in
the same run and best of --repeat:

* floor: every file read and parsed with PyYAML's libyaml ``CSafeLoader``, in this process;
* library: ``servicecatalog.load_catalog`` (strict loading, models, every rule), in this process;
* cli: ``servicecatalog validate --format json`` as a user runs it (process start included),
  with its peak memory (maximum resident set size).

It prints each size's figures, the ratios to the floor and the time and memory per item, so that
a cost growing faster than the catalog shows; the memory per item is the growth of the peak
between the smallest and the largest size. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import (  # benchmarks are scripts, not a package
    KINDS,
    ProcessRun,
    best_of_each,
    parse_only,
    peak_memory_kib,
    run_process,
    write_catalog,
)

import servicecatalog


def _first_items(source: Path, target: Path, count: int) -> Path:
    """A catalog of the first ``count`` items of ``source`` (files linked, not copied)."""
    (target / "items").mkdir(parents=True)
    for name in ("catalog.yaml", "laws.yaml"):
        os.link(source / name, target / name)
    for path in sorted((source / "items").iterdir())[:count]:
        os.link(path, target / "items" / path.name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--items",
        default="1000,2000,4000,8000",
        help="sizes, comma-separated (default 1000,2000,4000,8000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)"
    )
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.items.split(","))

    for kind in KINDS:
        print(f"{kind}:")
        _measure(kind, sizes, options.repeat)
    print("goal: ratio <= 1.15 at every size; ms/item about constant (linear cost)")


def _measure(kind: str, sizes: list[int], repeat: int) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="servicecatalog-bench-") as temporary:
        largest = write_catalog(Path(temporary) / "all", sizes[-1], kind=kind)
        for size in sizes:
            folder = _first_items(largest, Path(temporary) / str(size), size)
            counts = servicecatalog.load_catalog(folder).report.counts
            print(f"  {size} items: {counts['error']} errors, {counts['warning']} warnings")
            command = [
                sys.executable,
                "-m",
                "servicecatalog",
                "--no-cache",
                "validate",
                str(folder),
                "--format",
                "json",
            ]
            runs: list[ProcessRun] = []
            best = best_of_each(
                repeat,
                {
                    "floor": lambda folder=folder: parse_only(folder),
                    "library": lambda folder=folder: servicecatalog.load_catalog(folder),
                    "cli": lambda command=command, runs=runs: runs.append(run_process(command)),
                },
            )
            floor, library = best["floor"], best["library"]
            cli = min(run.seconds for run in runs)
            peak = peak_memory_kib(command)
            rows.append((size, floor, library, cli, peak))

    print(
        f"{'items':>6}{'floor s':>10}{'library s':>11}{'ratio':>7}{'cli s':>9}{'ratio':>7}"
        f"{'ms/item':>9}{'peak MiB':>10}"
    )
    for size, floor, library, cli, peak in rows:
        print(
            f"{size:>6}{floor:>10.3f}{library:>11.3f}{library / floor:>7.2f}{cli:>9.3f}"
            f"{cli / floor:>7.2f}{library / size * 1e3:>9.3f}{peak / 1024:>10.0f}"
        )
    (small, *_, small_peak), (large, *_, large_peak) = rows[0], rows[-1]
    if large > small:
        per_item = (large_peak - small_peak) / (large - small)
        print(f"peak memory per item (growth from {small} to {large} items): {per_item:.1f} KiB")


if __name__ == "__main__":
    main()
