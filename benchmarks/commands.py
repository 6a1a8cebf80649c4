"""Benchmark: diff, site and coverage at scale, each against a floor in the same run.

    .venv/bin/python benchmarks/commands.py [--repeat 2] [--site-items 1000,2000]

* ``diff``: two git revisions of the provincial-scale catalog of ``levels.py`` (real items and
  counties, SYNTHETIC townships and villages), 1% of the item files and 1% of the implementation
  lists changed between them; ``servicecatalog diff git:HEAD~1 git:HEAD`` against a floor that
  reads every YAML blob of both revisions from git (one ``git cat-file --batch`` each) and parses
  it with libyaml's ``CSafeLoader`` in one process.
* ``coverage``: ``servicecatalog coverage --format json`` on the provincial-scale catalog (and on
  its snapshot) against the single-process parse-only floor.
* ``site``: ``servicecatalog site`` for synthetic catalogs of ``--site-items`` items against a
  floor that parses every file and writes the files of a site built beforehand again
  (``_floor.write_site``, as in ``floors.py``).

Each is measured at half and at full size (villages per township halved; the site at each of
``--site-items``), and the time per file or item is printed, so that a cost growing faster than
the catalog shows. Whole processes, best of --repeat, taking turns. Not a test: nothing here
passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _floor import parse_revisions, write_site
from _synthetic import (  # benchmarks are scripts, not a package
    best_of_each,
    change_one_percent,
    parse_only,
    run_process,
    write_catalog,
)
from levels import build as build_levels

PYTHON = sys.executable
# Every file parsed, as before the parse cache: floors.py has the rows that keep parses.
os.environ["SERVICECATALOG_NO_CACHE"] = "1"
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run([*GIT, *arguments], cwd=folder, capture_output=True, check=True)


def _timed(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    return best_of_each(repeat, runs)


def _process(command: list[str], cwd: Path | None = None) -> Callable[[], object]:
    def run() -> None:
        done = run_process(command, cwd=cwd)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, best kept")
    parser.add_argument("--site-items", default="1000,2000", help="sizes of the site runs")
    parser.add_argument(
        "--villages-per-township", type=float, default=9.75, help="the full size (default 9.75)"
    )
    options = parser.parse_args()
    rows: list[tuple[str, int, str, float, float]] = []  # what, size, unit, floor, measured

    with tempfile.TemporaryDirectory(prefix="servicecatalog-commands-") as temporary:
        root = Path(temporary)
        full = options.villages_per_township
        for villages in (full / 2, full):
            repo = root / f"levels-{villages}"
            catalog = repo / "catalog"
            build_levels(catalog, villages)
            files = sum(1 for _ in catalog.rglob("*.yaml"))
            _git(repo, "init", "-q")
            _git(repo, "add", "-A")
            _git(repo, "commit", "-q", "--no-gpg-sign", "-m", "before")
            changed = change_one_percent(catalog)
            _git(repo, "commit", "-q", "--no-gpg-sign", "-am", "after")
            snapshot = root / f"levels-{villages}.json"
            subprocess.run(
                [PYTHON, "-m", "servicecatalog", "build", str(catalog), "-o", str(snapshot)],
                capture_output=True,
                check=True,
            )
            diff = [
                PYTHON,
                "-m",
                "servicecatalog",
                "diff",
                "git:HEAD~1",
                "git:HEAD",
                "--format",
                "json",
            ]
            coverage = [PYTHON, "-m", "servicecatalog", "coverage", "--format", "json", "--catalog"]
            best = _timed(
                options.repeat,
                {
                    "diff floor": lambda repo=repo: parse_revisions(str(repo), ["HEAD~1", "HEAD"]),
                    "diff": _process(diff, cwd=repo),
                    "coverage floor": lambda catalog=catalog: parse_only(catalog),
                    "coverage": _process([*coverage, str(catalog)]),
                    "coverage snapshot": _process([*coverage, str(snapshot)]),
                },
            )
            label = f"{files} files, {changed} changed"
            rows.append(("diff (2 revisions)", 2 * files, label, best["diff floor"], best["diff"]))
            rows.append(
                ("coverage", files, f"{files} files", best["coverage floor"], best["coverage"])
            )
            rows.append(
                (
                    "coverage (snapshot)",
                    files,
                    f"{files} files",
                    best["coverage floor"],
                    best["coverage snapshot"],
                )
            )
            shutil.rmtree(repo)

        for size in sorted(int(size) for size in options.site_items.split(",")):
            catalog = write_catalog(root / f"site-{size}" / "catalog", size)
            out, reference, floor = (
                root / f"site-{size}" / name for name in ("out", "ref", "floor")
            )
            site = [PYTHON, "-m", "servicecatalog", "site", "--catalog", str(catalog)]
            _process([*site, str(reference)])()  # the files the floor writes again
            best = _timed(
                options.repeat,
                {
                    "site floor": lambda c=catalog, r=reference, f=floor: write_site(
                        str(c), str(r), str(f)
                    ),
                    "site": _process([*site, str(out)]),
                },
            )
            rows.append(("site", size, f"{size} items", best["site floor"], best["site"]))

    print(f"{'command':<22}{'size':<32}{'floor s':>9}{'s':>9}{'ratio':>7}{'ms per file':>13}")
    for what, count, label, floor, measured in rows:
        print(
            f"{what:<22}{label:<32}{floor:>9.2f}{measured:>9.2f}{measured / floor:>7.2f}"
            f"{measured / count * 1e3:>13.3f}"
        )
    print("ms per file (or item, for site) about constant from half to full size: linear cost")


if __name__ == "__main__":
    main()
