"""Benchmark: a portal backend's start, from the catalog's files and from its snapshot.

    .venv/bin/python benchmarks/snapshot.py [--villages-per-township 9.75] [--repeat 3]

Builds the provincial-scale catalog of ``levels.py`` (149 real items, 10,343 regions of which the
townships and villages are SYNTHETIC, about 78,000 implementations) in a temporary folder, writes
its snapshot (``servicecatalog build``), and times in the same run, best of --repeat:

* files: ``sc.load_catalog`` (strict YAML, models, every rule; implementation lists in workers);
* snapshot: ``sc.load_snapshot`` (one pydantic validation of the JSON file, no rule);

checks that both give the same catalog, and prints the times and their ratio (goal: the snapshot
at least 10 times faster). Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import best_of  # benchmarks are scripts, not a package
from levels import build

import servicecatalog as sc


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--villages-per-township", type=float, default=9.75)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)"
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="servicecatalog-snapshot-") as temporary:
        folder = Path(temporary) / "catalog"
        counts = build(folder, options.villages_per_township)
        loaded = sc.load_catalog(folder)
        start = time.perf_counter()
        target = sc.write_snapshot(loaded, Path(temporary) / "catalog.json")
        written = time.perf_counter() - start
        print(
            f"catalog: {counts['regions']} regions, {counts['implementations']} implementations "
            f"(townships and villages synthetic); snapshot {target.stat().st_size / 1e6:.1f} MB, "
            f"written in {written:.2f} s"
        )
        snapshot = sc.load_snapshot(target)
        same = (
            snapshot.items() == loaded.items()
            and snapshot.implementation_lists == loaded.implementation_lists
            and snapshot.regions == loaded.regions
            and snapshot.report == loaded.report
        )
        print(f"round trip: load_snapshot(build(load_catalog(x))) equals load_catalog(x): {same}")
        del loaded, snapshot
        files = best_of(options.repeat, lambda: sc.load_catalog(folder))
        from_snapshot = best_of(options.repeat, lambda: sc.load_snapshot(target))

    print(f"{'measure':<36}{'seconds':>10}{'ratio':>9}")
    print(f"{'files: sc.load_catalog':<36}{files:>10.3f}{1:>9.2f}")
    print(f"{'snapshot: sc.load_snapshot':<36}{from_snapshot:>10.3f}{from_snapshot / files:>9.3f}")
    print(f"the snapshot is {files / from_snapshot:.1f} times faster (goal: at least 10)")


if __name__ == "__main__":
    main()
