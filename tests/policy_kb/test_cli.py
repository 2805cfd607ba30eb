"""The command line ``python -m policy_kb``, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policy_kb.facts import FACTS
from policy_kb.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
GRADUATE = "is_college_graduate: true\ngraduation_year: 2025\nhardship_type: 低保家庭\nseeking_work: true\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policy_kb", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=120)


def ok(*args: str) -> str:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def ok_json(*args: str):
    return json.loads(ok(*args, "--json"))


@pytest.fixture
def graduate_file(tmp_path) -> Path:
    path = tmp_path / "graduate.yml"
    path.write_text(GRADUATE, encoding="utf-8")
    return path


def test_clause_13_answers_with_the_2000_yuan_and_its_citation():
    out = ok("clause", "十三")
    assert "2000元" in out and "新密政〔2020〕4号（十三）" in out


def test_clause_13_as_json_has_its_title_departments_amounts_and_citation():
    data = ok_json("clause", "13")
    assert data["number"] == "十三" and data["title"] == "完善求职创业补贴方式"
    assert data["departments"] == ["市人社局", "市教体局", "市民政局", "市财政局", "市扶贫办", "市残联"]
    assert "2000元" in data["amounts"]
    assert data["citation"] == "新密政〔2020〕4号（十三）"


def test_search_finds_the_startup_loan_measure():
    hits = ok_json("search", "创业贷款能贷多少")
    assert hits[0]["number"] == "十一"
    assert hits[0]["snippet"]


def test_annex_unit_quliang():
    assert "曲梁镇政府2020年目标任务" in ok("annex", "unit", "曲梁")
    data = ok_json("annex", "unit", "矿区")
    assert data["unit"] == "矿区办事处"
    assert data["targets"]["农村劳动力转移就业"] is None and data["targets"]["新增城镇就业"] == 800


def test_annex_rank_puts_the_tied_leaders_first_and_lists_units_without_the_task():
    out = ok("annex", "rank", "转移就业")
    assert out.splitlines()[:2] == ["1. 曲梁镇政府 880", "2. 超化镇政府 880"]
    data = ok_json("annex", "rank", "转移就业", "--least")
    assert data["ranking"][0] == ["尖山风景区管委", 40]
    assert data["no_task"] == ["新华路办事处", "青屏街办事处", "西大街办事处", "矿区办事处"]


def test_annex_totals_and_banks_agree_on_the_startup_loan_total():
    totals = ok_json("annex", "totals")
    banks = ok_json("annex", "banks")
    assert totals["创业担保贷款"] == 5900
    assert len(banks) == 6 and sum(b["task_wan_yuan"] for b in banks) == totals["创业担保贷款"]


def test_screen_finds_the_graduation_year_graduate_eligible_for_2000(graduate_file):
    out = ok("screen", "--facts", str(graduate_file), "--on", "2025-06-01")
    assert "一次性求职创业补贴" in out and "2000元" in out and "新密政〔2020〕4号（十三）" in out
    data = ok_json("screen", "--facts", str(graduate_file), "--on", "2025-06-01", "--rule", "job_seeking_subsidy")
    assert [r["rule"] for r in data["eligible"]] == ["job_seeking_subsidy"]
    assert data["eligible"][0]["amount"]["value"] == 2000


def test_screen_a_year_later_says_why_the_graduate_no_longer_qualifies(graduate_file):
    data = ok_json("screen", "--facts", str(graduate_file), "--on", "2026-06-01", "--rule", "job_seeking_subsidy")
    assert data["eligible"] == []
    result = data["near_misses"][0]
    assert result["rule"] == "job_seeking_subsidy" and "毕业年度" in result["failed_detail"]


def test_facts_and_rules_list_the_vocabulary_and_the_rules():
    assert [f["name"] for f in ok_json("facts")] == list(FACTS)
    assert [r["id"] for r in ok_json("rules")] == list(RULES)


BAD_INPUT = {
    "unknown clause": (["clause", "九十"], None),
    "unknown unit": (["annex", "unit", "火星"], None),
    "unknown fact": (["screen", "--facts", "{file}"], "no_such_fact: 1\n"),
    "wrong type": (["screen", "--facts", "{file}"], "age: 老\n"),
    "value out of range": (["screen", "--facts", "{file}"], "age: 500\n"),
    "bad enum value": (["screen", "--facts", "{file}"], "hardship_type: 穷\n"),
    "bad date": (["screen", "--facts", "{file}", "--on", "2025-13-01"], GRADUATE),
    "missing file": (["screen", "--facts", "{missing}"], None),
    "non-mapping yaml": (["screen", "--facts", "{file}"], "- is_college_graduate\n- seeking_work\n"),
    "invalid yaml": (["screen", "--facts", "{file}"], "age: [23\n"),
    "unknown rule": (["screen", "--facts", "{file}", "--rule", "no_such_rule"], GRADUATE),
    "unknown command": (["frobnicate"], None),
    "missing argument": (["screen"], None),
    "bad k": (["search", "创业", "-k", "0"], None),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_gets_one_line_on_stderr_and_exit_status_2(case, tmp_path):
    args, content = BAD_INPUT[case]
    facts_file = tmp_path / "facts.yml"
    if content is not None:
        facts_file.write_text(content, encoding="utf-8")
    args = [a.format(file=facts_file, missing=tmp_path / "nope.yml") for a in args]
    done = run(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert done.stdout == ""


def test_a_facts_file_that_is_not_text_is_bad_input(tmp_path):
    path = tmp_path / "facts.bin"
    path.write_bytes(b"\xff\xfe\x00\x81")
    done = run("screen", "--facts", str(path))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("number", ["十三", "13", "（十三）"])
def test_explain_13_shows_the_text_the_2000_yuan_quote_the_rule_and_its_cases(number):
    out = ok("explain", number)
    assert out.startswith("<!--") and "# （十三）完善求职创业补贴方式" in out
    assert "“补贴标准提高到每人一次性2000元”" in out
    assert "### 一次性求职创业补贴" in out
    assert "a graduate is still in the graduation year on 31 December" in out
    assert "您（或您的家庭）属于下面哪种困难情形？" in out


def test_explain_as_json_is_the_page_the_docs_and_the_console_render():
    from policy_kb.explain import page

    assert ok_json("explain", "13") == json.loads(json.dumps(page("十三"), ensure_ascii=False, default=str))


def test_explain_of_an_unknown_measure_is_one_line_and_status_2():
    done = run("explain", "99")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "99" in done.stderr
