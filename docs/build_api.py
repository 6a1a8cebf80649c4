"""Build the API reference of servicecatalog (HTML, from its docstrings, with pdoc).

    python docs/build_api.py            # writes build/api/, open build/api/index.html
    python docs/build_api.py -o DIR     # writes DIR/

``python -m pdoc servicecatalog`` alone would leave out the names the package loads on first use
(``Catalog``, ``load_catalog``, ``diff_catalogs``, …): pdoc documents what ``__all__`` names and
the module already holds, so they are loaded here first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pdoc

import servicecatalog

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "build" / "api"


def build(output: Path) -> Path:
    """Write the reference into ``output`` and return the path of its index page."""
    for name in servicecatalog.__all__:
        getattr(servicecatalog, name)
    pdoc.pdoc("servicecatalog", output_directory=output)
    return output / "servicecatalog.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    arguments = parser.parse_args(argv)
    print(build(arguments.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
