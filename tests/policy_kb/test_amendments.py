"""A later document changes a value: verdicts before it stay as they were, verdicts after it use and cite it.

The amendment is a fixture (``fixtures/amendment``: an invented 新密政〔2021〕99号 raising （十三）'s subsidy to
3000元 from 2021-03-01), read over the live data with ``parameters.amended``; the live data never holds it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policy_kb import parameters
from policy_kb.facts import Facts
from policy_kb.parameters import amended, param
from policy_kb.rules import RULES
from policy_kb.screening import screen
from policy_kb.version import policy_version

FIXTURE = Path(__file__).parent / "fixtures" / "amendment"
AMENDING_SENTENCE = "为进一步支持高校毕业生求职创业，经研究，自2021年3月1日起，一次性求职创业补贴标准调整为每人一次性3000元。"
ORIGINAL_SENTENCE = "由郑州财政部门将补贴资金拨付到离校前的毕业生本人银行账户，补贴标准提高到每人一次性2000元。"


def graduate(year: int) -> dict:
    return {"is_college_graduate": True, "graduation_year": year, "hardship_type": "低保家庭", "seeking_work": True}


def job_seeking(year: int, on: dt.date):
    return RULES["job_seeking_subsidy"].evaluate(Facts.of(graduate(year), on))


def test_a_verdict_on_1_june_2020_stays_as_the_2020_document_gave_it():
    before = job_seeking(2020, dt.date(2020, 6, 1))
    with amended(FIXTURE):
        after = job_seeking(2020, dt.date(2020, 6, 1))
    assert after.to_dict() == before.to_dict()
    assert after.amount.value == 2000
    [used] = after.parameters
    assert (used.citation, used.sentence) == ("新密政〔2020〕4号（十三）", before.parameters[0].sentence)
    assert used.sentence.endswith(ORIGINAL_SENTENCE)


def test_a_verdict_after_the_amendment_pays_3000_and_cites_the_amending_sentence():
    with amended(FIXTURE):
        result = job_seeking(2021, dt.date(2021, 6, 1))
        verdict = screen(graduate(2021), dt.date(2021, 6, 1), targets=["job_seeking_subsidy"])
    assert result.status.value == "eligible"
    assert result.amount.value == 3000 and "3000元" in result.amount.text
    [used] = result.parameters
    assert used.citation == "新密政〔2021〕99号"
    assert used.sentence == AMENDING_SENTENCE
    assert used.since == dt.date(2021, 3, 1)
    assert verdict.eligible[0].amount.value == 3000


def test_the_day_before_the_amendment_takes_effect_the_2020_value_holds():
    with amended(FIXTURE):
        assert job_seeking(2021, dt.date(2021, 2, 28)).amount.value == 2000
        assert param("job_seeking_subsidy_amount", dt.date(2021, 3, 1)).value == 3000


def test_the_amendment_never_leaks_into_the_live_data():
    with amended(FIXTURE):
        pass
    assert job_seeking(2021, dt.date(2021, 6, 1)).amount.value == 2000
    assert len(parameters.series()["job_seeking_subsidy_amount"].values) == 1


def test_policy_version_names_text_parameters_and_rules_and_changes_with_the_amendment():
    live = policy_version()
    with amended(FIXTURE):
        changed = policy_version()
    assert live.startswith("新密政〔2020〕4号@t") and ".p" in live and ".r" in live and len(live) <= 80
    text, params, rules = live.split("@")[1].split(".")
    assert changed.split(".")[0] == f"新密政〔2020〕4号@{text}" and changed.split(".")[2] == rules
    assert changed.split(".")[1] != params
    assert policy_version() == live


def test_an_amending_value_without_a_date_is_refused(tmp_path):
    (tmp_path / "notice.txt").write_text("补贴标准调整为每人一次性3000元。", encoding="utf-8")
    (tmp_path / "m13_x.yaml").write_text(
        "measure: 十三\ndocument: 新密政〔2021〕98号\ntext: notice.txt\nparameters:\n  job_seeking_subsidy_amount:\n"
        "    values:\n      - value: 3000\n        quote: 补贴标准调整为每人一次性3000元\n", encoding="utf-8")
    with pytest.raises(ValueError, match="later `from`"):
        parameters.load(parameters.HERE, tmp_path)
