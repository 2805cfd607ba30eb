"""Answers to a question about a measure, worded for a phone screen from what policy_kb holds.

An answer carries the sentences of the measure that answer *this* question — ranked by the question's
own words (jieba tokens and the policy's terms) and by what its type asks for — and always the sentence
holding the figure, period, ratio, condition or date asked about. Where the text states no such figure
it says so. Then what the type needs (time limits, how to apply, departments) and one citation line;
The hotline is said once. The whole clause is one tap away (原文).
"""

from __future__ import annotations

import datetime as dt
import re

from language import qtype as Q
from language.answers import windows_of
from language.contact import CITIZEN_HOTLINE, CITIZEN_NUMBER, HOTLINE, HR_HOTLINE, HR_NUMBER
from language.scope import SECTION
from language.search import tokenize
from language.synonyms import expand
from policy_kb import annex
from policy_kb.document import DOCUMENT_NUMBER, GENERAL, ISSUED, NUMERALS, citation, measure, measures
from policy_kb.facts import Facts
from policy_kb.parameters import Window
from policy_kb.rules import RULES

FOOTER = f"2020年文件，现行政策以{HOTLINE}答复为准"
BUDGET = 180  # characters of clause text in one answer
BROAD_SHARE = 0.25  # "what" and "who" questions: sentences scoring this share of the best one are kept
NARROW_SHARE = 0.5  # questions asking one figure, date or procedure
MONEY = re.compile(r"\d+(?:\.\d+)?万?元")
NUMBER = re.compile(r"\d+(?:\.\d+)?万?(?:个月|年|岁|%|人|次|户|倍|日)|\d+/\d+|[一二三四五六七八九十]+[个]?月")
DATE = re.compile(r"20\d\d年\d{1,2}月")
HOW_WORDS = re.compile(r"申请|受理|申报|拨付|审核|办理|认定")
PROCEDURE = re.compile(r"受理|集中申报|拨付到|提出申请|审核后")  # the text describing how an application goes
# when something happens or must be done: a date, a period, a moment (离校前, 之日起, 疫情防控结束之后)
TIME_WORDS = re.compile(r"期限|\d+月|\d+日|年底|月底|之前|以前|(?<!目)前(拨付|办理|申请)|离校前|之后|以后|之日起|当月起|截至|延长至|延期至|以内|之内")
ASKS_LIMIT = re.compile(r"最多|最长|最高|上限|顶多|最大|封顶")
STATES_LIMIT = re.compile(r"最长|最高|不超过|不高于|最多|上限|延长至")
# a question for a length of time (Q.ASKS_DURATION: 几年, 多久) is answered by a duration (3年, 6个月), not by 2/3 or 50%
DURATION = re.compile(r"(?<!\d)\d{1,2}(?:个月|年(?!度)|天|个?工作日|周)|[一二三四五六七八九十两半]+(?:个月|年(?!度))")
ASKS_RATIO = re.compile(r"百分之|百分比|%|比例|几成|几折")
RATIO = re.compile(r"\d+(?:\.\d+)?%|\d+/\d+|百分之|比例|[一二三四五六七八九]成")
HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
WHO_WORDS = re.compile(r"对(?!于)|符合|人员|毕业生|企业|单位|家庭|青年|农民工|群体")
# Figures people ask for that the text does not give, with the words they use for them.
COMBINED = "能否与其他政策同时享受"
COMBINED_STATED = re.compile(r"不与([^，。；]{2,10})同时享受")  # a pair the text rules on: 稳岗返还…不与稳岗补贴同时享受
NOT_IN_TEXT = {
    "贷款利率和贴息标准": r"利率|利息|贴息|几厘|年息|月息",
    "具体申请材料清单": Q.MATERIAL_WORDS,
    COMBINED: r"同时享受|一起享受|叠加(享受)?|兼得|同时申请|一起拿|都能拿|(两个|两样|两项|俩)都(能)?(领|拿|享受|申请|要)",
    "具体的企业名单和招聘信息": r"名单|名录|哪些(企业|公司|厂)(在)?招",
    "公众号的名称": r"公众号(叫|的名|名字|是啥|是什么)",
    "未扣完的额度能否结转或退还": r"结转|不够扣|没扣完|扣不完|剩下的(额度|能退|退)",
    "缓缴期满后的补缴时间和办法": r"缓(缴|交)[^。？?]{0,12}(补缴|补交|补回|还回|交回|补上)|(补缴|补交)[^。？?]{0,6}缓(缴|交)",
    "目录的具体内容（以发布的目录为准）": r"目录(里|中|上)?[^。？?]{0,6}(哪些|啥|什么)",
    "示范基地的认定条件（由省、郑州市认定）": r"(示范|基地|平台)[^。？?]{0,10}(条件|标准)[^。？?]{0,8}(评|认定)|(评上|评为|认定)[^。？?]{0,6}(条件|标准)|(条件|标准)[^。？?]{0,4}(才能|才可以)?(评上|评为|认定)",
    "资金的规模": r"规模(有)?多大|(基金|资金)[^。？?]{0,4}(有)?多少(钱|亿|万)|(基金|资金)(总)?(额|盘子)(有)?多(大|少)",
    "考核结果的奖惩和问责办法": r"处罚|问责|追责|奖惩|(考核|没完成|完不成)[^。？?]{0,8}(怎么办|咋办|后果|罚|处分)",
    "中小微企业的划型标准（按国家统一规定）": r"算不算(中小微|小微|中小|小型|微型)|(中小微|小微)企业(的)?(标准|划分|怎么算|咋算|认定)",
}


def _label(number: str) -> str:
    m = measure(number)
    return f"{m.label}{m.title}" if m.index else GENERAL


def _rules_of(number: str) -> list:
    return [r for r in RULES.values() if r.measure == number]


def _overlap(query: str, text: str) -> int:
    """Characters of the question's own words (two or more characters, not generic) that ``text`` holds."""
    return sum(len(t) for t in set(tokenize(query)) if len(t) >= 2 and t not in GENERIC and t in text)


def _relevant_rules(number: str, query: str) -> list:
    """The measure's rules the question's words point at (医保缓缴 → the deferral only), else all of them."""
    rules = _rules_of(number)
    overlap = [_overlap(query, r.name + r.sentence) for r in rules]
    most = max(overlap, default=0)
    return [r for r, o in zip(rules, overlap) if o == most] if most else rules


ASKS_USE = re.compile(r"花在|花到|用在|用到哪|用来|用途|(怎么|咋)花|拿来(干|做)|能(干|做)(啥|什么)用")
STATES_USE = re.compile(r"(资金|补贴|奖补|经费|基金)[^。；，]{0,6}，?(主要)?用于")


def _sentence_score(sentence: str, tokens: list[str], kind: str, query: str = "") -> float:
    # words of two characters or more: a single character (会, 着) is found inside unrelated words
    score = sum(min(len(t), 4) for t in set(tokens) if len(t) >= 2 and t in sentence)
    if Q.ASKS_DEFINITION.search(query or "".join(tokens)) and Q.defines(sentence, tokens):
        score += 6
    if ASKS_USE.search(query) and STATES_USE.search(sentence):
        score += 6  # 补贴能花在哪 is answered by …资金，用于支付…
    if kind in (Q.AMOUNT, Q.FIGURE) and ASKS_LIMIT.search(" ".join(tokens)) and STATES_LIMIT.search(sentence):
        score += 4  # 最多补几年 is answered by 最长不超过3年
    if kind == Q.AMOUNT:
        score += 6 if MONEY.search(sentence) else 0
    elif kind == Q.FIGURE and Q.ASKS_DURATION.search("".join(tokens)):
        score += 6 if DURATION.search(sentence) else 0
    elif kind == Q.FIGURE:
        score += 6 if NUMBER.search(sentence) or MONEY.search(sentence) else 0
    elif kind == Q.DEADLINE:
        score += 6 if DATE.search(sentence) or TIME_WORDS.search(sentence) else 0
    elif kind == Q.HOW:
        score += 4 if HOW_WORDS.search(sentence) else 0
    elif kind == Q.WHO:
        score += 2 if WHO_WORDS.search(sentence) else 0
        score += 2 if MONEY.search(sentence) else 0
    else:
        score += 1 if MONEY.search(sentence) or NUMBER.search(sentence) else 0
    return score


def key_sentences(number: str, query: str = "", kind: str = Q.WHAT, budget: int | None = None) -> list[str]:
    """The measure's sentences that answer the question, in reading order."""
    budget = budget or BUDGET
    m = measure(number)
    sentences = m.sentences()
    body = sentences[1:] if m.index and len(sentences) > 1 else sentences  # the first is the lead title
    body = list(dict.fromkeys(body))  # the text repeats a sentence in places (（二十一）'s 补贴期限)
    if not body:
        return []
    tokens = tokenize(query)
    scores = [_sentence_score(s, tokens, kind, query) for s in body]
    ranked = sorted(range(len(body)), key=lambda i: (-scores[i], i))
    chosen = [ranked[0]]
    total = len(body[ranked[0]])
    wants_figure = kind in (Q.AMOUNT, Q.FIGURE)
    # terms the question asks about: words of three characters or more, and two-character words (合同, 医保)
    # that only one sentence of the measure holds; words, not digits (the "20" of 2019 is no 20万元)
    asked_terms = [t for t in set(tokens) if HAN.fullmatch(t) and (len(t) >= 3 or (
        t not in GENERIC and sum(1 for b in body if t in b) == 1))]
    for i in ranked[1:]:
        covered = " ".join(body[j] for j in chosen)
        share = BROAD_SHARE if kind in (Q.WHAT, Q.WHO) else NARROW_SHARE
        # a two-character word alone (参保) brings its sentence to a question for a figure only when that sentence
        # is about the question too
        novel = any(t in body[i] and t not in covered and (
            len(t) >= 3 or not wants_figure or scores[i] >= scores[ranked[0]] * share) for t in asked_terms)
        if novel and total < 2 * budget:  # the sentence holding a term the question asks about
            chosen.append(i)
            total += len(body[i])
            continue
        if scores[i] <= 0 or scores[i] < scores[ranked[0]] * (BROAD_SHARE if kind in (Q.WHAT, Q.WHO) else NARROW_SHARE):
            continue
        # over the budget, only a figure sentence the question's words point at (省级 and 国家级 both stated)
        if total + len(body[i]) > budget and not (
                wants_figure and (MONEY.search(body[i]) or NUMBER.search(body[i]))
                and scores[i] >= scores[ranked[0]] * 0.8 and total < 2 * budget):
            continue
        chosen.append(i)
        total += len(body[i])
    if kind == Q.WHAT and ranked[0] + 1 < len(body) and ranked[0] + 1 not in chosen and total < budget:
        # the sentence going on about what the best one introduced (扶持个体工商户转型升级… → 将转型企业…推送至各银行):
        # it shares a word with it that no other sentence of the measure has
        after = body[ranked[0] + 1]
        shared = _bigrams(body[ranked[0]]) & _bigrams(after)
        if any(sum(1 for b in body if g in b) == 2 for g in shared) and total + len(after) <= budget:
            chosen.append(ranked[0] + 1)
            total += len(after)
    if kind == Q.DEADLINE and not any(DATE.search(body[i]) or TIME_WORDS.search(body[i]) for i in chosen):
        # when something happens is asked: the sentence saying it (在毕业生离校前拨付) is always there
        timed = [i for i in ranked if scores[i] > 0 and (DATE.search(body[i]) or TIME_WORDS.search(body[i]))]
        if timed:
            chosen.append(timed[0])
    if wants_figure and not any(_has_figure(body[i], kind) for i in chosen):
        # the sentence that holds a figure is always there when the question asks for one
        with_figure = [i for i in ranked if _has_figure(body[i], kind)]
        if with_figure:
            chosen.append(with_figure[0])
    if kind == Q.FIGURE and Q.ASKS_DURATION.search(query):
        # a length of time asked (最长补几年): the best sentence stating one (最长不超过3年), not only the 2/3 share
        # nor another rule's period that a word of the question brought (招用高校毕业生…最长1年)
        lasting = [i for i in ranked if scores[i] > 0 and DURATION.search(body[i])]
        if lasting and lasting[0] not in chosen:
            chosen.append(lasting[0])
    return [body[i].rstrip("；。") + "。" for i in sorted(chosen)]


def _has_figure(sentence: str, kind: str) -> bool:
    if kind == Q.AMOUNT:
        return bool(MONEY.search(sentence))
    return bool(NUMBER.search(sentence) or MONEY.search(sentence))


GENERIC = {"补贴", "政策", "文件", "标准", "多少", "规定", "企业", "申请", "这个", "那个", "现在", "新密", "我们", "他们", "一次性"}


SEGMENT = re.compile(r"[，、；。：]")


def _specific_terms(number: str, query: str) -> list[str]:
    """Words of the question that occur in just one sentence of the measure: the thing asked about."""
    body = measure(number).sentences()[1:]
    found = []
    for t in dict.fromkeys(tokenize(query)):  # in the question's order: the same answer on every run
        if len(t) < 3 or t in GENERIC:  # two characters (时间, 个月) name nothing in particular
            continue
        holding = [s for s in body if t in s]
        if len(holding) == 1:
            found.append(t)
    return found


def _figure_follows(number: str, term: str, kind: str = Q.FIGURE) -> bool:
    """A figure in the segment naming ``term``, after it in its sentence or in the next one: "对…的，给予5000元"
    states its subject first, so a figure *before* the term ("减按15%税率…、研发费用加计扣除") belongs to
    something else. A money question may be answered by a share (不超过实际缴费的2/3), not by a period
    (给予最长1年的社会保险补贴 says for how long, not how much)."""
    body = measure(number).sentences()
    # the sentence naming it in the clause, not the lead title (完善求职创业补贴方式 states no figure)
    i = next((k for k, s in enumerate(body) if term in s and k > 0), None)
    if i is None:
        return False
    sentence = body[i]
    at = sentence.find(term)
    starts = [m.end() for m in SEGMENT.finditer(sentence, 0, at)]
    # the next sentence goes on only when this one states no grant of its own (资金用于支付…生活费 is complete)
    complete = re.search(r"给予|用于|支付|享受|可申请|提供", sentence[at:])
    following = sentence[starts[-1] if starts else 0:] + (body[i + 1] if i + 1 < len(body) and not complete else "")
    if kind == Q.AMOUNT:
        return bool(MONEY.search(following) or RATIO.search(following))
    return _has_figure(following, Q.FIGURE)


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _unstated_amount(number: str, query: str, on: dt.date) -> str | None:
    """The benefit a money question is about, when its rule says the document sets no amount for it (见习补贴,
    临时生活补助)."""
    rule = _leading_rule(number, query)
    if rule is None:
        return None
    amount = rule.evaluate(Facts.of({}, on)).amount
    return rule.name.split("（")[0] if amount and "未规定" in amount.text else None


ASKS_BENEFIT = re.compile(r"补贴|补助|奖补|给钱|给多少|多少钱|发钱|优惠|减税|扶持")


def _leading_rule(number: str, query: str):
    """The measure's rule whose name shares most of the question's character pairs, if it alone leads."""
    rules = _rules_of(number)
    if not rules:
        return None
    asked = _bigrams(query)
    shared = [len(asked & _bigrams(r.name)) for r in rules]
    most = max(shared)
    leading = [r for r, n in zip(rules, shared) if n == most]
    return leading[0] if most >= 2 and len(leading) == 1 else None


def _granting_sentence(number: str, query: str, kind: str) -> str | None:
    if kind not in (Q.WHAT, Q.WHO, Q.AMOUNT) or not ASKS_BENEFIT.search(query):
        return None
    rule = _leading_rule(number, query)
    return rule.sentence.rstrip("；。") + "。" if rule else None


def _figure_missing(sentences: list[str], kind: str, query: str = "", number: str | None = None) -> str | None:
    """What the question asks a figure for when no sentence gives one (a figure about something else is no
    answer): the term asked about, "" when it is the question as a whole, None when the figure is there."""
    if kind not in (Q.AMOUNT, Q.FIGURE):
        return None
    if ASKS_RATIO.search(query) and not any(RATIO.search(s) for s in sentences):
        return ""  # a share asked (百分之多少), and no sentence states one
    if number:
        specific = _specific_terms(number, query)
        if specific:
            if not any(_figure_follows(number, t, kind) for t in specific):
                return max(specific, key=len)
            return None
    focus = [t for t in set(tokenize(query)) if len(t) >= 2 and t not in GENERIC]
    with_figure = [s for s in sentences if _has_figure(s, kind)]
    if not with_figure:
        return ""
    return "" if focus and not any(t in s for s in with_figure for t in focus) else None


QUOTED = re.compile(r"“([^”]{2,12})”")
ASKS_CONTENT = re.compile(r"具体|哪些|哪几|哪[一二三四五六七八九十两]个|是什么|是啥|啥内容|什么内容|包括|都有啥|指的是|指什么|啥意思|什么意思")


def _undefined_terms(number: str, query: str) -> list[str]:
    """A name the measure only quotes (“五个一”, “创业之星”) when the question asks what it contains."""
    if not ASKS_CONTENT.search(query):
        return []
    text = measure(number).text
    return [t for t in dict.fromkeys(QUOTED.findall(text))
            if (t in query or t.strip("“”") in query) and text.count(t) == 1 and len(t) <= 6]


GENERIC_WORDS = GENERIC | {"就业", "创业", "单位", "人员"}  # two characters that name no standard in particular


def _deferred(number: str, query: str, kind: str = Q.WHAT) -> list[str]:
    """Terms of this measure that the document leaves to higher-level rules and the question touches; a money
    question touches a deferred standard through any word of its own (见习一个月能补多少 → 就业见习补贴标准)."""
    terms: list[str] = []
    tokens = {t for t in tokenize(query) if len(t) >= 3}
    short = {t for t in tokenize(query) if len(t) == 2 and t not in GENERIC_WORDS} if kind == Q.AMOUNT else set()
    for rule in _rules_of(number):
        for term in rule.deferred:
            head = term.split("（")[0]
            standard = head.endswith("标准") and any(t in head for t in short)
            if term not in terms and (head in query or any(t in term for t in tokens) or standard):
                terms.append(term)
    return terms


def window_lines(number: str, on: dt.date, query: str = "", only_relevant: bool = True) -> list[str]:
    """The measure's time limits (those the question's words point at, if any), open or ended on ``on``."""
    windows = windows_of(number)
    if not windows:
        return []
    overlap = [_overlap(query, p.sentence) for p in windows]
    most = max(overlap)
    relevant = [p for p, o in zip(windows, overlap) if most and o >= most / 2]  # the windows of what was asked
    chosen = relevant or ([] if only_relevant else windows)
    lines = []
    for p in chosen:
        state = "仍在实施期内" if p.contains(on) else "已结束"
        lines.append(f"⏱ “{p.quote}”：实施期限{p.describe()}，{state}。")
    return lines


BANK_QUESTION = re.compile(r"(哪|什么|啥)(家|些|几家|个)?银行|银行.{0,4}(哪|有啥|有什么)|承贷")


def bank_line() -> str:
    """The lending banks the annex names (its note on the 2020 loan targets)."""
    names = "、".join(b.name for b in annex.banks())
    return f"🏦 附件列出的承贷银行：{names}（各行2020年任务见附件）。"


# what people call a department the text names by its short form
DEPARTMENT_ALIASES = {"人行新密市支行": r"人民银行|人行"}


def _named_departments(query: str) -> list[str]:
    """The departments of the text a question names (总工会 → 市总工会), longest names first."""
    names = sorted({d for m in measures().values() for d in m.departments}, key=len, reverse=True)
    found, rest = [], query
    for d in names:
        short = d[1:] if d.startswith("市") and len(d) >= 3 else d
        pattern = DEPARTMENT_ALIASES.get(d, re.escape(short))
        if re.search(pattern, rest):
            found.append(d)
            rest = re.sub(pattern, "，", rest)
    return found


def departments_line(number: str, query: str = "") -> str:
    """The measure's departments; a department the question names is said to be among them or not."""
    m = measure(number)
    named = _named_departments(query)
    listed = [d for d in named if d in m.departments]
    unlisted = [d for d in named if d not in m.departments]
    said = (f"{'、'.join(listed)}{'都' if len(listed) > 1 else ''}是本条的负责部门{'' if len(listed) > 1 else '之一'}。" if listed else "") + \
        (f"本条没有列出{'、'.join(unlisted)}。" if unlisted else "")
    if not m.departments:
        return said + "负责：本条未列明责任部门，由各乡镇政府、街道办事处和市直有关部门落实。"
    return f"{said}负责部门：{'、'.join(m.departments)}。"


def _procedure(number: str) -> list[str]:
    """The clause's own sentences on how an application goes (受理, 集中申报, 拨付到 …)."""
    return [s.rstrip("；。") + "。" for s in measure(number).sentences() if PROCEDURE.search(s)]


def citation_line(numbers: list[str]) -> str:
    cited = "、".join(citation(n) for n in numbers)
    return f"依据：{cited}（{FOOTER}）。"


def measure_reply(number: str, query: str = "", kind: str = Q.WHAT, on: dt.date | None = None,
                  budget: int | None = None) -> str:
    """The answer to a question of type ``kind`` about one measure (``budget``: characters of clause text). The
    question's everyday words count as the policy's own (language.synonyms) when sentences are chosen."""
    on = on or dt.date.today()
    query = expand(query)
    m = measure(number)
    lines = [f"【{_label(number)}】"]
    if kind == Q.FULL_TEXT:
        return f"{m.text}\n{citation_line([number])}"
    if kind == Q.DEPARTMENT:
        lines.append(departments_line(number, query))
        # who handles an application is in the clause's own procedure sentence, where it has one
        # else the sentence the question's words point at (劳动人事争议…仲裁 for 该找谁去说理)
        lines += _procedure(number)[:1] or \
            [s for s in key_sentences(number, query, Q.WHAT, budget=1) if _overlap(query, s) and len(s) <= BUDGET][:1]
        lines.append(citation_line([number]))
        return "\n".join(lines)
    sentences = key_sentences(number, query, kind, budget)
    granting = _granting_sentence(number, query, kind)
    if granting and granting not in sentences:  # the benefit asked about: the sentence that grants it
        text = m.text
        sentences = sorted([*sentences, granting], key=lambda x: text.find(x.rstrip("。")[:20]))
    if kind in (Q.HOW, Q.MATERIALS):  # the rules say how to apply; the clause only where it says so itself
        # a measure granting nothing to apply for: the sentence the question's words point at (全程电子化登记)
        asked = [s for s in key_sentences(number, query, Q.WHAT) if any(t in s for t in _specific_terms(number, query))]
        sentences = (_procedure(number) or [s for s in sentences if HOW_WORDS.search(s)])[:1] if _rules_of(number) \
            else key_sentences(number, query, Q.WHAT, budget=1)[:1]
        # the thing asked how to get (点对点输送咋弄): the sentence that names it
        sentences += [s for s in asked[:1] if s not in sentences]
    lines += sentences
    for missing, pattern in NOT_IN_TEXT.items():
        if missing == COMBINED and any(other in query for other in COMBINED_STATED.findall(m.text)):
            continue  # 不与稳岗补贴同时享受: this measure rules on the very pair asked
        if re.search(pattern, query) and kind != Q.MATERIALS:  # a materials answer says it below
            lines.append(f"ℹ 本文件没有规定{missing}，请向受理部门确认。")
            break
    else:
        missing = _figure_missing(sentences, kind, query, number)
        if missing is None and kind == Q.AMOUNT:
            missing = _unstated_amount(number, query, on)
        if missing is not None:
            what = f"“{missing}”的" if missing else "您问的"
            lines.append(f"ℹ 本条没有写明{what}具体金额或数字标准，请向负责部门确认。")
    for term in _undefined_terms(number, query):
        lines.append(f"ℹ 本文件只提到“{term}”，没有写明它的具体内容，请向负责部门确认。")
    if kind == Q.MATERIALS:
        lines.append("ℹ 本文件没有列出申请材料清单，所需材料以受理部门要求为准。")
    deferred = _deferred(number, query, kind) if kind in (Q.WHO, Q.AMOUNT, Q.FIGURE, Q.WHAT) else []
    if deferred:
        lines.append("ℹ 本文件没有具体规定：" + "；".join(deferred) + "，按上级规定执行。")
    lines += window_lines(number, on, query, only_relevant=kind != Q.DEADLINE)
    if kind == Q.DEADLINE and not window_lines(number, on, query, only_relevant=False):
        lines.append("⏱ 本条没有规定单独的实施期限；文件是2020年印发的，现在是否仍在执行请咨询确认。")
    if kind == Q.HOW and not _procedure(number):
        lines.append("ℹ 本条没有写明具体申请流程和受理窗口，请向负责部门咨询。")
    if kind in (Q.HOW, Q.MATERIALS):
        rules = _relevant_rules(number, query)
        ways: dict[str, list[str]] = {}
        for r in rules:
            ways.setdefault(r.how_to_apply, []).append(r.name)
        for how, names in list(ways.items())[:3]:
            lines.append(f"· {'、'.join(names)}：{how}。")
        if not rules:
            lines.append("本条没有规定个人或企业直接申领的事项和流程。")
    if BANK_QUESTION.search(query) and any(r.kind == "loan" for r in _rules_of(number)):
        lines.append(bank_line())
    if kind in (Q.HOW, Q.MATERIALS, Q.WHO, Q.AMOUNT):
        lines.append(departments_line(number))
    lines.append(citation_line([number]))
    return "\n".join(lines)


def two_part_reply(first: tuple[str, str, str], second: tuple[str, str, str], on: dt.date | None = None) -> str:
    """One message answering a question in two parts (贷款能贷多少？招毕业生有社保补贴吗？): each part's
    measure (number, the part's words, its type) briefly, one citation line for both."""
    bodies = []
    for number, part, kind in (first, second):
        lines = measure_reply(number, part, kind, on, budget=BUDGET // 2).split("\n")
        # the citation line comes once, below; a note both parts carry (…能否同时享受) once too
        bodies += [line for line in lines[:-1] if not line.startswith("负责") and not (line.startswith("ℹ") and line in bodies)]
    return "\n".join(bodies + [citation_line([first[0], second[0]])])


def _document_facts() -> dict[str, str]:
    """What the front matter and the footer say about the document itself, in their own words."""
    import re as _re

    from policy_kb.document import parts, squeeze

    text = {p.kind: p.text for p in parts()}
    front, footer = text["front"], squeeze(text["footer"])
    facts = {}
    addressed = _re.search(r"实施意见(.+?)：", front)
    if addressed:
        facts["addressees"] = addressed.group(1)
    purpose = _re.search(r"：(为.+?)，经", front)
    if purpose:
        facts["purpose"] = purpose.group(1)
    meeting = _re.search(r"经(.+?会议)研究通过", front)
    if meeting:
        facts["meeting"] = meeting.group(1)
    for key, label in (("host", "主办"), ("supervisor", "督办"), ("copied", "抄送")):
        found = _re.search(label + r"：(.+?)(?=主办：|督办：|抄送：|新密市人民政府办公室|$)", footer)
        if found:
            facts[key] = found.group(1).rstrip("。")
    printed = _re.search(r"(新密市人民政府办公室)(\d{4}年\d{1,2}月\d{1,2}日)印发", footer)
    if printed:
        facts["printed"] = f"{printed.group(1)}{printed.group(2)}印发"
    return facts


def timed_measures() -> list[str]:
    """The measures whose text sets a time limit, in the document's order."""
    return [n for n in measures() if windows_of(n)]


def timed_line(on: dt.date) -> str:
    """Each time-limited measure's span (earliest start to latest end) and whether it has ended on ``on``."""
    spans, ended = [], []
    for number in timed_measures():
        windows = windows_of(number)
        starts = [w.start for w in windows if w.start]
        ends = [w.end for w in windows if w.end]
        span = Window(min(starts, default=None), max(ends) if len(ends) == len(windows) else None)
        ended.append(span.end is not None and span.end < on)
        spans.append(f"（{number}）{span.describe()}" + ("" if ended[-1] else "（仍在期内）"))
    return "；".join(spans) + ("，均已结束" if all(ended) else "")


SECTION_ASKED = re.compile(SECTION)


def sections() -> list[tuple[str, list[str]]]:
    """The document's parts in order (一、总体要求 first) with the measures under each heading."""
    from policy_kb.document import parts

    found: list[tuple[str, list[str]]] = [("一、总体要求", [])]
    for p in parts():
        if p.kind == "section":
            found.append((p.text, []))
        elif p.kind == "measure" and len(found) > 1:
            number = re.match(r"（([一二三四五六七八九十]+)）", p.text)
            if number:
                found[-1][1].append(number.group(1))
    return found


def section_line(ordinal: str) -> str:
    """What the n-th part of the document is (第二部分讲啥): its heading and its measures."""
    index = int(ordinal) - 1 if ordinal.isdigit() else NUMERALS.index(ordinal)
    listed = sections()
    if index >= len(listed):
        return f"文件正文只有{len(listed)}个部分。"
    heading, numbers = listed[index]
    if not numbers:
        return f"正文第{NUMERALS[index]}部分是“{heading}”，不含具体措施。"
    span = f"（{numbers[0]}）至（{numbers[-1]}）" if len(numbers) > 1 else f"（{numbers[0]}）"
    return f"正文第{NUMERALS[index]}部分是“{heading}”，包括{span}共{len(numbers)}条措施。"


def document_reply(kind: str, on: dt.date | None = None, query: str = "") -> str:
    """What the document is: number, title, date, issuer, its parts — and whether it is still in force."""
    on = on or dt.date.today()
    issued = dt.date.fromisoformat(ISSUED)
    count = len([m for m in measures().values() if m.index])
    facts = _document_facts()
    head = (f"本助手依据的是新密市人民政府{DOCUMENT_NUMBER}《关于进一步做好稳就业工作的实施意见》，"
            f"{issued.year}年{issued.month}月{issued.day}日印发，共{count}条措施（（一）至（{NUMERALS[count - 1]}）），附件是"
            f"《新密市2020年城乡就业创业工作目标任务分解表》。")
    extra = []
    if re.search(r"会议|通过|研究", query) and "meeting" in facts:
        extra.append(f"文件经{facts['meeting']}研究通过。")
    if re.search(r"主办|督办|印发|发文|办公室|哪个(部门|单位)(发|负责|主办)|谁(发|主办)|哪个单位|哪个部门|(政府|局)(发|出)的", query):
        extra.append(f"主办：{facts.get('host', '')}；督办：{facts.get('supervisor', '')}；{facts.get('printed', '')}。")
    section = SECTION_ASKED.search(query)
    if section:
        extra.append(section_line(section.group(1)))
    elif re.search(r"部分|几大块|结构|框架", query):
        headings = [heading for heading, _ in sections()]
        extra.append(f"正文分{len(headings)}个部分：" + "；".join(headings) + "。")
    if re.search(r"目标|目的|达到|宗旨|为了啥|为了什么|干啥用|想干啥", query):
        from policy_kb.document import measure as _measure

        aims = re.split(r"，", _measure(GENERAL).sentences()[0].rstrip("。"))[-2:]  # 全力稳住…，千方百计确保…
        extra.append(f"总体要求：{'，'.join(aims)}。")
    if re.search(r"背景|(为什么|为啥|为何)(要)?(出|发|制定|搞|印发|出台)|出台(的)?原因|起因|(根据|依据|按照)(谁|什么|啥|哪)[^，。？?]{0,6}(部署|要求|精神)|部署要求", query) and "purpose" in facts:
        extra.append(f"文件开头写明：{facts['purpose']}。")
    if re.search(r"主送|发给(谁|哪些)|下发(给|到)", query) and "addressees" in facts:
        extra.append(f"主送：{facts['addressees']}。")
    if re.search(r"抄送|发给|发到", query) and "copied" in facts:
        extra.append(f"抄送：{facts['copied']}。")
    head += "".join(extra)
    if kind == "in_force":
        return (head + f"\n文件本身没有规定整体的有效期。写明实施期限的阶段性政策：{timed_line(on)}。"
                f"现在是否仍在执行、有没有新规定，请咨询{HOTLINE}。")
    if kind == "newer":
        return (head + f"\n我只解答这份2020年文件。之后出台的新政策、新标准不在我的范围内，请咨询{HOTLINE}，"
                f"或拨打{CITIZEN_HOTLINE}。")
    return head + f"\n{FOOTER}。"


def out_of_scope_reply(kind: str, what: str = "") -> str:
    if kind == "other_place":
        return (f"抱歉，我只解答新密市{DOCUMENT_NUMBER}这份文件，不涉及{what}的政策。{what}的规定请向当地人社部门咨询，"
                f"或拨打当地{HR_NUMBER}人社服务热线。")
    return (f"抱歉，{what or '这个问题'}不在本文件范围内：{DOCUMENT_NUMBER}讲的是稳就业措施（就业创业补贴、创业担保贷款、"
            f"社保补贴、技能培训、目标任务等）。这方面请拨打{HR_NUMBER}（人社）或{CITIZEN_NUMBER}（市民热线）咨询。")


def choices_reply() -> str:
    return "您问的是下面哪一条？请选一项，或换个说法说得具体些。"


ENGLISH_ONLY = re.compile(r"^[\sA-Za-z0-9.,?!'\"()\-:;/&]+$")


def unknown_reply(attempt: int, text: str = "") -> str:
    if text and ENGLISH_ONLY.match(text) and len(re.findall(r"[A-Za-z]+", text)) >= 3:  # a question in English
        return ("抱歉，我只能用中文解答新密市稳就业政策（新密政〔2020〕4号）。Sorry, I can only answer in Chinese, "
                f"about Xinmi's 2020 employment policy. For other matters please call {HR_NUMBER} or {CITIZEN_NUMBER}.")
    if attempt >= 2:
        return (f"抱歉，我还是没能理解您的问题。建议您拨打{HR_HOTLINE}，或到市人社局窗口咨询。"
                "也可以换个说法，比如“创业担保贷款能贷多少”。")
    return ("抱歉，我没理解您的问题。我能解答新密市稳就业政策（新密政〔2020〕4号）：就业创业补贴、创业担保贷款、"
            "社保补贴、技能培训、各乡镇目标任务等。请换个说法，比如“一次性求职创业补贴多少钱”。")
