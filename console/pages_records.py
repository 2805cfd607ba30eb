"""Staff console pages over the records: look up a code, run a screening, statistics, the audit log."""

from __future__ import annotations

from console.chart import bars_chart, daily_chart
from console.pages import render


def lookup_page(
    base: str, csrf: str, code: str = "", view: dict | None = None, error: str = "", admin: bool = False
) -> str:
    return render("lookup.html", base, "查询编号", "lookup", csrf, admin, code=code, view=view, error=error)


def audit_page(base: str, csrf: str, entries: list[dict]) -> str:
    return render("audit.html", base, "审计日志", "audit", csrf, True, entries=entries)


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
    return render("screen.html", base, "代为筛查", "screen", csrf, admin, applicant=applicant, fields=fields,
                  values=values or {}, errors=errors or {}, result=result)


def stats_page(base: str, csrf: str, view: dict, admin: bool = False) -> str:
    return render(
        "stats.html", base, "统计监测（二十二）", "stats", csrf, admin, view=view,
        daily=daily_chart(view),
        per_measure=bars_chart([(m["label"], m["count"]) for m in view["questions_by_measure"]],
                               "measure-chart", "各条款咨询问题数"),
        per_benefit=bars_chart([(b["name"], b["count"]) for b in view["qualified_by_benefit"]],
                               "benefit-chart", "各项补贴符合条件人次"),
    )
