"""Fuzz the loader and the whole validation with random mutations of the real item files.

Not part of the test suite (pytest collects ``test_*.py`` only); run it by hand:

    .venv/bin/python tests/fuzz/fuzz_catalog.py --mutants 10000 --seed 1

Each mutant is one real item file of ``catalog/items`` changed at random — bytes flipped,
inserted (YAML's special characters among them), deleted or cut off, lines dropped, doubled or
swapped, or the whole file made empty, a comment, ``null`` or ``---`` — and loaded as the only
item of a small catalog with the full rule set. It counts:

* **exceptions**: anything ``load_catalog`` raises (it must raise nothing for a catalog folder);
* **hangs**: a load that takes longer than ``--timeout`` seconds (SIGALRM);
* **silent losses**: a mutant accepted as valid — no error on its file — that has lost its whole
  content or a required key of an item. Must be 0: an item file that stopped being an item may
  never pass.

It prints the figures and exits 1 if any of the three is not 0.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
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

TODAY = date(2026, 12, 2)
ITEMS = sorted((REPO / "catalog" / "items").glob("*.yaml"))
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


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def mutate(rng: random.Random, raw: bytes) -> tuple[str, bytes]:
    kind = rng.choice(["bytes", "bytes", "bytes", "lines", "lines", "whole"])
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


def lost_something(catalog: object, code: str) -> bool:
    """True when the accepted item lost its content or a required key."""
    if code not in catalog:  # type: ignore[operator]
        return True
    data = catalog.document(code).data  # type: ignore[attr-defined]
    return not isinstance(data, dict) or not set(data) >= REQUIRED


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    signal.signal(signal.SIGALRM, _alarm)
    figures: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="servicecatalog-fuzz-") as temporary:
        root = Path(temporary) / "catalog"
        (root / "items").mkdir(parents=True)
        (root / "catalog.yaml").write_text(MANIFEST, encoding="utf-8")
        shutil.copy(REPO / "catalog" / "laws.yaml", root)
        for number in range(options.mutants):
            source = rng.choice(ITEMS)
            kind, raw = mutate(rng, source.read_bytes())
            for old in (root / "items").iterdir():
                old.unlink()
            target = root / "items" / source.name
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
    for key in ("exceptions", "hangs", "silent losses", "accepted", "rejected"):
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
    bad = figures["exceptions"] + figures["hangs"] + figures["silent losses"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
