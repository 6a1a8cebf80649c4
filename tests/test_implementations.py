"""Loading implementation lists: in worker processes the findings and lists are exactly those of
a single-process load (the differential test the parallel path is trusted on)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from _processes import children, running, without_process_shared_semaphores
from servicecatalog import ServiceCatalogError, WorkerError, _implementations, load_catalog
from servicecatalog._implementations import PARALLEL_THRESHOLD
from servicecatalog._workers import ChunkClaims
from servicecatalog.rules.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
CASES = ROOT / "tests" / "cases"
TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of ten lists: the bundled catalog's lists and the bad ones make several, so that
    workers=2 starts a worker (no more processes start than there are chunks)."""
    monkeypatch.setattr(_implementations, "_CHUNK", 10)


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


def test_this_process_loads_the_last_chunks_and_a_worker_the_first(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_findings, one_lists = _snapshot(mixed_catalog, workers=1)
    loaded_here: list[str] = []
    real = _implementations.load_one
    parent = os.getpid()

    def recorded(source: Any, file: str, *arguments: Any) -> Any:
        if os.getpid() == parent:
            loaded_here.append(file)
        return real(source, file, *arguments)

    monkeypatch.setattr(_implementations, "load_one", recorded)
    seen: list[tuple[int, int]] = []
    catalog = load_catalog(
        mixed_catalog, today=TODAY, workers=2, progress=lambda d, t: seen.append((d, t))
    )
    files = sorted((mixed_catalog / "implementations").glob("*.yaml"))
    assert loaded_here
    assert str(files[0]) not in loaded_here  # the first chunk is a worker's
    assert str(files[-1]) in loaded_here  # the last is this process's
    assert [finding.to_dict("en") for finding in catalog.report] == one_findings
    lists = {region: il.model_dump() for region, il in catalog.implementation_lists.items()}
    assert lists == one_lists
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})  # each told once
    assert seen[-1] == (len(files), len(files))


def test_spawned_workers_share_the_chunks_too(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where fork is not the start method (Windows, macOS), the claims are sent to the workers.
    alone = _snapshot(mixed_catalog, workers=1)
    claims: list[ChunkClaims] = []
    taken_here: list[int] = []
    real = _implementations._sequential

    def recorded(context: Any, chunks: int) -> ChunkClaims:
        claims.append(ChunkClaims(context, chunks))
        return claims[-1]

    def after_a_worker(jobs: Any, *arguments: Any) -> Any:
        # This process waits, before its first chunk, until a spawned worker has taken one
        # (spawned workers do not inherit this patch).
        taken = claims[-1]._taken
        deadline = time.monotonic() + 60
        while not taken[0] and time.monotonic() < deadline:
            time.sleep(0.01)
        taken_here.append(len(jobs))
        return real(jobs, *arguments)

    monkeypatch.setattr(_implementations, "ChunkClaims", recorded)
    monkeypatch.setattr(_implementations, "_sequential", after_a_worker)
    monkeypatch.setattr(_implementations, "_context", lambda: multiprocessing.get_context("spawn"))
    assert _snapshot(mixed_catalog, workers=2) == alone
    files = len(list((mixed_catalog / "implementations").glob("*.yaml")))
    assert 0 < sum(taken_here) < files  # both took chunks


def test_without_process_shared_semaphores_the_lists_are_loaded_here(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_process_shared_semaphores(monkeypatch)
    assert _snapshot(mixed_catalog, workers=2) == _snapshot(mixed_catalog, workers=1)


def test_progress_reaches_the_total(mixed_catalog: Path) -> None:
    seen: list[tuple[int, int]] = []
    load_catalog(mixed_catalog, today=TODAY, workers=2, progress=lambda d, t: seen.append((d, t)))
    done, total = seen[-1]
    assert done == total == len(list((mixed_catalog / "implementations").glob("*.yaml")))
    assert seen[0][0] == 0


def test_the_threshold_is_above_a_real_provinces_county_count() -> None:
    # 70 real regions load in-process: starting workers would cost more than it saves
    assert PARALLEL_THRESHOLD > 70


# ---- lost workers -----------------------------------------------------------------------------


def _kill_self(number: int, chunk: object) -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    return chunk  # pragma: no cover - never reached


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_killed_worker_is_a_clear_error(
    mixed_catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forked workers inherit the patched module, so each one kills itself on its first chunk.
    monkeypatch.setattr(_implementations, "_load_chunk", _kill_self)
    with pytest.raises(WorkerError) as raised:
        load_catalog(mixed_catalog, today=TODAY, workers=2)
    assert isinstance(raised.value, ServiceCatalogError)
    assert raised.value.message.startswith(
        "a worker process loading implementation lists ended unexpectedly"
    )
    assert "--jobs 1" in raised.value.message


_ORPHAN_SCRIPT = """
import sys, time
from servicecatalog import _implementations, load_catalog

def slow(number, chunk):
    print("worker", flush=True)
    time.sleep(120)

_implementations._load_chunk = slow
_implementations._CHUNK = 10  # several chunks: workers start
load_catalog(sys.argv[1], workers=2)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_with_a_killed_parent(mixed_catalog: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT, str(mixed_catalog)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    assert parent.stdout.readline().strip() == "worker"  # a worker is working
    workers = children(parent.pid)
    assert workers
    parent.kill()
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if running(pid)]
    assert alive == []


@pytest.mark.parametrize(
    "values",
    [
        {"item": "220114043000", "agency": "长春市人力资源和社会保障局"},
        {
            "agency": "吉林市人力资源和社会保障局",
            "phone": "0432-12345678",
            "window": None,
            "item": "220114043000",
        },
        {name: f"value of {name}" for name in _implementations._FIELDS},
    ],
    ids=["required only", "some, one null, out of order", "every field"],
)
def test_construct_builds_what_model_construct_builds(values: dict[str, object]) -> None:
    from servicecatalog.model import Implementation

    fields = Implementation.model_fields.values()
    assert not any(f.default_factory or f.alias or f.validation_alias for f in fields)
    assert Implementation.__pydantic_post_init__ is None
    built = _implementations._construct(dict(values))
    expected = Implementation.model_construct(**values)
    assert built == expected
    assert list(vars(built).items()) == list(vars(expected).items())
    assert built.model_fields_set == expected.model_fields_set
    assert built.model_extra == expected.model_extra
    assert built.__pydantic_private__ == expected.__pydantic_private__


def test_an_entry_overrides_the_defaults_it_writes_and_null_withdraws_a_window() -> None:
    """A key written as null sets null, except the agency and the power source, where null
    leaves the default; an entry's fields given are its own and the defaults'."""
    from servicecatalog.model import ImplementationListFile

    written = ImplementationListFile.model_validate(
        {
            "region": "220102",
            "defaults": {"agency": "南关区人社局", "window": "3号窗口", "phone": "0431-1"},
            "implementations": [
                {"item": "220114043000", "window": None, "agency": None},
                {"item": "220114043000", "phone": "0431-2"},
            ],
        }
    )
    findings: list[object] = []
    merged = _implementations._merged(written, None, findings)  # type: ignore[arg-type]  # no finding asks for the document
    assert findings == []
    assert merged is not None
    first, second = merged.implementations
    assert (first.agency, first.window, first.phone) == ("南关区人社局", None, "0431-1")
    assert (second.agency, second.window, second.phone) == ("南关区人社局", "3号窗口", "0431-2")
    assert first.model_fields_set == {"item", "agency", "window", "phone"}
    assert second.model_fields_set == {"item", "agency", "window", "phone"}


def test_the_text_a_list_is_searched_by_holds_every_value_of_the_merged_list() -> None:
    """The text rules search an implementation list's file values first (``list_text``): every
    string of the merged list, defaults included, must be among them, or a rule would miss it."""
    from servicecatalog.loader import load_file
    from servicecatalog.rules._base import list_text
    from servicecatalog.rules.registry import ImplementationEntry, data_text

    catalog = load_catalog(CATALOG, today=date(2026, 12, 6))
    lists = sorted((CATALOG / "implementations").glob("*.yaml"))
    assert len(lists) > 60
    for path in lists:
        document = load_file(path)
        merged = catalog.implementation_lists[document.data["region"]]
        read = data_text(document.data)
        entry = ImplementationEntry(merged, str(path), None)  # type: ignore[arg-type]  # never read again
        walked = list_text(entry)
        missing = [value for value in walked.split(" ") if value not in read]
        assert missing == [], path.name


def test_no_more_processes_start_than_there_are_chunks() -> None:
    rules = tuple(REGISTRY.values())
    assert _implementations._process_count(25, 8, rules) == 3  # chunks of ten (small_chunks)
    assert _implementations._process_count(25, 2, rules) == 2
    assert _implementations._process_count(PARALLEL_THRESHOLD - 1, None, rules) == 1
    assert _implementations._process_count(5, 1, rules) == 1
