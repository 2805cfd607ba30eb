"""What a question asks for: a figure, who qualifies, how to apply, the deadline, the department …

The type decides which sentences of a measure an answer must carry (the one holding the figure, the
condition, the date or the department asked about). It is read from the words of the question; the
NLU's follow-up intents (ask_amount, ask_deadline …) are a hint when the words say nothing.
"""

from __future__ import annotations

import re

AMOUNT = "amount"  # a money figure: 多少钱, 补多少, 最高贷多少
FIGURE = "figure"  # another number: a ratio, a duration, an age, a count, a contract length
WHO = "who"  # who qualifies, the conditions
HOW = "how_to_apply"
DEPARTMENT = "department"
MATERIALS = "materials"
DEADLINE = "deadline"  # is it still on, until when
FULL_TEXT = "full_text"
WHAT = "what"  # what the measure is about

TYPES = (AMOUNT, FIGURE, WHO, HOW, DEPARTMENT, MATERIALS, DEADLINE, FULL_TEXT, WHAT)

# Words for application papers; 耐火材料厂 and 原材料 are no question about them.
MATERIAL_WORDS = r"(?<!耐火|建筑|装饰|建材)(?<!原)材料(?!厂|行业|企业|公司)|资料|证件|复印件|证明"

# The order matters: the first pattern that matches decides ("怎么申请，要带啥材料" is about materials).
_PATTERNS: list[tuple[str, str]] = [
    (FULL_TEXT, r"原文|全文|(?<![一这那哪每])条文|原话|原句|具体条款|文件内容发|发给我看"),
    (MATERIALS, MATERIAL_WORDS + r"|手续要啥|带(什么|啥|哪些)|(要|得|需要)带[^，。？?]{0,6}(还是|吗|不|啥|什么)|(交|提交|提供|带|准备)[^，。？?]{0,8}(协议|明细|花名册|发票|台账|申请表)|需要准备|要准备|要提供|提交什么|提交啥"),
    (DEPARTMENT, (r"哪个部门|哪些部门|哪几个部门|什么部门|啥部门|哪个单位负责|哪些单位(负责|参与)|谁负责|归谁管|谁管|找谁|找哪个|"
                  r"哪个局|主管部门|责任部门|责任单位|负责单位|牵头|负责部门|部门负责|(局|办|联|会|中心|行).{0,10}(也)?(管不管|管吗|能管不|管不管|管没管|管事|负责吗|负责不|参与吗|参与不|也参与)|哪(个|些|几个|几家)(单位|部门|机关)(管|负责|牵头|办)|(局|办|委|联|会|中心).{0,10}也管|(局|办|委|联|会|中心).{0,10}有没有(负责|参与|份)|(局|办|委|联|会|中心|行)的事(吗|不|没|儿)|有(没有)?[^，。？?]{1,8}(局|办|委|联|会)(吗|不|没)|(交|报|递)给谁|涉及.{0,8}(局|办|委|联|会)(吗|不|没)|(局|办|委|联|会|中心)(也|都)?(涉及|参与|有份)|归哪(两|几|些)?个?(部门|单位)|写没写.{0,6}(局|办|联|会|中心)|"
                  r"(由|是)?谁(来)?(审核|审批|拨付|拨的|拨钱|发放|发钱|受理|集中申报|申报|上报|报上去|集中报)|"
                  r"(一家|单独)管|涉及(的)?(哪些|哪几个)?部门|部门(有|都有|是)(哪些|谁|啥)|哪(几家|些|几个)(负责|管|牵头)|哪(些|个|几个|几家)(单位|部门)(在)?管|还有(别的|其他|哪些)部门|找哪(些|几个|几家)(单位|部门)?|"
                  r"有(没有)?(啥|什么)?(职责|责任|分工)|(职责|责任|分工)(吗|不|没|呢)|(局|办|联|会|中心|行|委)[^。？?]{0,16}(负责吗|负责不|管吗|管不管)")),
    (HOW, (r"(向|跟|找|给)谁(提|提出|递交|交)?(申请|申报|报名)|(去|到)哪(个|家)(窗口|部门|地方|单位|大厅)|(去|到|找)[^，。？?]{1,8}(交|报|递)[，,]?还是|怎么(申请|申领|办|领|弄|报|拿|申报|参加|报名|享受)|咋(申请|申领|(?<!(可以|应该)咋)(?<!该咋)办|领|弄|报|拿|整)|如何(申请|办理|领取|申报|享受)|"
          r"(去|到)哪(里|儿)(办|申请|领|报|交|问)?|(去|到)哪(办|申请|领|报|交|问)|(自己|得|要|需要)(去)?[^，。是能可不]{0,6}(申请|申报|备案)|备案|(去|到|找)哪(家|个)银行|"
          r"(?<![现得做])(在|去|到|找)[^，。？?]{1,8}(申请|办|领|报)还是|(是|由)[^，。？?]{1,6}(给)?(办|申请|受理)还是|自动(就)?(减|享受|发|到账)|(打|发|转|拨)到哪|(什么|啥)时候(打|发|转|拨)(到|钱|下来)|到账|在哪(里)?(办|申请|领|报)|流程|步骤|办理|申领程序|网上.{0,3}(办|申请)|哪里(办|申请|领)|报名")),
    (DEADLINE, (r"截止|期限|到什么时候|到啥时候|到哪天|几月份?(结束|截止)|什么时候(结束|截止|到期)|还能(办|申请|领|享受|用)|"
               r"还有效|有效期|还执行|还在执行|还实行|过期|到期|还算数|现在还|今年还|还有没有|还有吗|实施期|执行期|多久(截止|结束)|"
               r"最晚|最迟|(什么|啥)时候(申请|办|补办|领|发|开始|能|起|到账|拨)|几月份|到几月|哪一?年(开始|起)|从哪(天|年|个月)|"
               r"多(久|长时间)(之内|以内|内)(?!.{0,4}(多少|几))|(前|后)(发|给|拨|到账|申请)还是")),
    (FIGURE, (r"延长(到|至)[^，。？?]{0,4}(年|个月|月)|最短多长|最长多长|多长(?!时间)(?=.{0,3}$)|比例|百分之|百分比|%|几成|(?<!好)几个月|多少个月|多长时间|多久|(?<![一二三四五六七八九十零〇\d好])几年|多少年|(?<!好)几天|多少天|几个?工作日|多少个?工作日|几周|期限最长|年限|几岁|多大年龄|年龄|"
             r"多少人|(?<!了)(几个人|几户|几次|几回)(?!危房|房|人家|贫困户)|多少名|多少次|税率|利率|利息|贴息|合同.{0,4}(多长|几年)|多少户|人次|"
             r"控制在多少|多少以(内|下|上)")),
    (AMOUNT, (r"多少钱|几块钱|多少块|多少元|多少万|几万|补多少|补贴多少|贷多少|能贷|额度|金额|标准是|补助标准|补贴标准|"
             r"奖补多少|(按|照)(啥|什么|哪个)标准|啥标准|什么标准|奖励多少|给多少|发多少|返多少|返还多少|能拿多少|能领多少|领多少|多少补贴|最高|最多|上限|怎么算|咋算|计算|"
             r"扣减多少|减多少|免多少|少交|多少[？?]?$|几千|多钱|奖金|(按|奖|罚)多少|多少(发|给|奖|补|返)|多少(生活费|工资|补助|工钱|费用|经费)")),
    (WHO, (r"谁能|谁可以|哪些人|什么人|啥人|哪类人|条件|资格|符合|够不够|能不能|可不可以|能否|可以(申请|领|享受|参加|办)吗|"
          r"能(申请|领|享受|参加|办|贷)(吗|不)|对象|范围|包括|适用|算不算|有没有份|有我的份")),
    (WHAT, r"是什么|是啥|啥意思|什么意思|讲的(是)?啥|讲了什么|说的啥|介绍|内容|有哪些|有什么|有啥|干啥的|弄啥"),
]
_COMPILED = [(t, re.compile(p)) for t, p in _PATTERNS]
_HOW = dict(_COMPILED)[HOW]

# a length of time asked (几年, 多久, 差几年以内); 好几年 tells the asker's story, it asks nothing
ASKS_DURATION = re.compile(r"(?<![一二三四五六七八九十零〇\d好])几年|多少年|(?<!好)几个月|多少个月|多长(时间)?|多久|年限|几天|多少天|几个?工作日|几周")
# what a term covers (啥叫灵活就业, 重点群体包括哪些人): answered by the sentence that lists it ("…等重点群体")
ASKS_DEFINITION = re.compile(r"(啥|什么)叫|什么是|是(啥|什么)意思|指(的是)?(啥|什么|哪些)|算不算|属不属于|包括(啥|什么|哪些)")


def defines(sentence: str, tokens: list[str]) -> bool:
    """The sentence lists what a term of the question covers (…等形式灵活就业, …等重点群体)."""
    return any(len(t) >= 3 and re.search(rf"等(形式|方式|类型)?(的)?{re.escape(t)}", sentence) for t in tokens)


FOLLOW_UP_INTENTS = {
    "ask_amount": AMOUNT,
    "ask_deadline": DEADLINE,
    "ask_department": DEPARTMENT,
    "ask_how_to_apply": HOW,
    "ask_materials": MATERIALS,
    "ask_full_text": FULL_TEXT,
}


def question_type(text: str, intent: str | None = None) -> str:
    """The type of a (normalised) question; the follow-up intent decides when the words don't."""
    for kind, pattern in _COMPILED:
        if pattern.search(text or ""):
            if kind == DEPARTMENT and _HOW.search(text):  # 找谁申请、咋申请: the how answer names the department too
                return HOW
            return kind
    return FOLLOW_UP_INTENTS.get(intent or "", WHAT)
