"""Social-insurance rules: 社保补贴（二十一、十五）and the 2020 relief for employers（一）."""

from __future__ import annotations

from policy_kb.facts import Facts
from policy_kb.parameters import param, value, window
from policy_kb.rules.base import AllOf, Amount, FactCondition, Rule, is_false, is_true, money, one_of

HARD_TO_EMPLOY = ("就业困难人员（具体范围，由人社部门认定）",)


def _si_period(facts: Facts) -> str:
    years = facts.get("years_to_retirement")
    near = param("social_insurance_subsidy_near_retirement_years")
    longest = param("social_insurance_subsidy_max_years")
    if years is not None and years < near.value:
        return f"距法定退休年龄不足{near.text()}，补贴期限可延长至退休"
    if years is not None:
        return f"最长不超过{longest.text()}"
    return f"最长不超过{longest.text()}；距法定退休年龄不足{near.text()}的可延长至退休"


flexible_social_insurance_subsidy = Rule(
    id="flexible_social_insurance_subsidy",
    name="灵活就业社会保险补贴",
    measure="二十一",
    applicant="person",
    kind="insurance",
    condition=AllOf(
        is_true("is_hard_to_employ", "是就业困难人员（贫困劳动力、离校未就业高校毕业生、农民工、退役军人、原国有集体企业下岗失业人员、城镇零就业家庭等重点群体中的）"),
        is_true("flexible_employed", "灵活就业后已申报就业"),
        is_true("pays_social_insurance_individually", "以个人身份缴纳社会保险费"),
    ),
    quote="实现灵活就业后申报就业并以个人身份缴纳社会保险费的",
    amount=lambda facts: Amount(
        f"给予一定数额的社会保险补贴，原则上不超过实际缴费的{param('flexible_social_insurance_subsidy_max_share').text()}"),
    period=_si_period,
    how_to_apply="向市人社局（就业服务机构）申报就业后申请，市社保局、财政局按规定拨付",
    deferred=HARD_TO_EMPLOY,
)

flexible_subsidy_extension = Rule(
    id="flexible_subsidy_extension",
    name=f"灵活就业社会保险补贴期满延长{param('flexible_subsidy_extension_years').text()}",
    measure="十五",
    applicant="person",
    kind="insurance",
    condition=AllOf(
        is_true("is_hard_to_employ", "是就业困难人员"),
        is_true("flexible_employed", "享受灵活就业社会保险补贴期满后仍灵活就业（未实现稳定就业）"),
    ),
    quote=param("flexible_subsidy_extension_years").quote,
    amount=lambda facts: Amount(f"政策享受期限延长{param('flexible_subsidy_extension_years').text()}"),
    period=f"延长{param('flexible_subsidy_extension_years').text()}",
    window="flexible_subsidy_extension",
    deferred=HARD_TO_EMPLOY,
)

hard_to_employ_hiring_subsidy = Rule(
    id="hard_to_employ_hiring_subsidy",
    name="企业招用就业困难人员社会保险补贴",
    measure="二十一",
    applicant="enterprise",
    kind="insurance",
    condition=FactCondition("招用就业困难人员，签订劳动合同并缴纳社会保险费", ("hires_hard_to_employ",), lambda n: n >= 1,
                   lambda n: "您的回答：没有招用就业困难人员"),
    quote="按其为就业困难人员实际缴纳的社会保险费，给予社会保险补贴",
    amount=lambda facts: Amount("按企业为就业困难人员实际缴纳的社会保险费给予补贴"),
    period=(f"最长不超过{param('social_insurance_subsidy_max_years').text()}；距法定退休年龄不足"
            f"{param('social_insurance_subsidy_near_retirement_years').text()}的可延长至退休"),
    how_to_apply="向市人社局申请，市社保局、财政局按规定拨付",
    deferred=HARD_TO_EMPLOY,
)

graduate_hiring_subsidy = Rule(
    id="graduate_hiring_subsidy",
    name="小微企业招用高校毕业生社会保险补贴",
    measure="二十一",
    applicant="enterprise",
    kind="insurance",
    condition=AllOf(
        one_of("enterprise_size", ("微型企业", "小型企业"), "是小微企业"),
        FactCondition(f"招用毕业年度或登记失业的高校毕业生，签订{param('graduate_hiring_contract_min_years').text()}以上劳动合同并缴纳社保",
             ("hires_graduates",), lambda n: n >= 1, lambda n: "您的回答：没有招用符合条件的高校毕业生"),
    ),
    quote=param("graduate_hiring_social_insurance_subsidy_max_years").quote,
    amount=lambda facts: Amount("按为毕业生缴纳的社会保险费给予补贴"),
    period=f"最长{param('graduate_hiring_social_insurance_subsidy_max_years').text()}",
    how_to_apply="向市人社局申请，市社保局、财政局按规定拨付",
)

social_insurance_exemption = Rule(
    id="social_insurance_exemption",
    name="阶段性免征企业养老、失业、工伤保险单位缴费",
    measure="一",
    applicant="enterprise",
    kind="insurance",
    condition=one_of("enterprise_size", ("微型企业", "小型企业", "中型企业", "个体工商户"),
                     "是中小微企业（或以单位形式参保缴费的个体工商户）"),
    quote="免征中小微企业基本养老保险、失业保险、工伤保险单位缴费部分",
    amount=lambda facts: Amount("免征单位缴费部分"),
    period=window("social_insurance_exemption").describe(),
    window="social_insurance_exemption",
    how_to_apply="由社保、税务部门直接减免",
)

medical_insurance_deferral = Rule(
    id="medical_insurance_deferral",
    name="职工医保单位缴费缓缴",
    measure="一",
    applicant="enterprise",
    kind="insurance",
    condition=is_true("affected_by_epidemic", "受疫情影响生产经营出现严重困难（含自收自支事业单位）"),
    quote="企业职工基本医疗保险单位缴费部分，可申请缓缴",
    amount=lambda facts: Amount(f"缓缴最长不超过{param('medical_insurance_deferral_max_months').text()}，缓缴期间免收滞纳金"),
    period=f"最长{param('medical_insurance_deferral_max_months').text()}，期限内须连续无间断",
    window="medical_insurance_deferral",
    how_to_apply="向市社保局（医保经办机构）申请",
)


def _stable_return_amount(facts: Facts) -> Amount:
    months = value("stable_job_return_months_per_insured")
    monthly = value("zhengzhou_unemployment_benefit_monthly")
    insured = facts.get("insured_staff_dec_2019")
    formula = f"{value('stable_job_return_reference_month')}失业保险缴费人数 × {months}个月 × {monthly}元/月"
    if insured is not None:
        total = insured * months * monthly
        return Amount(f"{insured}人 × {months}个月 × {monthly}元 = {total:,}元（约{money(total)}），一次性支付",
                      total, formula)
    return Amount(f"按{formula}计算，一次性支付", None, formula)


stable_job_return = Rule(
    id="stable_job_return",
    name="失业保险稳岗返还",
    measure="一",
    applicant="enterprise",
    kind="insurance",
    condition=AllOf(
        is_true("affected_by_epidemic", "受疫情影响较大或暂时性生产经营困难"),
        FactCondition(f"{value('stable_job_return_reference_month')}有失业保险缴费职工", ("insured_staff_dec_2019",), lambda n: n >= 1,
             lambda n: f"您的回答：{value('stable_job_return_reference_month')}没有失业保险缴费职工"),
        is_false("receives_stable_job_subsidy", "本年度未申领过稳岗返还，且不同时享受稳岗补贴"),
    ),
    quote=param("stable_job_return_claims_per_year").quote,
    amount=_stable_return_amount,
    period=f"一次性；每户企业每年只能申领{param('stable_job_return_claims_per_year').short()}，不与稳岗补贴同时享受",
    window="stable_job_return",
    how_to_apply="向市人社局、社保局申报",
)

in_job_training_subsidy = Rule(
    id="in_job_training_subsidy",
    name="困难企业职工在岗培训补贴",
    measure="一",
    applicant="enterprise",
    kind="subsidy",
    condition=is_true("affected_by_epidemic", "是困难企业并开展职工在岗培训"),
    quote=window("stable_job_return").quote,
    amount=lambda facts: Amount("本文件未规定补贴标准，按上级规定执行"),
    window="stable_job_return",
    how_to_apply="向市人社局申报",
    deferred=("困难企业职工在岗培训补贴标准",),
)


RULES = [flexible_social_insurance_subsidy, flexible_subsidy_extension, hard_to_employ_hiring_subsidy,
         graduate_hiring_subsidy, social_insurance_exemption, medical_insurance_deferral, stable_job_return,
         in_job_training_subsidy]
