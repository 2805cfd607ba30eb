"""Rules for employers and service providers: 企业吸纳税收扣减（十二）, 小微/高新技术企业税收（二）,
见习单位补贴与示范见习基地（八）, 职业介绍补贴（十九）."""

from __future__ import annotations

from policy_kb.facts import Facts
from policy_kb.parameters import param
from policy_kb.rules.base import AllOf, Amount, FactCondition, Rule, is_true, money, one_of
from policy_kb.rules.entrepreneurship import _base_award


def _hiring_tax_amount(facts: Facts) -> Amount:
    per = param("hiring_tax_deduction_per_person_year").value
    n = facts.get("hires_poverty_or_registered_unemployed")
    if n:
        return Amount(f"{n}人 × 每人每年{per}元 = 每年{n * per:,}元定额依次扣减增值税、城市维护建设税、教育费附加、"
                      "地方教育附加和企业所得税", n * per, f"{n} × {per}")
    return Amount(f"按实际招用人数每人每年{per}元定额扣减", per)


hiring_tax_deduction = Rule(
    id="hiring_tax_deduction",
    name="企业招用重点群体税收扣减",
    measure="十二",
    applicant="enterprise",
    kind="tax",
    condition=AllOf(
        FactCondition("招用建档立卡贫困人口，或登记失业半年以上并持注明“企业吸纳税收政策”就业创业证的人员",
             ("hires_poverty_or_registered_unemployed",), lambda n: n >= 1, lambda n: "您的回答：没有招用这类人员"),
        is_true("hires_contract_and_insurance",
                f"与其签订{param('hiring_tax_contract_min_years').text()}以上期限劳动合同并依法缴纳社会保险费"),
    ),
    quote=param("hiring_tax_deduction_per_person_year").quote,
    amount=_hiring_tax_amount,
    period=f"自签订劳动合同并缴纳社会保险当月起{param('hiring_tax_years').text()}内",
    how_to_apply="向税务局申报扣减；人员身份由市人社局（就业创业证）认定",
)

small_business_tax = Rule(
    id="small_business_tax",
    name="小微企业税收优惠（免征增值税、小型微利企业所得税减半等）",
    measure="二",
    applicant="enterprise",
    kind="tax",
    condition=one_of("enterprise_size", ("微型企业", "小型企业"), "是小微企业"),
    quote="落实小微企业免征增值税、小型微利企业减半征收企业所得税",
    amount=lambda facts: Amount("按国家小微企业税收政策执行（本文件未规定具体标准）"),
    how_to_apply="向税务局申报享受",
    deferred=("小微企业、小型微利企业的认定标准和具体税收优惠",),
)

high_tech_tax = Rule(
    id="high_tech_tax",
    name=f"高新技术企业减按{param('high_tech_enterprise_income_tax_rate').text()}税率征收企业所得税",
    measure="二",
    applicant="enterprise",
    kind="tax",
    condition=is_true("is_high_tech", "是认定的高新技术企业"),
    quote=param("high_tech_enterprise_income_tax_rate").quote,
    amount=lambda facts: Amount(f"企业所得税税率减按{param('high_tech_enterprise_income_tax_rate').text()}"),
    how_to_apply="向税务局申报享受；研发费用加计扣除一并申报",
    deferred=("高新技术企业认定标准",),
)

internship_host_subsidy = Rule(
    id="internship_host_subsidy",
    name="就业见习补贴（吸纳见习单位）",
    measure="八",
    applicant="enterprise",
    kind="subsidy",
    condition=is_true("hosts_interns", (f"吸纳安排就业见习人员（离校{param('internship_years_since_leaving_school_max').text()}"
                                        f"内未就业高校毕业生或{param('internship_youth_age_min').value}至"
                                        f"{param('internship_youth_age_max').text()}失业青年）")),
    quote="按照完成见习人数和见习时间给予就业见习补贴",
    amount=lambda facts: Amount("按完成见习人数和见习时间给予补贴（本文件未规定具体标准）"),
    period=(f"见习期{param('internship_duration_min_months').value}至"
            f"{param('internship_duration_max_months').text()}"),
    how_to_apply="向市人社局申请认定见习单位、备案见习人员，见习期满后按完成人数和时间申领",
    deferred=("就业见习补贴标准",),
)

internship_base_award = Rule(
    id="internship_base_award",
    name="示范性就业见习基地奖补",
    measure="八",
    applicant="enterprise",
    kind="award",
    condition=one_of("internship_base_level", ("省级", "国家级"), "被评为省级或国家级示范性就业见习基地"),
    quote=param("internship_base_award_provincial").quote,
    amount=_base_award("internship_base_level", "internship_base_award_provincial", "internship_base_award_national"),
    period=f"一次性（省、郑州市每{param('internship_base_recognition_interval_years').text()}认定一批）",
    how_to_apply="按省、郑州市示范性就业见习基地认定通知申报；可向市人社局咨询",
)


def _placement_amount(facts: Facts) -> Amount:
    per = param("job_placement_subsidy_per_person").value
    n = facts.get("placements_1y_contract")
    if n:
        return Amount(f"{n}人 × {per}元/人 = {money(n * per)}", n * per, f"{n} × {per}")
    return Amount(f"{per}元/人", per)


job_placement_subsidy = Rule(
    id="job_placement_subsidy",
    name="职业介绍补贴",
    measure="十九",
    applicant="enterprise",
    kind="subsidy",
    condition=AllOf(
        is_true("is_employment_agency", "是社会职业介绍中介机构"),
        FactCondition(f"为复工复产企业成功招聘员工并签订{param('job_placement_contract_min_years').text()}以上劳动合同",
             ("placements_1y_contract",), lambda n: n >= 1,
             lambda n: f"您的回答：没有成功介绍并签订{param('job_placement_contract_min_years').text()}以上合同的人员"),
    ),
    quote=param("job_placement_subsidy_per_person").quote,
    amount=_placement_amount,
    how_to_apply="向市人社局申报，市财政局拨付",
)

RULES = [hiring_tax_deduction, small_business_tax, high_tech_tax, internship_host_subsidy, internship_base_award,
         job_placement_subsidy]
