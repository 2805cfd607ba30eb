"""Staff console pages over the screening records: look up a code, run a screening, statistics."""

from __future__ import annotations

from console.chart import bars_chart, daily_chart
from console.html import Markup, join, lines, tag
from console.pages import alert, definition_list, layout

# --- a verdict and the trace of every rule ---------------------------------------------------------------


def _trace(r: dict) -> Markup:
    rows: list[tuple[str, object]] = [("结论", r["status"])]
    if r["met"]:
        rows.append(("已满足的条件", tag("ul", *[tag("li", m) for m in r["met"]])))
    if r["failed"]:
        rows.append(
            (
                "不满足的条件",
                join(r["failed"], tag("br"), tag("span", r["failed_detail"] or "", class_="answer")),
            )
        )
    if r["missing"]:
        rows.append(("还缺的信息", "、".join(r["missing"])))
    rows += [
        ("金额/标准", r["amount"] or "—"),
        ("期限", r["period"] or "—"),
        ("实施期限", f"{r['window'] or '—'}（{'实施中' if r['window_open'] else '已结束'}）"),
        ("负责部门", "、".join(r["departments"]) or "—"),
        ("怎么申请", r["how_to_apply"] or "—"),
        ("依据", f"{r['citation']}：{r['sentence'] or ''}"),
    ]
    if r["deferred"]:
        rows.append(("按上级规定", "；".join(r["deferred"])))
    return tag(
        "article",
        tag("h4", r["name"]),
        definition_list(rows),
        class_="rule trace",
        data_rule=r["rule"],
    )


def verdict_section(groups: list[dict], deferred: list[str]) -> Markup:
    summary = tag(
        "ul",
        *[
            tag("li", tag("a", f"{g['title']}：{len(g['results'])}项", href=f"#group-{g['key']}"))
            for g in groups
        ],
        class_="summary",
    )
    sections = []
    for g in groups:
        if not g["results"]:
            continue
        sections.append(
            tag(
                "section",
                tag("h3", f"{g['title']}（{len(g['results'])}）", id=f"group-{g['key']}"),
                *[_trace(r) for r in g["results"]],
                class_=f"group {g['key']}",
                data_group=g["key"],
            )
        )
    notes = (
        tag("section", tag("h3", "需要向主管部门确认的事项"), tag("ul", *[tag("li", d) for d in deferred]))
        if deferred
        else None
    )
    return tag(
        "section",
        tag("h2", "结论与每条规则的判断过程", id="verdict-heading"),
        summary,
        *sections,
        notes,
        class_="verdict",
        aria_labelledby="verdict-heading",
    )


def record_section(view: dict) -> Markup:
    facts = tag(
        "table",
        tag("caption", "申请人提供的情况"),
        tag("thead", tag("tr", tag("th", "事项", scope="col"), tag("th", "回答", scope="col"))),
        tag(
            "tbody",
            *[tag("tr", tag("th", f["label"], scope="row"), tag("td", f["value"])) for f in view["facts"]],
        ),
        class_="data",
        id="record-facts",
    )
    eligible = "、".join(view["eligible"]) or "暂无符合条件的政策"
    head = definition_list(
        [
            ("查询编号", tag("strong", view["code"], id="record-code")),
            ("时间", view["created_at"]),
            ("渠道", view["channel_label"]),
            ("申请人类型", view["applicant"]),
            ("评估日期", view["evaluated_on"] or "—"),
            ("政策版本", view["policy_version"]),
            ("符合条件", tag("span", eligible, id="record-eligible")),
        ]
    )
    return tag(
        "section",
        tag("h2", f"查询编号 {view['code']}"),
        head,
        facts,
        verdict_section(view["groups"], view["deferred"]),
        class_="record",
        data_code=view["code"],
    )


def lookup_page(
    base: str, csrf: str, code: str = "", view: dict | None = None, error: str = "", admin: bool = False
) -> str:
    form = tag(
        "form",
        tag("input", type="hidden", name="csrf", value=csrf),
        tag(
            "div",
            tag(
                "div",
                tag("label", "查询编号", for_="code"),
                tag(
                    "input",
                    type="text",
                    id="code",
                    name="code",
                    value=view["code"] if view else code,
                    required=True,
                    autofocus=not view and not code,
                    placeholder="XM-7K3Q-9MZDX",
                    maxlength="40",
                    autocomplete="off",
                    aria_describedby="code-help",
                ),
                class_="field",
            ),
            tag(
                "div",
                tag("label", "验证码", for_="verification"),
                tag(
                    "input",
                    type="text",
                    id="verification",
                    name="verification",
                    inputmode="numeric",
                    pattern=r"\d{6}",
                    maxlength="6",
                    autofocus=bool(code) and not view,
                    autocomplete="off",
                    aria_describedby="code-help",
                ),
                class_="field",
            ),
            tag("button", "查询", type="submit"),
            class_="row lookup-row",
        ),
        tag(
            "p",
            "请来电人报出查询结果消息里的编号（如 XM-7K3Q-9MZDX）和6位验证码，两个都对才显示记录。"
            "旧编号（如 XM-20261129-0042）没有验证码，只有管理员可以查看。每次查询都记入审计日志。",
            id="code-help",
            class_="hint",
        ),
        method="post",
        action=f"{base}/lookup",
        role="search",
    )
    return layout(
        base,
        "查询编号",
        join(form, alert(error) if error else None, record_section(view) if view else None),
        "lookup",
        csrf,
        admin=admin,
    )


def audit_page(base: str, csrf: str, entries: list[dict]) -> str:
    rows = [
        tag(
            "tr",
            tag("td", e["at"]),
            tag("td", e["account"]),
            tag("td", e["role"]),
            tag("td", e["action_label"]),
            tag("td", e["code"] or "—"),
            tag("td", e["outcome_label"]),
        )
        for e in entries
    ]
    table = tag(
        "table",
        tag("caption", "最近200条操作（新的在前）：谁在什么时间查询了哪个编号、代为筛查了哪个编号"),
        tag(
            "thead",
            tag("tr", *[tag("th", h, scope="col") for h in ("时间", "账号", "角色", "操作", "查询编号", "结果")]),
        ),
        tag("tbody", *rows) if rows else tag("tbody", tag("tr", tag("td", "暂无记录", colspan="6"))),
        class_="data",
        id="audit-table",
    )
    note = tag("p", "审计日志只记录账号、操作、编号和结果，不记录来电人的任何情况。", class_="hint")
    return layout(base, "审计日志", join(note, table), "audit", csrf, admin=True)


# --- staff-run screening -----------------------------------------------------------------------------------


def _field(f: dict, value: str, error: str | None) -> Markup:
    fid = f"fact-{f['name']}"
    help_id = f"{fid}-help"
    described = f"{help_id} {fid}-error" if error else help_id
    if f["widget"] == "yesno":
        options = [("", "不知道"), ("是", "是"), ("否", "否")]
    elif f["widget"] == "select":
        options = [("", "不知道")] + [(v, v) for v in f["values"]]
    else:
        options = None
    if options is not None:
        control = tag(
            "select",
            *[tag("option", label, value=v, selected=(v == value)) for v, label in options],
            id=fid,
            name=f["name"],
            aria_describedby=described,
            aria_invalid="true" if error else None,
        )
    else:
        control = tag(
            "input",
            type="number",
            id=fid,
            name=f["name"],
            value=value,
            min=f["minimum"],
            max=f["maximum"],
            step=f["step"],
            inputmode="decimal",
            aria_describedby=described,
            aria_invalid="true" if error else None,
        )
    return tag(
        "div",
        tag("label", f["label"], for_=fid),
        control,
        tag("p", f["question"], id=help_id, class_="hint"),
        tag("p", error, id=f"{fid}-error", class_="field-error") if error else None,
        class_="field",
    )


def screen_page(
    base: str,
    csrf: str,
    applicant: str,
    fields: list[dict],
    values: dict | None = None,
    errors: dict | None = None,
    result: dict | None = None,
    admin: bool = False,
) -> str:
    values, errors = values or {}, errors or {}
    switch = tag(
        "p",
        "申请人类型：",
        tag(
            "a",
            "个人",
            href=f"{base}/screen?applicant=person",
            aria_current="true" if applicant == "person" else None,
        ),
        " | ",
        tag(
            "a",
            "企业/单位",
            href=f"{base}/screen?applicant=enterprise",
            aria_current="true" if applicant == "enterprise" else None,
        ),
        class_="switch",
    )
    body: list[Markup] = []
    if result:
        saved = (
            tag(
                "p",
                "已保存，查询编号：",
                tag("strong", result["code"], id="screen-code"),
                "，验证码：",
                tag("strong", result["verification"], id="screen-verification"),
                "（请都告诉来电人，查询时两个都要报）",
                class_="alert ok",
                role="status",
            )
            if result["code"]
            else alert("结论如下，但记录未能保存（数据库不可用），没有生成查询编号。")
        )
        body.append(
            tag(
                "section",
                saved,
                tag("h2", "答复文本"),
                tag("p", lines(result["text"]), class_="standard", id="verdict-text"),
                verdict_section(result["groups"], result["deferred"]),
                class_="result",
            )
        )
    if errors:
        body.append(alert(f"有 {len(errors)} 项填写有误，请修改后重新提交：" + "；".join(errors.values())))
    fields_html = [_field(f, str(values.get(f["name"], "")), errors.get(f["name"])) for f in fields]
    form = tag(
        "form",
        tag("input", type="hidden", name="csrf", value=csrf),
        tag("input", type="hidden", name="applicant", value=applicant),
        tag(
            "fieldset",
            tag("legend", "个人情况" if applicant == "person" else "企业/单位情况"),
            tag("div", *fields_html, class_="grid"),
        ),
        tag(
            "p",
            "不知道的项目留“不知道”即可；结论会说明还需要确认哪些信息。提交后生成查询编号。",
            class_="hint",
        ),
        tag("button", "开始筛查并保存", type="submit"),
        method="post",
        action=f"{base}/screen",
        class_="screen-form",
    )
    return layout(base, "代为筛查", join(switch, *body, form), "screen", csrf, admin=admin)


# --- statistics ---------------------------------------------------------------------------------------------


def stats_page(base: str, csrf: str, view: dict, admin: bool = False) -> str:
    form = tag(
        "form",
        tag("label", "统计天数", for_="days"),
        tag(
            "div",
            tag(
                "select",
                *[
                    tag("option", f"最近{d}天", value=d, selected=d == view["days"])
                    for d in (7, 30, 90, 180, 366)
                ],
                id="days",
                name="days",
            ),
            tag("button", "刷新", type="submit"),
            class_="row",
        ),
        method="get",
        action=f"{base}/stats",
    )
    t = view["totals"]
    head = tag(
        "p",
        f"{view['from']} 至 {view['to']}：咨询问题 {t['questions']} 个，资格筛查 {t['screenings']} 次，"
        f"符合条件 {t['qualified']} 人次（按补贴计）。用于市人社局就业失业监测（二十二）。",
        class_="lead",
    )
    daily_rows = [
        tag(
            "tr",
            tag("th", d["day"], scope="row"),
            tag("td", d["questions"]),
            tag("td", d["screenings"]),
            tag("td", d["qualified"]),
            tag("td", "；".join(f"{k} {v}" for k, v in d["questions_by_measure"].items()) or "—"),
            tag("td", "；".join(f"{k} {v}" for k, v in d["qualified_by_benefit"].items()) or "—"),
        )
        for d in reversed(view["daily"])
        if d["questions"] or d["screenings"]
    ]
    daily = tag(
        "table",
        tag("caption", "每日明细（只列有数据的日期）"),
        tag(
            "thead",
            tag(
                "tr",
                *[
                    tag("th", h, scope="col")
                    for h in (
                        "日期",
                        "咨询问题",
                        "资格筛查",
                        "符合条件人次",
                        "按条款的问题数",
                        "按补贴的符合人次",
                    )
                ],
            ),
        ),
        tag("tbody", *daily_rows)
        if daily_rows
        else tag("tbody", tag("tr", tag("td", "本期暂无数据", colspan="6"))),
        class_="data",
        id="daily-table",
    )
    per_measure = bars_chart(
        [(m["label"], m["count"]) for m in view["questions_by_measure"]], "measure-chart", "各条款咨询问题数"
    )
    per_benefit = bars_chart(
        [(b["name"], b["count"]) for b in view["qualified_by_benefit"]],
        "benefit-chart",
        "各项补贴符合条件人次",
    )
    charts = tag(
        "div",
        tag("section", tag("h2", "按条款的问题数"), per_measure),
        tag("section", tag("h2", "按补贴的符合条件人次"), per_benefit),
        class_="columns even",
    )
    body = join(
        form,
        head,
        tag("figure", daily_chart(view), tag("figcaption", "每日咨询问题、资格筛查与符合条件人次")),
        charts,
        daily,
    )
    return layout(base, "统计监测（二十二）", body, "stats", csrf, admin=admin)
