"""A reply to one screening question, read into a value, "don't know", a question back, or nothing.

The screening dialogue asks one fact at a time (``policy_kb.facts``); ``parse_reply`` reads the free
answer for that fact only. A wrong "yes" is the worst outcome, so when the reply is unclear the
answer is ``not_understood`` and the dialogue asks again with ``hint``:

- a reply that asks something (什么意思, 啥叫灵活就业, 要怎么认定？, …吗) is a ``term_question``, never an answer;
- a yes/no is read for the meaning of the fact asked: 已经离职了 is "not employed", 已经毕业了 "not a
  student", 不是不想找 "wants to find work"; a negation before a word undoes it (不是低保 names no value);
  "中" is yes only as the whole reply (中, 中中, 中嘞), never inside 中专/中型;
- 应该是吧 / 好像不是 are values marked ``hedged``; 不知道 / 忘了 are ``dont_know``;
- numbers are the ones with the fact's unit ("300万" is never a head count); ranges and vague numbers
  (二三十, 几十) are refused; "50多" is a lower bound, kept only where a lower bound cannot give a wrong yes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from language import numbers
from language.contact import HOTLINE
from language.normalize import compact, normalize
from policy_kb.document import DOCUMENT_NUMBER, measure, measures
from policy_kb.facts import FACTS, FactError, coerce, fact
from policy_kb.parameters import param

MAX_LENGTH = 120  # a one-fact reply longer than this is a message, not an answer


@dataclass(frozen=True)
class Reply:
    kind: str  # value | dont_know | term_question | not_understood
    value: object = None
    term: str | None = None
    hedged: bool = False


NOT_UNDERSTOOD = Reply("not_understood")

# --- questions back, "don't know", hedges ---------------------------------------------------------
DEFINITION_Q = re.compile(r"什么意思|啥意思|是什么|是啥|啥是|啥叫|什么叫|什么是|指的是|指什么|指啥|哪些|哪种|哪类|"
                          r"怎么认定|如何认定|怎么算|咋算|咋认定|怎么理解|解释")
OTHER_Q = re.compile(r"(?<![没不])(?:什么|啥)(?!都|也)|(?<!不)怎么|如何|为什么|为啥|咋|谁|哪|多少|请问|"
                     r"(?<![不没])(?:是不是|有没有|算不算|能不能|要不要|对不对|行不行|可不可以|会不会|中不中|用不用)")
DONT_KNOW = re.compile(r"不(?:太|大|是很|很)?(?:知道|清楚|确定|了解|记得|懂)|难说|说不好|说不准|不好说|拿不准|忘了|忘记|记不清|记不得|不记得|不晓得|"
                       r"不了解|不太懂|不懂|没印象|搞不清|没注意|没留意")
HEDGE = re.compile(r"(?<!不)(?:应该|好像|可能|大概|也许|估计|似乎|貌似|或许|差不多|大约|左右|我觉得|我感觉|感觉)|吧$")
PARTICLES = re.compile(r"[啊呀嘞哈哦噢呐咧呢嘛吧的滴]+$")
CLAUSES = re.compile(r"[,，。;；、!！\s]+|不过|但是|可是|但")  # 不过 is "but", not a negation

TERMS = ("就业困难人员", "灵活就业", "建档立卡", "贫困劳动力", "贫困人口", "低保", "零就业家庭", "高校毕业生", "毕业年度",
         "失业登记", "登记失业", "就业创业证", "就业失业登记证", "小微企业", "小型企业", "微型企业", "中型企业",
         "高新技术企业", "见习基地", "就业见习", "孵化基地", "孵化平台", "下岗失业人员", "返乡农民工", "农民工",
         "个体经营", "个体工商户", "合伙创业", "自收自支事业单位", "法定退休年龄", "周岁", "稳岗补贴", "稳岗返还",
         "失业保险", "劳动合同", "大中专学生", "技师学院", "高级工班", "预备技师班", "特殊教育院校", "生活困难",
         "国家助学贷款", "特困人员", "贫困残疾人家庭", "职业介绍", "中介机构", "正常经营", "工商登记", "申报就业",
         "社会保险", "创业担保贷款", "失业青年")
TERM_SYNONYMS = {"困难人员": "就业困难人员", "低保户": "低保", "贫困户": "建档立卡", "零工": "灵活就业", "社保": "社会保险",
                 "示范基地": "见习基地", "小微": "小微企业", "高企": "高新技术企业"}


def find_term(text: str) -> str | None:
    """The policy term a reply mentions (the longest one), or None."""
    text = compact(text)
    found = [t for t in TERMS if t in text] + [v for k, v in TERM_SYNONYMS.items() if k in text]
    return max(found, key=len) if found else None


def _asks(raw: str, text: str) -> bool:
    return raw.rstrip().endswith("?") or bool(re.search(r"吗$|(?<!什)么$", text)) or bool(OTHER_Q.search(text))


# --- yes / no -------------------------------------------------------------------------------------
YES = {"是", "对", "嗯", "恩", "有", "中", "可以", "没错", "签了", "交了", "办了", "有过", "当然", "当然是", "肯定是",
       "对头", "确实", "算", "算是", "是啊", "领过", "yes", "y", "ok"}
NO = {"不是", "不中", "否", "没有", "没", "不", "不对", "还没", "还没有", "未", "无", "不算", "没签", "没交", "没办", "都没有",
      "都不是", "不可能", "并没有", "从来没有", "没有过", "不想", "不会", "不要", "不用", "木有", "no", "n"}
FILLER_YES = {"嗯", "恩"}  # 嗯 before more words is a filler ("嗯，没上班"), not a yes
NEGATORS = ("不是", "没有", "并不", "并没", "从不", "从没", "不", "没", "未", "非", "无", "别")
NEG_FILLERS = ("已经", "一直", "打算", "准备", "从来", "根本", "可能", "还", "也", "都", "就", "再", "太", "很", "在",
               "想", "是", "有", "真", "过", "要", "会", "怎么", "上", "读", "考", "念", "用", "什么", "啥", "太大")

T, F, UNCLEAR = True, False, "unclear"


def _part(key: str) -> tuple[str, str]:
    """One part of a question that asks two things at once (签合同 and 缴社保)."""
    return ("part", key)


_FAMILY = r"(?:爸|妈|父亲|母亲|老公|媳妇|爱人|老婆|丈夫|妻子|孩子|儿子|闺女|女儿|哥|姐|弟|妹)"
_CONTRACT = r"签(?:了|过|订了|的)?(?:劳动)?合同|合同(?:都)?签了|都签了|签了|签订了|签的"
_SHORT = r"半年|(?<![\d十])(?:1[01]|[1-9]|十一|[一二三四五六七八九十两])个月(?!以上)"  # under a year

# fact → [(pattern, polarity)]; polarity True/False; a _part: only part of the question (no → False,
# yes → not enough alone); UNCLEAR: never decides. A negation before a pattern flips it.
MEANINGS: dict[str, list[tuple[str, object]]] = {
    "is_employed": [(r"(?:准备|打算|快要|即将|马上|要|下周|下个月|明天|过几天)(?:去)?(?:上班|入职|工作)|打工回来", UNCLEAR),
                    (r"不干了|没干了", F),
                    (r"上班|上着班|有工作|在工作|工作着|就业了|已就业|打工|在职|入职|找到工作|找着工作|有活干|当老师|开店", T),
                    (r"离职|辞职|辞了|失业|待业|下岗|在家|闲着|被裁|裁员|退休|无业|赋闲|没事干|找工作|在找", F)],
    "is_student": [(r"(?:快|马上|即将|就要)毕业", T), (r"在校|在读|上学|读书|念书|学生|大[一二三四五]|研[一二三]|高[一二三]", T),
                   (r"毕业(?!生)|上班|工作了|退学|辍学", F), (r"毕业生", UNCLEAR)],
    "seeking_work": [(r"想找|在找|找工作|找活|投简历|求职|面试|想就业|想工作|想创业|准备创业|在创业|创业|积极|找", T),
                     (r"考研|考公|考编|躺平|歇着|休息|养病|带孩子", F), (r"找到", UNCLEAR)],
    "is_returning_migrant_worker": [(r"(?:想|准备|打算|要|还没)(?:回来|回乡|返乡)", UNCLEAR),
                                    (r"返乡|回乡|回老家|回来创业|打工回来|务工回来|农民工|从外地回来|回来了", T),
                                    (r"一直在本地|没出去过|一直在家|城镇户口", F)],
    "is_first_business": [(r"第一次|首次|头一回|头一次|头回", T), (r"第二次|又开|又办|开过|干过|办过|做过", F)],
    "is_hard_to_employ": [(r"正在认定|在认定|申请认定|正在申请|在办", UNCLEAR), (r"被认定|认定了|认定过|已认定|有认定|办了认定|是就业困难人员|认定", T)],
    "is_poverty_registered": [(r"建档立卡|贫困户|贫困人口|贫困劳动力", T), (r"脱贫户|边缘户", UNCLEAR)],
    "is_registered_unemployed": [(r"工商登记|个体登记|营业执照|注册登记", UNCLEAR), (r"失业登记|登记失业|登记", T)],
    "has_employment_certificate": [(r"营业执照|许可证|资格证", UNCLEAR),
                                   (r"就业创业证|就业失业登记证|持证|有证|办了证|办过证|注明|写着|标注", T)],
    "flexible_employed": [(r"申报了|已申报|申报过|报了就业|申报", T),
                          (r"灵活就业|打零工|零工|自由职业|兼职|外卖|网约车|滴滴|快递|打短工|非全日制|临时工|日结|跑车", _part("flexible")),
                          (r"全职|正式工|固定工作|签了劳动合同|单位上班", F)],
    "pays_social_insurance_individually": [
        (rf"(?:单位|公司|厂里|企业|老板){_FAMILY}?(?:给|帮)?(?:我)?(?:交|缴)", F), (r"灵活就业交|自己交|个人交|自己缴|个人缴|以个人身份|自己掏钱", T),
        (r"交不起|没钱交|断交|停交|断缴|停缴", F), (r"交|缴", T)],
    "is_laid_off": [(r"下岗|失业|被裁|裁员|被辞退|倒闭", T), (r"在职|上着班|在上班", F)],
    "living_difficulty": [(r"还行|还可以|过得去|挺好|不错|宽裕|还好|凑合", F),
                          (r"困难|难|紧张|揭不开锅|没钱|穷|拮据|吃低保|低保", T)],
    "zero_employment_family": [(r"零就业|都没工作|都没有工作|都没上班|没人上班|没一个上班|没人工作|都没就业", T),
                               (rf"有人上班|有人工作|有人打工|{_FAMILY}(?:在|有)?(?:上班|工作|打工)|我(?:在)?上班", F)],
    "new_hires_contract_1y": [(_SHORT, F), (r"部分|一部分|有的|有些|个别", F), (_CONTRACT, T)],
    "hires_contract_and_insurance": [(_SHORT, F), (r"部分|一部分|有的|有些|个别", F), (r"都办了|都签了|都交了|合同和社保都", T),
                                     (_CONTRACT, _part("contract")), (r"社保|交|缴", _part("insurance"))],
    "affected_by_epidemic": [(r"影响不大|影响较小|影响小|还行|正常|挺好|不错|还可以", F),
                             (r"疫情|影响|困难|亏|停产|停工|订单少|不好|难|减产", T)],
    "receives_stable_job_subsidy": [(r"申请过但|没批", UNCLEAR), (r"领过|领了|享受了|享受过|拿过|拿了|申领过|申领了|返还过|办过", T)],
    "is_high_tech": [(r"正在申请|申请中|在申报|准备申报", UNCLEAR), (r"高新区|高新开发区|高新园", UNCLEAR), (r"高新|高企|认定了|认定过", T)],
    "hosts_interns": [(r"见习|安排了|吸纳了|接收了|实习生", T)],
    "is_incubator": [(r"区级|县级|新密市级|新密的", F), (r"郑州市级|市级|省级|国家级", T),
                     (r"孵化基地|孵化平台|孵化器|众创空间", _part("incubator"))],
    "is_employment_agency": [(r"房产中介|房屋中介|婚介|人力资源部|劳务派遣", UNCLEAR),
                             (r"职业中介|中介机构|职介|职业介绍|人力资源公司|人力资源服务|劳务中介|中介", T)],
}
OTHER_SUBJECT = re.compile(rf"(?:那|都|也)?(?:是)?(?:我|俺)?(?:家)?(?:的)?{_FAMILY}")  # the clause is about a family member
TIME_SHIFT = re.compile(r"以前|之前|原来|曾经|过去|早先|去年|前年|以后|将来|明年|下个月|下半年")
PAST_FACTS = {"is_first_business", "receives_stable_job_subsidy", "is_returning_migrant_worker", "new_hires_contract_1y",
              "hires_contract_and_insurance", "hosts_interns"}  # facts whose question is about what has been done
FAMILY_FACTS = {"zero_employment_family", "living_difficulty"}
REQUIRED_PARTS = {"hires_contract_and_insurance": {"contract", "insurance"}}
CONJUNCTIVE = {"has_employment_certificate", "flexible_employed", "hires_contract_and_insurance",
               "new_hires_contract_1y", "is_incubator"}  # one failed part is a no


def _base(clause: str) -> str:
    """A clause without trailing particles and without repetition: 中中 → 中, 不是不是 → 不是, 是的 → 是."""
    for _ in range(2):  # 是啊是啊 → 是啊 → 是
        m = re.fullmatch(r"(.+?)\1+", clause)
        clause = m.group(1) if m else clause
        clause = PARTICLES.sub("", clause) or clause
    return clause


def _negations(clause: str, start: int) -> int:
    """How many negations stand right before ``start`` (fillers such as 还, 想, 在 may sit between)."""
    count, at = 0, start
    while at > 0:
        for word in NEGATORS + NEG_FILLERS:
            if clause.endswith(word, 0, at):
                count += word in NEGATORS
                at -= len(word)
                break
        else:
            break
    return count


def _matches(clause: str, patterns: list[tuple[str, object]], near: bool = False) -> list[tuple[object, int]]:
    """(label, negations) for the non-overlapping matches, leftmost and longest first; with ``near``, any
    negation in the few characters before counts as one."""
    spans = [(m.start(), m.end(), label) for pattern, label in patterns for m in re.finditer(pattern, clause)]
    spans.sort(key=lambda s: (s[0], s[0] - s[1]))
    out, end = [], 0
    for s, e, label in spans:
        if s >= end:
            out.append((label, int(_near_negation(clause, s)) if near else _negations(clause, s)))
            end = e
    return out


def _near_negation(clause: str, start: int) -> bool:
    """A negation shortly before a mention (不是低保, 没吃低保): for choices, where dropping a mention is safe."""
    return _negations(clause, start) % 2 == 1 or bool(re.search(r"[不没未非无别]", clause[max(0, start - 4):start]))


_DONE = "办|签|交|缴|领|登记|申报|认定|评|享受"
YES_DONE = re.compile(rf"(?:已经|都)?(?:{_DONE})(?:了|过)")  # 办了, 领过
NO_DONE = re.compile(rf"(?:还|也|都|从来)?(?:没有?|未|从没)(?:有)?(?:{_DONE})?(?:过)?")  # 没办过, 还没有登记


def _generic(clause: str, only: bool) -> bool | None:
    """A bare yes or no (是, 嗯, 中嘞, 办了 / 不是, 没有, 没办过), whatever the question."""
    base = _base(clause)
    if (base in YES or YES_DONE.fullmatch(base)) and (only or base not in FILLER_YES):
        return True
    return False if base in NO or NO_DONE.fullmatch(base) else None


def _bool(name: str, text: str) -> bool | None:
    """The yes/no a reply gives for ``name``: the fact's own words first, a bare 是/不是 otherwise.

    Votes: True/False, ``UNCLEAR`` (blocks a yes) and parts ("签了合同" answers only half of "签合同并缴社保").
    Contradictions are not understood, except that one failed part of a conjunctive question is a no.
    """
    clauses = [c for c in CLAUSES.split(text) if c]
    votes: list[object] = []
    for clause in clauses:
        if FACTS[name].applicant == "person" and name not in FAMILY_FACTS and OTHER_SUBJECT.match(clause):
            votes.append(UNCLEAR)  # 我儿子在上学: about someone else
            continue
        if name not in PAST_FACTS and TIME_SHIFT.search(clause):
            votes.append(UNCLEAR)  # 以前是贫困户, 去年还在上班: the question asks about now
            continue
        found = _matches(clause, MEANINGS.get(name, []))
        for label, negs in found:
            flipped = negs % 2 == 1
            if isinstance(label, tuple):  # a part
                votes.append(False if flipped else label)
            elif label is UNCLEAR:
                votes.append(UNCLEAR)
            else:
                votes.append(label != flipped)
        if not found:
            generic = _generic(clause, len(clauses) == 1)
            if generic is not None:
                votes.append(generic)
    if False in votes and (name in CONJUNCTIVE or True not in votes):
        return False
    if UNCLEAR in votes or False in votes:
        return None
    if True in votes:
        return True
    parts = {v[1] for v in votes if isinstance(v, tuple)}
    return True if parts and parts == REQUIRED_PARTS.get(name) else None


# --- school category (is_college_graduate) --------------------------------------------------------
SCHOOL_OPTIONS = ["普通高校（大专、本科、研究生）", "技师学院高级工班、预备技师班", "特殊教育院校职业教育类",
                  "中专、职高、技校", "高中及以下"]
SCHOOLS: list[tuple[str, object]] = [
    (r"技师学院(?:的)?(?:高级工班|预备技师班)|高级工班|预备技师", T), (r"特殊教育院校职业教育|特殊教育|特教|职业教育类", T),
    (r"没毕业|肄业|退学|辍学|结业|没读完|没念完|自考|成人|函授|网络教育|电大|夜大|成教|开放大学", UNCLEAR),
    (r"中专|中职|中技|中等职业|职高|技校|技工学校|技工院校|高中|高[一二三]|初中|小学|没上过学|没上学|文盲|中级工班", F),
    (r"技师学院", UNCLEAR),
    (r"普通高校|高校|大专|专科|本科|研究生|硕士|博士|大学|高职|职业技术学院|职业学院|专升本|大[一二三四五]|研[一二三]", T),
]


VOCATIONAL = re.compile(r"中专|中职|中技|中等职业|职高|技校|技工学校|技工院校|职业学校|中级工班")
BELOW_VOCATIONAL = re.compile(r"高中|高[一二三]|初中|小学|没上过学|没上学|文盲")


def vocational_school(text: str) -> bool | None:
    """Whether a reply to the school question names a vocational or technical school (（十四）: 职业学校、技工院校),
    a lower school (False), or neither (None)."""
    t = compact(text)
    if VOCATIONAL.search(t):
        return True
    if BELOW_VOCATIONAL.search(t):
        return False
    return None


def _school(text: str) -> bool | None:
    values = set()
    for clause in (c for c in CLAUSES.split(text) if c):
        for label, negs in _matches(clause, SCHOOLS, near=True):
            if negs % 2 == 0:
                values.add(label)
        generic = _generic(clause, True)
        if not _matches(clause, SCHOOLS) and generic is not None and _base(clause) != "中":  # 中 may mean 中专
            values.add(generic)
    return values.pop() if len(values) == 1 and UNCLEAR not in values else None


# --- closed choices -------------------------------------------------------------------------------
NONE_REPLY = re.compile(r"都不是|都没有|都不符合|一个都不是|啥都不是|普通家庭|一般家庭|(?:没有|没|不)(?:什么|啥)?困难|没评上|没评过|没有评")
CHOICES: dict[str, list[tuple[str, object]]] = {
    "applicant_type": [(r"个人|我自己|自己|本人|私人", "个人"), (r"公司|企业|单位|厂|老板", "企业")],
    "hardship_type": [
        (r"低保边缘|边缘户|脱贫户", UNCLEAR), (r"低保", "低保家庭"), (r"贫困残疾人?家庭", "贫困残疾人家庭"),
        (rf"(?:家里|家人|家中|{_FAMILY})(?:有|是)?残疾|残疾人家庭", UNCLEAR), (r"建档立卡|贫困户", "建档立卡贫困家庭"),
        (r"残疾", "残疾"), (r"助学贷款|生源地贷款", "获得国家助学贷款"), (r"特困|五保", "特困人员")],
    "business_form": [
        (r"还没(?:有)?(?:开始)?创业|没创业|没开始|准备创业|打算创业|想创业", "还没有创业"),
        (r"合伙|和朋友|跟朋友|几个人一起|组织起来|合开|一起开", "合伙创业"),
        (r"个体|开店|开了个店|开了家店|网店|饭馆|饭店|餐馆|小吃|摆摊|门面|门市|超市|理发店|小卖部", "个体经营"),
        (r"(?:在|给|去)[^,，]{0,6}(?:上班|打工|干活|工作)", UNCLEAR),  # 在饭店上班 is a job, not a business
        ((r"开(?:了)?(?:个|一个|一家|家)?公司|注册(?:了)?(?:个|一个|一家)?公司|成立(?:了)?(?:个|一家)?公司|办企业|办厂|开厂|"
         r"创办企业|自己的公司|^公司$|^企业$"), "创办企业")],
    "enterprise_size": [
        (r"微型|微企", "微型企业"), (r"小型|小企业|小公司|小厂|小微", "小型企业"), (r"中型|中等规模", "中型企业"),
        (r"大型|大企业|大公司|大厂", "大型企业"), (r"个体", "个体工商户"), (r"自收自支(?:的)?(?:事业单位)?", "自收自支事业单位"),
        (r"事业单位", UNCLEAR)],
    "internship_base_level": [(r"国家级|国家", "国家级"), (r"省级|省里|省示范", "省级"), (r"郑州市级|市级|县级", "都不是")],
    "incubator_base_level": [(r"国家级|国家", "国家级"), (r"省级|省里|省示范", "省级"), (r"郑州市级|市级|县级", "都不是")],
}
NONE_VALUE = {"hardship_type": "都不是", "internship_base_level": "都不是", "incubator_base_level": "都不是",
              "business_form": "还没有创业"}


def _choice(name: str, text: str) -> str | None:
    values = FACTS[name].values
    patterns = [(re.escape(v), v) for v in values] + CHOICES.get(name, [])
    chosen: set = set()
    for clause in (c for c in CLAUSES.split(text) if c):
        if name in NONE_VALUE and (NONE_REPLY.fullmatch(_base(clause)) or _base(clause) in ("没有", "没", "不是", "无")):
            chosen.add(NONE_VALUE[name])
            continue
        if name == "applicant_type" and _base(clause) in ("我", "俺"):
            chosen.add("个人")
        for label, negs in _matches(clause, patterns, near=True):
            if negs % 2 == 0:
                chosen.add(label)
    if name == "business_form" and "合伙创业" in chosen and chosen <= {"合伙创业", "个体经营", "创办企业"}:
        return "合伙创业"  # 和朋友合伙开饭馆: a partnership, whatever it runs
    return chosen.pop() if len(chosen) == 1 and UNCLEAR not in chosen else None


# --- numbers --------------------------------------------------------------------------------------
PEOPLE_UNITS = {"", "人", "个人", "名", "位", "个", "号人"}
COUNT_UNITS = {"incubated_firms_qualifying": {"", "户", "家", "个"}}
LOWER_BOUND_UNSAFE = {"age", "staff_count"}  # 二十多岁 may be 29; 50多 staff understates the denominator
ZERO = re.compile(r"(?:一(?:个|名|户|家|位)?(?:人)?)?(?:都|也)?(?:没有?|无)(?:招|介绍|孵化|用|雇)?(?:过|到)?(?:人)?|零|0|没人")
_PERSON = re.compile(r"(我|俺|本人|今年)[^,，]{0,2}$")
_OTHERS = re.compile(rf"{_FAMILY}[^,，]{{0,3}}$")


def _number(name: str, text: str) -> tuple[float, bool] | None:
    """(value, approximate) for a count, an age or a number of years."""
    if name == "business_operating_years" and re.search(r"还没开业|没开业|刚注册|刚开业|刚开张", text):
        return 0, False
    found = numbers.quantities(text)
    if name == "age":
        found = [q for q in found if q.unit in ("", "岁", "周岁") and not _OTHERS.search(text[:q.start])]
        mine = [q for q in found if q.unit or _PERSON.search(text[:q.start])]
        found = mine or found
    elif name in ("business_operating_years", "years_to_retirement"):
        found = [q for q in found if q.unit in ("", "年", "个月", "月")]
        months = [q for q in found if q.unit in ("个月", "月")]
        years = [q for q in found if q.unit == "年"]
        if len(years) == 1 and len(months) == 1 and years[0].kind == months[0].kind == "exact":
            return round(years[0].value + months[0].value / 12, 2), False  # 两年三个月
        found = [q if q.unit not in ("个月", "月") else
                 numbers.Quantity(round(q.value / 12, 2), "年", q.kind, q.start, q.end) for q in found]
    else:
        if ZERO.fullmatch(_base(text)):
            return 0, False  # 没有, 一个都没招: none (a plain 不是 is no count)
        if re.search(r"[没不未无]", text):
            return None  # 没有50人, 不是10个: a number under a negation is no count
        found = [q for q in found if q.unit in COUNT_UNITS.get(name, PEOPLE_UNITS)]
    if len({(q.value, q.kind) for q in found}) != 1:
        return None
    q = found[0]
    if q.kind in ("range", "vague", "less") or (q.kind == "more" and name in LOWER_BOUND_UNSAFE):
        return None
    if q.kind == "more" and name == "business_operating_years" and q.value == param("self_employment_tax_years").value:
        return None  # 3年多 is past the 3-year tax window (十二), but 3 would be inside it
    return q.value, q.kind != "exact"


# --- the public functions -------------------------------------------------------------------------
def parse_reply(name: str, text: str, today: dt.date) -> Reply:
    """Read the reply ``text`` to the question for fact ``name``; see the module docstring."""
    f = fact(name)
    raw, t = normalize(text), compact(text)
    if not t and raw.strip(" ?") == "" and "?" in raw:
        return Reply("term_question")  # a bare "？": what do you mean?
    if not t or len(t) > MAX_LENGTH or not re.search(r"[\u3400-\u9fffa-z0-9]", t):
        return NOT_UNDERSTOOD
    if DEFINITION_Q.search(t):
        return Reply("term_question", term=find_term(t))
    if DONT_KNOW.search(t):
        return Reply("dont_know")
    if _asks(raw, t):
        return Reply("term_question", term=find_term(t))
    hedged = bool(HEDGE.search(t))
    body = HEDGE.sub("", t).strip(",，。 ") if hedged else t
    if not body:
        return NOT_UNDERSTOOD
    approx = False
    if name == "is_college_graduate":
        value = _school(body)
    elif f.type == "bool":
        value = _bool(name, body)
    elif f.type == "enum":
        value = _choice(name, body)
    elif f.type == "year":
        value = numbers.graduation_year(body, today)
    else:
        found = _number(name, body)
        value, approx = found if found else (None, False)
        if value is not None and f.type == "int":
            value = int(value) if value == int(value) else None
    if value is None:
        return NOT_UNDERSTOOD
    try:
        value = coerce(name, value)
    except FactError:
        return NOT_UNDERSTOOD  # 200岁, a year out of range
    return Reply("value", value, hedged=hedged or approx)


def options(name: str) -> list[str]:
    """The choices shown as buttons under the question for ``name`` (none for numbers and years)."""
    f = fact(name)
    if name == "is_college_graduate":
        return list(SCHOOL_OPTIONS)
    if f.type == "bool":
        return ["是", "否", "不知道"]
    return list(f.values)


def hint(name: str) -> str:
    """A short line for asking ``name`` again after a reply that was not understood."""
    f = fact(name)
    if name == "is_college_graduate" or f.type == "enum":
        return "请从下面选一项：" + "；".join(options(name))
    if f.type == "bool":
        return "请回答“是”或“否”（不清楚可以回答“不知道”）"
    if f.type == "year":
        return "请回答一个年份，例如2024"
    if name == "age":
        return "请回答一个具体的周岁年龄，例如23"
    if f.type == "number":
        return "请回答具体年数，例如0.5、1、2（也可以说“一年半”）"
    if name == "incubated_firms_qualifying":
        return "请回答一个具体户数，例如3（没有就回答0）"
    return "请回答一个具体人数，例如12（没有就回答0）"


# term → (measure, quotes, what the document leaves open or "")
def _q(name: str) -> str:
    """A parameter's own quote of the text: definitions that carry a figure cite it from the parameters."""
    return param(name).quote


DEFINITIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "高校毕业生": ("八", ("含技师学院高级工班、预备技师班和特殊教育院校职业教育类毕业生",), ""),
    "灵活就业": ("十五", ("支持劳动者通过临时性、非全日制、季节性、弹性工作等形式灵活就业",), ""),
    "大中专学生": ("十四", (_q("startup_subsidy_graduate_years_max"),), ""),
    "就业见习": ("八", (_q("internship_years_since_leaving_school_max"), _q("internship_youth_age_min"),
                       _q("internship_duration_min_months")), ""),
    "失业青年": ("八", (_q("internship_youth_age_min"),), "谁算失业"),
    "见习基地": ("八", (_q("internship_base_recognition_interval_years"),), "示范性就业见习基地的认定标准"),
    "孵化基地": ("十", ("省、郑州市每年认定一批示范性创业孵化基地和新型孵化平台",), "示范性创业孵化基地的认定标准"),
    "就业创业证": ("十二", (("持《就业创业证》（注明“自主创业税收政策”或“毕业年度内自主创业税收政策”）或《就业失业登记证》"
                         "（注明“自主创业税收政策”）的人员"),), "证件怎么办理"),
    "登记失业": ("十二", (_q("hiring_tax_registered_unemployed_min_months"),), "登记失业的条件"),
}
PEOPLE_TERMS = {"就业困难人员", "建档立卡", "贫困劳动力", "贫困人口", "低保", "零就业家庭", "下岗失业人员", "返乡农民工",
                "农民工", "特困人员", "贫困残疾人家庭", "生活困难"}
ALIASES = {"技师学院": "高校毕业生", "高级工班": "高校毕业生", "预备技师班": "高校毕业生", "特殊教育院校": "高校毕业生",
           "就业失业登记证": "就业创业证", "失业登记": "登记失业", "孵化平台": "孵化基地"}
SHOWN = {"低保": "低保对象", "建档立卡": "建档立卡贫困人口", "零就业家庭": "城镇零就业家庭"}
NOTES = {"毕业年度": "本助手按毕业当年（1月1日至12月31日）筛查"}


def term_answer(term: str | None) -> str:
    """What 新密政〔2020〕4号 says a term is, quoted with its measure, or that it does not define it."""
    if not term:
        return "您想了解哪个说法？请直接说出这个词，例如“就业困难人员”。"
    term = find_term(term) or compact(term)
    term = ALIASES.get(term, term)
    if term in DEFINITIONS:
        number, quotes, open_point = DEFINITIONS[term]
        said = "；".join(f"“{q}”" for q in quotes)
        answer = f"{DOCUMENT_NUMBER}{measure(number).label}关于{term}的说法：{said}。"
        if open_point:
            answer += f"本文件没有规定{open_point}，按上级规定认定，请向{HOTLINE}确认。"
        return answer
    shown = SHOWN.get(term, term)
    note = f"；{NOTES[term]}" if term in NOTES else ""
    if term in PEOPLE_TERMS:
        return f"本文件没有规定谁算{shown}，按上级规定认定{note}，请向{HOTLINE}确认。"
    where = [m.label for m in measures().values() if m.index and term in m.text][:4]
    cited = f"（提到它的条款：{''.join(where)}）" if where else ""
    return f"本文件没有规定什么算{shown}{cited}，按上级规定认定{note}，请向{HOTLINE}确认。"
