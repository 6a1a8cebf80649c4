"""Loading implementation lists, on both cores when there are many.

At provincial scale there are some ten thousand implementation files. Each is parsed strictly,
checked for unified elements it must not carry, validated, and run through the implementation
checks right where it is loaded — in this process for a few files, in worker processes for many.
Workers send back only findings and the lists' plain values, never parsed documents, so what
crosses between processes is small; the findings are identical either way (a test compares them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ._parse_cache import PackUpdate, ParsePack
from ._paths import identity_path
from ._validation import validate_document
from ._workers import ChunkClaims, available_cpus, die_with, from_the_last
from .errors import WorkerError
from .fields import LOCAL_FIELDS, UNIFIED_FIELDS
from .findings import Finding
from .loader import LoadedDocument, Loc
from .model import Implementation, ImplementationList, ImplementationListFile, Revision
from .rules.levels import IMPLEMENTATION_OVERRIDES_UNIFIED_ELEMENT
from .rules.registry import (
    REGISTRY,
    CheckedRule,
    ImplementationEntry,
    ImplementationScope,
    Rule,
    Source,
    data_text,
    load_source,
    run_implementation_rules,
)
from .rules.schema import SCHEMA_MISSING_KEY

if TYPE_CHECKING:  # the pool's module, logging with it, is imported only for a pool
    from concurrent.futures import Future

__all__ = ["PARALLEL_THRESHOLD", "load_implementation_files"]

PARALLEL_THRESHOLD = 400
"""From this many files on, workers are used (below it, starting them costs more than it saves)."""
_CHUNK = 250

Progress = Callable[[int], None]
_Plain = tuple[str, Revision | None, tuple[tuple[Any, ...], ...]]
_FIELDS = tuple(Implementation.model_fields)
# Every field in order with its default (pydantic's "undefined" for a required one, which the
# values always overwrite): copied and updated, the new object's fields keep pydantic's order.
_DEFAULTS = {name: field.default for name, field in Implementation.model_fields.items()}
_set_slot = object.__setattr__


def _construct(values: dict[str, Any], given: set[str] | None = None) -> Implementation:
    """``Implementation.model_construct(**values)`` for values validated already (a list's
    defaults and entries, each validated as the file was): the same object — fields in their
    order, defaults where ``values`` has none, ``values``' names as the fields given — built
    without model_construct's alias and default-factory handling (Implementation has neither, nor
    a post-init hook: tests/test_implementations.py holds the two equal), a fraction of its time
    for the nine thousand entries of the bundled catalog. ``given``, when passed, is the set of
    ``values``' names to use (shared by the entries given the same fields; frozen models never
    change it). ``values`` holds every required field."""
    implementation = Implementation.__new__(Implementation)
    fields = _DEFAULTS.copy()
    fields.update(values)
    _set_slot(implementation, "__dict__", fields)
    _set_slot(implementation, "__pydantic_fields_set__", set(values) if given is None else given)
    _set_slot(implementation, "__pydantic_extra__", None)
    _set_slot(implementation, "__pydantic_private__", None)
    return implementation


Job = tuple[Source, str]
"""What to read (a checked path, the bytes, or why it cannot be read) and the file's name."""


def load_implementation_files(
    jobs: Sequence[Job],
    scope: ImplementationScope,
    rules: Sequence[Rule],
    workers: int | None = None,
    progress: Progress | None = None,
    pack: ParsePack | None = None,
) -> tuple[list[ImplementationEntry], list[Finding]]:
    """Load every (path, display name) of ``jobs``; return the valid lists and all findings.
    Parses are taken from ``pack`` and kept in it, by the workers too."""
    count = _process_count(len(jobs), workers, rules)
    if count <= 1:
        return _sequential(jobs, scope, rules, progress, pack)
    return _parallel(jobs, scope, rules, count, progress, pack)


def _process_count(files: int, workers: int | None, rules: Sequence[Rule]) -> int:
    """How many processes load: this one and the workers (``workers`` counts them all), no
    more than there are chunks."""
    if workers is not None:
        wanted = workers
    elif files < PARALLEL_THRESHOLD:
        return 1
    else:
        wanted = available_cpus()
    # Workers look rules up by id in the registry; a custom rule outside it runs here only.
    if any(REGISTRY.get(rule.id) is not rule for rule in rules):
        return 1
    return max(1, min(wanted, -(-files // _CHUNK)))


def _sequential(
    jobs: Sequence[Job],
    scope: ImplementationScope,
    rules: Sequence[Rule],
    progress: Progress | None,
    pack: ParsePack | None,
) -> tuple[list[ImplementationEntry], list[Finding]]:
    entries: list[ImplementationEntry] = []
    findings: list[Finding] = []
    for source, file in jobs:
        found, implementations = load_one(source, file, scope, rules, pack)
        findings.extend(found)
        if implementations is not None:
            entries.append(ImplementationEntry(implementations, file, source, pack=pack))
        if progress is not None:
            progress(1)
    return entries, findings


def _parallel(
    jobs: Sequence[Job],
    scope: ImplementationScope,
    rules: Sequence[Rule],
    processes: int,
    progress: Progress | None,
    pack: ParsePack | None,
) -> tuple[list[ImplementationEntry], list[Finding]]:
    """Loaded by ``processes`` processes: this one and its workers, the workers taking the
    chunks from the first on and this one from the last back (:class:`ChunkClaims`)."""
    # The pool is loaded here, when a catalog is large enough to need it.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [list(jobs[start : start + _CHUNK]) for start in range(0, len(jobs), _CHUNK)]
    rule_ids = tuple(
        rule.id
        for rule in rules
        if isinstance(rule, CheckedRule) and rule.implementation_check is not None
    )
    context = _context()
    # A forked worker has the pack already; spawned, it would be sent whole: it reads no pack.
    shared = pack if context.get_start_method() == "fork" else None
    try:
        claims = ChunkClaims(context, len(chunks))
        with ProcessPoolExecutor(
            max_workers=processes - 1,
            mp_context=context,
            initializer=_initialise,
            initargs=(scope, rule_ids, os.getpid(), shared, claims),
        ) as pool:
            futures = [
                pool.submit(_load_chunk, number, chunk) for number, chunk in enumerate(chunks)
            ]
            told = _Told(chunks, futures, progress)

            def load_here(number: int) -> tuple[list[ImplementationEntry], list[Finding]]:
                loaded = _sequential(chunks[number], scope, rules, None, pack)
                told.chunk_done(number)
                return loaded

            here = from_the_last(claims, len(chunks), load_here)
            entries: list[ImplementationEntry] = []
            findings: list[Finding] = []
            for number, future in enumerate(futures):
                sent = future.result()
                if sent is None:
                    entries.extend(here[number][0])
                    findings.extend(here[number][1])
                else:
                    _take(chunks[number], sent, entries, findings, pack)
                told.chunk_done(number)
    except (ImportError, NotImplementedError):  # no process-shared semaphores
        return _sequential(jobs, scope, rules, progress, pack)
    except BrokenProcessPool:
        raise WorkerError(
            "a worker process loading implementation lists ended unexpectedly (killed, or out "
            "of memory); nothing was reported from it. Run again, or with --jobs 1 to load in "
            "one process"
        ) from None
    return entries, findings


_Sent = tuple[list[tuple[list[Finding], _Plain | None]], PackUpdate | None]
"""What a worker sends back for a chunk: each file's findings and list, and the pack's news."""


def _take(
    chunk: list[Job],
    sent: _Sent,
    entries: list[ImplementationEntry],
    findings: list[Finding],
    pack: ParsePack | None,
) -> None:
    results, update = sent
    if pack is not None and update is not None:
        pack.take_over(update)
    for (source, file), (found, plain) in zip(chunk, results, strict=True):
        findings.extend(found)
        if plain is not None:
            entries.append(ImplementationEntry(_rebuilt(plain), file, source, pack=pack))


class _Told:
    """The chunks whose files progress has been told of: each one once, as soon as this process
    knows it is done (its own at once, the workers' between its own and at the end)."""

    def __init__(
        self,
        chunks: list[list[Job]],
        futures: list[Future[_Sent | None]],
        progress: Progress | None,
    ) -> None:
        self._chunks = chunks
        self._futures = futures
        self._progress = progress
        self._told: set[int] = set()

    def chunk_done(self, number: int) -> None:
        self._tell(number)
        for other, future in enumerate(self._futures):
            # A chunk whose future gives None is one this process took: told as it did.
            if (
                other not in self._told
                and future.done()
                and not future.exception()
                and future.result() is not None
            ):
                self._tell(other)

    def _tell(self, number: int) -> None:
        if number not in self._told:
            self._told.add(number)
            if self._progress is not None:
                self._progress(len(self._chunks[number]))


def _context() -> Any:
    # fork starts workers in milliseconds and shares the scope without pickling it; where it is
    # not available (Windows, macOS defaults) spawn works the same, only slower to start.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_WORKER: dict[str, Any] = {}


def _initialise(
    scope: ImplementationScope,
    rule_ids: tuple[str, ...],
    parent: int,
    pack: ParsePack | None,
    claims: ChunkClaims,
) -> None:
    die_with(parent)
    _WORKER["claims"] = claims
    _WORKER["scope"] = scope
    _WORKER["rules"] = tuple(REGISTRY[rule_id] for rule_id in rule_ids)
    if pack is not None:
        pack.in_worker()
    _WORKER["pack"] = pack


def _load_chunk(number: int, chunk: list[Job]) -> _Sent | None:
    """What the worker sends back for ``chunk``; None when this process's parent took it."""
    if not _WORKER["claims"].take(number):
        return None
    results = []
    pack: ParsePack | None = _WORKER["pack"]
    for source, file in chunk:
        found, implementations = load_one(source, file, _WORKER["scope"], _WORKER["rules"], pack)
        results.append((found, None if implementations is None else _plain(implementations)))
    return results, None if pack is None else pack.hand_over()


def _plain(implementations: ImplementationList) -> _Plain:
    return (
        implementations.region,
        implementations.revision,
        tuple(tuple(getattr(i, name) for name in _FIELDS) for i in implementations.implementations),
    )


def _rebuilt(plain: _Plain) -> ImplementationList:
    # The values were validated in the worker; constructing without validating again is safe.
    region, revision, rows = plain
    return ImplementationList.model_construct(
        region=region,
        revision=revision,
        implementations=tuple(_construct(dict(zip(_FIELDS, row, strict=True))) for row in rows),
    )


def load_one(
    source: Source,
    file: str,
    scope: ImplementationScope,
    rules: Sequence[Rule],
    pack: ParsePack | None = None,
) -> tuple[list[Finding], ImplementationList | None]:
    """Load, check and validate one implementation file, its defaults merged into its entries."""
    # Positions are kept as compact marks, looked up only if a finding asks: most files have none.
    document = load_source(source, file, positions=False, pack=pack)
    findings = list(document.findings)
    if not document.usable:
        return findings, None
    data = _without_unified_elements(document, findings)
    written, problems = validate_document(ImplementationListFile, document, data=data)
    findings.extend(problems)
    if written is None:
        return findings, None
    implementations = _merged(written, document, findings)
    if implementations is None:
        return findings, None
    entry = ImplementationEntry(implementations, file, source, data_text(document.data), pack)
    findings.extend(run_implementation_rules(entry, document, scope, rules))
    return findings, implementations


def _merged(
    written: ImplementationListFile, document: LoadedDocument, findings: list[Finding]
) -> ImplementationList | None:
    """The list as every reader sees it: each entry with the defaults it does not override; an
    entry left without an agency (by itself and by the defaults) is a finding."""
    inherited = {} if written.defaults is None else _set_values(written.defaults, LOCAL_FIELDS)
    merged: list[Implementation] = []
    given: dict[tuple[str, ...], set[str]] = {}
    for index, listed in enumerate(written.implementations):
        # What _set_values gives, looking only at the few names the entry was given: an
        # entry's fields are all an entry may set.
        values = inherited.copy()
        fields = listed.__dict__
        for name in listed.model_fields_set:
            if (value := fields[name]) is not None or name not in _NEVER_NULL:
                values[name] = value
        if "agency" not in values:
            findings.append(_agency_missing(document, index, listed.item))
            continue
        names = tuple(values)
        shared = given.get(names)
        if shared is None:
            shared = given[names] = set(names)
        merged.append(_construct(values, shared))
    if len(merged) < len(written.implementations):
        return None
    return ImplementationList.model_construct(
        region=written.region, revision=written.revision, implementations=tuple(merged)
    )


def _set_values(model: BaseModel, names: Sequence[str]) -> dict[str, Any]:
    """The fields of ``model`` the file wrote. A key written as null sets null (an entry may
    withdraw a default window), except where null means nothing: the agency, the power source."""
    written = model.model_fields_set
    fields = model.__dict__  # the fields' values, read without an attribute look-up each
    return {
        name: value
        for name in names
        if name in written and ((value := fields[name]) is not None or name not in _NEVER_NULL)
    }


_NEVER_NULL = frozenset({"agency", "power_source"})


def _agency_missing(document: LoadedDocument, index: int, item: str) -> Finding:
    loc = ("implementations", index)
    position = document.position(loc)
    return SCHEMA_MISSING_KEY.finding(
        "缺少字段 “agency”（实施主体）：在本条或清单的 defaults 中写明",
        "missing key 'agency' (the implementing agency): set it in the entry or in "
        "the list's defaults",
        file=document.file,
        line=position.line,
        column=position.column,
        item=item,
        path=identity_path(document.data, loc),
    )


def _without_unified_elements(document: LoadedDocument, findings: list[Finding]) -> Any:
    """The document's data without the unified elements its entries and defaults carry; each
    one carried is reported as ``implementation-overrides-unified-element``."""
    data = document.data
    if not isinstance(data, dict):
        return data
    cleaned = dict(data)
    defaults = data.get("defaults")
    if isinstance(defaults, dict) and _carries_unified(defaults):
        findings.extend(_override_findings(document, ("defaults",), defaults, None))
        cleaned["defaults"] = _local_only(defaults)
    entries = data.get("implementations")
    if isinstance(entries, list):
        cleaned["implementations"] = [
            _cleaned_entry(document, index, entry, findings) for index, entry in enumerate(entries)
        ]
    return cleaned


def _cleaned_entry(
    document: LoadedDocument, index: int, entry: Any, findings: list[Finding]
) -> Any:
    if not isinstance(entry, dict) or not _carries_unified(entry):
        return entry
    item = entry.get("item")
    item_code = item if isinstance(item, str) else None
    findings.extend(_override_findings(document, ("implementations", index), entry, item_code))
    return _local_only(entry)


def _carries_unified(mapping: dict[str, Any]) -> bool:
    return not _UNIFIED.isdisjoint(mapping)


_UNIFIED = frozenset(UNIFIED_FIELDS)


def _local_only(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if key not in UNIFIED_FIELDS}


def _override_findings(
    document: LoadedDocument, at: Loc, entry: dict[str, Any], item: str | None
) -> Iterator[Finding]:
    for key in (key for key in entry if key in UNIFIED_FIELDS):
        loc = (*at, key)
        position = document.key_position(loc)
        yield IMPLEMENTATION_OVERRIDES_UNIFIED_ELEMENT.finding(
            f"实施清单不得改写统一要素 “{key}”：该要素由省级统一规定（八统一）",
            f"an implementation may not override the unified element '{key}': the "
            "province defines it for every level",
            file=document.file,
            line=position.line,
            column=position.column,
            item=item,
            path=identity_path(document.data, loc),
        )
