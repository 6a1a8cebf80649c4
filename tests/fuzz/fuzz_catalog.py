"""Fuzz the loader and the whole validation with random mutations of the real item files.

Not part of the test suite (pytest collects ``test_*.py`` only); run it by hand:

    .venv/bin/python tests/fuzz/fuzz_catalog.py --mutants 10000 --seed 1

Each mutant is one real item file of ``catalog/items`` changed at random — bytes flipped,
inserted (YAML's special characters among them), deleted or cut off, lines dropped, doubled or
swapped, the whole file made empty, a comment, ``null`` or ``---``, or a number of it (a time
limit, copies, visits, a handling step's days, the version) replaced by one at or beyond its
bound, up to thousands of digits — and loaded as the only item of a small catalog with the full
rule set; some mutants are put where the catalog reads no file (a subfolder of ``items/``, the
catalog's root as ``notes.yaml``). It counts:

* **exceptions**: anything ``load_catalog`` raises (it must raise nothing for a catalog folder);
* **hangs**: a load that takes longer than ``--timeout`` seconds (SIGALRM);
* **silent losses**: a mutant accepted as valid — no error on its file — that has lost its whole
  content or a required key of an item, or holds a number beyond its bound. Must be 0: an item
  file that stopped being an item may never pass;
* **silent strays**: a mutant put where the catalog reads no file that no finding names;
* **lost reports**: of ``--write-checks`` mutants, a command and format run with stdout on
  ``/dev/full`` (or closed) that does not exit 3 with one line on stderr (the report lost, or
  the command's own error where it had nothing to write).

It prints the figures and exits 1 if any of them is not 0.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from servicecatalog import Item, Severity, load_catalog  # noqa: E402  # after the path is set
from servicecatalog.model import (  # noqa: E402  # after the path is set
    MAX_COPIES,
    MAX_LIMIT,
    MAX_VERSION,
    MAX_VISITS,
)

ITEMS = sorted((REPO / "catalog" / "items").glob("*.yaml"))
TODAY = max(
    date.fromisoformat(day.decode())
    for path in ITEMS
    for day in re.findall(
        rb"(?:changed|published)_on: ([0-9]{4}-[0-9]{2}-[0-9]{2})", path.read_bytes()
    )
)
"""The day of the bundled catalog's latest revision: no mutant is refused only for its dates."""
REQUIRED = frozenset(name for name, field in Item.model_fields.items() if field.is_required())
SPECIAL = [
    b":", b": ", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!", b"! ", b"!!str ",
    b"<<: ", b"|", b">", b"#", b"'", b'"', b"\t", b"\n", b"\r", b"---\n", b"...\n", b"? ",
    b"\\", b"\x00", b"\x01", b"\x1b", b"\x7f", b"\xff", b"\xef\xbb\xbf", b"\xff\xfe",
    "\u2028".encode(), "\u202e".encode(), "\u200b".encode(), "\u00a0".encode(), "：".encode(),
    b"null", b"~", b"0114", b"2026-02-30", b"  ", b"    ",
]  # fmt: skip
EMPTY = [b"", b"\n", b"# lost\n", b"null\n", b"~\n", b"---\n", b"--- ~\n", b"\xef\xbb\xbf"]
MANIFEST = """\
name: fuzz (synthetic)
province: "22"
department: "0114"
lists:
  service: {title: 群众和企业到政府办事事项清单}
  power: {title: 权力事项清单}
  delegation: {title: 向国家级开发区放权清单, subset_of: power}
  talent: {title: 人才权力清单, subset_of: power}
publication: {working_days: 1}
"""


NUMBERS = re.compile(
    rb"(days: |copies: |visits: |working_days: |version: )([0-9]+)(, unit: (\S+?)[},\n])?"
)
"""The counts of an item file, with the unit of a limit where one follows."""
STRAY_PLACES = ["items/2027/{name}", "items/a/b/{name}", "notes.yaml", "catalog.yml", "{name}"]
WRITE_COMMANDS = [
    ["validate", "{catalog}", "--format", "json"],
    ["validate", "{catalog}", "--format", "sarif"],
    ["validate", "{catalog}", "--format", "github"],
    ["validate", "{catalog}"],
    ["stats", "--catalog", "{catalog}", "--format", "json", "--allow-invalid"],
    ["coverage", "--catalog", "{catalog}", "--allow-invalid"],
    ["diff", "{catalog}", "{catalog}", "--format", "markdown"],
    ["guide", "{code}", "--catalog", "{catalog}", "--allow-invalid", "--format", "md"],
]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def mutate(rng: random.Random, raw: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["bytes", "bytes", "bytes", "lines", "lines", "whole", "bounds"])
    if kind == "bounds":
        return kind, _out_of_bounds(rng, raw)
    if kind == "whole":
        return kind, rng.choice(EMPTY) + rng.choice([b"", b"# \xe5\xa4\x87\xe6\xb3\xa8\n"])
    if kind == "lines":
        lines = raw.split(b"\n")
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(lines))
            action = rng.choice(["drop", "double", "swap", "indent", "dedent"])
            if action == "drop":
                del lines[index]
            elif action == "double":
                lines.insert(index, lines[index])
            elif action == "swap":
                other = rng.randrange(len(lines))
                lines[index], lines[other] = lines[other], lines[index]
            elif action == "indent":
                lines[index] = b"  " + lines[index]
            else:
                lines[index] = lines[index].lstrip()
            if not lines:
                break
        return kind, b"\n".join(lines)
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        action = rng.choice(["flip", "insert", "delete", "truncate"])
        if action == "flip" and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif action == "insert":
            at = rng.randint(0, len(data))
            data[at:at] = rng.choice(SPECIAL)
        elif action == "delete" and data:
            at = rng.randrange(len(data))
            del data[at : at + rng.randint(1, 40)]
        elif action == "truncate":
            del data[rng.randint(0, len(data)) :]
    return kind, bytes(data)


def _out_of_bounds(rng: random.Random, raw: bytes) -> bytes:
    """``raw`` with one of its counts replaced by a number at, just beyond or far beyond a bound."""
    found = list(NUMBERS.finditer(raw))
    if not found:
        return raw
    match = rng.choice(found)
    numbers = [
        0,
        *MAX_LIMIT.values(),
        *(value + 1 for value in MAX_LIMIT.values()),
        MAX_COPIES + 1,
        MAX_VERSION + 1,
        3_000_000,
        200_000,
        99_999_999_999,
        10 ** rng.randint(10, 40),
    ]
    digits = rng.choice([str(n) for n in numbers] + ["9" * rng.choice([19, 100, 4301, 5000])])
    return raw[: match.start(2)] + digits.encode() + raw[match.end(2) :]


def beyond_a_bound(item: Item) -> bool:
    """True when an accepted item holds a number beyond its bound (a limit past five years)."""
    limits = [item.time_limit.committed]
    legal = item.time_limit.legal
    if legal is not None and hasattr(legal, "days"):
        limits.append(legal)  # type: ignore[arg-type]  # a LegalDuration
    return (
        any(limit.days > MAX_LIMIT[limit.unit.value] for limit in limits)
        or any(material.copies > MAX_COPIES for material in item.materials)
        or item.visits > MAX_VISITS
        or item.revision.version > MAX_VERSION
        or any(step.working_days > MAX_LIMIT["工作日"] for step in item.handling_process)
    )


def lost_something(catalog: object, code: str) -> bool:
    """True when the accepted item lost its content or a required key, or holds a number
    beyond its bound."""
    if code not in catalog:  # type: ignore[operator]
        return True
    data = catalog.document(code).data  # type: ignore[attr-defined]
    if not isinstance(data, dict) or not set(data) >= REQUIRED:
        return True
    return beyond_a_bound(catalog.item(code))  # type: ignore[attr-defined]


def lost_report(rng: random.Random, root: Path, code: str, timeout: float) -> str | None:
    """Run a random command and format with stdout on /dev/full or closed; what went wrong, or
    None when it exited 3 with the one line."""
    template = rng.choice(WRITE_COMMANDS)
    arguments = [part.format(catalog=root, code=code) for part in template]
    command = [sys.executable, "-m", "servicecatalog", *arguments]
    how = rng.choice(["full", "closed"])
    if how == "closed":
        command = ["sh", "-c", '"$@" >&-', "sh", *command]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with open(os.devnull if how == "closed" else "/dev/full", "w") as stdout:
        result = subprocess.run(
            command,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout * 6,
            env=environment,
            check=False,
        )
    errors = [line for line in result.stderr.splitlines() if line.startswith("servicecatalog:")]
    # Exit 3 with one line: the report lost, or a command that had nothing to write (guide of an
    # item that does not validate) saying so.
    plain = "Traceback" not in result.stderr and "internal error" not in result.stderr
    if result.returncode == 3 and len(errors) == 1 and plain:
        return None
    return f"{how}: {' '.join(template)}: exit {result.returncode}: {result.stderr[-300:]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument(
        "--strays", type=float, default=0.05, help="share of mutants put where no file is read"
    )
    parser.add_argument(
        "--write-checks",
        type=int,
        default=40,
        help="mutants on which a command also runs with a broken stdout (a process each)",
    )
    options = parser.parse_args()
    rng = random.Random(options.seed)
    signal.signal(signal.SIGALRM, _alarm)
    figures: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    failures: list[str] = []
    checked_every = max(1, options.mutants // max(1, options.write_checks))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="servicecatalog-fuzz-") as temporary:
        root = Path(temporary) / "catalog"
        (root / "items").mkdir(parents=True)
        (root / "catalog.yaml").write_text(MANIFEST, encoding="utf-8")
        shutil.copy(REPO / "catalog" / "laws.yaml", root)
        for number in range(options.mutants):
            source = rng.choice(ITEMS)
            kind, raw = mutate(rng, source.read_bytes())
            _clear(root)
            stray = rng.random() < options.strays
            place = rng.choice(STRAY_PLACES) if stray else "items/{name}"
            target = root / place.format(name=source.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
            figures[f"kind:{kind}"] += 1
            signal.setitimer(signal.ITIMER_REAL, options.timeout)
            try:
                catalog = load_catalog(root, today=TODAY)
            except Hang:
                figures["hangs"] += 1
                failures.append(f"hang: mutant {number} of {source.name}")
                continue
            except Exception as error:  # counting exceptions is the point
                figures["exceptions"] += 1
                failures.append(f"{type(error).__name__}: {error} (mutant {number}, {source.name})")
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if number % checked_every == 0 and figures["write checks"] < options.write_checks:
                figures["write checks"] += 1
                problem = lost_report(rng, root, source.stem, options.timeout)
                if problem is not None:
                    figures["lost reports"] += 1
                    failures.append(f"lost report: mutant {number} of {source.name}: {problem}")
            if stray:
                figures["strays"] += 1
                if not any(f.file == str(target) for f in catalog.report):
                    figures["silent strays"] += 1
                    failures.append(f"silent stray: mutant {number} at {target}")
                continue
            errors = [f for f in catalog.report.at_least(Severity.ERROR) if f.file == str(target)]
            rules.update({f.rule for f in errors})
            if errors:
                figures["rejected"] += 1
            else:
                figures["accepted"] += 1
                if lost_something(catalog, source.stem):
                    figures["silent losses"] += 1
                    failures.append(f"silent loss: mutant {number} of {source.name}: {raw[:80]!r}")
    elapsed = time.perf_counter() - started
    print(f"mutants: {options.mutants} (seed {options.seed}) in {elapsed:.1f} s")
    for key in (
        "exceptions",
        "hangs",
        "silent losses",
        "silent strays",
        "lost reports",
        "accepted",
        "rejected",
        "strays",
        "write checks",
    ):
        print(f"  {key}: {figures[key]}")
    print(
        "  mutations: "
        + ", ".join(f"{k[5:]} {v}" for k, v in sorted(figures.items()) if k.startswith("kind:"))
    )
    print(
        "  rules that rejected mutants: "
        + ", ".join(f"{rule} {count}" for rule, count in rules.most_common())
    )
    for failure in failures[:20]:
        print("  " + failure)
    bad = sum(
        figures[key]
        for key in ("exceptions", "hangs", "silent losses", "silent strays", "lost reports")
    )
    return 1 if bad else 0


def _clear(root: Path) -> None:
    """The catalog as it started: the manifest, the laws and an empty items/."""
    for path in root.iterdir():
        if path.name in ("catalog.yaml", "laws.yaml"):
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    (root / "items").mkdir()


if __name__ == "__main__":
    sys.exit(main())
