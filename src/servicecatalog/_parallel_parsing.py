"""Parsing a catalog's item files on every CPU, when there are many to parse.

Parsing is most of what a load costs when the parse cache has nothing yet (a first run, a fresh
CI machine). The item files are read here, in order; those the pack holds are taken from it, and
when at least :data:`PARALLEL_THRESHOLD` are left, they are parsed in chunks by this process
and forked workers together: the workers from the first chunk on, this process from the last
chunk back, until it reaches one a worker has started. A worker sends back its parses (data,
marks and findings) marshalled as the pack keeps them, kept in the pack here as they are. This
process parses its share as one process would, so the chunks it takes cost nothing to send back
and to unmarshal (a fifth of a parse), and the core it runs on is not idle while it waits. The
documents are the same as one process makes, in the same order (a test compares them); the
workers inherit the bytes to parse, so only the parses cross between processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ._files import ReadProblem
from ._parse_cache import ParsePack, packed, unpacked
from ._workers import ChunkClaims, available_cpus, die_with, from_the_last
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


_Result = Parsed | bytes | Finding
"""A parse made here, a parse a worker sent back packed, or why the bytes are not UTF-8."""


def load_documents(
    files: Sequence[tuple[str, str]],
    read: Callable[[str], bytes | ReadProblem],
    pack: ParsePack | None,
    workers: int | None = None,
) -> list[LoadedDocument]:
    """The documents of ``files``, each what to ``read`` (its bytes, or why they cannot be read)
    and the name findings give it, positions kept as marks; parsed in worker processes when many
    are to be parsed. ``workers`` is how many processes parse, this one among them (default: one
    per CPU, from :data:`PARALLEL_THRESHOLD` files on)."""
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
    processes = _process_count(len(pending), workers)
    results = _shared_with_workers(pending, processes, pack) if processes > 1 else None
    if results is None:
        results = [_parsed_here(item, pack) for item in pending]
    for item, result in zip(pending, results, strict=True):
        documents[item.index] = _document(item, result, pack)
    return [found for found in documents if found is not None]


def _parsed_here(item: _Pending, pack: ParsePack | None) -> Parsed | Finding:
    return parse_and_keep(item.raw, item.file, pack, item.key)


def _document(item: _Pending, result: _Result, pack: ParsePack | None) -> LoadedDocument:
    if not isinstance(result, bytes):
        return document(item.file, result, positions=False)
    parsed = unpacked(result, item.file)
    if parsed is None:  # a worker's own packing: it cannot be damaged on the way
        raise WorkerError(f"a worker process sent back no parse of {item.file}")
    if pack is not None and item.key is not None:
        pack.keep_packed(item.key, result)
    return document(item.file, parsed, positions=False)


def _process_count(files: int, workers: int | None) -> int:
    """How many processes parse: this one and the workers (``workers`` counts them all)."""
    if not hasattr(os, "fork"):  # only forked workers inherit the bytes to parse
        return 1
    if workers is None:
        if files < PARALLEL_THRESHOLD:
            return 1
        workers = available_cpus()
    return max(1, min(workers, -(-files // _CHUNK)))


def _shared_with_workers(
    pending: Sequence[_Pending], processes: int, pack: ParsePack | None
) -> list[_Result] | None:
    """Each pending file's parse, made here or by a worker (:func:`packed` then: marshalled,
    which keeps short strings interned and shared, as pickling would not), or why its bytes are
    not UTF-8; None where no worker can be started (the files are parsed here then)."""
    # The pool is loaded here, when there is enough to parse to need it.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [
        range(start, min(start + _CHUNK, len(pending))) for start in range(0, len(pending), _CHUNK)
    ]
    context = multiprocessing.get_context("fork")
    try:
        claims = ChunkClaims(context, len(chunks))
        with ProcessPoolExecutor(
            max_workers=processes - 1,
            mp_context=context,
            initializer=_initialise,
            initargs=(pending, claims, os.getpid()),
        ) as pool:
            futures = [
                pool.submit(_parse_chunk, number, chunk) for number, chunk in enumerate(chunks)
            ]
            here = from_the_last(
                claims,
                len(chunks),
                lambda number: [_parsed_here(pending[index], pack) for index in chunks[number]],
            )
            results: list[_Result] = []
            for number, future in enumerate(futures):
                sent = future.result()
                results.extend(here[number] if sent is None else sent)
    except (ImportError, NotImplementedError):  # no process-shared semaphores
        return None
    except BrokenProcessPool:
        raise WorkerError(
            "a worker process parsing item files ended unexpectedly (killed, or out of "
            "memory); nothing was reported from it. Run again, or with --jobs 1 to load in one "
            "process"
        ) from None
    return results


_WORKER: dict[str, Any] = {}


def _initialise(pending: Sequence[_Pending], claims: ChunkClaims, parent: int) -> None:
    die_with(parent)
    _WORKER["pending"] = pending
    _WORKER["claims"] = claims


def _parse_chunk(number: int, chunk: range) -> list[bytes | Finding] | None:
    """The parses of ``chunk``, packed; None when this process's parent has taken it."""
    if not _WORKER["claims"].take(number):
        return None
    pending: Sequence[_Pending] = _WORKER["pending"]
    return [_packed(parse_bytes(pending[index].raw, pending[index].file)) for index in chunk]


def _packed(parsed: Parsed | Finding) -> bytes | Finding:
    return parsed if isinstance(parsed, Finding) else packed(parsed)
