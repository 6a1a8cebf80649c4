"""Item files parsed in worker processes: the same documents, in the same order, as one process
makes, the pack filled alike, and a killed worker a clear error."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from _processes import without_process_shared_semaphores
from servicecatalog import ServiceCatalogError, WorkerError, _parallel_parsing, load_catalog, loader
from servicecatalog._files import ReadProblem, Unread
from servicecatalog._parallel_parsing import PARALLEL_THRESHOLD, load_documents
from servicecatalog._parse_cache import ParsePack
from servicecatalog.findings import Finding
from servicecatalog.loader import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, LoadedDocument, Parsed

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
CASES = ROOT / "tests" / "cases"


def _files() -> dict[str, bytes | ReadProblem]:
    """The bundled items, every item file of the rule cases (broken ones among them), and a few
    files no loader could use."""
    files: dict[str, bytes | ReadProblem] = {
        f"bundled/{path.name}": path.read_bytes() for path in sorted(CATALOG.glob("items/*.yaml"))
    }
    for path in sorted(CASES.glob("*/*/*.yaml")):
        files[f"case/{path.parent.parent.name}/{path.parent.name}/{path.name}"] = path.read_bytes()
    files["made/gbk.yaml"] = "name: 失业保险金申领\n".encode("gbk")
    files["made/syntax.yaml"] = b'name: "unclosed\ncode: [\n'
    files["made/deep.yaml"] = b"a: " + b"[" * 5000
    files["made/empty.yaml"] = b""
    files["made/too-large.yaml"] = b"#" * (DEFAULT_MAX_BYTES + 1)
    files["made/unreadable.yaml"] = ReadProblem(Unread.UNREADABLE, "读取失败", "cannot be read")
    return files


FILES = _files()


def _load(workers: int | None, pack: ParsePack | None = None) -> list[LoadedDocument]:
    names = list(FILES)
    return load_documents([(name, name) for name in names], FILES.__getitem__, pack, workers)


def _same(one: LoadedDocument, other: LoadedDocument) -> None:
    assert (one.file, one.data, one.findings) == (other.file, other.data, other.findings)
    if one.data is not None:
        assert one.positions == other.positions
        assert one.key_positions == other.key_positions


def test_without_process_shared_semaphores_the_files_are_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_process_shared_semaphores(monkeypatch)
    pack = ParsePack(tmp_path / "p.pack", b"s" * 16)
    for one, other in zip(_load(1), _load(3, pack), strict=True):
        _same(one, other)
    pack.close()
    assert ParsePack(tmp_path / "p.pack", b"s" * 16)._kept  # kept as one process keeps them


def test_workers_make_the_documents_one_process_makes() -> None:
    assert len(FILES) > 200
    alone, shared = _load(1), _load(3)
    assert [document.file for document in shared] == list(FILES)
    for one, other in zip(alone, shared, strict=True):
        _same(one, other)


def test_workers_fill_the_pack_and_a_second_load_parses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _load(1)
    pack = ParsePack(tmp_path / "p.pack", b"s" * 16)
    _load(2, pack)
    pack.close()

    parsed_again: list[str] = []
    real = loader.parse_bytes

    def recorded(raw: bytes, file: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Parsed | Finding:
        parsed_again.append(file)
        return real(raw, file, max_depth)

    monkeypatch.setattr(loader, "parse_bytes", recorded)
    again = ParsePack(tmp_path / "p.pack", b"s" * 16)
    for one, other in zip(alone, _load(2, again), strict=True):
        _same(one, other)
    # Only what could not be decoded is not kept: its encoding is told from the bytes again.
    assert parsed_again == [
        document.file
        for document in alone
        if document.findings and document.findings[0].rule == "yaml-encoding"
    ]
    assert parsed_again


def test_few_files_are_parsed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*arguments: object) -> None:
        raise AssertionError("workers started")

    monkeypatch.setattr(_parallel_parsing, "_shared_with_workers", no_pool)
    few = list(FILES)[: PARALLEL_THRESHOLD - 1]
    load_documents([(name, name) for name in few], FILES.__getitem__, None)


def test_this_process_parses_the_last_chunks_and_a_worker_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone = _load(1)
    parsed_here: list[str] = []
    real = _parallel_parsing._parsed_here

    def recorded(item: Any, pack: ParsePack | None) -> Parsed | Finding:
        if os.getpid() == parent:
            parsed_here.append(item.file)
        return real(item, pack)

    parent = os.getpid()
    monkeypatch.setattr(_parallel_parsing, "_parsed_here", recorded)
    shared = _load(2)
    parsed = [name for name, content in FILES.items() if isinstance(content, bytes)]
    parsed.remove("made/too-large.yaml")  # refused unread: no process parses it
    assert parsed[0] not in parsed_here  # the first chunk is a worker's
    assert parsed_here
    assert sorted(parsed_here) == sorted(parsed[-len(parsed_here) :])  # the last ones are here
    for one, other in zip(alone, shared, strict=True):
        _same(one, other)


def test_an_interruption_here_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(item: Any, pack: ParsePack | None) -> Parsed | Finding:
        raise KeyboardInterrupt

    monkeypatch.setattr(_parallel_parsing, "_parsed_here", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _load(2)


def _kill_self(number: int, chunk: range) -> list[object]:
    os.kill(os.getpid(), signal.SIGKILL)
    return []


def test_a_killed_worker_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Forked workers inherit the patched module, so each one kills itself on its first chunk.
    monkeypatch.setattr(_parallel_parsing, "_parse_chunk", _kill_self)
    with pytest.raises(WorkerError) as raised:
        load_catalog(CATALOG, workers=2)
    assert isinstance(raised.value, ServiceCatalogError)
    assert raised.value.message.startswith("a worker process parsing item files ended unexpectedly")
    assert "--jobs 1" in raised.value.message


def test_a_catalog_loads_alike_with_and_without_workers() -> None:
    alone, shared = load_catalog(CATALOG, workers=1), load_catalog(CATALOG, workers=2)
    assert shared.report == alone.report
    assert shared.items() == alone.items()


def test_documents_from_workers_share_their_short_strings() -> None:
    # Keys and short values recur in every file; one string each is a quarter of an item's
    # memory. Pickling would give every document copies of its own.
    documents = [d for d in _load(2) if d.file.startswith("bundled/")]
    first, second = documents[0].data, documents[-1].data  # parsed in different chunks
    shared_keys = [key for key in first if key in second]
    assert shared_keys
    for key in shared_keys:
        assert next(k for k in second if k == key) is key
