"""Loading implementation lists: in worker processes the findings and lists are exactly those of
a single-process load (the differential test the parallel path is trusted on)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from servicecatalog import load_catalog
from servicecatalog._implementations import PARALLEL_THRESHOLD

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
CASES = ROOT / "tests" / "cases"
TODAY = date(2026, 11, 27)


def _bad_inputs() -> list[tuple[str, bytes]]:
    """Implementation files with every kind of problem, from the case folders and made here."""
    files: list[tuple[str, bytes]] = []
    for path in sorted(CASES.glob("*/fail/*/implementations/*.yaml")):
        case = path.parts[-4]
        files.append((f"{case}-{path.parent.parent.name}-{path.name}", path.read_bytes()))
    files += [
        (
            "gbk.yaml",
            'region: "220102"\nimplementations:\n  - item: "220114043000"\n    agency: 南关区\n'.encode(
                "gbk"
            ),
        ),
        ("syntax.yaml", b'region: "220102\nimplementations: [\n'),
        ("alias.yaml", b'region: &r "220102"\nimplementations: []\nother: *r\n'),
        ("deep.yaml", b"region: " + b"[" * 5000),
        ("not-a-mapping.yaml", b"- 1\n- 2\n"),
        ("empty.yaml", b""),
    ]
    return files


@pytest.fixture(scope="module")
def mixed_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled catalog with its real implementation lists plus many bad ones."""
    folder = tmp_path_factory.mktemp("mixed") / "catalog"
    shutil.copytree(CATALOG, folder)
    for name, content in _bad_inputs():
        (folder / "implementations" / name).write_bytes(content)
    return folder


def _snapshot(folder: Path, workers: int) -> tuple[list[dict[str, object]], dict[str, object]]:
    catalog = load_catalog(folder, today=TODAY, workers=workers)
    findings = [finding.to_dict("en") for finding in catalog.report]
    lists = {region: il.model_dump() for region, il in catalog.implementation_lists.items()}
    return findings, lists


def test_workers_give_exactly_the_findings_and_lists_of_one_process(mixed_catalog: Path) -> None:
    one_findings, one_lists = _snapshot(mixed_catalog, workers=1)
    two_findings, two_lists = _snapshot(mixed_catalog, workers=2)
    assert two_findings == one_findings
    assert two_lists == one_lists
    rules = {finding["rule"] for finding in one_findings}
    # the differential test is only worth something if the bad inputs really were bad
    assert {"yaml-encoding", "yaml-syntax", "yaml-alias", "yaml-too-deep"} <= rules
    assert "implementation-overrides-unified-element" in rules


def test_progress_reaches_the_total(mixed_catalog: Path) -> None:
    seen: list[tuple[int, int]] = []
    load_catalog(mixed_catalog, today=TODAY, workers=2, progress=lambda d, t: seen.append((d, t)))
    done, total = seen[-1]
    assert done == total == len(list((mixed_catalog / "implementations").glob("*.yaml")))
    assert seen[0][0] == 0


def test_the_threshold_is_above_a_real_provinces_county_count() -> None:
    # 70 real regions load in-process: starting workers would cost more than it saves
    assert PARALLEL_THRESHOLD > 70
