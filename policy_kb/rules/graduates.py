"""Rules for college graduates and young people: 一次性求职创业补贴（十三）and 就业见习（八）."""

from __future__ import annotations

from policy_kb.facts import HARDSHIP_TYPES, Facts
from policy_kb.parameters import param, value
from policy_kb.rules.base import AllOf, Amount, AnyOf, Derived, FactCondition, Rule, is_false, is_true, one_of

HARDSHIPS = tuple(h for h in HARDSHIP_TYPES if h != "都不是")


def _graduation_year_check(facts: Facts) -> str:
    return (f"您的回答：毕业年份为{facts.get('graduation_year')}年，而评估日期在{facts.on.year}年，"
            f"不在毕业年度内（补贴只发给毕业年度的高校毕业生，并在离校前拨付）")


in_graduation_year = Derived("处于毕业年度（当年毕业）", ("graduation_year",), Facts.in_graduation_year,
                             _graduation_year_check)


def _job_seeking_amount(facts: Facts) -> Amount:
    p = param("job_seeking_subsidy_amount", facts.on)
    return Amount(f"每人一次性{p.value}元", p.value)


job_seeking_subsidy = Rule(
    id="job_seeking_subsidy",
    name="一次性求职创业补贴",
    measure="十三",
    applicant="person",
    kind="subsidy",
    condition=AllOf(
        is_true("is_college_graduate", "是高校毕业生（含技师学院高级工班、预备技师班和特殊教育院校职业教育类毕业生）"),
        in_graduation_year,
        one_of("hardship_type", HARDSHIPS,
               "属于低保家庭、贫困残疾人家庭、建档立卡贫困家庭，或本人残疾、获得国家助学贷款、特困人员（可选其中一种）"),
        is_true("seeking_work", "有就业创业意愿并积极求职创业"),
    ),
    quote="按规定申领一次性求职创业补贴",
    amount=_job_seeking_amount,
    period="一次性，在离校前拨付到毕业生本人银行账户",
    how_to_apply=("由毕业生本人向负责学籍注册的学校（普通高校、技师学院、特殊教育院校、民办高校）提出申请，"
                  "学校受理后向郑州市人力资源社会保障部门集中申报，审核后由郑州财政部门拨付到离校前的本人银行账户"),
)


def _left_within(years_param: str):
    def evaluate(facts: Facts):
        return facts.graduated_within(value(years_param))

    return evaluate


def _left_too_long(years_param: str):
    def explain(facts: Facts) -> str:
        if facts.get("graduation_year") > facts.on.year:
            return f"您的回答：毕业年份为{facts.get('graduation_year')}年，到{facts.on.isoformat()}还没有离校"
        return (f"您的回答：毕业年份为{facts.get('graduation_year')}年，到{facts.on.isoformat()}已超过离校"
                f"{param(years_param).text()}（按当年7月1日离校计算）")

    return explain


def _in_youth_age(age: int) -> bool:
    return value("internship_youth_age_min") <= age <= value("internship_youth_age_max")


internship = Rule(
    id="internship",
    name="参加就业见习（见习期间基本生活费等由见习补贴支付）",
    measure="八",
    applicant="person",
    kind="service",
    condition=AllOf(
        is_false("is_employed", "目前未就业"),
        AnyOf(
            AllOf(is_true("is_college_graduate", "是高校毕业生"),
                Derived(f"离校{param('internship_years_since_leaving_school_max').text()}内",
                        ("graduation_year",), _left_within("internship_years_since_leaving_school_max"),
                        _left_too_long("internship_years_since_leaving_school_max"))),
            FactCondition(f"{param('internship_youth_age_min').text()}至{param('internship_youth_age_max').text()}的失业青年",
                 ("age",), _in_youth_age,
                 lambda age: f"您的回答：年龄{age}岁，不在{param('internship_youth_age_min').text()}至"
                             f"{param('internship_youth_age_max').text()}之间"),
            text=(f"离校{param('internship_years_since_leaving_school_max').text()}内未就业高校毕业生，或"
                  f"{param('internship_youth_age_min').value}至{param('internship_youth_age_max').text()}失业青年"),
        ),
    ),
    quote=param("internship_youth_age_min").quote,
    amount=lambda facts: Amount("见习补贴按完成见习人数和见习时间支付给吸纳见习的单位，用于见习人员基本生活费、"
                                "人身意外伤害保险等；本文件未规定具体标准"),
    period=(f"见习期{param('internship_duration_min_months').value}至"
            f"{param('internship_duration_max_months').text()}"),
    how_to_apply="向市人社局（就业见习管理部门）报名，由见习基地/单位安排见习岗位",
    deferred=("就业见习补贴标准",),
)

RULES = [job_seeking_subsidy, internship]
