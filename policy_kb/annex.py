"""附件《新密市2020年城乡就业创业工作目标任务分解表》: 18 units x 10 indicators, 合计, and the banks.

The PDF extraction lost the empty cells of the last four rows (新华路、青屏街、西大街、矿区办事处), which
show fewer than ten numbers. :func:`rebuild_rows` puts each number back in its column by the one rule
the table obeys — every column adds up to its 合计 — keeping the number order of the row, and leaves
the other cells empty (``None`` = "no task", never 0). It proves the placement unique.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from policy_kb.document import parts, squeeze

INDICATORS = (
    "新增城镇就业",
    "失业人员再就业",
    "就业困难人员就业",
    "农村劳动力转移就业",
    "创业担保贷款",
    "失业人员就业技能培训",
    "农村劳动力技能培训",
    "返乡农民工创业辅导",
    "返乡下乡创业",
    "三单联动技能培训",
)
UNITS_OF_MEASURE = {name: "人" for name in INDICATORS} | {"创业担保贷款": "万元"}
INDICATOR_ALIASES = {
    "新增城镇就业": ["新增就业", "城镇新增就业", "新增城镇就业人数", "城镇就业"],
    "失业人员再就业": ["再就业", "失业再就业", "下岗再就业"],
    "就业困难人员就业": ["困难人员就业", "就业困难人员", "困难群体就业"],
    "农村劳动力转移就业": ["劳动力转移", "转移就业", "农村转移就业", "农民转移就业", "转移出去"],
    "创业担保贷款": ["创业贷款", "担保贷款", "贷款任务", "创业贷"],
    "失业人员就业技能培训": ["失业人员培训", "失业人员技能培训", "失业培训"],
    "农村劳动力技能培训": ["农村劳动力培训", "农民培训", "农村培训"],
    "返乡农民工创业辅导": ["创业辅导", "农民工创业辅导", "返乡创业辅导"],
    "返乡下乡创业": ["返乡下乡", "下乡创业", "返乡创业"],
    "三单联动技能培训": ["三单联动", "三单联动培训"],
}
TOTAL = "合计"


@dataclass(frozen=True)
class Bank:
    name: str
    task_wan_yuan: float  # 万元


@lru_cache(maxsize=1)
def _raw() -> tuple[list[int], dict[str, list[int]], str]:
    annex = next(p.text for p in parts() if p.kind == "annex")
    lines = [line.strip() for line in annex.splitlines() if line.strip()]
    rows: dict[str, list[int]] = {}
    total: list[int] = []
    pending = ""
    for line in lines:
        match = re.match(r"^([\u4e00-\u9fff ]+?)\s+((?:\d+\s*)+)$", line)
        if match:
            name = squeeze(pending + match.group(1))
            numbers = [int(n) for n in match.group(2).split()]
            pending = ""
            if name == TOTAL:
                total = numbers
            else:
                rows[name] = numbers
        elif re.fullmatch(r"\d+(\s+\d+)*", line) and pending:
            rows[squeeze(pending)] = [int(n) for n in line.split()]
            pending = ""
        elif line.endswith(("风景区", "管委")) or line == "尖山风景区":
            pending += line  # 尖山风景区管委 wraps over two lines
    note = squeeze(annex[annex.index("备注"):])
    return total, rows, note


def rebuild_rows(total: list[int], rows: dict[str, list[int]]) -> dict[str, list[int | None]]:
    """Place short rows' numbers in their columns so that every column sums to 合计; None = no task."""
    full = {name: list(v) for name, v in rows.items() if len(v) == len(INDICATORS)}
    short = {name: v for name, v in rows.items() if len(v) < len(INDICATORS)}
    residual = [t - sum(r[i] for r in full.values()) for i, t in enumerate(total)]
    names = list(short)
    solutions: list[list[tuple[int, ...]]] = []

    def search(k: int, left: list[int], chosen: list[tuple[int, ...]]) -> None:
        if k == len(names):
            if all(v == 0 for v in left):
                solutions.append(list(chosen))
            return
        numbers = short[names[k]]
        for columns in itertools.combinations(range(len(INDICATORS)), len(numbers)):
            if all(left[c] - n >= 0 for c, n in zip(columns, numbers)):
                nxt = list(left)
                for c, n in zip(columns, numbers):
                    nxt[c] -= n
                search(k + 1, nxt, chosen + [columns])

    search(0, residual, [])
    if len(solutions) != 1:
        raise ValueError(f"annex rows cannot be rebuilt uniquely ({len(solutions)} placements)")
    rebuilt: dict[str, list[int | None]] = dict(full)
    for name, columns in zip(names, solutions[0]):
        row: list[int | None] = [None] * len(INDICATORS)
        for c, n in zip(columns, short[name]):
            row[c] = n
        rebuilt[name] = row
    return {name: rebuilt[name] for name in rows}


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, int | None]]:
    """Unit -> indicator -> target (None where the unit has no task)."""
    total, rows, _ = _raw()
    return {unit: dict(zip(INDICATORS, values)) for unit, values in rebuild_rows(total, rows).items()}


@lru_cache(maxsize=1)
def totals() -> dict[str, int]:
    return dict(zip(INDICATORS, _raw()[0]))


@lru_cache(maxsize=1)
def banks() -> list[Bank]:
    note = _raw()[2]
    return [Bank(name, float(v)) for name, v in re.findall(r"([\u4e00-\u9fff]+?银行)(\d+(?:\.\d+)?)万元", note)]


def note() -> str:
    return _raw()[2]


def units() -> list[str]:
    return list(table())


def _short_names(unit: str) -> list[str]:
    base = re.sub(r"(政府|管委|办事处)$", "", unit)
    names = {unit, base}
    for suffix in ("镇", "乡", "风景区", "路", "街"):
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            names.add(base[: -len(suffix)])
    if unit.endswith("办事处"):
        names.update({base + "街道", base + "街道办", base + "办"})
    return sorted(names, key=len, reverse=True)


@lru_cache(maxsize=1)
def unit_aliases() -> dict[str, str]:
    """Every loose name (曲梁, 曲梁镇, 曲梁镇政府; 尖山, 尖山风景区管委 ...) -> the table's unit name."""
    aliases: dict[str, str] = {}
    for unit in table():
        for alias in _short_names(unit):
            aliases.setdefault(alias, unit)
    return aliases


def find_unit(text: str) -> str | None:
    """The unit a text names, matching loosely; the longest alias wins. Bank names are taken out first, so a
    unit's short name inside a bank's name (村镇银行) is not a unit."""
    text = squeeze(text)
    for bank in banks():
        text = text.replace(bank.name, "")
    for alias in sorted(unit_aliases(), key=len, reverse=True):
        if alias in text:
            return unit_aliases()[alias]
    return None


GROUPS = {  # the table's units by kind, as a question names them together (四个街道加起来, 各乡镇)
    "办事处": re.compile(r"(四个|4个|所有|全部|各个?|几个|这些)(街道|办事处)"),
    "乡镇": re.compile(r"(所有|全部|各个?|十三个|13个|这些)(乡镇|镇)(?!政府)"),
}


def units_of_kind(text: str) -> list[str] | None:
    """The units a ranking is asked among: all but the street offices (除了街道办…), the street offices only (哪个街道
    …最多), else None (哪个乡镇 commonly means any unit of the table)."""
    offices = [u for u in units() if u.endswith("办事处")]
    if re.search(r"(除了?|除去|不算)(四个)?(街道|办事处)", text):
        return [u for u in units() if u not in offices]
    if re.search(r"(除了?|除去|不算)(乡镇|镇)|(哪个|哪些|哪一个)(街道|办事处)|(街道|办事处)(里|中|当中)", text):
        return offices
    return None


def find_units(text: str) -> list[str]:
    """Every unit a text names, in the order named (新华路和青屏街), or the units of a group it names (四个街道);
    bank names are taken out first, as in ``find_unit``."""
    text = squeeze(text)
    for bank in banks():
        text = text.replace(bank.name, "")
    found: dict[int, str] = {}
    for alias in sorted(unit_aliases(), key=len, reverse=True):
        at = text.find(alias)
        while at >= 0:
            found.setdefault(at, unit_aliases()[alias])
            text = text[:at] + "#" * len(alias) + text[at + len(alias):]
            at = text.find(alias)
    named = list(dict.fromkeys(found[k] for k in sorted(found)))
    if len(named) < 2:
        for kind, pattern in GROUPS.items():
            if pattern.search(text):
                return [u for u in units() if u.endswith(kind) or (kind == "乡镇" and u.endswith(("镇政府", "乡政府")))]
    return named


def find_indicator(text: str) -> str | None:
    found = find_indicators(text)
    return found[0] if found else None


def find_indicators(text: str) -> list[str]:
    """Every indicator a text names, in the order named; a name inside a longer matched name is not another
    (创业担保贷款 inside 返乡农民工创业辅导 is not matched twice)."""
    text = squeeze(text)
    candidates = [(name, name) for name in INDICATORS]
    candidates += [(alias, name) for name, aliases in INDICATOR_ALIASES.items() for alias in aliases]
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for alias, name in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
        start = text.find(alias)
        while start >= 0:
            end = start + len(alias)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                if name not in (n for _, n in found):
                    found.append((start, name))
            start = text.find(alias, end)
    return [name for _, name in sorted(found)]


def find_banks(text: str) -> list[Bank]:
    """Every bank a text names (full or short name), in the order named."""
    found: list[tuple[int, Bank]] = []
    rest = squeeze(text)
    for bank in banks():
        short = bank.name.removesuffix("银行")
        at = rest.find(bank.name)
        if at < 0:
            at = rest.find(short + "行") if len(short) >= 2 else -1
        if at < 0 and find_bank(short) == bank and short in rest:
            at = rest.find(short)
        if at >= 0:
            found.append((at, bank))
    return [b for _, b in sorted(found, key=lambda x: x[0])]


# the banks' full names, as people say them (邮政储蓄银行 for the annex's 邮储银行)
BANK_ALIASES = {"邮储银行": ("邮政储蓄", "邮政银行"), "农商银行": ("农村商业银行",), "农业银行": ("农行",),
                "中国银行": ("中行",)}


def find_bank(text: str) -> Bank | None:
    text = squeeze(text)
    for bank in banks():
        if bank.name in text or any(a in text for a in BANK_ALIASES.get(bank.name, ())):
            return bank
    # a bank's short name (邮储, 农商) counts only outside a unit's name (村镇 inside 米村镇 is no bank)
    without_units = text
    for alias in sorted(unit_aliases(), key=len, reverse=True):
        without_units = without_units.replace(alias, "")
    for bank in banks():
        short = bank.name.removesuffix("银行")
        if len(short) >= 2 and short in without_units:
            return bank
    return None


def unit_targets(unit: str) -> dict[str, int | None]:
    return table()[unit]


def indicator_across_units(indicator: str) -> dict[str, int | None]:
    return {unit: row[indicator] for unit, row in table().items()}


def ranking(indicator: str, largest: bool = True, among: list[str] | None = None) -> list[tuple[str, int]]:
    """Units (of ``among``, else all) with a task for the indicator, largest first (or smallest first); ties keep
    table order."""
    values = [(u, v) for u, v in indicator_across_units(indicator).items() if v is not None and (among is None or u in among)]
    return sorted(values, key=lambda uv: -uv[1] if largest else uv[1])


def extremes(indicator: str, largest: bool = True, among: list[str] | None = None) -> list[tuple[str, int]]:
    """All units (of ``among``, else all) sharing the largest (or smallest) target."""
    ranked = ranking(indicator, largest, among)
    return [uv for uv in ranked if uv[1] == ranked[0][1]] if ranked else []


def no_task_units(indicator: str) -> list[str]:
    return [u for u, v in indicator_across_units(indicator).items() if v is None]


def unit_of_measure(indicator: str) -> str:
    return UNITS_OF_MEASURE[indicator]
