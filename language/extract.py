"""Facts as people write them: 应届/去年毕业, 二十三岁, 低保户, 开网店, 公司50个人, 招了10个 …

``extract_facts`` reads a whole message and returns the facts it states, normalised to the fact
vocabulary; ``parse_answer`` reads a short reply to one question. Both are deterministic, so the
assistant never asks again what a user already said. ``extract_clause`` finds a measure number.
"""

from __future__ import annotations

import datetime as dt
import re

from language.numbers import cn_number
from policy_kb.document import NUMERALS
from policy_kb.facts import coerce

CN_DIGITS = "零〇一二三四五六七八九十百千万两半"
NUM = rf"(?:\d+(?:\.\d+)?|[{CN_DIGITS}]+)"
NEGATION = re.compile(r"(不是|没有|没|不|非|未|无|不算|不属于|算不上)$")


APPROXIMATE = re.compile(r"[一二三四五六七八九]{2}")


def to_number(text: str) -> float | None:
    """'23' -> 23, '二十三' -> 23, '三十万' -> 300000, '两' -> 2, '半' -> 0.5 (``language.numbers.cn_number``);
    None for two neighbouring digits (五六年, 七八个人: "five or six", never 56), a range left to ask."""
    text = (text or "").strip()
    if APPROXIMATE.fullmatch(text) and "一二三四五六七八九".index(text[1]) - "一二三四五六七八九".index(text[0]) == 1:
        return None
    return cn_number(text)


def _num(text: str):
    n = to_number(text)
    if n is None:
        return None
    return int(n) if n == int(n) else n


def _negated(text: str, start: int) -> bool:
    return bool(NEGATION.search(text[max(0, start - 3):start]))


# (fact, pattern, value) — value True/False/str; a negation just before a True/str pattern flips or drops it.
FLAGS: list[tuple[str, str, object]] = [
    ("is_student", r"在校|在读|还在上学|大[一二三四]|研[一二三]|还没毕业|没毕业", True),
    # 中专、职高、技校、高中 graduates are not 高校毕业生 (（八）（十三）); said first, it decides
    ("is_college_graduate", r"(?:中专|中职|职高|技校|职业高中|高中|初中)(?:毕业|生|学历|文化)", False),
    ("is_vocational_graduate", r"(?:中专|中职|职高|技校|职业高中|技工院校|职业学校)(?:毕业)", True),
    ("is_college_graduate", (r"应届|(?<!中专|中职|职高|技校|高中|初中)毕业生|大学生|本科|大专|专科|研究生|硕士|高校|技师学院|"
                             r"大学毕业|毕业的大学生"), True),
    ("seeking_work", r"找工作|求职(?!创业补贴|补贴|补助)|投简历|找活|找个工作|面试|想创业|准备创业|正在创业|想就业", True),
    ("seeking_work", r"不想找工作|不找工作|不打算工作|考研|考公|准备考试", False),
    ("is_employed", r"还没(找到)?工作|没(找着|找到)(正式|稳定|合适)?(的)?工作|没有工作|没工作|失业(?!保险|金|保障|率|风险)|待业|没上班|未就业|在家闲着|下岗|找工作", False),
    ("is_employed", r"已经上班|有工作|在上班|已就业|已经就业|在厂里上班|在公司上班|打工", True),
    ("is_returning_migrant_worker", r"返乡|回乡|回老家|回村|农民工", True),
    ("is_hard_to_employ", r"就业困难人员|困难人员认定|认定为就业困难|就业困难", True),
    ("is_poverty_registered", r"建档立卡|贫困户|贫困人口|贫困劳动力|脱贫户", True),
    ("is_registered_unemployed", r"失业登记|登记失业|登记了失业", True),
    # the rules need the certificate *with its note* (注明“自主创业税收政策”): holding one is not enough to say so
    ("has_employment_certificate", (r"(?:就业创业证|就业失业登记证)[^，。？?！!]{0,10}(?:注明|写着|标注|标着|印着|注有)[^，。？?！!]{0,4}"
                                   r"(?:自主创业|创业税收)|(?:注明|写着|标注|标着|印着|注有)(?:了)?(?:“)?(?:毕业年度内)?自主创业税收政策"), True),
    ("is_first_business", r"第一次|首次|头一回|头一次|之前没开过|以前没干过", True),
    ("is_first_business", r"之前开过|以前开过|第二次|又开了|以前干过", False),
    # the fact is 灵活就业 *and* 已申报就业 (（二十一）): working odd jobs says the first part only
    ("flexible_employed", (r"(?:灵活就业|打零工|零工|自由职业|兼职|跑外卖|送外卖|网约车|跑滴滴|快递员|打短工)[^，。？?！!]{0,12}"
                          r"(?:申报|登记)(?:了|过)(?:灵活)?(?:就业)?|(?:已经|已)?(?:申报|登记)(?:了|过)灵活就业|已申报就业"), True),
    ("pays_social_insurance_individually", r"自己交社保|个人交社保|以个人身份|自己缴社保|个人缴社保|自己缴纳社保|个人身份缴", True),
    # 失业保险, 失业金 name a benefit, not the asker's situation
    ("is_laid_off", r"下岗|被裁|裁员|被辞退|失业(?!保险|金|保障|率|风险)", True),
    ("living_difficulty", r"生活困难|日子难过|生活很难|揭不开锅|生活困苦|家里困难|经济困难", True),
    # the term itself only of the asker's own family, and not when asked whether it counts (算不算那个零就业家庭)
    ("zero_employment_family", (r"(?:(?:我|俺|咱)(?:们)?家|家里|两口子)[^？?]{0,30}?(?<!算不算)(?<!算不算那个)(?<!是不是)(?<!属不属于)"
                               r"(?:城镇)?零就业家庭(?!吗|不|没)|家里都没工作|一家人都没工作|全家都没工作|家里没一个上班"), True),
    # not 困难企业: the name of the benefits' category (困难企业职工在岗培训补贴), no fact about the asker
    ("affected_by_epidemic", r"疫情影响|受疫情|经营困难|生意不好|订单少|停产|亏损|资金紧张", True),
    ("receives_stable_job_subsidy", r"领过稳岗|已经领了稳岗|拿过稳岗|享受了稳岗补贴|领了稳岗", True),
    ("is_high_tech", r"高新技术企业|高新企业|高企", True),
    ("hosts_interns", r"见习单位|招见习|接收见习|见习生|安排见习|见习人员", True),
    # （十）pays 郑州市级以上 bases and 新型孵化平台 only: a base of unstated level is left to ask
    ("is_incubator", r"(?:郑州市级|郑州市|省级|国家级)(?:以上)?(?:的)?(?:示范性?)?(?:创业)?(?:孵化基地|孵化平台)|新型孵化平台", True),
    ("is_employment_agency", r"职业中介|中介机构|职业介绍|人力资源公司|劳务公司|劳务中介|人力资源服务", True),
    ("new_hires_contract_1y", r"签了?(?:一年|1年|两年|2年|三年|3年|长期)(?:以上)?(?:的)?(?:劳动)?合同|合同(?:都)?签了?(?:一年|1年|两年|三年)", True),
    # the rules ask for a contract of 1 year or more (（十二）): "签了合同交了社保" alone leaves that to ask
    ("hires_contract_and_insurance", r"签了?(?:一年|1年|两年|2年|三年|3年|长期|无固定期限)(?:以上)?(?:的)?(?:劳动)?合同(?:也)?(?:并|还|都)?(?:交|缴)了?社保", True),
]

# The first part of a fact that has two (灵活就业 *and* 已申报就业; a 就业创业证 *with its note*): no fact for a reading,
# but it says which measure's rules the question is near (the decision's facts bonus).
PARTIAL: list[tuple[str, str]] = [
    ("flexible_employed", r"灵活就业|打零工|零工|自由职业|兼职|跑外卖|送外卖|网约车|跑滴滴|快递员|打短工"),
    ("has_employment_certificate", r"就业创业证|就业失业登记证"),
]


def partial_facts(text: str) -> dict:
    """Facts whose first part the message states (for deciding the measure, never for a reading)."""
    text = re.sub(r"\s+", "", text or "")
    return {name: True for name, pattern in PARTIAL
            if (m := re.search(pattern, text)) and not _negated(text, m.start()) and not _asked_about(text, m.end())}


# What an organisation *is* (an incubator, an agency, a 高新技术企业, a host of interns) is a fact only when the
# asker says it of their own organisation (我们是…, 我们的…): "能不能弄成孵化基地", "我在孵化基地里开了个公司",
# "人力资源公司能领吗" ask about one; "我们想办个孵化基地" wishes for one.
SELF_REQUIRED = {"enterprise_size", "is_incubator", "is_employment_agency", "is_high_tech", "hosts_interns", "incubator_base_level",
                 "internship_base_level"}
SELF_WORDS = re.compile(r"我们|俺们|咱们|我司|我公司|本公司|本单位|我单位|我厂|俺厂|我是|俺是|本基地|我们基地|咱|我家|俺家|我开|俺开|我这|俺这|"
                        r"我在|俺在|我办|俺办|自己(?:开|办)|我的|俺的|俺那|我那")
WISH_WORDS = re.compile(r"想|打算|准备|要是|如果|弄成|成为|变成|建成|建个|办个|申请成|在(?!职)|能不能|可不可以|能否|还是")
CLAUSE_END = re.compile(r"[，,。？?！!；;]")


# A term asked about (就业困难人员怎么认定, 零就业家庭是什么, 贫困劳动力包括哪些) is no statement of the asker's situation.
ASKED_ABOUT = re.compile(r"(怎么|咋|如何)(认定|界定)|[^，。？?！!]{0,2}(是什么|是啥|指什么|指的是|指啥|包括|有哪些|的认定|认定标准|"
                         r"的范围|的条件|啥意思|什么意思)")


def _asked_about(text: str, end: int) -> bool:
    return bool(ASKED_ABOUT.match(text, end))


def _said_of_self(text: str, start: int, name: str) -> bool:
    """The words before ``start`` in its clause name the asker's own organisation, with no wish between (a
    person saying 我是见习生 is an intern, not a host of interns)."""
    before = CLAUSE_END.split(text[max(0, start - 14):start])[-1]
    own = None
    for m in SELF_WORDS.finditer(before):
        own = m
    between = before[own.end():] if own else ""
    if name == "enterprise_size":  # 我们在新密开了个小公司: "在" places the business, it does not rent inside one
        between = between.replace("在", "")
    if own is None or WISH_WORDS.search(between):
        return False
    if name == "hosts_interns" and text.startswith(("见习生", "见习人员"), start) and not re.search(r"有|招|接收|安排|带|收|用", between):
        return False  # 我们见习生: the asker is one of the interns
    return not (name == "hosts_interns" and own.group(0) in ("我是", "俺是"))


# two ways of starting a business set side by side (一个人创业跟合伙创业…差多少): the asker is in neither yet
COMPARED_FORMS = re.compile(r"(个人|一个人|自己|单独)(创业|干|开)?[^，。？?]{0,4}(跟|和|与|还是|比)[^，。？?]{0,4}(合伙|几个人|组织起来)|"
                            r"(合伙|几个人)[^，。？?]{0,6}(跟|和|与|还是|比)[^，。？?]{0,4}(个人|一个人|自己|单独)")
ENUMS: list[tuple[str, str, str]] = [
    ("hardship_type", r"低保", "低保家庭"),
    ("hardship_type", r"建档立卡|贫困户|贫困家庭|脱贫户", "建档立卡贫困家庭"),
    ("hardship_type", r"残疾人家庭|家里有残疾|父母残疾|爸残疾|妈残疾|家人残疾", "贫困残疾人家庭"),
    ("hardship_type", r"我是残疾|本人残疾|我有残疾|残疾人(?!家庭)|残疾证", "残疾"),
    ("hardship_type", r"助学贷款", "获得国家助学贷款"),
    ("hardship_type", r"特困", "特困人员"),
    ("hardship_type", r"都不是|普通家庭|没有困难|不困难|一般家庭|没啥困难|都没有", "都不是"),
    ("business_form", r"合伙|和朋友一起|跟朋友一起|几个人一起|组织起来|合开", "合伙创业"),
    ("business_form", r"开公司|注册公司|办企业|办厂|开厂|创办企业|成立公司|开了个公司|开了家公司", "创办企业"),
    ("business_form", r"个体户|个体工商户|开店|开了个店|小店|网店|饭馆|饭店|摆摊|个体经营|门面|超市|理发店|小卖部|开个店|铺子|修车铺|门市|店铺|开了个铺|开铺", "个体经营"),
    ("business_form", r"还没创业|没创业|还没开始创业|还没有创业|没打算创业", "还没有创业"),
    ("enterprise_size", r"(?<!中)(?:小微企业|小微|小型企业|小企业|小公司)", "小型企业"),
    ("enterprise_size", r"微型企业|微型", "微型企业"),
    ("enterprise_size", r"中型企业|中型", "中型企业"),
    ("enterprise_size", r"大型企业|大企业|大型国企", "大型企业"),
    ("enterprise_size", r"事业单位", "自收自支事业单位"),
    ("internship_base_level", r"国家级(?:示范性?)?(?:就业)?见习基地", "国家级"),
    ("internship_base_level", r"省级(?:示范性?)?(?:就业)?见习基地", "省级"),
    ("incubator_base_level", r"国家级(?:示范性?)?(?:创业)?孵化基地", "国家级"),
    ("incubator_base_level", r"省级(?:示范性?)?(?:创业)?孵化基地", "省级"),
]

ENTERPRISE_WORDS = r"我们公司|我们企业|我们单位|我们厂|俺们公司|俺们厂|俺公司|我公司|我司|本公司|我们店|我们这个企业|企业|公司|厂里|单位|老板"
PERSON_WORDS = r"我是|俺是|我今年|我家|俺家|我儿子|我闺女|我女儿|俺儿子|俺闺女|俺孩子|我孩子|本人|毕业生|大学生|我想|俺想|我能|俺能"

# People the asker hires or takes in (招了几个应届毕业生, 吸纳贫困劳动力; 他也是建档立卡贫困人口): who they are
# says nothing about the asker.
HIRED = re.compile(r"(?:招|招用|招聘|招收|雇|雇用|吸纳|接收|录用|安置|聘用)(?:了|用|到|过)?[^，。？?！!\s]{0,8}?"
                   r"(?:毕业生|大学生|学生|贫困户|贫困人口|贫困劳动力|农民工|退役军人|退伍军人|困难人员|残疾人|失业人员|下岗职工|下岗失业人员)"
                   r"|(?:招|招用|招聘|招收|雇|雇用|录用|聘用)(?:了|用|到|过)?(?:个|一个|几个|两个|[0-9]+个)[^，。？?！!\s]{0,14}?的(?:人|员工|工人|职工|大姐|大哥|阿姨|大妈|大叔|师傅|"
                   r"小伙子|小伙|姑娘|年轻人|妇女|伙计)"
                   r"|(?<![我俺])(?:他|她|对方|这个人|这人|员工|职工)(?:同时)?(?:也)?(?:是|属于)[^，。？?！!\s]{0,12}")
# Working at a shop, not running one (在一家饭店当厨师, 在超市找了个理货的活): the asker is employed there.
EMPLOYED_AT = re.compile(r"在(?:一家|一个|家|个)?[^，。？?！!\s]{0,6}?(?:饭店|饭馆|超市|小店|店里|店|铺子|门市)(?:里)?"
                         r"(?:当|做|上班|打工|干活|工作|干|找了)")
# More hires named after a hire (今年招了几个应届大学生 还有一个就业困难人员)
HIRED_MORE = re.compile(r"(?:还有|以及|另外还有|外加)(?:一个|一名|几个|两个|[0-9]+个)?(?:是)?[^，。？?！!\s]{0,4}?"
                        r"(?:毕业生|大学生|贫困户|贫困人口|贫困劳动力|农民工|退役军人|退伍军人|就业困难人员|困难人员|残疾人|失业人员|下岗职工)")
# People the asker speaks *of*, not as (村里好多下岗的, 很多应届毕业生, 我们厂的工人都是农民工, 我爸以前是下岗职工):
# groups and other grown-ups. Children are left alone: parents commonly ask for them (俺儿子今年大专毕业).
_CATEGORIES = (r"贫困户|贫困人口|贫困劳动力|下岗(?:职工|工人|的)?|失业(?:人员|的)|农民工|应届(?:毕业)?生|毕业生|大学生|低保户|"
               r"残疾人|退役军人|退伍军人|就业困难人员")
OTHERS = re.compile(
    rf"(?:好多|很多|不少|一些|这些|那些|大部分|多数|许多)(?:的)?[^，。？?！!\s]{{0,4}}?(?:{_CATEGORIES})"
    rf"|(?:{_CATEGORIES})(?:很多|挺多|不少|多)(?!少)"
    r"|(?:工人|员工|职工|他们|她们|村里人|大家)(?:都|也)?(?:是|属于)[^，。？?！!\s]{0,8}"
    rf"|(?:给|针对|面向|专门给|专给)(?:{_CATEGORIES})"
    rf"|(?:听说|据说|听人说|听别人说|人家说|新闻上说|网上说)(?:像)?(?:{_CATEGORIES})"  # hearsay about a group
    r"|(?:爸|妈|爷爷|奶奶|父亲|母亲|邻居|朋友|亲戚|同事|老公|媳妇|对象|哥哥|姐姐|弟弟|妹妹)(?:以前|原来|之前)?(?:也)?(?:是|属于)"
    r"[^，。？?！!\s]{0,8}")
# What the asker's business would become (个体户升级成小微企业, 想转成公司, 改为有限公司, 评上省级孵化基地) is a
# wish, not what it is now: the size or form named after a word of change states nothing.
CHANGE_TARGET = re.compile(r"(?:升级|转型|转|改|变|注册|弄|办|评|升|发展)(?:成|为)(?:了)?[^，。？?！!\s]{0,6}?"
                           r"(?:小微企业|小型企业|微型企业|中型企业|小企业|小公司|小微|企业|公司|孵化基地|见习基地|基地)"
                           r"|评上[^，。？?！!\s]{0,6}?(?:孵化基地|见习基地|基地)")
# The asker's own situation said of themselves (俺是贫困户, 我是返乡农民工, 俺是个体户, 我是下岗的): what they are,
# not what they ask about. ``without_situation`` takes it out so that the rest of the message can say the subject.
SITUATION = re.compile(
    r"(?:我|俺|本人)(?:们)?(?:是|家是|家里是|家|属于|原来是|以前是)?(?:个|一个|一名|原来的?|以前的?|从外地)?(?:建档立卡)?"
    r"(?:贫困户|贫困人口|贫困家庭|脱贫户|返乡农民工|返乡的|回乡的|农民工|个体户|个体工商户|下岗的|下岗职工|下岗工人|退伍的|退伍兵|"
    r"退伍军人|退役军人|残疾人|低保户|就业困难人员|大学生|应届生|应届毕业生|毕业生|(?:今年|去年|前年|刚|才)+毕业(?:的|了))(?:家的)?")


def without_situation(text: str) -> str:
    """The message without the asker's description of themselves (俺是贫困户想开个小卖部 → 想开个小卖部)."""
    return SITUATION.sub("，", text or "")


NUMBER_FACTS: list[tuple[str, str, float]] = [
    # (fact, pattern with one number group, scale)
    ("age", rf"({NUM})\s*(?:周岁|岁)", 1),
    ("age", r"(?:我|俺)(?:今年|现在)(\d{1,2})(?![\d年月号日个万块元届级])(?!\s*[年月个万块元号日届级])", 1),
    # 俺儿20了, 我50了: an age said without 岁, right after the person it is of
    ("age", (r"(?:我|俺|儿子|儿|闺女|女儿|侄子|侄女|孩子|娃|外甥女|外甥|弟弟|妹妹)(?:今年|现在|都|已经)?"
            r"(\d{1,2}|[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])(?:了|啦)(?![年月个])"), 1),
    ("years_to_retirement", rf"(?:离|距)(?:法定)?退休(?:年龄)?(?:还有|还差|不到)?({NUM})\s*年", 1),
    ("years_to_retirement", rf"({NUM})\s*年(?:后)?(?:就)?(?:要)?退休", 1),
    ("insured_staff_dec_2019", rf"(?:参保|交失业保险|缴失业保险|缴纳失业保险)(?:的)?(?:职工|人数)?(?:有|是|共)?({NUM})\s*(?:个|名)?人?", 1),
    ("hires_poverty_or_registered_unemployed", rf"(?:招|招用|招了|雇了|用了)(?:了)?({NUM})\s*(?:个|名)?(?:建档立卡|贫困|登记失业)", 1),
    ("hires_hard_to_employ", rf"(?:招|招用|招了|雇了)(?:了)?({NUM})\s*(?:个|名)?就业困难", 1),
    ("hires_graduates", rf"(?:招|招用|招了|雇了)(?:了)?({NUM})\s*(?:个|名)?(?:应届|大学生|毕业生|高校毕业生)", 1),
    ("incubated_firms_qualifying", rf"孵化(?:了|出)?({NUM})\s*(?:户|家|个)", 1),
    ("placements_1y_contract", rf"(?:介绍|输送|推荐)(?:了|成功)?({NUM})\s*(?:个|名)?人", 1),
    ("new_hires_12m", rf"(?:新招|招了|招用了|新招用|新进|新雇|新增)(?:了)?({NUM})\s*(?:个|名)?(?:人|员工|职工)?", 1),
    ("staff_count", rf"(?:有|共|现有|在职|职工|员工|公司|企业|厂|单位|我们|规模)[^，,。带招]{{0,4}}?({NUM})\s*(?:个人|(?:名|个)(?:在职)?(?:员工|职工)|号人|多人|人)(?!以上)", 1),
    ("staff_count", rf"({NUM})\s*(?:名员工|个员工|名职工|个职工|号人)", 1),
    ("business_operating_years", rf"(?:经营|开|干|营业|做|注册)(?:了|有)?({NUM})\s*年", 1),
    ("business_operating_years", rf"(?:经营|开|干|营业|做|注册)(?:了|有)?({NUM})\s*个?月", 1 / 12),
]


def _years(text: str, today: dt.date) -> int | None:
    """The graduation year a message states, absolute or relative."""
    m = re.search(r"((?:19|20)\d{2})\s*(?:年|届)", text)
    if m and re.search(r"毕业|届", text):
        return int(m.group(1))
    m = re.search(r"(?<!\d)(\d{2})\s*(?:年毕业|届)", text)
    if m:
        return 2000 + int(m.group(1))
    m = re.search(r"([二〇零一三四五六七八九]{4})\s*年", text)
    if m and "毕业" in text:
        year = "".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0" for c in m.group(1))
        return int(year)
    if re.search(r"大前年毕业", text):
        return today.year - 3
    if re.search(r"前年毕业|前年刚毕业", text):
        return today.year - 2
    if re.search(r"去年毕业|去年刚毕业|去年夏天毕业|去年.{0,4}毕业", text):
        return today.year - 1
    if re.search(r"应届|今年毕业|今年刚毕业|今年夏天毕业|今年.{0,4}毕业|马上毕业|即将毕业|快毕业|刚毕业|毕业年度|明年毕业", text):
        return today.year + (1 if "明年毕业" in text else 0)
    m = re.search(rf"毕业(?:了|有|已经)?({NUM})\s*年", text)
    if m:
        n = _num(m.group(1))
        if n is not None:
            return today.year - int(n)
    return None


def extract_facts(text: str, today: dt.date | None = None, applicant: str | None = None) -> dict:
    """The facts a message states, in the fact vocabulary (values canonical, never guessed). ``applicant``
    (个人 / 企业), when the conversation already knows it, lets a bare "职工有50人" count for an enterprise."""
    today = today or dt.date.today()
    text = re.sub(r"\s+", "", text or "")[:2000]
    text = re.sub(r"/\w+\{[^}]*\}|\{[^{}]*\"\s*:[^{}]*\}", "", text)  # a typed command or JSON states no fact
    if not text:
        return {}
    facts: dict = {}
    hired = HIRED.search(text)
    numbers_text, text = text, HIRED.sub("，", text)  # 招了3个毕业生: a count of hires, no fact about the asker
    if hired:
        text = HIRED_MORE.sub("，", text)
    employee = EMPLOYED_AT.search(text)
    if employee:  # the shop and the 老板 named afterwards are the employer's (饭店关门, 老板不发工资)
        text = re.sub(r"饭店|饭馆|超市|小店|铺子|门市|老板", "", EMPLOYED_AT.sub("，在上班，", text))
    text = OTHERS.sub("，", text)
    text = CHANGE_TARGET.sub("，", text)
    for name, pattern, value in FLAGS:
        for m in re.finditer(pattern, text):
            if name in SELF_REQUIRED and not _said_of_self(text, m.start(), name) or _asked_about(text, m.end()):
                continue
            negated = _negated(text, m.start())
            facts[name] = (not value) if negated and isinstance(value, bool) else value
            break
    compared = COMPARED_FORMS.search(text)
    for name, pattern, value in ENUMS:
        if name in facts or (name == "business_form" and compared):
            continue
        m = re.search(pattern, text)
        if m and not _negated(text, m.start()) and not _asked_about(text, m.end()) and (
                name not in SELF_REQUIRED or _said_of_self(text, m.start(), name)):
            facts[name] = value
    year = _years(text, today)
    if year is not None:
        facts["graduation_year"] = year
        if year > today.year:
            facts["is_student"] = True
    used: list[tuple[int, int]] = []
    for name, pattern, scale in NUMBER_FACTS:
        if name in facts:
            continue
        for m in re.finditer(pattern, numbers_text):
            if any(s <= m.start(1) < e for s, e in used):
                continue
            n = to_number(m.group(1))
            if n is None or (name.startswith("hires_") and "每" in numbers_text[max(0, m.start() - 2):m.start()]):
                continue  # 每招一个…能补多少: a rate asked, no count of hires
            value = n * scale
            if name == "business_operating_years" and scale == 1 and "多" in text[m.end(1):m.end(1) + 3]:
                value += 0.2
            facts[name] = round(value, 2) if name == "business_operating_years" else int(value)
            used.append((m.start(1), m.end(1)))
            break
    if re.search(r"还没开|没开业|刚注册|刚开业|准备开|想开", text) and "business_operating_years" not in facts:
        facts["business_operating_years"] = 0
    if re.search(ENTERPRISE_WORDS, text) and not re.search(r"我是|俺是", text):
        facts["applicant_type"] = "企业"
    elif re.search(PERSON_WORDS, text):
        facts["applicant_type"] = "个人"
    if "staff_count" in facts and "企业" not in (facts.get("applicant_type"), applicant):
        facts.pop("staff_count")  # "我们家5个人" is not a company's staff
    return _valid(facts)


def _valid(facts: dict) -> dict:
    clean = {}
    for name, value in facts.items():
        try:
            clean[name] = coerce(name, value)
        except ValueError:
            continue  # an out-of-range number ("200岁") is not a fact
    return clean


OWN_ELIGIBILITY = re.compile(
    r"(我|俺|咱|我们|俺们|我家|我儿子|我闺女|我女儿|我们公司|我们厂|我们单位|我司)[^。？?]{0,12}"
    r"(能不能|能否|可以|可不可以|能|够不够|符合|符不符合|算不算|有没有资格)[^。？?]{0,4}(领|申请|享受|拿|办|贷|得到|资格|条件|参加|报名)"
)


OWN_CASE_ELIGIBILITY = re.compile(
    r"(我|俺|咱)(是|家|们|今年|的|儿子|闺女|女儿)[^。？?]{0,30}(能|可以|够)[^。？?]{0,3}(领|申请|享受|拿|贷|参加|报名)")


def asks_own_eligibility(text: str) -> bool:
    """The message asks whether the writer (or their family/company) qualifies: 我能不能领…, 我们公司能申请…,
    or describes their own case and asks 能领吗 (我是2025年毕业的…能领求职补贴吗)."""
    text = re.sub(r"\s+", "", text or "")
    text = re.sub(r"(我|俺)(想|要)?(问问?|咨询|了解|知道|打听)(一下)?", "", text)  # "我想问…" is not about oneself
    return bool(OWN_ELIGIBILITY.search(text) or OWN_CASE_ELIGIBILITY.search(text))


def extract_clause(text: str) -> str | None:
    """A measure number named in the text: 第十三条, 第13条, （十三）, (13), 十三条, 第二十一项 — not 第二个店, 第三年."""
    text = re.sub(r"\s+", "", text or "")
    patterns = [r"[（(]([一二三四五六七八九十]+|\d{1,2})[）)]", r"第([一二三四五六七八九十]+|\d{1,2})(?:条|项|点|款|部分|(?![个次年天家批位名回期季届轮份套种步人户胎月号级笔]))",
                r"(?<![\d一二三四五六七八九十这哪那每某任])([一二三四五六七八九十]+|\d{1,2})条(?!件)"]
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            raw = m.group(1)
            if raw == "一" and not m.group(0).startswith(("第", "（", "(")):
                continue  # 一条 is "a measure", not measure one
            number = raw if raw in NUMERALS else None
            if raw.isdigit() and 1 <= int(raw) <= len(NUMERALS):
                number = NUMERALS[int(raw) - 1]
            if number:
                return number
    return None


def without_benefit_names(text: str) -> str:
    """The text with the names of the benefits it mentions taken out: naming 城镇零就业家庭就业援助 or
    高新技术企业减按15%税率征收企业所得税 says what is asked about, not the asker's situation (nor a figure)."""
    from policy_kb.rules import RULES

    # 求职创业补贴 names 一次性求职创业补贴 too
    names = sorted({n for r in RULES.values() for n in (r.name, r.name.split("（")[0], r.name.split("（")[0].removeprefix("一次性"))
                    if len(n) >= 4}, key=len, reverse=True)
    for name in names:
        text = text.replace(name, "")
    return text
