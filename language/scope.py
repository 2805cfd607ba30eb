"""Questions this document does not answer, and questions about the document itself.

新密政〔2020〕4号 is one county-level city's 2020 document. It says nothing about other places' policies,
about subjects it does not cover (pensions, medical reimbursement, housing fund …) or about later
documents. Those questions get an answer of their own — what this document is, what it does not cover,
and where to ask (language.contact: the HR hotline for employment and social insurance, the citizen hotline for anything else) — never a
measure's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Places other than 新密. 郑州 is not here: the text cites 郑州市's unemployment-benefit standard and
# 郑州's human-resources department, so a question naming 郑州 may well be about this text.
OTHER_PLACES = (
    # 郑州's other counties, cities and districts (新密 is one of them)
    "巩义", "登封", "荥阳", "新郑", "中牟", "上街区", "惠济区", "金水区", "二七区", "中原区", "管城", "郑东新区", "航空港",
    # Henan's other cities
    "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河", "三门峡", "南阳", "商丘", "信阳",
    "周口", "驻马店", "济源",
    # other provinces, regions and large cities
    "北京", "上海", "天津", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海",
    "宁夏", "新疆", "香港", "澳门", "台湾", "广州", "深圳", "杭州", "南京", "武汉", "西安", "成都", "长沙", "苏州",
    "合肥", "济南", "石家庄", "太原", "沈阳", "长春", "哈尔滨", "福州", "厦门", "南昌", "青岛", "宁波", "东莞", "佛山",
    "昆明", "贵阳", "南宁", "兰州", "银川", "西宁", "乌鲁木齐", "拉萨", "呼和浩特", "海口", "大连", "无锡",
    "别的城市", "其他城市", "其他县", "外省的政策", "外地的政策",
)
# Subjects the document does not cover, with the words people use for them.
OTHER_SUBJECTS = {
    "社保补缴、断缴": r"补缴社保|社保.{0,4}补缴|社保断了|断缴|(养老|社保|保险)[^，。？?]{0,4}(断交|中断)",
    "社保缴纳纠纷（劳动保障监察）": r"^(?!.*(疫情|免征|减免|免了|缓缴|缓交)).*(不给|没给|不帮)(我|俺|员工|职工|工人)?(交|缴)(社保|保险)[^，。？?]{0,4}(怎么办|咋办|去哪|找谁|告)",
    "养老金、退休待遇": r"企业年金|职业年金|养老金|退休金|退休工资|养老待遇|领养老|退休待遇|退休手续|办退休|提前退休|延迟退休|退休年龄|(几|多少)岁(能)?退休|(能|可以)退休(不|吗)|补缴养老|养老保险(转移|待遇|怎么领)",
    "医保报销、就医": r"医保报销|报销|异地医保|医保[^，。？?]{0,4}备案|合作医疗|(?<!不够)看病(?=[^，。？?]{0,6}(?:报|咋|怎么|多少|花|费|贵|难))|住院|门诊|医保卡|新农合|大病保险|异地就医|就医备案|医疗救助|大病救助",
    "城乡居民养老保险、医保的个人缴费": r"城乡居民(养老|医保|医疗)|新生儿|医保(在哪|去哪|怎么|咋)(办|参保|登记)|居民养老保险|养老保险[^。？?]{0,8}(档次|交多少|缴费标准|最低交|最少交|最低缴)|(?<!缓)交医保|医保.{0,4}(多少钱|缴费标准|怎么交|交多少)|缴费基数|缴费档次",
    "社保关系转移、社保卡": r"转移接续|社保转移|社保关系.{0,4}转|社保.{0,2}转(到|过来|回)|社保卡.{0,3}(补办|挂失|激活|办理|丢|掉了|补|换)|办社保卡",
    "住房公积金": r"公积金",
    "个人所得税": r"(?<![这那个哪每几两])个税|个人所得税.{0,4}汇算|年度汇算|汇算清缴|个税退税|专项附加扣除",
    "升学、教育资助": r"升学|学费|奖学金|助学金(?!贷款)|上大学补贴|考大学|择校|入学|学区|中考|高考|幼儿园",
    # 户口 asked about, not the asker's 户口在新密
    # the papers as the subject (办、补、换), not as an application's material (贷款得准备啥证件 身份证户口本要不要)
    "税务办理（报税、发票、定额）": r"定额税|核定征收|(专用)?发票(怎么|咋)?开|开发票|报税|纳税申报|税(怎么|咋)报",
    "劳务派遣、人力资源服务许可": r"劳务派遣|派遣资质|人力资源服务许可",
    "退役军人待遇、优抚": r"退伍费|退役金|退伍安置费|优抚|老兵补贴|伤残军人|军属",
    "罚款、投诉平台": r"罚款|被罚|申诉",
    "户口、证件办理": (r"(营业)?执照(丢|掉|遗失|补办)|补办(营业)?执照|(营业执照|企业|个体户|工商)年报|年报(怎么|咋|在哪|去哪|逾期|截止|没报)|落户|户口(迁|转|怎么|咋|办|登记|问题|落)|(迁|转|办|上|落)户口|户口(本|簿)(丢|掉|补)|"
                  r"(身份证|居住证|驾照|驾驶证|护照|结婚证)(丢|掉|补|办|换|过期|到期|延期|挂失|在哪|去哪|怎么|咋)|办(个|张)?(身份证|居住证|驾照|驾驶证|护照|结婚证|残疾证)|"
                  r"残疾证(怎么|咋|办理|在哪|去哪)|残疾(等级)?鉴定|(食品|卫生|经营|烟草|排污|药品)(经营)?许可证|(开|办)[^，。？?]{0,6}(要|得|需要)办(啥|什么|哪些)证"),
    "环评、消防等行政审批": r"环评|环境影响评价|安评|消防(验收|审批|许可)|施工许可",
    "工伤认定与赔偿": r"工伤认定|工伤赔偿|伤残鉴定|工伤保险待遇",
    "失业保险金的申领": r"失业(保险)?金[^，。？?]{0,8}(领多久|怎么领|咋领|怎么申请|咋申请|去哪领|在哪领)|失业金怎么领|领失业金|失业保险金怎么领|失业保险金申领|失业金能领|失业金咋领|失业金(怎么|咋)(申请|办)|领失业保险金",
    "生育、育儿补贴": r"生育津贴|生育补贴|育儿补贴|产假|陪产假|育儿假|二胎|三胎|二孩|三孩|生孩子|生娃|怀孕|独生子女",
    "住房、拆迁": r"人才公寓|征地|土地补偿|青苗费|宅基地|拆迁|房价|一平(米)?多少|多少钱一平|二手房|廉租房|公租房|买房补贴|房补|购房|房贷|契税",
    "农业补贴": r"种粮补贴|农机补贴|粮食补贴|耕地补贴|良种补贴",
    "商标、专利、知识产权": r"商标|专利|知识产权|著作权|版权登记",
    "劳动合同法的具体规定（试用期、经济补偿）": r"试用期|经济补偿|赔偿金|(双倍|二倍|两倍)工资|n\+1|N\+1|解除劳动合同[^，。？?]{0,4}(赔|补偿)",
    "其他税种（房产税、土地使用税、关税等）": r"房产税|土地使用税|关税|印花税|消费税|车船税|环保税|资源税",
    "社保费率": r"(失业|养老|工伤|医疗)?保险(费)?费率|缴费费率",
    "退休返聘": r"返聘|退休(以后|后|了)[^，。？?]{0,6}(再)?(上班|干活|打工|签合同|签劳动合同)",
    "最低工资、加班、休假": r"最低工资|加班费|年假|年休假|婚假|病假工资",
    "三支一扶、公务员、事业单位招考": r"三支一扶|考公务员|公务员考试|事业单位.{0,4}(考试|招考|公告|招聘|招人|编制|报名)|(考|进)编制|事业编|村官(考试|招考|报名)|特岗教师|选调生|西部计划|征兵|当兵|教师资格证|资格证考试|专升本|考研|考编",
    "残疾人两项补贴、养老服务补贴": r"两项补贴|残疾人(生活|护理)补贴|高龄补贴|养老服务补贴",
    "社保查询、参保证明": r"社保(记录|缴费记录)?(怎么|咋|在哪|去哪)(查|打印)|查(询)?(一下)?(我的)?社保|缴费记录|参保证明|社保(交了|缴了)几年",
    "职称评审": r"评职称|职称(评审|评定|申报|考试)",
    "婚姻家庭、继承等法律问题": r"离婚|继承|遗产|赡养费|抚养费|彩礼",
    "医疗卫生": r"挂号|疫苗|核酸|体检报告",
    "个人贷款、信用卡": r"车贷|信用卡|网贷|花呗|借呗|房贷利率|消费贷|贷款买(辆|个)?车|买(辆|个)?车[^，。？?]{0,4}贷",
    "低保标准": r"低保(标准|金)(是|每|多少|现在|有多少)|低保[^，。？?]{0,4}每(人|月)[^，。？?]{0,4}多少",
    "出国、签证": r"签证|出国(打工|劳务|务工)|劳务输出到国外",
    "天气、交通等生活问题": r"天气|下雨|堵车|公交|火车|高铁|外卖好吃|彩票|股票|上牌|车牌|违章|消费券|水费|电费|燃气费",
}
NEWER = r"(?<!\d)(202[1-9]|20[3-9]\d)(?!\d)(?!年?(了|才|那会|的时候))(?!年?.{0,3}(毕业|开|办|注册|回(来|乡|家|到|老家|新密)|返(乡|回|家|新密)|创(业|办)?(的|了|时|那|过)|入职|离职|退伍|招|出生|来))(?!届)|最新的?.{0,4}(政策|文件|规定|标准)|新出的|新出台|今年的新政策|现在的新政策|新政策"
NEWER_STRONG = r"(?<!\d)(202[1-9]|20[3-9]\d)(?!\d)(?!年?(了|才|那会|的时候))(?!年?.{0,3}(开|办|注册|回(来|乡|家|到|老家|新密)|返(乡|回|家|新密)|创(业|办)?(的|了|时|那|过)|入职|离职|退伍|招|毕业|出生|来))[^，。？?]{0,12}(政策|文件|规定|补助|补贴标准|新标准|目标任务|分解表)|(?<!\d)(202[1-9]|20[3-9]\d)(?!\d)(?!年?(了|才|那会|的时候))(?!年?.{0,3}(开|办|注册|回(来|乡|家|到|老家|新密)|返(乡|回|家|新密)|创(业|办)?(的|了|时|那|过)|入职|离职|退伍|招|毕业|出生|来))[^，。？?]{0,16}(标准|基数|费率|税率|目标任务|任务分解)|(?<!\d)(202[1-9]|20[3-9]\d)(?!\d)(?!年?(了|才|那会|的时候))(?!年?.{0,3}(开|办|注册|回(来|乡|家|到|老家|新密)|返(乡|回|家|新密)|创(业|办)?(的|了|时|那|过)|入职|离职|退伍|招|毕业|出生|来))[^，。？?]{0,12}(补贴|补助|额度|贷款)[^，。？?]{0,6}(多少|标准|调整|变化|提高)|有没有新(变化|规定|政策)|(有啥|有什么|有哪些)新(变化|规定|政策|调整)|扩岗补助|一次性扩岗|(又|新)出(了|台了)?(啥|什么|哪些)?(新)?[^，。？?]{0,4}政策|新的?(政策|规定|文件)出来|最新的?.{0,4}(政策|文件|规定|标准)|新出台|新出的"
IN_FORCE = r"有效期|(不|还)管用|有效几年|还有效|是否有效|有效吗|失效|废止|作废|过期了吗|还管用|还执行吗|还在执行|现在还适用|现行有效|还算数|还作数|作不作数"
# the annex's name asked (附件那张表叫啥): the document's answer names it; what the table is (附件是个啥表) is the annex's own
ANNEX_NAME = r"附件[^，。？?]{0,4}叫(个)?(啥|什么)(名字|名称)?|附件(的)?(名字|名称|标题|全称)"
SECTION = r"第([一二三四五六七1-7])(个)?(大)?(部分|块)"  # a part of the document by its ordinal (第二部分讲啥)
WHICH_DOCUMENT = (r"发文机关|发文单位|发文机构|(几月几号|几号|哪天|哪一天|什么时候|啥时候)(印发|发的|出的)|印发(时间|日期|单位)|文件(的)?(标题|题目|名字|名称|全称)|"
                  r"(标题|全称|全名)(是|叫)|文件.{0,3}(全名|全称|名字)|分(为)?几(个)?部分|几个部分|几大部分|几大块|文件(的)?结构|"
                  r"(是|算)?(个)?(啥|什么)(样的)?文件|文件.{0,4}(啥时候|什么时候)|(啥时候|什么时候)(发|出|印发|出台|下发)|会议.{0,6}通过|经过.{0,4}会议|(哪次|什么|啥)会(议)?上?.{0,6}(研究|通过|定)|研究通过|主办单位|督办|抄送|哪一?年的?(政策|文件)|哪一?年(的|出|发|定)|是哪年|什么时候(发|出|印发|出台|下发)的|哪天(发|印发|出台)|发文(时间|日期|字号)|成文(日期|时间)|(印发|发文|成文)的?(日期|时间|是哪天)|文件(的)?日期|文号|几号文|"
                  r"谁(发|出|印发)的|主送|(市政府|人社局|政府|哪个局)(发|出|印发)的|(哪个|什么|哪一?级)(部门|单位|机关|机构|办公室)(发|出|印发|发布)|由(哪个|什么|啥)?[^，。？?]{0,4}(办公室|部门|单位)?印发|(为啥|为什么|为何)(要)?(出|发|印发|出台|制定)(这个|这份)?(文件|政策)|文件(名字|名称|全称|叫什么)|这个文件|这份文件|这个政策是|"
                  + ANNEX_NAME + "|" + SECTION + r"|多少条(?!件)|几条措施|几条(?!件)|哪几部分|有哪些措施|共几条|依据(的)?(是)?哪个文件|根据哪个文件")


ABOUT_DOCUMENT = re.compile(r"(这个|这份|该|本|整个)(文件|实施意见|政策文件)|文件(本身|整体)|4号文|这(是|份是|个是)[^，。？?]{0,8}(的)?文件")


def names_the_document(text: str) -> bool:
    """The message is about the document as a whole (这个文件还管用吗), not about one of its measures."""
    return bool(ABOUT_DOCUMENT.search(text))


@dataclass(frozen=True)
class Scope:
    kind: str  # other_place | other_subject | newer | in_force | document
    what: str = ""
    words: str = ""  # the words that named the other subject (个人所得税年度汇算)


# 郑州 as the place whose own policy is asked (郑州市区的创业补贴), not the 郑州市 the text cites.
ZHENGZHOU_ITSELF = re.compile(r"郑州(市区|市里|市内|城区|那边|那里|本地|当地)(?![^，。？?]{0,2}(审|批|认定|拨|打钱|发钱|负责|评))|郑州(市)?的(创业|就业|补贴|政策|人才|社保|住房|公积金)|郑州人才")
_PLACES = "|".join(sorted(OTHER_PLACES, key=len, reverse=True))
# A place in the asker's own story (在广东打工十来年、从深圳回来) is no question about that place's policy.
_BIOGRAPHY = re.compile(rf"(在|从|去|到|上|跑)({_PLACES}|郑州)(市|省|那边|那儿)?[^，。？?\s]{{0,6}}"
                        r"(打工|打了|上班|干|工作|务工|打拼|回来|回到|回乡|返乡|读书|上学|上大学|毕业|待了|呆了|待过|呆过|做|住|生活)")


def other_place(text: str) -> str | None:
    """Another place whose policy the text asks about (跟新密一样不 compares it with this one)."""
    asked = _BIOGRAPHY.sub("", text)
    comparing = re.search(r"(跟|和|与|同|比)新密", asked)
    for place in OTHER_PLACES:
        if place in asked and ("新密" not in asked or comparing):
            return place
    if ZHENGZHOU_ITSELF.search(asked) and ("新密" not in asked or comparing):
        return "郑州市（市区）"
    return None


# （十二）'s deductions include 个人所得税: a question about them is no question about the income tax as such.
OWN_TAX_RELIEF = re.compile(r"扣减|个体|限额|12000|税收优惠|重点群体|自主创业")


# Words that make a subject's words part of a question about a measure: the employer's share deferred (医保单位那部分
#晚点交, （一）), research costs deducted (研发…报税时多扣, （二）).
NOT_THE_SUBJECT = {
    "医保报销、就医": r"(单位|厂里|公司|企业)[^。？?]{0,8}(缓缴|缓交|晚点交|晚些交|压着|先不交|推迟交)",
    "税务办理（报税、发票、定额）": r"研发|加计扣除",
    "罚款、投诉平台": r"缓缴|缓交|拖着(交|缴)|晚点交|滞纳金",  # 医保拖着交会不会加罚款: （一）'s 免收滞纳金
    "失业保险金的申领": r"人数|统计|盯着|监测",  # 领失业金的人数: （二十二）'s monitoring
}
# A subject named as what the asker worries about or has just been through is their story, not the question.
ASIDE = re.compile(r"(怕|担心|耽误|影响|生完|刚生了|生了个|刚生)$")
NEAR_RETIREMENT = re.compile(r"(距|离|还有|还差|差|不到|不足|没到)[^，。？?]{0,6}退休[^。？?]{0,16}(补贴|社保补)|(补贴|社保补)[^。？?]{0,10}(补|延长)到退休")
BUSINESS_SETTLING = re.compile(r"企业|公司|厂|项目|产业|园区|片区|我们是做")


def read_scope(text: str) -> Scope | None:
    """How a (normalised) question stands to this document: None when it may be about its measures."""
    place = other_place(text)
    if place:
        return Scope("other_place", place)
    if re.search(NEWER_STRONG, text) and "2020" not in text:  # a later year's standard, whatever its subject
        return Scope("newer_strong")
    for subject, pattern in OTHER_SUBJECTS.items():
        found = re.search(pattern, text)
        if found and found.group(0) == "落户" and BUSINESS_SETTLING.search(text):
            continue  # a firm 落户 in an industrial area is no household registration
        if found and subject.startswith("养老金") and NEAR_RETIREMENT.search(text):
            continue  # （二十一）'s subsidy runs to retirement for those within 5 years of it
        if found and subject in NOT_THE_SUBJECT and re.search(NOT_THE_SUBJECT[subject], text):
            continue
        if found and ASIDE.search(text[max(0, found.start() - 4):found.start()]):
            continue  # 怕耽误考研, 刚生完二胎: the subject is the asker's story, not the question
        if found and not (subject == "个人所得税" and OWN_TAX_RELIEF.search(text)):
            return Scope("other_subject", subject, found.group(0))
    if re.search(IN_FORCE, text) and names_the_document(text):  # 这份文件还作数吗？2023年还能按它申请吗
        return Scope("in_force")
    if re.search(NEWER, text) and "2020" not in text:
        return Scope("newer")
    if re.search(IN_FORCE, text):
        return Scope("in_force")
    if re.search(WHICH_DOCUMENT, text):
        return Scope("document")
    return None
