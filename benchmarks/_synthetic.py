"""Synthetic catalogs for benchmarks. Everything generated here is marked synthetic.

Items are varied (1–8 materials, 2–4 service steps, 2–5 handling steps, 0–3 forms of 2–12
fields, different item types and lists) so that validation does representative work; their names say
``合成事项`` (synthetic item) and the manifest says so too. Laws are the real registry of the
bundled catalog, so citations resolve.

A catalog is written in one of two kinds: ``clean`` validates with no error and no warning (the
catalog a department keeps); ``findings`` gives a realistic share of its items a flaw (about one
item in ten a warning, one in a hundred an error), so that locating findings is measured too.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
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
_REMOTE_CHANNELS = ["网上办理", "邮寄", "自助终端", "移动端"]
_AUDIENCES = ["自然人", "企业法人", "事业法人", "社会组织法人"]
_AUTHORITY_INITIATED = {"行政处罚", "行政检查"}
_ROLES = ["受理", "审查", "决定", "办结", "送达"]
_FIELD_TYPES = ["text", "number", "date", "id_number", "phone", "choice", "file"]


KINDS = ("clean", "findings")
"""The kinds of synthetic catalog: with no finding, and with a realistic share of findings."""

_WARNED_SHARE = 0.10  # items given a warning in a ``findings`` catalog
_ERRED_SHARE = 0.01  # items given an error in a ``findings`` catalog


def write_catalog(folder: Path, count: int, seed: int = 2026, kind: str = "clean") -> Path:
    """Write a synthetic catalog of ``count`` items of ``kind`` (see :data:`KINDS`) into
    ``folder`` (replaced); return it."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "items").mkdir(parents=True)
    shutil.copyfile(REAL_LAWS, folder / "laws.yaml")
    law_ids = [law["id"] for law in yaml.safe_load(REAL_LAWS.read_text(encoding="utf-8"))["laws"]]
    manifest = {
        "name": "合成基准目录（synthetic benchmark catalog, not official）",
        "organizer": "合成主办单位（synthetic）",
        "province": "22",
        "department": "0114",
        "lists": {
            "service": {"title": "合成服务清单（synthetic）"},
            "power": {"title": "合成权力清单（synthetic）"},
        },
        "publication": {"working_days": 1},
        # Published, as a department's catalog is: every handout carries a QR code of its page.
        "site": {"base_url": "https://example.gov.cn/synthetic/"},
    }
    _dump(folder / "catalog.yaml", manifest)
    rng = random.Random(seed)
    for number in range(count):
        item = synthetic_item(number, rng, law_ids)
        if kind == "findings":
            _flaw(item, rng)
        _dump(folder / "items" / f"{item['code']}.yaml", item)
    return folder


def synthetic_item(number: int, rng: random.Random, law_ids: list[str]) -> dict[str, object]:
    """One valid synthetic item, number ``number``; varied by ``rng``."""
    item_type = rng.choice(_TYPES)
    main, sub = synthetic_code_parts(number)
    code = f"220114{main:03d}{sub:03d}"
    citation = _citation(rng, law_ids)
    forms = [_form(f"F{i + 1}", rng) for i in range(rng.randint(0, 3))]
    materials = [_material(f"M{i + 1}", rng, law_ids) for i in range(rng.randint(1, 8))]
    _refer_forms(materials, forms, rng)
    visits = rng.randint(0, 1)
    # Applications taken online; one window step when the applicant comes once, otherwise none
    # and a postal step, by which the paper materials of a 零跑动 item arrive.
    channels = [rng.choice(_REMOTE_CHANNELS) for _ in range(rng.randint(2, 4))]
    channels[0], channels[-1] = "网上办理", "窗口办理" if visits else "邮寄"
    steps = [
        {
            "id": f"S{i + 1}",
            "name": f"合成环节{i + 1}",
            "channel": channel,
            "on_site": channel == "窗口办理",
        }
        for i, channel in enumerate(channels)
    ]
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
        "audience": [rng.choice(_AUDIENCES)],
        **_elements(item_type, visits, rng, law_ids),
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


def _material(material_id: str, rng: random.Random, law_ids: list[str]) -> dict[str, object]:
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
    return material


def _refer_forms(
    materials: list[dict[str, object]], forms: list[dict[str, object]], rng: random.Random
) -> None:
    """Give every form a material that names it: an exempted material's form would be one
    nobody fills in, so a form goes to a material that is submitted, or is not written."""
    submitted = [material for material in materials if material["exempt_by"] is None]
    rng.shuffle(submitted)
    del forms[len(submitted) :]
    for material, form in zip(submitted, forms, strict=False):
        material["form_id"] = form["id"]


def _elements(
    item_type: str, visits: int, rng: random.Random, law_ids: list[str]
) -> dict[str, object]:
    """The national guide elements the item's kind needs (rule ``element-missing``); a 零跑动
    item is handled online to the end (rule ``online-depth-inconsistent``)."""
    elements: dict[str, object] = {}
    if item_type not in _AUTHORITY_INITIATED:
        elements["result"] = {"type": "其他", "name": "合成办理结果（synthetic）", "sample": None}
        elements["online_depth"] = ["互联网咨询", "互联网收件", "互联网受理"] + (
            [] if visits else ["互联网办理"]
        )
        elements["scope"] = "不通办"
        elements["faq"] = [
            {
                "question": f"合成问题{i + 1}（synthetic）？",
                "answer": f"合成答复{i + 1}（synthetic）。",
                "legal_basis": [_citation(rng, law_ids)],
            }
            for i in range(rng.randint(0, 2))
        ]
    if item_type != "公共服务":
        elements["responsibilities"] = [
            {"stage": stage, "duty": f"合成责任{stage}（synthetic）"}
            for stage in ("立案", "审查", "决定")
        ]
    return elements


def _flaw(item: dict[str, object], rng: random.Random) -> None:
    """Give ``item`` the flaws of a ``findings`` catalog, at their share: a warning (a guide
    element left out, a window step not marked on site) or an error (a code in no list)."""
    draw = rng.random()
    if draw < _ERRED_SHARE:
        item["lists"] = ["合成清单"]
    elif draw < _ERRED_SHARE + _WARNED_SHARE / 2:
        del item["audience"]
    elif draw < _ERRED_SHARE + _WARNED_SHARE:
        steps = item["service_process"]
        assert isinstance(steps, list)
        steps[0].update(channel="窗口办理", on_site=False)


def _form(form_id: str, rng: random.Random) -> dict[str, object]:
    return {
        "id": form_id,
        "name": f"合成表单{form_id}",
        "fields": [_field(i + 1, rng.choice(_FIELD_TYPES), rng) for i in range(rng.randint(2, 12))],
    }


def _field(number: int, field_type: str, rng: random.Random) -> dict[str, object]:
    field: dict[str, object] = {
        "name": f"字段{number}",
        "type": field_type,
        "required": rng.random() < 0.6,
    }
    if field_type == "choice":
        field["options"] = ["合成选项甲", "合成选项乙"]
    return field


def _dump(path: Path, data: object) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    path.write_text("# synthetic: generated by benchmarks/_synthetic.py\n" + text, encoding="utf-8")


def change_one_percent(catalog: Path) -> int:
    """Change 1% of the item files (a condition added, the revision moved) and 1% of the
    implementation lists (a phone number); return how many files changed."""
    items = sorted((catalog / "items").glob("*.yaml"))
    lists = sorted((catalog / "implementations").glob("*.yaml"))
    changed = 0
    for path in items[:: max(1, len(items) // max(1, len(items) // 100))][
        : max(1, len(items) // 100)
    ]:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        data["conditions"] = [*data["conditions"], "合成新增受理条件（synthetic benchmark change）"]
        data["revision"]["version"] += 1
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        changed += 1
    for path in lists[::100]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('phone: "12333"', 'phone: "12345"', 1), encoding="utf-8")
        changed += 1
    return changed


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


def peak_memory_kib(command: Sequence[str], cwd: Path | None = None) -> int:
    """The peak resident memory (KiB) of ``command``, a ``python -m MODULE ...`` command, of
    its own process (see ``_peak.py``: not ``wait4``'s, which counts the benchmark's)."""
    python, flag, *rest = command
    if flag != "-m":
        raise ValueError(f"not a python -m command: {command}")
    with tempfile.TemporaryDirectory(prefix="servicecatalog-peak-") as temporary:
        out = Path(temporary) / "peak"
        subprocess.run(
            [python, str(Path(__file__).with_name("_peak.py")), str(out), "-m", *rest],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return int(out.read_text(encoding="ascii"))


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
