"""Tests of what worker pools share: the CPUs there are to use. (That workers end with their
parent is tested where pools are used: tests/test_implementations.py, tests/test_guides_site.py.)"""

from __future__ import annotations

import os

import pytest

from servicecatalog._workers import available_cpus


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
