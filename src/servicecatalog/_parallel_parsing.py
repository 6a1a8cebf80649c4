"""Parsing a catalog's item files on every CPU, when there are many to parse.

Parsing is most of what a load costs when the parse cache has nothing yet (a first run, a fresh
CI machine). The item files are read here, in order; those the pack holds are taken from it, and
when at least :data:`PARALLEL_THRESHOLD` are left, forked workers parse them, a share each, and
send back the parses (data, marks and findings) marshalled as the pack keeps them, which are
kept in the pack here. The documents are the same as one process makes, in the same order (a
test compares them); the workers inherit the bytes to parse, so only the parses cross between
processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ._files import ReadProblem
from ._parse_cache import ParsePack, packed, unpacked
from ._workers import available_cpus, die_with
from .errors import WorkerError
from .findings import Finding
from .loader import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    LoadedDocument,
    Parsed,
    document,
    load_content,
    parse_and_keep,
    parse_bytes,
)

__all__ = ["PARALLEL_THRESHOLD", "load_documents"]

PARALLEL_THRESHOLD = 300
"""From this many files left to parse on, workers parse them (below it, starting them costs more
than it saves)."""
_CHUNK = 50


@dataclass(frozen=True, slots=True)
class _Pending:
    """A file to parse: where its document goes, its name, its bytes and its key in the pack."""

    index: int
    file: str
    raw: bytes
    key: bytes | None


def load_documents(
    files: Sequence[tuple[str, str]],
    read: Callable[[str], bytes | ReadProblem],
    pack: ParsePack | None,
    workers: int | None = None,
) -> list[LoadedDocument]:
    """The documents of ``files``, each what to ``read`` (its bytes, or why they cannot be read)
    and the name findings give it, positions kept as marks; parsed in worker processes when many
    are to be parsed. ``workers`` is how many (default: one per CPU, from
    :data:`PARALLEL_THRESHOLD` files on)."""
    documents: list[LoadedDocument | None] = [None] * len(files)
    pending: list[_Pending] = []
    for index, (source, name) in enumerate(files):
        content = read(source)
        if isinstance(content, ReadProblem) or len(content) > DEFAULT_MAX_BYTES:
            documents[index] = load_content(content, name, positions=False)
            continue
        key = kept = None
        if pack is not None:
            key = pack.key(content, DEFAULT_MAX_DEPTH)
            kept = pack.parsed(key, name)
        if kept is not None:
            documents[index] = document(name, kept, positions=False)
        else:
            pending.append(_Pending(index, name, content, key))
    count = _worker_count(len(pending), workers)
    results = _in_workers(pending, count) if count > 1 else None
    if results is None:
        for item in pending:
            parsed = parse_and_keep(item.raw, item.file, pack, item.key)
            documents[item.index] = document(item.file, parsed, positions=False)
    else:
        for item, result in zip(pending, results, strict=True):
            documents[item.index] = _from_worker(item, result, pack)
    return [found for found in documents if found is not None]


def _from_worker(item: _Pending, result: bytes | Finding, pack: ParsePack | None) -> LoadedDocument:
    """The document of what a worker sent back: a packed parse, or why the bytes are not
    UTF-8."""
    if isinstance(result, Finding):
        return document(item.file, result, positions=False)
    parsed = unpacked(result, item.file)
    if parsed is None:  # a worker's own packing: it cannot be damaged on the way
        raise WorkerError(f"a worker process sent back no parse of {item.file}")
    if pack is not None and item.key is not None:
        pack.keep_packed(item.key, result)
    return document(item.file, parsed, positions=False)


def _worker_count(files: int, workers: int | None) -> int:
    if not hasattr(os, "fork"):  # only forked workers inherit the bytes to parse
        return 1
    if workers is None:
        if files < PARALLEL_THRESHOLD:
            return 1
        workers = available_cpus()
    return max(1, min(workers, -(-files // _CHUNK)))


def _in_workers(pending: Sequence[_Pending], workers: int) -> list[bytes | Finding] | None:
    """Each pending file's parse :func:`packed` (marshalled, which keeps short strings interned
    and shared, as pickling would not), or why its bytes are not UTF-8; None where no worker
    can be started (the files are parsed here then)."""
    # The pool is loaded here, when there is enough to parse to need it.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [
        range(start, min(start + _CHUNK, len(pending))) for start in range(0, len(pending), _CHUNK)
    ]
    parsed: list[bytes | Finding] = []
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_initialise,
            initargs=(pending, os.getpid()),
        ) as pool:
            for results in pool.map(_parse_chunk, chunks):
                parsed.extend(results)
    except (ImportError, NotImplementedError):  # no process-shared semaphores
        return None
    except BrokenProcessPool:
        raise WorkerError(
            "a worker process parsing item files ended unexpectedly (killed, or out of "
            "memory); nothing was reported from it. Run again, or with --jobs 1 to load in one "
            "process"
        ) from None
    return parsed


_WORKER: dict[str, Any] = {}


def _initialise(pending: Sequence[_Pending], parent: int) -> None:
    die_with(parent)
    _WORKER["pending"] = pending


def _parse_chunk(chunk: range) -> list[bytes | Finding]:
    pending: Sequence[_Pending] = _WORKER["pending"]
    return [_packed(parse_bytes(pending[index].raw, pending[index].file)) for index in chunk]


def _packed(parsed: Parsed | Finding) -> bytes | Finding:
    return parsed if isinstance(parsed, Finding) else packed(parsed)
