"""Rules for starting a business: 创业担保贷款（十一）, 创业税收扣减（十二）, 一次性创业补贴（十四）,
孵化成果补贴 and 示范基地奖补（十）."""

from __future__ import annotations

from policy_kb.facts import Facts
from policy_kb.parameters import param, value
from policy_kb.rules.base import (
    AllOf,
    Amount,
    AnyOf,
    Derived,
    FactCondition,
    Rule,
    at_least,
    is_true,
    money,
    one_of,
)

LOAN_DEFERRED = ("符合创业担保贷款申请条件的人员（具体条件）",)
LOAN_APPLY = "向市人社局（创业担保贷款经办部门）提出申请，由经办银行审核放贷；申请条件按上级规定执行"


def _graduate_within_five_years(facts: Facts):
    """毕业5年内的普通高校、职业学校、技工院校毕业生（十四）: a college or a vocational school graduate."""
    college, vocational = facts.get("is_college_graduate"), facts.get("is_vocational_graduate")
    if college is not True and vocational is not True:
        return False if college is False and vocational is False else None
    return facts.graduated_within(value("startup_subsidy_graduate_years_max"))


def _not_recent_graduate(facts: Facts) -> str:
    year = facts.get("graduation_year")
    if facts.get("is_college_graduate") is not True and facts.get("is_vocational_graduate") is not True:
        return "您的回答：不是高校、职业学校或技工院校毕业生"
    if year > facts.on.year:
        return f"您的回答：毕业年份为{year}年，还没有毕业"
    return f"您的回答：毕业年份为{year}年，已超过毕业{param('startup_subsidy_graduate_years_max').text()}"


startup_subsidy = Rule(
    id="startup_subsidy",
    name="一次性创业补贴",
    measure="十四",
    applicant="person",
    kind="subsidy",
    condition=AllOf(
        AnyOf(
            Derived(f"毕业{param('startup_subsidy_graduate_years_max').text()}内的高校、职业学校、技工院校毕业生",
                    ("is_college_graduate", "graduation_year", "is_vocational_graduate"), _graduate_within_five_years,
                    _not_recent_graduate),
            is_true("is_student", "在校大中专学生"),
            is_true("is_returning_migrant_worker", "返乡农民工"),
            is_true("is_hard_to_employ", "就业困难人员"),
            is_true("is_poverty_registered", "贫困劳动力（建档立卡贫困人口）"),
            text=(f"属于我市大中专学生（含毕业{param('startup_subsidy_graduate_years_max').text()}内毕业生、在校学生、毕业"
                  f"{param('startup_subsidy_graduate_years_max').text()}内留学回国人员）、就业困难人员、贫困劳动力或返乡农民工"),
        ),
        one_of("business_form", ("个体经营", "创办企业", "合伙创业"), "已创办企业或从事个体经营"),
        is_true("is_first_business", "首次创办企业或从事个体经营"),
        at_least("business_operating_years", "startup_subsidy_min_operating_years",
                 f"自工商登记注册之日起正常经营{param('startup_subsidy_min_operating_years').text()}以上"),
    ),
    quote=param("startup_subsidy_amount").quote,
    amount=lambda facts: Amount(f"一次性{param('startup_subsidy_amount').value}元", param("startup_subsidy_amount").value),
    period="一次性",
    how_to_apply="持营业执照等材料向市人社局（创业扶持部门）申请，市财政局拨付",
)


def _loan_amount(facts: Facts) -> Amount:
    if facts.get("business_form") == "合伙创业":
        p = param("startup_loan_partnership_max")
        return Amount(f"合伙创业或组织起来创业，最高不超过{p.text()}", p.value)
    p = param("startup_loan_individual_max")
    return Amount(f"个人自主创业最高不超过{p.text()}（合伙创业最高{param('startup_loan_partnership_max').text()}）", p.value)


startup_loan = Rule(
    id="startup_loan",
    name="创业担保贷款（个人/合伙）",
    measure="十一",
    applicant="person",
    kind="loan",
    condition=one_of("business_form", ("个体经营", "创办企业", "合伙创业"), "已经或正在自主创业、合伙创业"),
    quote=param("startup_loan_individual_max").quote,
    amount=_loan_amount,
    period="贷款期限和贴息按上级规定执行",
    how_to_apply=LOAN_APPLY,
    deferred=LOAN_DEFERRED,
)


def _hire_ratio_met(facts: Facts):
    staff, hires = facts.get("staff_count"), facts.get("new_hires_12m")
    if staff is None or hires is None:
        return None
    ratio = value("startup_loan_new_hire_ratio_large") if staff > value("startup_loan_large_staff_threshold") \
        else value("startup_loan_new_hire_ratio")
    return staff > 0 and hires >= ratio * staff - 1e-9


def _hire_ratio_explain(facts: Facts) -> str:
    staff, hires = facts.get("staff_count"), facts.get("new_hires_12m")
    large = staff > value("startup_loan_large_staff_threshold")
    p = param("startup_loan_new_hire_ratio_large" if large else "startup_loan_new_hire_ratio")
    said = f"您的回答：现有职工{staff}人，近{param('startup_loan_new_hire_lookback_months').text()}新招用{hires}人"
    if not staff:
        return f"{said}；没有在职职工，无法达到按在职职工人数计算的新招用比例"
    return (f"{said}，占{hires / staff:.1%}；"
            f"{'超过' if large else '不超过'}{param('startup_loan_large_staff_threshold').text()}的企业需达到{p.text()}"
            f"（至少{p.value * staff:g}人）")


def _hire_ratio_hint(facts: Facts) -> str | None:
    """With the staff count known: how many new hires the ratio asks for."""
    import math

    staff = facts.get("staff_count")
    if staff is None or facts.get("new_hires_12m") is not None or not staff:
        return None
    large = staff > value("startup_loan_large_staff_threshold")
    p = param("startup_loan_new_hire_ratio_large" if large else "startup_loan_new_hire_ratio")
    return f"现有职工{staff}人，需新招用符合条件人员至少{math.ceil(p.value * staff - 1e-9)}人（{p.text()}）"


small_enterprise_loan = Rule(
    id="small_enterprise_startup_loan",
    name="小微企业创业担保贷款",
    measure="十一",
    applicant="enterprise",
    kind="loan",
    condition=AllOf(
        one_of("enterprise_size", ("微型企业", "小型企业"), "是小微企业"),
        Derived(f"申请前{param('startup_loan_new_hire_lookback_months').text()}内新招用符合条件人员达到在职职工"
                f"{param('startup_loan_new_hire_ratio').text()}（超过{param('startup_loan_large_staff_threshold').text()}"
                f"的企业达到{param('startup_loan_new_hire_ratio_large').text()}）",
                ("staff_count", "new_hires_12m"), _hire_ratio_met, _hire_ratio_explain, _hire_ratio_hint),
        is_true("new_hires_contract_1y", f"与新招用人员签订{param('startup_loan_contract_min_years').text()}以上劳动合同"),
    ),
    quote=param("startup_loan_small_enterprise_max").quote,
    amount=lambda facts: Amount(f"最高不超过{param('startup_loan_small_enterprise_max').text()}",
                                param("startup_loan_small_enterprise_max").value),
    period="贷款期限和贴息按上级规定执行",
    how_to_apply=LOAN_APPLY,
    deferred=LOAN_DEFERRED,
)


def _within_tax_years(facts: Facts):
    years = facts.get("business_operating_years")
    return None if years is None else years <= value("self_employment_tax_years")


self_employment_tax_relief = Rule(
    id="self_employment_tax_relief",
    name="重点群体从事个体经营税收扣减",
    measure="十二",
    applicant="person",
    kind="tax",
    condition=AllOf(
        AnyOf(
            is_true("is_poverty_registered", "建档立卡贫困人口"),
            is_true("has_employment_certificate", "持注明“自主创业税收政策”（或“毕业年度内自主创业税收政策”）的《就业创业证》或《就业失业登记证》"),
            text="是建档立卡贫困人口，或持注明“自主创业税收政策”的《就业创业证》/《就业失业登记证》",
        ),
        one_of("business_form", ("个体经营",), "从事个体经营（办理个体工商户登记）"),
        Derived(f"自办理个体工商户登记当月起{param('self_employment_tax_years').text()}内", ("business_operating_years",),
                _within_tax_years,
                lambda f: f"您的回答：已经营{f.get('business_operating_years'):g}年，超过了"
                          f"{param('self_employment_tax_years').text()}的扣减期限"),
    ),
    quote=param("self_employment_tax_cap_per_year").quote,
    amount=lambda facts: Amount(
        f"每户每年{param('self_employment_tax_cap_per_year').value}元为限额，依次扣减当年实际应缴纳的增值税、城市维护建设税、"
        "教育费附加、地方教育附加和个人所得税", param("self_employment_tax_cap_per_year").value),
    period=f"自办理个体工商户登记当月起{param('self_employment_tax_years').text()}内",
    how_to_apply="向税务局申报享受，凭就业创业证（或建档立卡贫困人口身份）办理",
)


def _incubation_amount(facts: Facts) -> Amount:
    per = param("incubation_subsidy_per_firm_year_max").value
    firms = facts.get("incubated_firms_qualifying")
    if firms:
        return Amount(f"每年不高于{money(per * firms)}（{firms}户×每户每年不高于{money(per)}）", per * firms,
                      f"{firms} × {per}")
    return Amount(f"每孵化一户按每年不高于{money(per)}", per)


incubation_outcome_subsidy = Rule(
    id="incubation_outcome_subsidy",
    name="孵化成果补贴",
    measure="十",
    applicant="enterprise",
    kind="subsidy",
    condition=AllOf(
        is_true("is_incubator", "是郑州市级以上创业孵化基地或新型孵化平台"),
        FactCondition(f"有孵化企业运营{param('incubation_min_operating_years').text()}并带动{param('incubation_min_jobs').text()}以上就业",
             ("incubated_firms_qualifying",), lambda n: n >= 1,
             lambda n: f"您的回答：还没有运营满{param('incubation_min_operating_years').text()}并带动"
                       f"{param('incubation_min_jobs').text()}以上就业的孵化企业"),
    ),
    quote=param("incubation_subsidy_per_firm_year_max").quote,
    amount=_incubation_amount,
    period=f"补贴期限最长不超过{param('incubation_subsidy_max_years').text()}",
    how_to_apply="向市人社局申报孵化成果补贴",
)


def _base_award(level_fact: str, provincial: str, national: str):
    def amount(facts: Facts) -> Amount:
        level = facts.get(level_fact)
        if level == "国家级":
            return Amount(f"国家级示范基地一次性奖补{param(national).text()}", param(national).value)
        if level == "省级":
            return Amount(f"省级示范基地一次性奖补{param(provincial).text()}", param(provincial).value)
        return Amount(f"省级{param(provincial).text()}，国家级{param(national).text()}（一次性）")

    return amount


incubator_base_award = Rule(
    id="incubator_base_award",
    name="示范性创业孵化基地奖补",
    measure="十",
    applicant="enterprise",
    kind="award",
    condition=one_of("incubator_base_level", ("省级", "国家级"), "被评为省级或国家级示范性创业孵化基地"),
    quote=param("incubator_base_award_provincial").quote,
    amount=_base_award("incubator_base_level", "incubator_base_award_provincial", "incubator_base_award_national"),
    period="一次性（省、郑州市每年认定一批）",
    how_to_apply="按省、郑州市示范基地认定通知申报，由省政府给予奖补；可向市人社局咨询",
)

RULES = [startup_subsidy, startup_loan, small_enterprise_loan, self_employment_tax_relief,
         incubation_outcome_subsidy, incubator_base_award]
