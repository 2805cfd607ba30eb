"""Charts for the statistics page as inline SVG, drawn on the server: no script, no CDN, no network.

Each bar carries its numbers as ``data-*`` attributes and a ``<title>`` (the tooltip a mouse shows);
the page also lists the same numbers in tables for keyboard and screen-reader users.
"""

from __future__ import annotations

from console.html import Markup, join, tag

SERIES = (
    ("questions", "咨询问题数", "#2b6cb0"),
    ("screenings", "资格筛查次数", "#dd6b20"),
    ("qualified", "符合条件人次", "#2f855a"),
)


def _nice_max(value: int) -> int:
    """The top of the value axis: at least ``value``, divisible by the 4 grid steps, a round number."""
    magnitude = 1
    while True:
        for base in (4, 8, 12, 20):
            if base * magnitude >= value:
                return base * magnitude
        magnitude *= 10


def daily_chart(view: dict, width: int = 1180, height: int = 300) -> Markup:
    """Grouped bars per day: questions, screenings run, qualified (per benefit, summed)."""
    daily = view["daily"]
    left, right, top, bottom = 44, 10, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([max(d[k] for k, _, _ in SERIES) for d in daily] + [0]))
    slot = plot_w / max(len(daily), 1)
    bar = max(slot * 0.8 / len(SERIES), 1.0)
    parts: list[Markup] = []
    for i in range(5):  # horizontal grid and value axis
        v = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(tag("line", x1=left, x2=width - right, y1=f"{y:.1f}", y2=f"{y:.1f}", class_="grid"))
        parts.append(tag("text", f"{v:g}", x=left - 6, y=f"{y + 4:.1f}", text_anchor="end", class_="axis"))
    for i, d in enumerate(daily):
        x0 = left + i * slot + slot * 0.1
        for j, (key, label, colour) in enumerate(SERIES):
            value = d[key]
            h = plot_h * value / top_value
            parts.append(
                tag(
                    "rect",
                    tag("title", f"{d['day']} {label}：{value}"),
                    x=f"{x0 + j * bar:.1f}",
                    y=f"{top + plot_h - h:.1f}",
                    width=f"{bar:.1f}",
                    height=f"{h:.1f}",
                    fill=colour,
                    class_="bar",
                    data_series=key,
                    data_day=d["day"],
                    data_value=value,
                )
            )
        if len(daily) <= 14 or i % max(len(daily) // 10, 1) == 0 or i == len(daily) - 1:
            parts.append(
                tag(
                    "text",
                    d["day"][5:],
                    x=f"{x0 + bar * len(SERIES) / 2:.1f}",
                    y=height - bottom + 16,
                    text_anchor="middle",
                    class_="axis",
                )
            )
    legend = []
    for j, (key, label, colour) in enumerate(SERIES):
        x = left + j * 150
        legend.append(tag("rect", x=x, y=8, width=12, height=12, fill=colour))
        legend.append(tag("text", label, x=x + 18, y=18, class_="legend"))
    total = view["totals"]
    summary = (
        f"{view['from']}至{view['to']}每日统计：咨询问题共{total['questions']}个，资格筛查{total['screenings']}次，"
        f"符合条件{total['qualified']}人次。"
    )
    return tag(
        "svg",
        tag("title", "每日咨询、筛查与符合条件人次"),
        tag("desc", summary),
        join(*legend),
        join(*parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_label=summary,
        id="daily-chart",
        class_="chart",
        data_days=len(daily),
        data_total_questions=total["questions"],
        data_total_screenings=total["screenings"],
        data_total_qualified=total["qualified"],
    )


def bars_chart(items: list[tuple[str, int]], chart_id: str, title: str, width: int = 560) -> Markup:
    """Horizontal bars, one per label (questions per measure, qualified per benefit)."""
    row, label_w = 24, 230
    height = max(len(items), 1) * row + 10
    top_value = _nice_max(max([v for _, v in items] + [0]))
    parts = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = (width - label_w - 50) * value / top_value
        short = label if len(label) <= 16 else label[:15] + "…"
        parts.append(tag("text", short, x=label_w - 8, y=y + 16, text_anchor="end", class_="axis"))
        parts.append(
            tag(
                "rect",
                tag("title", f"{label}：{value}"),
                x=label_w,
                y=y + 3,
                width=f"{w:.1f}",
                height=row - 8,
                fill="#2b6cb0",
                class_="bar",
                data_label=label,
                data_value=value,
            )
        )
        parts.append(tag("text", value, x=f"{label_w + w + 6:.1f}", y=y + 16, class_="axis"))
    if not items:
        parts.append(tag("text", "本期暂无数据", x=10, y=22, class_="axis"))
    return tag(
        "svg",
        tag("title", title),
        join(*parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_label=title,
        id=chart_id,
        class_="chart",
    )
