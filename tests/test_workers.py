"""Tests of what worker pools share: the CPUs there are to use, and the chunks of a job this
process and its workers take. (That workers end with their parent, and that a job's results are
the same with workers as without, is tested where pools are used: tests/test_implementations.py,
tests/test_parallel_parsing.py, tests/test_guides_site.py.)"""

from __future__ import annotations

import multiprocessing
import os

import pytest

from servicecatalog import _workers
from servicecatalog._workers import ChunkClaims, available_cpus, from_the_last


def test_the_cpus_this_process_may_run_on_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert available_cpus() == 3


def test_without_affinity_every_cpu_counts_and_at_least_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert available_cpus() == 8
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # the system cannot tell
    assert available_cpus() == 1


def _claims(chunks: int) -> ChunkClaims:
    return ChunkClaims(multiprocessing.get_context(), chunks)


def test_a_chunk_is_taken_once() -> None:
    claims = _claims(3)
    assert claims.take(1)
    assert not claims.take(1)
    assert claims.take(0)


def test_this_process_works_from_the_last_chunk_back_to_one_a_worker_took() -> None:
    claims = _claims(5)
    assert claims.take(0)  # a worker's
    assert claims.take(1)  # another's
    assert from_the_last(claims, 5, lambda number: number * 10) == {4: 40, 3: 30, 2: 20}


def test_a_worker_takes_no_chunk_this_process_took_in_between() -> None:
    claims = _claims(4)
    worked: list[int] = []

    def work(number: int) -> int:
        worked.append(number)
        if number == 2:  # meanwhile a worker takes chunk 1: this process stops before it
            assert claims.take(1)
        return number

    assert from_the_last(claims, 4, work) == {3: 3, 2: 2}
    assert worked == [3, 2]
    assert claims.take(0)


def test_an_interruption_takes_every_chunk_left_for_the_workers_to_skip() -> None:
    claims = _claims(6)

    def interrupted(number: int) -> int:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        from_the_last(claims, 6, interrupted)
    assert not any(claims.take(number) for number in range(6))


def test_a_lock_left_held_by_a_killed_worker_takes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_workers, "_LONGEST_TAKING", 0.01)
    claims = _claims(2)
    held = claims._lock
    assert held.acquire()  # as a worker killed while taking would leave it
    assert not claims.take(0)
    claims.take_all()  # gives up too, instead of waiting for ever
    assert from_the_last(claims, 2, lambda number: number) == {}
    held.release()
    assert claims.take(0)
    assert claims.take(1)


def test_claims_are_shared_with_forked_workers() -> None:
    context = multiprocessing.get_context("fork")
    claims = ChunkClaims(context, 3)
    child = context.Process(target=claims.take, args=(2,))
    child.start()
    child.join()
    assert child.exitcode == 0
    assert not claims.take(2)
    assert claims.take(1)
