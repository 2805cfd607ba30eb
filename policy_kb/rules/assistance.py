"""Help for people in difficulty and training: 临时生活补助、低保、零就业家庭（二十一）, 培训补贴（十七）."""

from __future__ import annotations

from policy_kb.rules.base import AllOf, Amount, AnyOf, Rule, is_false, is_true
from policy_kb.rules.graduates import in_graduation_year

temporary_living_allowance = Rule(
    id="temporary_living_allowance",
    name="临时生活补助",
    measure="二十一",
    applicant="person",
    kind="subsidy",
    condition=AllOf(is_true("is_laid_off", "是下岗失业人员"), is_true("living_difficulty", "生活困难")),
    quote="对符合条件的生活困难下岗失业人员，发放临时生活补助",
    amount=lambda facts: Amount("本文件未规定标准，按上级规定执行"),
    how_to_apply="向市人社局或所在乡镇（街道）申请",
    deferred=("符合条件的生活困难下岗失业人员（具体条件）和临时生活补助标准",),
)

social_assistance = Rule(
    id="social_assistance",
    name="纳入最低生活保障、临时救助",
    measure="二十一",
    applicant="person",
    kind="service",
    condition=AllOf(
        AnyOf(is_true("is_laid_off", "是失业人员"), is_true("is_registered_unemployed", "是登记失业人员"), text="是失业人员"),
        is_true("living_difficulty", "生活困难"),
    ),
    quote="对生活困难的失业人员及家庭，按规定纳入最低生活保障、临时救助等社会救助范围",
    amount=lambda facts: Amount("按低保、临时救助规定执行"),
    how_to_apply="向所在乡镇（街道）或市民政局申请",
    deferred=("最低生活保障、临时救助的认定条件",),
)

zero_employment_family_help = Rule(
    id="zero_employment_family_help",
    name="城镇零就业家庭就业援助",
    measure="二十一",
    applicant="person",
    kind="service",
    condition=is_true("zero_employment_family", "是城镇零就业家庭"),
    quote="对城镇零就业家庭，出现一户，消除一户，至少实现家庭一人就业",
    amount=lambda facts: Amount("就业援助：至少帮助家庭一人实现就业"),
    how_to_apply="向所在乡镇（街道）、社区公共就业服务平台或市人社局登记",
    deferred=("城镇零就业家庭的认定",),
)

skills_training_subsidy = Rule(
    id="skills_training_subsidy",
    name="职业培训补贴",
    measure="十七",
    applicant="person",
    kind="subsidy",
    condition=AnyOf(
        is_true("is_registered_unemployed", "登记失业人员"),
        AllOf(is_true("is_college_graduate", "高校毕业生"), in_graduation_year, is_false("is_employed", "未就业"),
            text="毕业年度未就业高校毕业生"),
        is_true("is_hard_to_employ", "就业困难人员"),
        is_true("is_poverty_registered", "贫困劳动力"),
        is_true("is_returning_migrant_worker", "农民工"),
        is_true("is_employed", "企业职工"),
        text="属于登记失业人员、毕业年度未就业高校毕业生、就业困难人员、贫困劳动力、农民工或企业职工",
    ),
    quote="对培训后并取得相应课程培训合格证的学员，按规定给予培训补贴",
    amount=lambda facts: Amount("培训后取得相应课程培训合格证的，按规定给予培训补贴（本文件未规定标准）"),
    how_to_apply="参加市人社局组织或认定的技能培训，取得培训合格证后按规定申领",
    deferred=("培训补贴标准",),
)

RULES = [temporary_living_allowance, social_assistance, zero_employment_family_help, skills_training_subsidy]
