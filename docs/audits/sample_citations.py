"""Draw the citation audit's sample from the bundled catalog, reproducibly.

    python docs/audits/sample_citations.py SEED [SIZE]

The population is every distinct (item, law, article) triple of the items' own ``legal_basis``
(the unit of the audits of 2026-12-06), sorted; ``random.Random(SEED).sample`` draws SIZE (40) of
them. The sample is printed as the rows of a Markdown table to classify by hand against the
statutes' texts.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from servicecatalog import load_catalog

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


def population() -> list[tuple[str, str, str]]:
    catalog = load_catalog(CATALOG)
    return sorted(
        {
            (item.code, reference.law, article)
            for item in catalog.items()
            for reference in item.legal_basis
            for article in reference.articles
        }
    )


def main(seed: int, size: int = 40) -> None:
    catalog = load_catalog(CATALOG)
    triples = population()
    print(f"population: {len(triples)} triples; seed {seed}; sample {size}")
    for number, (code, law, article) in enumerate(random.Random(seed).sample(triples, size), 1):
        item = catalog.item(code)
        name = item.main_item_name + (f"（{item.sub_item_name}）" if item.sub_item_name else "")
        print(f"| {number} | {code} | {name} | {catalog.laws[law].name} | {article} |")


if __name__ == "__main__":
    main(int(sys.argv[1]), *(int(argument) for argument in sys.argv[2:3]))
