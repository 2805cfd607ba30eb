"""The policy's own words for what people say in theirs (轮着上班 → 轮岗轮休, 打零工 → 灵活就业).

``expand`` appends the policy term to a question that uses one of its everyday words, so search, the
decision and the choice of sentences can find the clause that says it in the text's words. Only terms that
occur in the text are listed, each with words a resident would use instead; nothing here is a rule.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from policy_kb.parameters import param

LEXICON = Path(__file__).with_name("everyday.yml")

# policy term (as the text writes it) → everyday words for it
EVERYDAY: dict[str, str] = {
    "轮岗轮休": r"轮着(上班|歇|休|干)|轮流(上班|休息|歇)|轮班休|上几天歇几天",
    "调整薪酬": r"降薪|降工资|工资(打折|减半|少发|降)|发一半工资|少发工资",
    "尽量不裁员或少裁员": r"裁人|辞人|减员|开除|辞退|被裁|(不准|不让|不能|不许|能不能|可不可以|让不让)裁",
    "劳动人事争议": r"(劳动)?纠纷|闹矛盾|告(老板|公司|厂里)|讨薪|欠(薪|工资)|说理|讨(个)?说法|评理|不认账",
    "点对点": (r"(接|送)(人|工人|俺们|我们)?(回|到)(厂|公司|单位)|包车|专车|返岗.{0,4}(车|接送)|(工人|员工|职工)[^，。？?]{0,4}(回不来|来不了|到不了岗)|"
            r"(把|帮)[^，。？?]{0,6}(人|工人)[^，。？?]{0,4}送(过来|来|到)|往厂里送|送工人"),
    "最多跑一次": r"(跑|去)(一趟|一次)|少跑(腿|路)|来回跑|跑(好几|几)趟|跑腿",
    "全程电子化登记": r"网上(注册|登记|办执照|办营业执照)|不用跑.{0,4}(注册|登记)|在线(注册|登记)|(执照|注册|登记|开办).{0,16}(网上|线上|手机上)(能)?(全程)?(办|弄|搞|申请)",
    "新就业形态": r"(网上|平台)接单|平台(干活|打工|就业)|外卖骑手|主播|直播带货",
    "退役军人": r"退伍|当过兵|复员",
    "返乡农民工": r"(从外地|外出打工|在外打工|打工).{0,6}回(来|乡|老家|村)|回(老家|村里|乡)(创业|开)",
    "创业孵化基地": r"孵化器|创业园|众创空间",
    "公益性岗位": r"公益岗|护林员|保洁员|看林子|巡山|巡河|看水库|村里.{0,4}(岗位|活)",
    "临时生活补助": r"生活(困难|补助|费)|揭不开锅|日子(紧|难)",
    "春风行动": r"开春.{0,10}(招工|招聘|活动)|(过完年|年后).{0,6}(招工|招聘)",
    "创业之星": r"(创业|返乡)[^，。？?]{0,10}(评选|称号|评优|评比|评个|荣誉)|(评选|称号|评比)[^，。？?]{0,6}(创业|返乡)",
    "表彰激励": r"评(个|上|为|成)?(先进|典型|模范)|表彰|表扬|奖状|荣誉",
    "急需紧缺职业（工种）目录": r"(哪些|啥|什么)(工种|职业|行业|手艺).{0,4}(缺人|紧缺|吃香|好找活)|最缺人|缺人的(工种|职业)|紧缺(工种|岗位)|(工种|职业)(的)?(单子|名单|目录)",
    "社会救助": r"(?<!援助)兜底|救济|过不下去|活不下去",
    "兜牢底线": r"(就业)?援助[^，。？?]{0,4}兜底|兜住",
    "舆情": r"舆论|网上.{0,4}(传|谣言|说法)|谣言|辟谣|乱传",
    "还本付息延期": r"(贷款|还款).{0,4}(延期|晚点还|缓一缓|推迟)|延期还",
    "政策宣传": (r"(去哪|在哪|哪里|哪儿|怎么|咋)(才)?(能|可以)?(了解|知道|查|看)(到)?(这些|相关)?.{0,8}(政策|补贴)|公众号|政策(咋|怎么|如何)宣传|宣传(方式|渠道)|"
             r"政策[^，。？?]{0,4}(在哪|去哪|哪里|哪儿)(能|可以)?(看|查|了解)|"
             r"(了解|知道|查|看)(到)?(这些|相关)?.{0,4}政策.{0,6}(去哪|在哪|哪里|哪儿|怎么|咋)|手机上(看|查)|(发|放|登)(在|到)微信|微信上(看|查|发|有)"),
    "基层公共就业服务平台": r"(村|镇|乡)(里|上)?.{0,8}(管就业|就业.{0,4}的地方|办就业|服务站|问.{0,6}的地方)|(都|还|还是)得跑(到)?(城里|市里)|家门口|附近(的)?(乡镇|村里|社区)?.{0,4}(办|找活|找工作|服务)|在(乡镇|镇上|村里)(就能)?办",
    "期满仍未实现稳定就业": r"(补贴|社保|享受|政策)[^，。？?\s]{0,6}到期|到期[^。？?]{0,24}(还能|能不能)(再)?(接着|继续)?(补|享受|领|延)|享受满|满了.{0,6}(还能|能不能|咋办)|再延(长)?(一|1)?年|延一年|延长(一|1)年|再多享受|多享受一段|还能(再)?延|社保(补贴)?.{0,4}延期|(今年|已经|快)到期(了)?.{0,10}(还能|能不能)(再)?(接着|继续)?(补|享受|领)|(还能|能不能)(再)?(接着|继续)(补|享受|领)",
    "资金保障": r"钱(都)?(是)?从(哪|那)(里|儿)?(出|来)|资金(是)?(从哪|来源|哪来)|(哪些|什么|啥)(资金|基金|钱)(里|中)?(来)?(出|支持|保障|统筹|援企|稳岗)|用好(哪些|什么|啥)?(资金|基金)|统筹.{0,4}(资金|钱)|谁出(钱|这钱)|资金盘子|钱够不够|(有|是)专门的(钱|资金)",
    "政府负责人牵头": r"(乡|镇|街道|村)(里|上)?.{0,4}谁(牵头|负责)|谁(来)?牵头",
    "岗位发布": r"(岗位|招工|招聘|用工|空缺)(信息)?.{0,12}(发布|发出去|挂出去|贴出去|推送|发给大家|发给群众)|帮(忙|着)?(发|挂)(招聘|招工|岗位)",
    "线上线下就业服务": r"(只在|只有|光在|只能)线下|网上的?(招聘|找工作|求职|投简历|面试)|线上(招聘|面试)|(招聘|招聘会).{0,6}(网上|线上)|云招聘|直播招聘",
    "免征": r"免(了|掉|交|缴)?(社保|社宝|社会保险|保险|单位那(一)?(部分|块))|免的?[^，。？?]{0,4}(哪|啥|什么)[^，。？?]{0,4}(保险|险)|(社保|社宝|保险).{0,4}(免了|不用交|免交)",
    "中长期贷款": r"(时间|期限)(长|久)(点|一点|些)?的(贷款|款)|长期(贷款|的款)|贷(个)?(长|久)(点|期)",
    "闲置楼宇": r"(闲着|空着|没用|废弃|闲置)的?(旧)?(仓库|厂房|楼|房子)|空楼|旧仓库",
    "仓储设施": r"仓库|库房",
    "住宅、公寓登记注册为营业场所": (r"(住的|自己的|自个的?|自家的?|家里的?|(自己|自个|自家|家里)住(的|那|这))(这|那)?(个)?(房子|楼房|房|公寓|屋)[^。？?]{0,10}(注册|登记|执照|经营场所|营业场所|经营的地方)|"
                         r"(拿|用)(家|自家|家里)[^。？?]{0,6}(注册|登记|办执照)"),
    f"正常经营{param('startup_subsidy_min_operating_years').text()}以上": r"(开业|开店|营业|经营|干|开)(了)?(满|够|超过)(一|1)年|(开业|营业|经营|干|开)了(一|1)年(多|半)|(满|够)(一|1)年(了)?(还|才|能|就)",
    "低成本场地支持": r"没(有)?场地|(租|房租|门面)[^，。？?]{0,4}(太贵|贵)|便宜(点|些)?的(地方|场地|门面|房子)|(省|少|便宜|减|免)(点|些)?(房租|租金)|(房租|租金)[^，。？?]{0,3}(便宜|减免|优惠|低|减|免)|(房租|租金)[^，。？?]{0,6}多少|免租|场地(便宜|优惠|费)",
    "职业伤害保障制度": r"(骑手|外卖|快递|跑单|送货|送件|平台).{0,14}(保障|受(了)?伤|摔|出事|工伤)",
    "新兴业态企业": r"(平台|电商|直播|配送|外卖|网约车|共享)[^。？?]{0,4}(公司|企业)|新(行业|业态)的?(公司|企业)|新业态(的)?(公司|企业)",
    # （十九）: the office visit missed in the epidemic may be made up afterwards
    "延期至疫情防控结束之后办理": (r"(去不了|到不了|出不来|没法去|不能去|过不去|封在|封控|隔离|不方便去|被困|困在)[^。？?]{0,20}(手续|办理|办事)|"
                       r"(手续|办事)[^。？?]{0,8}(耽误|耽搁|误了|过了期限|过期|没办成|晚点办|拖到|推迟|延后|缓一缓)"),
    # （六）: social insurance reaching the platform workers
    "社会保险政策服务向新就业形态覆盖": (r"(社保|社会保险|保险)[^，。？?]{0,8}(管|覆盖|包括|算|顾)[^，。？?]{0,6}(外卖|骑手|快递|网约车|滴滴|主播|平台|美团)|"
                           r"(外卖|骑手|快递|美团|网约车|滴滴|主播|平台)[^，。？?]{0,12}(社保|社会保险)[^，。？?]{0,8}(管|覆盖|包括|算|份)"),
    "下调贷款利率": r"利息.{0,4}(太高|高了|往下|降|少点|低点)|利率.{0,4}(太高|往下|降)",
    "不得盲目抽贷、断贷": r"抽贷|断贷|收贷|不给续|不让续|抽走|收回贷款|(贷款|款)[^，。？?]{0,3}收回|抽回",
    "融资担保机构": r"(做|搞|干)担保的(公司|机构)?|担保(公司|机构)",
    "转型升级为小微企业": r"(个体户|个体工商户|小店|门店|摊)[^。？?]{0,12}(升|转|变|改)(成|为|级为|级成)(个)?(公司|企业|小微)|(升|转)(成|为)(个)?(正规)?(公司|企业)",
    "研发费用加计扣除": r"(研发|搞研究|科研|开发新产品)[^。？?]{0,14}(多扣|扣除|抵扣|抵税|少交税|少交点税|减税|扣点|扣一些)",
    "小微企业融资": r"借钱难|借不到钱|贷款难|贷不到款|融资难|(借|贷)(点)?钱(太)?难",
    "农民合作社": r"(成立|办|建|搞|开|组织|弄)(个|一个)?(农民)?合作社",
    "传统优势产业转型升级": r"(老|传统)(厂子|厂|企业|产业|行业|行当)[^。？?]{0,10}(咋弄|怎么办|咋办|会不会|关|倒|转型|升级|出路)",
    "扶贫车间": r"(扶贫|贫困户)[^。？?]{0,6}(作坊|小厂|加工点|车间)|家门口[^。？?]{0,6}(干活|上班|挣钱|打工|就业)",
    "免费线上技能培训": r"(不要钱|免费|不花钱|不收钱)的?(技能|手艺)?(培训|学手艺|学技术)|(培训|学手艺|学技术)[^。？?]{0,6}(要钱|收费|收钱|花钱)",
    "低保渐退": r"低保[^。？?]{0,16}(停|取消|没了|断|退掉|掉了)|(上班|工作|就业|挣钱)[^。？?]{0,10}低保[^。？?]{0,6}(还有|还能|还给|保留)",
    "统计监测": r"(统计(?!局)|盯着|监测)[^。？?]{0,12}(人数|多少人|情况|(?<!大)数据)|(人数|(?<!大)数据)[^。？?]{0,8}(盯着|监测)|政府[^。？?]{0,6}统计(?!局)",
    "预警分析": r"提前(知道|预警|发现|掌握|预防)",
    "规模性失业": r"(大批|大量|一大批|成批|一下子好多)[^。？?]{0,4}(人)?(裁|辞|失业|下岗)",
    "缓缴": r"(晚点|晚些|往后|推迟|延后|晚几个月)(再)?(交|缴)|(往后)?拖着(交|缴)|压着[^。？?]{0,4}(交|缴)|先不(交|缴)",
    "登记失业半年以上": r"登记失业[^。？?]{0,4}(多久|多长时间|几个月|多少天|多长)",
    "创业担保贷款": r"创贷|担保(的)?借(款|钱)|帮(着|人)?担保[^。？?]{0,4}借",
    # the annex's indicators in plain words (袁庄乡要让多少农村的人转出去打工)
    "农村劳动力转移就业": r"转出去(打工|就业|务工|干活)?|(农村|村里)(的)?(人|劳力|劳动力)[^。？?]{0,8}(转移|出去打工|外出务工)",
    "新增城镇就业": r"城里新(安排|增|找到)?[^。？?]{0,4}(上班|就业|工作)",
    "农村劳动力技能培训": r"(农村|村里)(的)?(人|劳力)[^。？?]{0,6}(学手艺|学技术|培训)",
    "返乡下乡创业": r"回乡下乡|回乡[^。？?]{0,4}创业",
    "就业困难人员": r"找(工作|活|事)(很|特别)?(难|困难)的人",
    "不发生规模性失业风险底线": r"守住[^。？?]{0,6}(线|底线)",
    "技能提升专项资金": r"(技能|培训)[^。？?]{0,6}(专门|专项)的?(一笔)?(钱|资金)",
    "弱贫困劳动力托底安置": r"(身体弱|体弱|干不了重活|没力气干活)的(穷人|贫困户|贫困人口|人|劳力|劳动力)",  # a group, not the asker
    "送政策、送服务、送要素、强信心": r"复工[^。？?]{0,12}送|给企业送",
    "用工情况调查": r"摸(一摸|摸|清|底)[^。？?]{0,10}(缺|用工|人)",
    "孵化成果补贴": r"(园区|基地)[^。？?]{0,4}扶(起|持起)",
    "高校毕业生就业服务月": r"(毕业生|出校门|毕业的)[^。？?]{0,12}(活动月|服务月)",
    "过剩产能职工分流安置": r"(关停|关了|去产能|煤矿|钢厂)[^。？?]{0,10}(下岗|工人|职工)[^。？?]{0,6}安置",
    "小微企业免征增值税": r"(小公司|小企业|小厂)[^。？?]{0,4}(少交税|减税|免税)",
    "职业介绍补贴": r"中介[^。？?]{0,6}(招人|介绍|招工)[^。？?]{0,6}补贴",
    "零就业家庭": r"(家里|家)[^，。？?]{0,4}(一个|没一个|没有一个)[^，。？?]{0,4}(上班|工作|就业)的?(都)?(没有|没|木有)",
}

def _fact_words(name: str, value=True) -> str:
    """The words language.extract reads a fact from: the same everyday words, listed once."""
    from language.extract import ENUMS, FLAGS, PARTIAL

    partial = [(n, p, True) for n, p in PARTIAL]  # 打零工 says 灵活就业, though not yet 已申报就业
    return "|".join(p for n, p, v in (*partial, *FLAGS, *ENUMS) if n == name and v == value)


# terms that are also facts of the asker: 打零工 → 灵活就业, 开店 / 摆摊 → 个体经营
SITUATION_TERMS = ("灵活就业", "个体经营")
EVERYDAY |= {"灵活就业": _fact_words("flexible_employed") + "|干零活|送快递",
             "个体经营": _fact_words("business_form", "个体经营")}
_COMPILED = [(term, re.compile(words)) for term, words in EVERYDAY.items()]


@lru_cache(maxsize=1)
def _source() -> str:
    from policy_kb.document import SOURCE, squeeze

    return squeeze(SOURCE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """everyday.yml: everyday expression → the policy term it stands for."""
    text = _source()
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8")) or {}
    # an expression the text uses itself (低保 in 低保家庭) already finds its own sentence: no term for it
    return {str(e): term for term, entry in data.items() for e in entry["everyday"] if str(e) not in text}


@lru_cache(maxsize=1)
def _lexicon_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(e) for e in sorted(lexicon(), key=len, reverse=True)))


def _word_boundaries(text: str) -> set[int]:
    from language.search import _tokenizer

    bounds, at = {0}, 0
    for word in _tokenizer().lcut(text):
        at += len(word)
        bounds.add(at)
    return bounds


def _across_words(text: str, match: re.Match, bounds: list) -> bool:
    """A two-character match made of the ends of two words (减员 in 扣减|员工) is not that word."""
    if match.end() - match.start() != 2:
        return False
    if not bounds:
        bounds.append(_word_boundaries(text))
    return match.start() + 1 in bounds[0] and match.start() not in bounds[0]


DENIED = re.compile(r"((?<!是)不是|(?<!算)不算|(?<!属)不属于|并非|(?<!有)没有|(?<![有没])没|(?<!是)非)$")  # 是不是, 有没有 ask


def _denied(text: str, match: re.Match) -> bool:
    return bool(DENIED.search(text[max(0, match.start() - 4):match.start()]))


def expand(text: str, everyday: bool = True) -> str:
    """``text`` with the policy terms for the everyday words it uses appended (unchanged when there are none);
    ``everyday=False``: the hand-listed words above only, not the lexicon."""
    bounds: list = []
    # a word the policy itself uses (自由职业 in 自由职业者) already finds its own sentence; a word denied
    # (也不是贫困户) names nothing the question is about
    terms = [term for term, words in _COMPILED if term not in text
             and any(m.group(0) not in _source() and not _across_words(text, m, bounds) and not _denied(text, m)
                     for m in words.finditer(text))]
    for m in _lexicon_pattern().finditer(text) if everyday else ():
        if _across_words(text, m, bounds) or _denied(text, m):
            continue
        term = lexicon()[m.group(0)]
        if term not in text and term not in terms:
            terms.append(term)
    return f"{text} {' '.join(terms)}" if terms else text
