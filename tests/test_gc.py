"""Loading a catalog pauses Python's cyclic garbage collector and leaves it as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import servicecatalog as sc
from conftest import BUNDLED_CATALOG
from servicecatalog._gc import collector_paused


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


def test_paused_inside_and_on_again_after(collector: None) -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # promoted to the oldest generation, nothing left frozen


def test_a_collector_the_program_turned_off_stays_off(collector: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_what_the_program_froze_stays_frozen(collector: None) -> None:
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    with collector_paused():
        pass
    assert gc.get_freeze_count() == frozen


def test_an_error_inside_turns_it_on_again(collector: None) -> None:
    gc.enable()
    with pytest.raises(sc.CatalogNotFoundError), collector_paused():
        sc.load_catalog(Path("no such folder"))
    assert gc.isenabled()


def test_loading_leaves_the_collector_on(collector: None, tmp_path: Path) -> None:
    gc.enable()
    catalog = sc.load_catalog(BUNDLED_CATALOG)
    assert gc.isenabled()
    snapshot = sc.load_snapshot(sc.write_snapshot(catalog, tmp_path / "c.json"))
    assert gc.isenabled()
    assert len(snapshot) == len(catalog)
    assert gc.get_count()[0] < 700  # the load's objects are not waiting for the next collection
