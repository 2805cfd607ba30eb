"""Charts for the statistics page as inline SVG, drawn on the server: no script, no CDN, no network.

This module only computes the geometry (plain numbers and labels); ``templates/charts.html`` writes the
SVG, escaped like every other template. Each bar carries its numbers as ``data-*`` attributes and a
``<title>`` (the tooltip a mouse shows); the page also lists the same numbers in tables for keyboard and
screen-reader users.
"""

from __future__ import annotations

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


def _f(value: float) -> str:
    return f"{value:.1f}"


def daily_chart(view: dict, width: int = 1180, height: int = 300) -> dict:
    """Grouped bars per day: questions, screenings run, qualified (per benefit, summed)."""
    daily = view["daily"]
    left, right, top, bottom = 44, 10, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([max(d[k] for k, _, _ in SERIES) for d in daily] + [0]))
    slot = plot_w / max(len(daily), 1)
    bar = max(slot * 0.8 / len(SERIES), 1.0)
    grid = []
    for i in range(5):  # horizontal grid and value axis
        y = top + plot_h - plot_h * i / 4
        grid.append({"y": _f(y), "text_y": _f(y + 4), "label": f"{top_value * i / 4:g}"})
    bars, ticks = [], []
    for i, d in enumerate(daily):
        x0 = left + i * slot + slot * 0.1
        for j, (key, label, colour) in enumerate(SERIES):
            h = plot_h * d[key] / top_value
            bars.append({"x": _f(x0 + j * bar), "y": _f(top + plot_h - h), "width": _f(bar), "height": _f(h),
                         "fill": colour, "series": key, "day": d["day"], "value": d[key],
                         "title": f"{d['day']} {label}：{d[key]}"})
        if len(daily) <= 14 or i % max(len(daily) // 10, 1) == 0 or i == len(daily) - 1:
            ticks.append({"x": _f(x0 + bar * len(SERIES) / 2), "y": height - bottom + 16, "text": d["day"][5:]})
    total = view["totals"]
    return {
        "width": width, "height": height, "left": left, "right_x": width - right, "grid": grid, "bars": bars,
        "ticks": ticks, "legend": [{"x": left + j * 150, "label": label, "colour": colour}
                                   for j, (_, label, colour) in enumerate(SERIES)],
        "days": len(daily), "totals": total,
        "summary": (f"{view['from']}至{view['to']}每日统计：咨询问题共{total['questions']}个，"
                    f"资格筛查{total['screenings']}次，符合条件{total['qualified']}人次。"),
    }


def bars_chart(items: list[tuple[str, int]], chart_id: str, title: str, width: int = 560) -> dict:
    """Horizontal bars, one per label (questions per measure, qualified per benefit)."""
    row, label_w = 24, 230
    top_value = _nice_max(max([v for _, v in items] + [0]))
    rows = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        w = (width - label_w - 50) * value / top_value
        rows.append({"label": label, "short": label if len(label) <= 16 else label[:15] + "…", "value": value,
                     "y": y, "text_y": y + 16, "bar_y": y + 3, "width": _f(w), "value_x": _f(label_w + w + 6)})
    return {"id": chart_id, "title": title, "width": width, "height": max(len(items), 1) * row + 10,
            "label_w": label_w, "label_x": label_w - 8, "bar_h": row - 8, "rows": rows}
