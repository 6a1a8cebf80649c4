"""Benchmark: the guide of one very large item in every format.

    .venv/bin/python benchmarks/guides.py [--materials 17000] [--repeat 1]

Takes the bundled 失业保险金申领 (220114043000) and gives it --materials materials, each a copy of
its first one renamed ``合成材料N（synthetic）``: a SYNTHETIC item no real guide has, to show how
each renderer grows with a table. Times ``sc.render_guide`` in html, md and docx (best of
--repeat) and prints each time and docx's against html's. Not a test: nothing here passes or
fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import REPO, best_of  # benchmarks are scripts, not a package

import servicecatalog as sc

CODE = "220114043000"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--materials", type=int, default=17_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per format, best kept")
    options = parser.parse_args()
    catalog = sc.load_catalog(REPO / "catalog")
    item = catalog.item(CODE)
    template = item.materials[0]
    materials = tuple(
        template.model_copy(update={"id": f"M{number}", "name": f"合成材料{number}（synthetic）"})
        for number in range(1, options.materials + 1)
    )
    large = item.model_copy(update={"materials": materials})
    print(f"{CODE} with {options.materials:,} synthetic materials")
    seconds = {}
    for fmt in ("html", "md", "docx"):
        seconds[fmt] = best_of(
            options.repeat, lambda fmt=fmt: sc.render_guide(large, fmt, catalog=catalog)
        )
        print(f"  {fmt:5} {seconds[fmt]:7.2f} s")
    print(f"  docx / html: {seconds['docx'] / seconds['html']:.1f}×")


if __name__ == "__main__":
    main()
