"""The fact vocabulary: what a screening can know about an applicant (and so the Rasa slots).

Each fact has a name, a type, the allowed values for closed choices and the question a dialogue asks.
What a fact decides is not written here: ``policy_kb.explain.decides`` finds the rules whose conditions read it.
``policy_kb/README.md`` documents the same table; ``tests/policy_kb/test_facts.py`` keeps them in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policy_kb.parameters import param


def _t(name: str) -> str:
    """A parameter as the policy writes it (30万元, 20%, 24岁): figures in questions come from the parameters."""
    return param(name).text()


class FactError(ValueError):
    """An unknown fact or a value of the wrong type."""


@dataclass(frozen=True)
class Fact:
    name: str
    type: str  # bool | int | number | year | enum
    question: str
    description: str
    values: tuple[str, ...] = ()
    applicant: str = "person"  # person | enterprise | both
    minimum: float | None = 0
    maximum: float | None = None

    def buttons(self) -> list[tuple[str, str]]:
        """(title, value) pairs for closed choices."""
        if self.type == "bool":
            return [("是", "是"), ("否", "否")]
        return [(v, v) for v in self.values]


HARDSHIP_TYPES = ("低保家庭", "贫困残疾人家庭", "建档立卡贫困家庭", "残疾", "获得国家助学贷款", "特困人员", "都不是")
BUSINESS_FORMS = ("个体经营", "创办企业", "合伙创业", "还没有创业")
ENTERPRISE_SIZES = ("微型企业", "小型企业", "中型企业", "大型企业", "个体工商户", "自收自支事业单位")
DEMO_BASE_LEVELS = ("省级", "国家级", "都不是")

_HIRE_RATIO = (f"{_t('startup_loan_new_hire_ratio')}（超过{_t('startup_loan_large_staff_threshold')}的企业"
               f"{_t('startup_loan_new_hire_ratio_large')}）")
_REFERENCE_MONTH = param("stable_job_return_reference_month").value
_INTERNS = (f"离校{_t('internship_years_since_leaving_school_max')}内未就业高校毕业生或"
            f"{param('internship_youth_age_min').value}至{_t('internship_youth_age_max')}失业青年")
_INCUBATED = f"运营{_t('incubation_min_operating_years')}以上并带动{_t('incubation_min_jobs')}以上就业"

_FACTS = [
    Fact("applicant_type", "enum", "您是以个人身份咨询，还是替企业/单位咨询？", "申请人类型",
         values=("个人", "企业"), applicant="both"),
    # --- persons
    Fact("age", "int", "请问您今年多大年龄（周岁）？", "年龄（周岁）", minimum=10, maximum=100),
    Fact("is_college_graduate", "bool",
         "您是哪一类学校毕业（或今年将毕业）的？",
         "是否高校毕业生"),
    Fact("is_vocational_graduate", "bool", "您是职业学校或技工院校（中专、职高、技校）毕业的吗？",
         "是否职业学校、技工院校毕业生"),
    Fact("graduation_year", "year", "您是哪一年毕业（或今年将要毕业）的？", "毕业年份", minimum=1950, maximum=2100),
    Fact("is_student", "bool", "您现在还是在校学生吗？", "是否在校学生"),
    Fact("hardship_type", "enum", "您（或您的家庭）属于下面哪种困难情形？可选其中一种。", "困难情形",
         values=HARDSHIP_TYPES),
    Fact("seeking_work", "bool", "您有就业创业意愿，并且正在积极求职或创业吗？", "是否积极求职创业"),
    Fact("is_employed", "bool", "您目前已经就业了吗（有工作）？", "是否已就业"),
    Fact("is_returning_migrant_worker", "bool", "您是返乡创业的农民工吗？", "是否返乡农民工"),
    Fact("is_hard_to_employ", "bool", "您是否已被人社部门认定为就业困难人员？", "是否就业困难人员"),
    Fact("is_poverty_registered", "bool", "您是建档立卡贫困人口（贫困劳动力）吗？", "是否建档立卡贫困人口"),
    Fact("is_registered_unemployed", "bool", "您是否在人社部门公共就业服务机构办理了失业登记？", "是否登记失业"),
    Fact("business_form", "enum", "您目前的创业情况是？", "创业形式", values=BUSINESS_FORMS),
    Fact("is_first_business", "bool", "这是您第一次创办企业或从事个体经营吗？", "是否首次创业"),
    Fact("business_operating_years", "number", "从工商登记注册到现在，已经正常经营多长时间了（年，例如0.5、1、2）？",
         "正常经营年限（年）", maximum=100),
    Fact("has_employment_certificate", "bool",
         "您是否持有注明“自主创业税收政策”或“毕业年度内自主创业税收政策”的《就业创业证》（或《就业失业登记证》）？",
         "是否持有注明自主创业税收政策的就业创业证"),
    Fact("flexible_employed", "bool", "您现在是灵活就业（打零工、自由职业、非全日制等），并已申报就业吗？",
         "是否灵活就业并已申报就业"),
    Fact("pays_social_insurance_individually", "bool", "您是以个人身份缴纳社会保险费吗？", "是否以个人身份缴纳社保"),
    Fact("years_to_retirement", "number", "您距离法定退休年龄还有几年？", "距法定退休年龄年数", maximum=60),
    Fact("is_laid_off", "bool", "您是下岗失业人员吗？", "是否下岗失业人员"),
    Fact("living_difficulty", "bool", "您（和家庭）目前生活困难吗？", "是否生活困难"),
    Fact("zero_employment_family", "bool", "您家是城镇零就业家庭吗（家里劳动年龄人口都没有就业）？", "是否城镇零就业家庭"),
    # --- enterprises and other units
    Fact("enterprise_size", "enum", "贵单位属于哪一类？", "企业类型（规模）", values=ENTERPRISE_SIZES, applicant="enterprise"),
    Fact("staff_count", "int", "贵单位现有在职职工多少人？", "现有在职职工人数", applicant="enterprise", maximum=10**6),
    Fact("new_hires_12m", "int",
         f"近{_t('startup_loan_new_hire_lookback_months')}内新招用了多少名符合创业担保贷款申请条件的人员"
         "（如高校毕业生、失业人员、返乡农民工等）？",
         f"前{_t('startup_loan_new_hire_lookback_months')}内新招用符合条件人数", applicant="enterprise", maximum=10**6),
    Fact("new_hires_contract_1y", "bool", f"和这些新招用的人员都签订了{_t('startup_loan_contract_min_years')}以上劳动合同吗？",
         f"是否与新招用人员签订{_t('startup_loan_contract_min_years')}以上劳动合同", applicant="enterprise"),
    Fact("affected_by_epidemic", "bool", "贵单位是否受疫情影响较大或暂时性生产经营困难？", "是否受疫情影响或暂时经营困难",
         applicant="enterprise"),
    Fact("insured_staff_dec_2019", "int", f"{_REFERENCE_MONTH}贵单位缴纳失业保险的职工有多少人？",
         f"{_REFERENCE_MONTH}失业保险缴费人数", applicant="enterprise", maximum=10**6),
    Fact("receives_stable_job_subsidy", "bool", "贵单位本年度是否已享受稳岗补贴或已申领过稳岗返还？", "是否已享受稳岗补贴或已申领返还",
         applicant="enterprise"),
    Fact("is_high_tech", "bool", "贵单位是认定的高新技术企业吗？", "是否高新技术企业", applicant="enterprise"),
    Fact("hires_poverty_or_registered_unemployed", "int",
         "贵单位招用了多少名建档立卡贫困人口，或登记失业半年以上并持注明“企业吸纳税收政策”就业创业证的人员？",
         "招用建档立卡贫困人口或登记失业半年以上持证人员人数", applicant="enterprise", maximum=10**6),
    Fact("hires_contract_and_insurance", "bool",
         f"和这些人员签订了{_t('hiring_tax_contract_min_years')}以上劳动合同，并依法缴纳社会保险费了吗？",
         f"是否签订{_t('hiring_tax_contract_min_years')}以上劳动合同并缴纳社保", applicant="enterprise"),
    Fact("hires_hard_to_employ", "int", "贵单位招用了多少名就业困难人员（签订劳动合同并缴纳社保）？", "招用就业困难人员人数",
         applicant="enterprise", maximum=10**6),
    Fact("hires_graduates", "int",
         f"贵单位招用了多少名毕业年度或登记失业的高校毕业生，并签订{_t('graduate_hiring_contract_min_years')}以上劳动合同、"
         "缴纳社保？", "招用毕业年度或登记失业高校毕业生人数", applicant="enterprise", maximum=10**6),
    Fact("hosts_interns", "bool", f"贵单位是否吸纳安排就业见习人员（{_INTERNS}）？",
         "是否吸纳就业见习人员", applicant="enterprise"),
    Fact("internship_base_level", "enum", "贵单位是否被评为示范性就业见习基地？", "示范性就业见习基地级别",
         values=DEMO_BASE_LEVELS, applicant="enterprise"),
    Fact("is_incubator", "bool", "贵单位是郑州市级以上创业孵化基地或新型孵化平台吗？", "是否郑州市级以上创业孵化基地/新型孵化平台",
         applicant="enterprise"),
    Fact("incubator_base_level", "enum", "贵单位是否被评为示范性创业孵化基地？", "示范性创业孵化基地级别",
         values=DEMO_BASE_LEVELS, applicant="enterprise"),
    Fact("incubated_firms_qualifying", "int", f"孵化的企业中，有几户已{_INCUBATED}？", f"{_INCUBATED}的孵化企业户数",
         applicant="enterprise", maximum=10**5),
    Fact("is_employment_agency", "bool", "贵单位是社会职业介绍中介机构吗？", "是否职业介绍中介机构", applicant="enterprise"),
    Fact("placements_1y_contract", "int",
         f"为复工复产企业成功招聘并签订{_t('job_placement_contract_min_years')}以上劳动合同的有多少人？",
         f"成功介绍并签{_t('job_placement_contract_min_years')}以上合同人数", applicant="enterprise", maximum=10**6),
]

FACTS: dict[str, Fact] = {f.name: f for f in _FACTS}



def fact(name: str) -> Fact:
    try:
        return FACTS[name]
    except KeyError:
        raise FactError(f"unknown fact {name!r}") from None


def coerce(name: str, value):
    """A fact value in its canonical type; FactError when it can't be."""
    f = fact(name)
    if value is None:
        return None
    if f.type == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "是", "yes", "y", "1", "对"):
            return True
        if text in ("false", "否", "no", "n", "0", "不是"):
            return False
        raise FactError(f"{name} must be true or false, not {value!r}")
    if f.type in ("int", "year", "number"):
        if isinstance(value, bool):
            raise FactError(f"{name} must be a number, not {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise FactError(f"{name} must be a number, not {value!r}") from None
        if not -float("inf") < number < float("inf"):  # NaN, inf, 1e999 (int() of them raised ValueError)
            raise FactError(f"{name} must be a finite number, not {value!r}")
        if f.type in ("int", "year"):
            if number != int(number):
                raise FactError(f"{name} must be a whole number, not {value!r}")
            number = int(number)
        if (f.minimum is not None and number < f.minimum) or (f.maximum is not None and number > f.maximum):
            raise FactError(f"{name} must be between {f.minimum:g} and {f.maximum:g}, not {value!r}")
        return number
    if f.type == "enum":
        text = str(value).strip()
        if text not in f.values:
            raise FactError(f"{name} must be one of {', '.join(f.values)}, not {value!r}")
        return text
    raise FactError(f"{name}: unsupported type {f.type}")  # pragma: no cover - vocabulary is fixed


@dataclass
class Facts:
    """What is known about one applicant, evaluated on a date. Unknown facts are simply absent."""

    values: dict = field(default_factory=dict)
    on: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def of(cls, values: dict | None = None, on: dt.date | None = None) -> Facts:
        clean = {}
        for name, value in (values or {}).items():
            coerced = coerce(name, value)
            if coerced is not None:
                clean[name] = coerced
        return cls(clean, on or dt.date.today())

    def get(self, name: str):
        return self.values.get(name)

    def graduated_within(self, years: int) -> bool | None:
        """Whether the evaluation date lies within ``years`` years of leaving school.

        The policy counts from leaving school; the year alone is known, so graduation is taken as
        1 July of the graduation year (the usual leaving date), and the window ends on the same day
        ``years`` years later, inclusive. A graduation year after the evaluation year means the
        applicant has not left school yet, so is not within any years of leaving it.
        """
        year = self.get("graduation_year")
        if year is None:
            return None
        return year <= self.on.year and self.on <= dt.date(year + years, 7, 1)

    def in_graduation_year(self) -> bool | None:
        """毕业年度: the calendar year in which the applicant graduates."""
        year = self.get("graduation_year")
        return None if year is None else year == self.on.year
