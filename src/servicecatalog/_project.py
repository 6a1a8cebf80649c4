"""The project's published names: its distribution on PyPI, its version and its addresses.

``pyproject.toml`` states the same values (``[project] name``, ``version``, ``[project.urls]``);
``tests/test_project.py`` keeps the two equal. Everything that points users somewhere — SARIF's
``informationUri``, the site's footer, the schemas' ``$id``, the files ``servicecatalog init``
writes — takes its address from here, so a release changes them in one place.
"""

from __future__ import annotations

__all__ = [
    "DISTRIBUTION",
    "HOMEPAGE",
    "INSTALL_COMMAND",
    "REPOSITORY",
    "SCHEMA_BASE",
    "TAG",
    "VERSION",
    "WHEELHOUSE",
]

DISTRIBUTION = "servicecatalog-batongyi"
"""The name to ``pip install``; ``servicecatalog`` on PyPI is an unrelated package."""

VERSION = "0.1.0"

TAG = f"v{VERSION}"
"""The git tag of this version in :data:`REPOSITORY`: pre-commit's ``rev``."""

REPOSITORY = "https://github.com/jilin-hrss/servicecatalog"
"""The public git repository: pre-commit's ``repo``."""

HOMEPAGE = REPOSITORY

SCHEMA_BASE = f"https://raw.githubusercontent.com/jilin-hrss/servicecatalog/{TAG}/schemas/"
"""Where this version's JSON Schemas are served: each schema's ``$id`` is this and its file name,
so an editor that reads the ``$id`` or a ``$schema`` line fetches the schema of the version that
wrote the file."""

WHEELHOUSE = "wheels"
"""The folder of a catalog repository that holds the wheels CI installs from: this version's and
its dependencies', made with ``pip wheel`` from a clone (README, Install)."""

INSTALL_COMMAND = f"pip install --no-index --find-links {WHEELHOUSE} {DISTRIBUTION}=={VERSION}"
"""How the recipes ``servicecatalog init`` writes (and README's) install this version: from the
repository's wheelhouse, offline, since no package index carries the distribution yet. When the
release is on PyPI, this becomes ``pip install {DISTRIBUTION}=={VERSION}`` here and nowhere
else."""
