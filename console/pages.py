"""Staff console pages (Chinese, 1366-wide, keyboard-usable): layout, sign-in, chat, measures, annex.

Pages are rendered on the server from ``console.data`` dictionaries with :mod:`console.html`, which escapes
every value. Only the chat pane needs a script (``static/console.js``, same origin).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from console.html import Markup, join, lines, tag

STATIC = Path(__file__).parent / "static"
TITLE = "新密稳就业政策助手 · 热线坐席台"
NAV = (
    ("chat", "对话助手"),
    ("measures", "政策条文"),
    ("annex", "附件任务表"),
    ("lookup", "查询编号"),
    ("screen", "代为筛查"),
    ("stats", "统计监测"),
)
ADMIN_NAV = (("audit", "审计日志"),)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (STATIC / "console.css").read_text(encoding="utf-8")


def content_security_policy() -> str:
    digest = base64.b64encode(hashlib.sha256(stylesheet().encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
        f"style-src 'sha256-{digest}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def layout(
    base: str,
    title: str,
    body: Markup,
    active: str | None = None,
    csrf: str = "",
    script: bool = False,
    admin: bool = False,
) -> str:
    """A whole page; ``active`` names the nav entry, None for pages before sign-in; administrators also
    see 审计日志."""
    nav = None
    if active is not None:
        items = [
            tag("li", tag("a", label, href=f"{base}/{key}", aria_current="page" if key == active else None))
            for key, label in NAV + (ADMIN_NAV if admin else ())
        ]
        logout = tag(
            "form",
            tag("input", type="hidden", name="csrf", value=csrf),
            tag("button", "退出登录", type="submit", class_="link"),
            method="post",
            action=f"{base}/logout",
            class_="logout",
        )
        nav = tag("nav", tag("ul", *items), logout, aria_label="主菜单")
    head = join(
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("meta", name="csrf-token", content=csrf) if csrf else None,
        tag("meta", name="staff-base", content=base),
        tag("title", f"{title} - {TITLE}"),
        Markup(f"<style>{stylesheet()}</style>"),
        tag("script", src=f"{base}/static/console.js", defer=True) if script else None,
    )
    page = tag(
        "html",
        tag("head", head),
        tag(
            "body",
            tag("a", "跳到主要内容", href="#main", class_="skip"),
            tag("header", tag("p", TITLE, class_="brand"), nav),
            tag("main", tag("h1", title), body, id="main", tabindex="-1"),
        ),
        lang="zh-CN",
    )
    return "<!DOCTYPE html>\n" + page


def alert(text: str, kind: str = "error") -> Markup:
    return tag("p", text, class_=f"alert {kind}", role="alert" if kind == "error" else "status")


def definition_list(rows: list[tuple[str, object]]) -> Markup:
    return tag("dl", *[join(tag("dt", k), tag("dd", v)) for k, v in rows], class_="facts")


# --- sign-in -------------------------------------------------------------------------------------------


def login_page(base: str, next_url: str = "", error: str = "", configured: bool = True) -> str:
    if not configured:
        body = alert(
            "员工控制台未启用：还没有员工账号。请设置第一个管理员（环境变量 XINMI_STAFF_ADMIN_NAME 和 "
            "XINMI_STAFF_ADMIN_PASSWORD，或 credentials.yml 的 bot.channels.staff.StaffConsole 部分），"
            "或用 python -m records staff add 添加账号，然后刷新本页。"
        )
        return layout(base, "员工登录", body)
    form = tag(
        "form",
        tag("label", "账号", for_="name"),
        tag(
            "input",
            type="text",
            id="name",
            name="name",
            autocomplete="username",
            autofocus=True,
            maxlength="64",
            aria_describedby="login-help",
        ),
        tag("label", "员工口令", for_="password"),
        tag(
            "input",
            type="password",
            id="password",
            name="password",
            autocomplete="current-password",
            required=True,
            aria_describedby="login-help",
        ),
        tag(
            "p",
            "请输入管理员为您开设的账号和口令，按回车登录。一段时间不操作或下班后需重新登录。",
            id="login-help",
            class_="hint",
        ),
        tag("input", type="hidden", name="next", value=next_url),
        tag("button", "登录", type="submit"),
        method="post",
        action=f"{base}/login",
        class_="login",
    )
    return layout(base, "员工登录", join(alert(error) if error else None, form))


# --- chat pane ------------------------------------------------------------------------------------------


def chat_page(base: str, csrf: str, admin: bool = False) -> str:
    conversation = tag(
        "section",
        tag("h2", "对话", id="chat-heading"),
        tag("ol", id="chat-log", class_="chat-log", aria_live="polite", aria_labelledby="chat-heading"),
        tag(
            "form",
            tag("label", "来电人的问题", for_="question"),
            tag(
                "div",
                tag(
                    "input",
                    type="text",
                    id="question",
                    name="text",
                    required=True,
                    autofocus=True,
                    maxlength="500",
                    autocomplete="off",
                    placeholder="例如：创业担保贷款能贷多少",
                ),
                tag("button", "发送", type="submit"),
                class_="row",
            ),
            tag(
                "p",
                "按回车发送。答复来自政策助手本身；右侧显示所引条款的原文、负责部门和标准答复口径。",
                class_="hint",
            ),
            id="chat-form",
            class_="chat-form",
        ),
        tag("button", "新来电（开始新对话）", type="button", id="new-call", class_="secondary"),
        class_="pane conversation",
        aria_labelledby="chat-heading",
    )
    # The standard answer comes first in the pane, so it is in view at 1366×768 without scrolling; the clause
    # text below it scrolls inside the pane.
    clause = tag(
        "section",
        tag("h2", "所引条款", id="clause-heading"),
        tag("p", "", id="clause-title", class_="clause-title"),
        tag("h3", "标准答复口径", id="standard-heading"),
        tag("label", "标准答复口径（可复制给来电人）", for_="standard", class_="visually-hidden"),
        tag("textarea", id="standard", readonly=True, rows="9", aria_describedby="copy-status"),
        tag(
            "div",
            tag("button", "复制标准答复", type="button", id="copy-standard"),
            tag("span", "", id="copy-status", role="status"),
            class_="row",
        ),
        tag(
            "div",
            tag("p", "发送问题后，这里显示答复所引用条款的原文、负责部门和标准答复口径。", class_="hint"),
            id="clause",
            class_="clause-body",
            aria_live="polite",
        ),
        class_="pane clause",
        aria_labelledby="clause-heading",
    )
    noscript = tag("noscript", alert("对话助手需要启用 JavaScript。其他页面无需脚本即可使用。"))
    return layout(
        base,
        "对话助手",
        join(noscript, tag("div", conversation, clause, class_="columns")),
        "chat",
        csrf,
        script=True,
        admin=admin,
    )


# --- measures and the annex ------------------------------------------------------------------------------


def _window_badge(is_open: bool) -> Markup:
    return tag("span", "实施中" if is_open else "已结束", class_="badge open" if is_open else "badge closed")


def _condition(node: dict) -> Markup:
    if node["kind"] == "test":
        facts = f"（依据：{'、'.join(node['facts'])}）" if node["facts"] else ""
        return tag("li", node["text"], tag("span", facts, class_="hint"))
    return tag("li", node["text"] + "：", tag("ul", *[_condition(p) for p in node["parts"]]))


def rule_card(rule: dict) -> Markup:
    rows = [
        ("适用对象", f"{rule['applicant']}（{rule['kind']}）"),
        ("金额/标准", rule["amount"] or "—"),
        ("期限", rule["period"] or "—"),
        ("实施期限", join(rule["window"], " ", _window_badge(rule["window_open"]))),
        ("需要的信息", "、".join(rule["facts"])),
        ("怎么申请", rule["how_to_apply"] or "文件未规定具体申请流程"),
        ("依据", f"{rule['citation']}：{rule['sentence']}"),
    ]
    if rule["deferred"]:
        rows.append(("按上级规定", "；".join(rule["deferred"])))
    return tag(
        "article",
        tag("h4", rule["name"]),
        definition_list(rows),
        tag(
            "details", tag("summary", "条件"), tag("ul", _condition(rule["conditions"]), class_="conditions")
        ),
        class_="rule",
    )


def measures_page(base: str, csrf: str, listing: dict, detail: dict | None, admin: bool = False) -> str:
    search = tag(
        "form",
        tag("label", "搜索条文", for_="q"),
        tag(
            "div",
            tag(
                "input",
                type="search",
                id="q",
                name="q",
                value=listing["query"],
                placeholder="例如：创业贷款、见习补贴、稳岗返还",
            ),
            tag("button", "搜索", type="submit"),
            class_="row",
        ),
        method="get",
        action=f"{base}/measures",
        role="search",
    )
    hits = None
    if listing["query"]:
        if listing["hits"]:
            hits = tag(
                "section",
                tag("h2", f"“{listing['query']}”的搜索结果"),
                tag(
                    "ol",
                    *[
                        tag(
                            "li",
                            tag(
                                "a",
                                f"{h['label']}{h['title']}",
                                href=f"{base}/measures?"
                                + urlencode({"n": h["number"], "q": listing["query"]}),
                            ),
                            tag("p", h["snippet"], class_="hint"),
                        )
                        for h in listing["hits"]
                    ],
                    id="search-hits",
                ),
                class_="hits",
            )
        else:
            hits = alert(f"没有找到与“{listing['query']}”相关的条文，请换个说法。", "info")
    index = tag(
        "nav",
        tag("h2", "全部条文（总体要求和26条措施）", id="index-heading"),
        tag(
            "ol",
            *[
                tag(
                    "li",
                    tag(
                        "a",
                        f"{m['label']}{m['title'] if m['label'] != m['title'] else ''}",
                        href=f"{base}/measures?n={m['number']}",
                        aria_current="true" if detail and detail["number"] == m["number"] else None,
                    ),
                )
                for m in listing["measures"]
            ],
            class_="measure-index",
        ),
        tag("p", tag("a", "附件：目标任务分解表", href=f"{base}/annex")),
        aria_labelledby="index-heading",
        class_="pane index",
    )
    body = tag(
        "div",
        index,
        tag("div", search, hits, measure_section(detail) if detail else None, class_="pane detail"),
        class_="columns",
    )
    return layout(base, "政策条文", body, "measures", csrf, admin=admin)


def measure_section(d: dict) -> Markup:
    params = (
        tag(
            "table",
            tag("caption", "金额、标准与期限"),
            tag(
                "thead",
                tag(
                    "tr",
                    tag("th", "取值", scope="col"),
                    tag("th", "实施期限", scope="col"),
                    tag("th", "原文", scope="col"),
                ),
            ),
            tag(
                "tbody",
                *[
                    tag(
                        "tr",
                        tag("td", p["value"], class_="value"),
                        tag("td", p["window"], " ", _window_badge(p["window_open"])),
                        tag("td", p["quote"]),
                    )
                    for p in d["parameters"]
                ],
            ),
            class_="data",
        )
        if d["parameters"]
        else tag("p", "本条没有可计算的金额或标准参数。", class_="hint")
    )
    windows = (
        tag("ul", *[tag("li", w) for w in d["windows"]])
        if d["windows"]
        else tag("p", "本条未规定单独的实施期限。", class_="hint")
    )
    rules = [rule_card(r) for r in d["rules"]] or [
        tag("p", "本条没有个人或企业直接申领的资格规则。", class_="hint")
    ]
    return tag(
        "section",
        tag("h2", f"{d['label']}{d['title'] if d['label'] != d['title'] else ''}", id="measure-heading"),
        tag("p", d["section"], class_="hint"),
        tag("blockquote", d["text"], class_="clause-text"),
        definition_list(
            [
                ("负责部门", "、".join(d["departments"]) or "未列明"),
                ("依据", d["citation"]),
                ("涉及金额", "、".join(d["amounts"]) or "—"),
            ]
        ),
        tag("h3", "实施期限"),
        windows,
        params,
        tag("h3", f"资格规则（{len(d['rules'])}条）"),
        *rules,
        tag("h3", "标准答复口径"),
        tag("p", lines(d["standard_answer"]), class_="standard"),
        class_="measure",
        aria_labelledby="measure-heading",
        data_measure=d["number"],
    )


def annex_page(base: str, csrf: str, data: dict, admin: bool = False) -> str:
    head = tag(
        "tr",
        tag("th", "单位", scope="col"),
        *[tag("th", f"{i['name']}（{i['unit']}）", scope="col") for i in data["indicators"]],
    )
    rows = [
        tag(
            "tr",
            tag("th", r["unit"], scope="row"),
            *[
                tag("td", "—", title="无任务", aria_label="无任务", class_="none")
                if v is None
                else tag("td", v)
                for v in r["values"]
            ],
        )
        for r in data["rows"]
    ]
    total = tag("tr", tag("th", "合计", scope="row"), *[tag("td", v) for v in data["totals"]], class_="total")
    table = tag(
        "div",
        tag(
            "table",
            tag("caption", data["name"]),
            tag("thead", head),
            tag("tbody", *rows),
            tag("tfoot", total),
            class_="data annex",
            id="annex-table",
        ),
        class_="scroll",
        tabindex="0",
        role="region",
        aria_label="目标任务分解表（可横向滚动）",
    )
    banks = tag(
        "table",
        tag("caption", "承贷银行创业担保贷款任务（备注）"),
        tag("thead", tag("tr", tag("th", "银行", scope="col"), tag("th", "任务（万元）", scope="col"))),
        tag(
            "tbody",
            *[
                tag("tr", tag("th", b["name"], scope="row"), tag("td", f"{b['task_wan_yuan']:g}"))
                for b in data["banks"]
            ],
        ),
        tag("tfoot", tag("tr", tag("th", "合计", scope="row"), tag("td", f"{data['banks_total']:g}"))),
        class_="data",
        id="banks-table",
    )
    legend = tag("p", "“—”表示该单位没有此项任务（不是0）。", class_="hint")
    return layout(base, "附件：目标任务分解表", join(legend, table, banks), "annex", csrf, admin=admin)
