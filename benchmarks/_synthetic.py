"""Synthetic catalogs for benchmarks. Everything generated here is marked synthetic.

Items are varied (1–8 materials, 1–4 service steps, 2–5 handling steps, 0–3 forms of 2–12
fields, different item types and lists) so that validation does representative work; their names say
``合成事项`` (synthetic item) and the manifest says so too. Laws are the real registry of the
bundled catalog, so citations resolve.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
REAL_LAWS = REPO / "catalog" / "laws.yaml"

_TYPES = ["公共服务", "行政许可", "行政确认", "行政给付", "行政处罚", "行政检查", "其他行政权力"]
_FORMS = ["原件", "复印件", "原件或复印件", "电子文件"]
_SOURCES = ["申请人自备", "政府部门核发", "其他机构出具", "申请人填写"]
_CHANNELS = ["网上办理", "窗口办理", "邮寄", "自助终端", "移动端"]
_ROLES = ["受理", "审查", "决定", "办结", "送达"]
_FIELD_TYPES = ["text", "number", "date", "id_number", "phone", "choice", "file"]


def write_catalog(folder: Path, count: int, seed: int = 2026) -> Path:
    """Write a synthetic catalog of ``count`` items into ``folder`` (replaced); return it."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "items").mkdir(parents=True)
    shutil.copyfile(REAL_LAWS, folder / "laws.yaml")
    law_ids = [law["id"] for law in yaml.safe_load(REAL_LAWS.read_text(encoding="utf-8"))["laws"]]
    manifest = {
        "name": "合成基准目录（synthetic benchmark catalog, not official）",
        "province": "22",
        "department": "0114",
        "lists": {
            "service": {"title": "合成服务清单（synthetic）"},
            "power": {"title": "合成权力清单（synthetic）"},
        },
        "publication": {"working_days": 1},
    }
    _dump(folder / "catalog.yaml", manifest)
    rng = random.Random(seed)
    for number in range(count):
        item = synthetic_item(number, rng, law_ids)
        _dump(folder / "items" / f"{item['code']}.yaml", item)
    return folder


def synthetic_item(number: int, rng: random.Random, law_ids: list[str]) -> dict[str, object]:
    """One valid synthetic item, number ``number``; varied by ``rng``."""
    item_type = rng.choice(_TYPES)
    main, sub = synthetic_code_parts(number)
    code = f"220114{main:03d}{sub:03d}"
    citation = _citation(rng, law_ids)
    forms = [_form(f"F{i + 1}", rng) for i in range(rng.randint(0, 3))]
    materials = [_material(f"M{i + 1}", rng, law_ids, forms) for i in range(rng.randint(1, 8))]
    steps = [
        {
            "id": f"S{i + 1}",
            "name": f"合成环节{i + 1}",
            "channel": rng.choice(_CHANNELS),
            "on_site": False,
        }
        for i in range(rng.randint(1, 4))
    ]
    visits = rng.randint(0, 1)
    if visits:
        steps[-1]["on_site"] = True
    handling = [
        {
            "id": f"H{i + 1}",
            "name": f"合成经办{i + 1}",
            "role": rng.choice(_ROLES),
            "working_days": rng.randint(0, 3),
        }
        for i in range(rng.randint(2, 5))
    ]
    committed = sum(int(step["working_days"]) for step in handling) + rng.randint(0, 5)
    return {
        "code": code,
        "lists": ["service"] if item_type == "公共服务" else ["power"],
        "item_type": item_type,
        "department": f"合成处室{rng.randint(1, 12)}",
        "levels": ["省级", "市级", "县级"],
        "main_item_name": f"合成事项{main:05d}（synthetic）",
        "sub_item_name": f"合成子项{sub}",
        "legal_basis": [citation],
        "materials": materials,
        "service_process": steps,
        "handling_process": handling,
        "time_limit": {
            "legal": (
                {"days": committed + 10, "unit": "工作日", "basis": _copy(citation)}
                if rng.random() < 0.5
                else None
            ),
            "committed": {"days": committed, "unit": "工作日"},
        },
        "forms": forms,
        "conditions": [f"合成受理条件{i + 1}" for i in range(rng.randint(1, 3))],
        "visits": visits,
        "fee": {"charged": False},
        "penalty": (
            {"conduct": "合成违法行为", "kinds": ["警告", "罚款"], "range": "合成处罚幅度"}
            if item_type == "行政处罚"
            else None
        ),
        "revision": {
            "version": rng.randint(1, 5),
            "changed_on": "2026-03-10",
            "published_on": "2026-03-11",
        },
    }


def synthetic_code_parts(number: int) -> tuple[int, int]:
    """The main item (MMM) and sub-item (SSS) of synthetic item ``number``: four sub-items to
    each of the 1,000 main items up to item 3,999, then a fifth, sixth … to each in turn, so
    every code keeps the province (22) and department (0114) of the manifest."""
    if number < 4000:
        main, sub = divmod(number, 4)
        return main, sub + 1
    main, sub = number % 1000, 5 + (number - 4000) // 1000
    if sub > 999:
        raise ValueError(f"at most {4000 + 995 * 1000} synthetic items have distinct codes")
    return main, sub


def _copy(citation: dict[str, object]) -> dict[str, object]:
    # A second, equal object: the same one twice would be dumped as an anchor and an alias.
    return {
        key: list(value) if isinstance(value, list) else value for key, value in citation.items()
    }


def _citation(rng: random.Random, law_ids: list[str]) -> dict[str, object]:
    return {"law": rng.choice(law_ids), "articles": [f"第{rng.choice('一二三四五六七八九十')}条"]}


def _material(
    material_id: str, rng: random.Random, law_ids: list[str], forms: list[dict[str, object]]
) -> dict[str, object]:
    source = rng.choice(_SOURCES)
    material: dict[str, object] = {
        "id": material_id,
        "name": f"合成材料{material_id}",
        "form": rng.choice(_FORMS),
        "copies": rng.randint(0, 2),
        "source": source,
        "requirement": rng.choice(["必要", "非必要", "容缺后补"]),
        "exempt_by": rng.choice(["数据共享", "电子证照", "告知承诺"])
        if source == "政府部门核发"
        else None,
        "legal_basis": [_citation(rng, law_ids)],
    }
    if forms and rng.random() < 0.3:
        material["form_id"] = rng.choice(forms)["id"]
    return material


def _form(form_id: str, rng: random.Random) -> dict[str, object]:
    return {
        "id": form_id,
        "name": f"合成表单{form_id}",
        "fields": [
            {
                "name": f"字段{i + 1}",
                "type": rng.choice(_FIELD_TYPES),
                "required": rng.random() < 0.6,
            }
            for i in range(rng.randint(2, 12))
        ],
    }


def _dump(path: Path, data: object) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    path.write_text("# synthetic: generated by benchmarks/_synthetic.py\n" + text, encoding="utf-8")


def parse_only(folder: Path) -> int:
    """The floor: read and parse every YAML file of the catalog with CSafeLoader, in this process."""
    count = 0
    for path in sorted(folder.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        count += 1
    return count


def best_of_each(repeat: int, functions: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The shortest of ``repeat`` timed runs of each function, the functions taking turns, so
    that a load on the machine weighs on all of them alike."""
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            timings[name].append(_timed(function))
    return {name: min(values) for name, values in timings.items()}


def _timed(function: Callable[[], object]) -> float:
    """Seconds ``function`` takes; what it returns is freed after the clock stops (freeing a
    catalog is not loading one)."""
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    del result
    return seconds


def best_of(repeat: int, function: Callable[[], object]) -> float:
    """The shortest of ``repeat`` timed runs of ``function``, in seconds."""
    return min(_timed(function) for _ in range(repeat))


@dataclass(frozen=True)
class ProcessRun:
    """One run of a command: its wall time, its CPU time and its peak memory."""

    seconds: float
    cpu_seconds: float
    peak_kib: int
    returncode: int


def run_process(command: Sequence[str], cwd: Path | None = None) -> ProcessRun:
    """Run ``command`` to its end, output discarded; measure it (peak memory from ``wait4``)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, for its usage
    return ProcessRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode)
