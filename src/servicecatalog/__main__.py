"""``python -m servicecatalog``."""

from .cli import main

main(prog_name="servicecatalog")
