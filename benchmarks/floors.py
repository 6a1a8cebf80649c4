"""Benchmark: the library and the commands against their floors, in one run, as one table.

    .venv/bin/python benchmarks/floors.py [--items 2000,8000] [--repeat 3] [--no-site | --only-site] [--bundled]

Each figure is a ratio to a floor measured in the same run, the two taking turns (best of
--repeat), so that a load on the machine weighs on both alike. The ratio is of CPU time (user and
system, of the process and the children it waited for: the workers that parse item files, load
implementation lists or write pages count): on a machine shared with other work, the
wall time measures the others too; the wall-time ratio is shown beside it.

* validate: ``sc.load_catalog`` against every file parsed with PyYAML's libyaml ``CSafeLoader``
  in this process (the library), and ``servicecatalog validate --format json`` against a process
  doing only that parse (the command, process start included); for the bundled catalog and for
  SYNTHETIC catalogs of each of --items items of two kinds (benchmarks/_synthetic.py): ``clean``
  (no error, no warning) and ``findings`` (one item in ten with a warning, one in a hundred
  with an error);
* peak memory: the command's peak resident set (its own ``VmHWM``: see ``_peak.py``), per item;
* diff: ``review_sources`` and ``servicecatalog diff --format json`` of two synthetic catalogs of
  the smallest --items size, 1% of the item files changed, as folders and as ``git:HEAD~1
  git:HEAD``, against parsing both trees (from git: each revision's blobs through one
  ``git cat-file --batch``);
* site: ``servicecatalog site`` (its default: one worker process per CPU from 50 items on) and
  ``site --jobs 1`` of the bundled catalog and of the clean synthetic catalog of the smallest
  size against parsing every file and writing the same files (those of a site built beforehand,
  read back and written again), all written to memory (``/dev/shm``) where there is one. The
  workers' CPU time is counted: the CPU ratio says how much work a site is, the wall ratio how
  long one waits for it. Both catalogs are published (``site.base_url``), so every handout
  draws a QR code: ``--no-cache`` draws them all, "cache kept" finds them in the cache folder
  with the parses and the names' pinyin;
* load_snapshot: ``sc.load_snapshot`` against ``json.load`` of the same file (the snapshots of
  the bundled catalog and of the clean synthetic one), in a fresh process each;
* start: ``import servicecatalog`` and ``servicecatalog --help`` against ``python -c pass``
  (medians of 3 × --repeat runs; the difference is what the package adds).

The package is byte-compiled first (``compileall``), as pip compiles a wheel it installs: an
editable install is otherwise compiled again at every start where ``PYTHONDONTWRITEBYTECODE``
is set, which is a cost of the environment and not of the commands.

Prints the table in Markdown (benchmarks/README.md keeps the last one). Not a test: nothing here
passes or fails.
"""

from __future__ import annotations

import argparse
import atexit
import compileall
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import (  # benchmarks are scripts, not a package
    KINDS,
    REPO,
    ProcessRun,
    change_one_percent,
    parse_only,
    peak_memory_kib,
    run_process,
    write_catalog,
)

import servicecatalog as sc
from servicecatalog.review import review_sources

CACHE = Path(tempfile.mkdtemp(prefix="servicecatalog-floors-cache-"))
"""The parse cache of the rows that keep parses (removed at exit); the other rows keep none."""
atexit.register(shutil.rmtree, CACHE, True)
os.environ.pop("SERVICECATALOG_NO_CACHE", None)  # the flags below say which rows keep parses

PYTHON = sys.executable
FLOOR = str(Path(__file__).resolve().parent / "_floor.py")
BUNDLED = REPO / "catalog"
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
COMMAND = [PYTHON, "-m", "servicecatalog", "--no-cache"]
KEPT = [PYTHON, "-m", "servicecatalog", "--cache-dir", str(CACHE)]
"""The command keeping parses between runs, as it does by default (in its own cache folder)."""
SITE_ROOT = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
"""Where the site rows write: memory (tmpfs) where there is one, as a virtual machine's disk
makes the time the kernel spends writing erratic (0.3–3.5 s of system time for the same 100 MB),
and it would weigh on the floor and the site alike."""


@dataclass(frozen=True)
class Timing:
    """The shortest wall time and the shortest CPU time of some runs, in seconds."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Row:
    """One line of the table: what was measured, on what, its floor and itself."""

    what: str
    size: str
    floor: Timing
    measured: Timing
    goal: float | None


def _in_process(repeat: int, functions: dict[str, Callable[[], object]]) -> dict[str, Timing]:
    """Each function's best wall and CPU time, the functions taking turns; what a function
    returns is freed after the clocks stop (freeing a catalog is not loading one)."""
    walls: dict[str, list[float]] = {name: [] for name in functions}
    cpus: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            wall, cpu = time.perf_counter(), _cpu_with_children()
            result = function()
            walls[name].append(time.perf_counter() - wall)
            cpus[name].append(_cpu_with_children() - cpu)
            del result
    return {name: Timing(min(walls[name]), min(cpus[name])) for name in functions}


def _cpu_with_children() -> float:
    """This process's CPU time and that of the children it waited for: the workers a load
    forks to parse or check are the load's work too."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class Memory:
    """The command's peak memory validating a catalog of ``items`` items."""

    kind: str
    items: int
    peak_kib: int


def _processes(
    repeat: int, commands: dict[str, tuple[list[str], Path | None]]
) -> dict[str, Timing]:
    """The best wall and CPU time of each command, the commands taking turns."""
    runs: dict[str, list[ProcessRun]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, cwd) in commands.items():
            done = run_process(command, cwd=cwd)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
            runs[name].append(done)
    return {
        name: Timing(min(run.seconds for run in done), min(run.cpu_seconds for run in done))
        for name, done in runs.items()
    }


def _kept_parses(folder: Path) -> sc.Catalog:
    with sc.parse_cache(CACHE):
        return sc.load_catalog(folder)


def _validate_rows(folder: Path, size: str, repeat: int, goal: float) -> tuple[list[Row], int, int]:
    """The library and the command validating ``folder``, parsing every file and keeping
    parses between runs, and one more run of the command each way for its peak memory."""
    _kept_parses(folder)
    best = _in_process(
        repeat,
        {
            "floor": lambda: parse_only(folder),
            "library": lambda: sc.load_catalog(folder),
            "kept": lambda: _kept_parses(folder),
        },
    )
    arguments = ["validate", str(folder), "--format", "json"]
    validate, kept = [*COMMAND, *arguments], [*KEPT, *arguments]
    run_process(kept)
    processes = _processes(
        repeat,
        {
            "floor": ([PYTHON, FLOOR, "folders", str(folder)], None),
            "command": (validate, None),
            "kept": (kept, None),
        },
    )
    return (
        [
            Row("validate, library", size, best["floor"], best["library"], goal),
            Row("validate, library, parses kept", size, best["floor"], best["kept"], goal),
            Row("validate, command", size, processes["floor"], processes["command"], goal),
            Row(
                "validate, command, parses kept", size, processes["floor"], processes["kept"], goal
            ),
        ],
        peak_memory_kib(validate),
        peak_memory_kib(kept),
    )


def _git_repo(root: Path, catalog: Path) -> Path:
    """A git repository whose ``catalog/`` is ``catalog``, then 1% of its items changed."""
    repo = root / "repo"
    shutil.copytree(catalog, repo / "catalog")
    for arguments in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-q", "--no-gpg-sign", "-m", "before"],
    ):
        subprocess.run([*GIT, *arguments], cwd=repo, check=True)
    change_one_percent(repo / "catalog")
    subprocess.run([*GIT, "commit", "-q", "--no-gpg-sign", "-am", "after"], cwd=repo, check=True)
    return repo


def _diff_rows(root: Path, catalog: Path, size: str, repeat: int) -> list[Row]:
    changed = root / "changed"
    shutil.copytree(catalog, changed)
    change_one_percent(changed)
    best = _in_process(
        repeat,
        {
            "floor": lambda: (parse_only(catalog), parse_only(changed)),
            "library": lambda: review_sources(str(catalog), str(changed)),
        },
    )
    repo = _git_repo(root, catalog)
    diff = [*COMMAND, "diff", "--format", "json"]
    kept = [*KEPT, "diff", "--format", "json"]
    for command, cwd in (
        ([*kept, str(catalog), str(changed)], None),
        ([*kept, "git:HEAD~1", "git:HEAD"], repo),
    ):
        run_process(command, cwd=cwd)
    processes = _processes(
        repeat,
        {
            "folders floor": ([PYTHON, FLOOR, "folders", str(catalog), str(changed)], None),
            "folders": ([*diff, str(catalog), str(changed)], None),
            "folders kept": ([*kept, str(catalog), str(changed)], None),
            "git floor": ([PYTHON, FLOOR, "git", str(repo), "HEAD~1", "HEAD"], None),
            "git": ([*diff, "git:HEAD~1", "git:HEAD"], repo),
            "git kept": ([*kept, "git:HEAD~1", "git:HEAD"], repo),
        },
    )
    folders_floor, git_floor = processes["folders floor"], processes["git floor"]
    return [
        Row("diff folders, library", size, best["floor"], best["library"], 1.4),
        Row("diff folders, command", size, folders_floor, processes["folders"], 1.4),
        Row(
            "diff folders, command, parses kept",
            size,
            folders_floor,
            processes["folders kept"],
            1.4,
        ),
        Row("diff git:HEAD~1 git:HEAD, command", size, git_floor, processes["git"], 1.4),
        Row(
            "diff git:HEAD~1 git:HEAD, command, parses kept",
            size,
            git_floor,
            processes["git kept"],
            1.4,
        ),
    ]


def _site_rows(catalog: Path, size: str, repeat: int) -> list[Row]:
    """``site`` with its default workers and with ``--jobs 1`` against the floor, all writing
    under :data:`SITE_ROOT`."""
    with tempfile.TemporaryDirectory(prefix="servicecatalog-site-", dir=SITE_ROOT) as temporary:
        root = Path(temporary)
        out, reference, floor_out = root / "site", root / "site-reference", root / "site-floor"
        built = run_process([*COMMAND, "site", str(reference), "--catalog", str(catalog)])
        if built.returncode != 0:
            raise SystemExit(f"servicecatalog site --catalog {catalog} exited {built.returncode}")
        site = [*COMMAND, "site", str(out), "--catalog", str(catalog)]
        kept = [*KEPT, "site", str(out), "--catalog", str(catalog)]
        run_process(kept)
        processes = _processes(
            repeat,
            {
                "floor": (
                    [PYTHON, FLOOR, "site", str(catalog), str(reference), str(floor_out)],
                    None,
                ),
                "site": (site, None),
                "site kept": (kept, None),
                "site -j 1": ([*site, "--jobs", "1"], None),
            },
        )
    floor = processes["floor"]
    return [
        Row("site, command", size, floor, processes["site"], 1.8),
        Row("site, command, cache kept", size, floor, processes["site kept"], 1.8),
        Row("site --jobs 1, command", size, floor, processes["site -j 1"], None),
    ]


def _in_fresh_process(function: Callable[..., Row], *arguments: object) -> Row:
    """``function(*arguments)`` run in a new Python process: a portal reads its snapshot in a
    process of its own, not in one whose heap holds what loading 8,000-item catalogs left."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *arguments).result()


def _snapshot_row(root: Path, catalog: Path, size: str, repeat: int) -> Row:
    target = root / "catalog.json"
    subprocess.run(
        [*COMMAND, "build", str(catalog), "-o", str(target)], capture_output=True, check=True
    )
    sc.load_snapshot(target)  # the validators are built once per process, not per snapshot

    def json_load() -> object:
        with target.open(encoding="utf-8") as file:
            return json.load(file)

    best = _in_process(3 * repeat, {"floor": json_load, "load": lambda: sc.load_snapshot(target)})
    megabytes = target.stat().st_size / 1e6
    return Row("load_snapshot", f"{size} ({megabytes:.1f} MB)", best["floor"], best["load"], 1.1)


def _start_rows(repeat: int) -> list[Row]:
    commands = {
        "bare": [PYTHON, "-c", "pass"],
        "import": [PYTHON, "-c", "import servicecatalog"],
        "help": [*COMMAND, "--help"],
    }
    runs: dict[str, list[ProcessRun]] = {name: [] for name in commands}
    for _ in range(3 * repeat):
        for name, command in commands.items():
            runs[name].append(run_process(command, cwd=REPO))
    median = {
        name: Timing(
            statistics.median(run.seconds for run in done),
            statistics.median(run.cpu_seconds for run in done),
        )
        for name, done in runs.items()
    }
    return [
        Row("import servicecatalog (ms over bare)", "", median["bare"], median["import"], 0.060),
        Row("servicecatalog --help (ms over bare)", "", median["bare"], median["help"], 0.080),
    ]


def _compile_package() -> None:
    """Byte-compile the package, as installing its wheel would (see the module's doc)."""
    package = Path(sc.__file__).parent
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"could not byte-compile {package}")


def _machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load:.1f} at start"
    )


def _only_site_rows(size: int, repeat: int) -> list[Row]:
    """The site rows: the bundled catalog and a clean synthetic catalog of ``size`` items."""
    with tempfile.TemporaryDirectory(prefix="servicecatalog-floors-") as temporary:
        synthetic = write_catalog(Path(temporary) / f"clean-{size}", size, kind="clean")
        return [
            *_site_rows(BUNDLED, "bundled", repeat),
            *_site_rows(synthetic, f"{size:,} items", repeat),
        ]


def _print_rows(rows: list[Row]) -> None:
    print("| what | catalog | floor CPU | CPU | ratio | wall ratio | goal |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        floor, measured = row.floor, row.measured
        if "ms over bare" in row.what:
            goal = f"≤ +{row.goal * 1e3:.0f} ms" if row.goal else ""
            print(
                f"| {row.what} | | {floor.cpu * 1e3:.0f} ms | {measured.cpu * 1e3:.0f} ms | "
                f"+{(measured.cpu - floor.cpu) * 1e3:.0f} ms | "
                f"+{(measured.wall - floor.wall) * 1e3:.0f} ms | {goal} |"
            )
            continue
        goal = f"≤ {row.goal:.2f}" if row.goal else ""
        print(
            f"| {row.what} | {row.size} | {floor.cpu:.3f} s | {measured.cpu:.3f} s | "
            f"{measured.cpu / floor.cpu:.2f} | {measured.wall / floor.wall:.2f} | {goal} |"
        )


def _print(rows: list[Row], memory: list[Memory]) -> None:
    _print_rows(rows)
    if not memory:
        return
    print()
    print("| peak memory of `validate` | items | peak | per item | growth per item |")
    print("|---|---:|---:|---:|---:|")
    for kind in dict.fromkeys(m.kind for m in memory):
        runs = sorted((m for m in memory if m.kind == kind), key=lambda m: m.items)
        for index, run in enumerate(runs):
            growth = ""
            if index:
                before = runs[index - 1]
                per_item = (run.peak_kib - before.peak_kib) / (run.items - before.items)
                growth = f"{per_item:.1f} KiB (from {before.items:,})"
            print(
                f"| {kind} | {run.items:,} | {run.peak_kib / 1024:.0f} MiB | "
                f"{run.peak_kib / run.items:.1f} KiB | {growth} |"
            )
    print("\ngoal: at most 40 KiB per item at 8,000 items")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", default="2000,8000", help="synthetic sizes (default 2000,8000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best kept (3)")
    parser.add_argument("--no-site", action="store_true", help="leave the site rows out")
    parser.add_argument(
        "--bundled",
        action="store_true",
        help="only validate of the bundled catalog and the start (a change's quick check)",
    )
    parser.add_argument(
        "--only-site", action="store_true", help="the site rows alone (smallest --items size)"
    )
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.items.split(","))
    repeat = options.repeat
    _compile_package()
    print(_machine(), end="\n\n")
    if options.only_site:
        _print_rows(_only_site_rows(sizes[0], repeat))
        return

    rows: list[Row] = []
    memory: list[Memory] = []
    with tempfile.TemporaryDirectory(prefix="servicecatalog-floors-") as temporary:
        root = Path(temporary)
        bundled_rows, _, _ = _validate_rows(BUNDLED, "bundled", repeat, 1.15)
        rows += bundled_rows
        if options.bundled:
            _print([*rows, *_start_rows(repeat)], memory)
            return
        for size in sizes:
            for kind in KINDS:
                folder = write_catalog(root / f"{kind}-{size}", size, kind=kind)
                counts = sc.load_catalog(folder).report.counts
                label = f"{size:,} {kind} ({counts['error']} errors, {counts['warning']} warnings)"
                size_rows, parsing, keeping = _validate_rows(folder, label, repeat, 1.15)
                rows += size_rows
                memory.append(Memory(kind, size, parsing))
                memory.append(Memory(f"{kind}, parses kept", size, keeping))
                if size != sizes[0] or kind != "clean":
                    shutil.rmtree(folder)
        smallest = root / f"clean-{sizes[0]}"
        label = f"{sizes[0]:,} items, 1% changed"
        (root / "diff").mkdir()
        rows += _diff_rows(root / "diff", smallest, label, repeat)
        if not options.no_site:
            rows += _site_rows(BUNDLED, "bundled", repeat)
            rows += _site_rows(smallest, f"{sizes[0]:,} items", repeat)
        for name, catalog in (("bundled", BUNDLED), (f"{sizes[0]:,} items", smallest)):
            where = root / f"snapshot-{name.split()[0]}"
            where.mkdir()
            rows.append(_in_fresh_process(_snapshot_row, where, catalog, name, repeat))
        rows += _start_rows(repeat)
    _print(rows, memory)


if __name__ == "__main__":
    main()
