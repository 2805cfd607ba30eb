"""The law beside the code: each measure's page is generated from policy_kb and the committed pages are current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import generate
from policy_kb import explain, explain_markdown
from policy_kb.document import measure, measures
from policy_kb.parameters import amended, series, windows_of
from policy_kb.rules import RULES

FIXTURE = Path(__file__).parent / "fixtures" / "amendment"


def test_the_committed_measure_pages_are_the_ones_policy_kb_gives_now():
    stale = [p.relative_to(generate.ROOT).as_posix() for p in generate.stale()]
    assert not stale, f"run python -m bot.generate: stale {stale}"


def test_an_edited_page_or_a_page_no_measure_gives_is_found_stale(tmp_path, monkeypatch):
    pages = tmp_path / "measures"
    shutil.copytree(generate.MEASURE_PAGES, pages)
    monkeypatch.setattr(generate, "MEASURE_PAGES", pages)
    assert not [p for p in generate.stale() if p.parent == pages]
    page = pages / "13.md"
    page.write_text(page.read_text(encoding="utf-8").replace("2000元", "3000元"), encoding="utf-8")
    (pages / "27.md").write_text("（二十七）", encoding="utf-8")
    assert {p.name for p in generate.stale() if p.parent == pages} == {"13.md", "27.md"}
    assert generate.main(["--check"]) == 1


def test_there_is_one_page_per_measure_one_for_the_annex_and_an_index_linking_them():
    docs = explain_markdown.documents()
    assert len(docs) == len(measures()) + 2 and "annex.md" in docs
    for number in measures():
        name = explain.page_name(number)
        assert f"]({name})" in docs["README.md"] and docs[name].startswith(explain_markdown.GENERATED)
    assert "合计" in docs["annex.md"]


@pytest.mark.parametrize("number", list(measures()))
def test_each_page_shows_the_text_every_parameter_quote_window_rule_fact_question_and_rule_case(number):
    m, text = measure(number), explain_markdown.markdown(explain.page(number))
    assert m.text.splitlines()[0] in text
    for s in series().values():
        if s.measure == m.number:
            assert all(f"“{v.quote}”" in text for v in s.values), s.name
    assert all(w.quote in text for w in windows_of(m.number))
    for rule in (r for r in RULES.values() if r.measure == m.number):
        assert f"### {rule.name}" in text and rule.sentence in text
        assert all(explain.FACTS[f].question.replace("|", "｜") in text for f in rule.facts_used())
        assert all(c["name"] in text for c in explain.cases_of(rule)), rule.id
        assert explain.cases_of(rule), f"{rule.id} has no rule case"


def test_a_rule_lists_the_parameters_it_reads_even_those_of_another_measure():
    assert explain.parameters_used("job_seeking_subsidy") == ("job_seeking_subsidy_amount",)
    assert "internship_youth_age_max" in explain.parameters_used("internship")
    users = explain.page("十三")["parameters"][0]["rules"]
    assert users == ["一次性求职创业补贴（十三）"]


def test_under_an_amendment_the_page_lists_both_dated_values_with_their_own_citations():
    with amended(FIXTURE):
        [amount] = explain.page("十三")["parameters"]
    assert [(v["value"], v["since"], v["citation"]) for v in amount["values"]] == [
        ("2000元/人", "新密政〔2020〕4号印发时", "新密政〔2020〕4号（十三）"),
        ("3000元/人", "自2021年3月1日起", "新密政〔2021〕99号"),
    ]
