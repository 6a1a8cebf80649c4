"""Benchmark: `servicecatalog validate` against a parse-only floor, on a synthetic catalog.

    .venv/bin/python benchmarks/validate.py [--items 2000] [--repeat 3]

Generates a synthetic catalog of N varied items (marked synthetic) in a temporary folder, then
times, in the same run and best of --repeat:

* floor: every file read and parsed with PyYAML's libyaml ``CSafeLoader``, nothing else;
* library: ``servicecatalog.load_catalog`` (strict loading, models, every rule);
* cli: the ``servicecatalog validate --format json`` command as a user runs it (process start-up
  included).

It prints the figures and the ratios to the floor. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import best_of, parse_only, write_catalog  # scripts, not a package

import servicecatalog


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--items", type=int, default=2000, help="number of synthetic items (default 2000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)"
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="servicecatalog-bench-") as temporary:
        folder = write_catalog(Path(temporary) / "catalog", options.items)
        size = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
        print(f"synthetic catalog: {options.items} items, {size / 1e6:.1f} MB, in {folder}")

        report = servicecatalog.load_catalog(folder).report
        print(f"validation result: {report.counts} (expected: no errors)")

        floor = best_of(options.repeat, lambda: parse_only(folder))
        library = best_of(options.repeat, lambda: servicecatalog.load_catalog(folder))
        command = [
            sys.executable,
            "-m",
            "servicecatalog",
            "validate",
            str(folder),
            "--format",
            "json",
        ]
        cli = best_of(
            options.repeat, lambda: subprocess.run(command, capture_output=True, check=False)
        )

    print(f"{'measure':<34}{'seconds':>10}{'ratio':>9}")
    print(f"{'floor: CSafeLoader parse only':<34}{floor:>10.3f}{1:>9.2f}")
    print(f"{'library: load_catalog':<34}{library:>10.3f}{library / floor:>9.2f}")
    print(f"{'cli: servicecatalog validate':<34}{cli:>10.3f}{cli / floor:>9.2f}")
    print(
        f"per item: library {library / options.items * 1e3:.2f} ms, floor {floor / options.items * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()
