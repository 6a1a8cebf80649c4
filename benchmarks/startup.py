"""Benchmark: what a user waits for before any catalog is large — the import, the command line's
start, and ``validate`` of the bundled catalog — each as a whole process against a floor.

    .venv/bin/python benchmarks/startup.py [--repeat 9]

Rows, medians of --repeat runs of each process, the processes taking turns:

* ``python -c "import servicecatalog"`` against ``python -c pass`` (goal: at most 60 ms on the
  development machine; the difference is what the import costs);
* ``servicecatalog --help``;
* ``servicecatalog validate catalog`` (the 149 real items, 70 implementation lists) against a
  process that parses every file of the catalog with libyaml's ``CSafeLoader`` and nothing else
  (goal: at most 1.15 times the floor).

Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import run_process  # benchmarks are scripts, not a package

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "catalog"
FLOOR = (
    "import pathlib, yaml\n"
    f"for path in sorted(pathlib.Path({str(CATALOG)!r}).rglob('*.yaml')):\n"
    "    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
PYTHON = sys.executable
# Every file parsed, as before the parse cache: floors.py has the rows that keep parses.
os.environ["SERVICECATALOG_NO_CACHE"] = "1"
COMMANDS = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "import servicecatalog": [PYTHON, "-c", "import servicecatalog"],
    "servicecatalog --help": [PYTHON, "-m", "servicecatalog", "--help"],
    "floor: parse the bundled catalog": [PYTHON, "-c", FLOOR],
    "servicecatalog validate catalog": [
        PYTHON,
        "-m",
        "servicecatalog",
        "validate",
        str(CATALOG),
        "--format",
        "json",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=9, help="runs of each (default 9)")
    options = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(options.repeat):
        for name, command in COMMANDS.items():
            times[name].append(run_process(command, cwd=REPO).seconds)
    median = {name: statistics.median(values) for name, values in times.items()}
    spread = {name: max(values) - min(values) for name, values in times.items()}

    print(f"{'process':<36}{'median ms':>10}{'spread ms':>11}{'ratio':>8}")
    floors = {
        "import servicecatalog": "python -c pass",
        "servicecatalog --help": "python -c pass",
        "servicecatalog validate catalog": "floor: parse the bundled catalog",
    }
    for name in COMMANDS:
        floor = floors.get(name)
        ratio = f"{median[name] / median[floor]:>8.2f}" if floor else f"{'':>8}"
        print(f"{name:<36}{median[name] * 1e3:>10.0f}{spread[name] * 1e3:>11.0f}{ratio}")
    imported = median["import servicecatalog"] - median["python -c pass"]
    print(f"the import costs {imported * 1e3:.0f} ms beyond the interpreter's start")
    print(
        "goals: import at most 60 ms, --help at most 80 ms; validate at most 1.15 times its floor"
    )


if __name__ == "__main__":
    main()
