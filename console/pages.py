"""Staff console pages (Chinese, 1366-wide, keyboard-usable), rendered from Jinja2 templates (``templates/``)
with autoescaping: every value from ``console.data`` (a question, a fact, a stored record) is escaped, so
none can inject markup. Only the chat pane needs a script (``static/console.js``, same origin).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

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


def _lines(text: str | None) -> Markup:
    """Text with its line breaks kept (escaped, then <br>)."""
    return Markup("<br>").join(escape(line) for line in (text or "").split("\n"))


def _pairs(mapping: dict) -> str:
    return "；".join(f"{k} {v}" for k, v in mapping.items()) or "—"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,  # every template: values are escaped unless marked safe here in Python
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["lines"] = _lines
    env.globals["pairs"] = _pairs
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (STATIC / "console.css").read_text(encoding="utf-8")


def content_security_policy() -> str:
    digest = base64.b64encode(hashlib.sha256(stylesheet().encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
        f"style-src 'sha256-{digest}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


def render(template: str, base: str, title: str, active: str | None = None, csrf: str = "",
           admin: bool = False, script: bool = False, **context: object) -> str:
    """A whole page; ``active`` names the nav entry (None for pages before sign-in); administrators also
    see 审计日志."""
    return environment().get_template(template).render(
        base=base, title=title, active=active, csrf=csrf, script=script, brand=TITLE,
        nav=NAV + (ADMIN_NAV if admin else ()), stylesheet=Markup(stylesheet()), **context)


def message_page(base: str, title: str, text: str, active: str | None = None, csrf: str = "",
                 admin: bool = False, kind: str = "error") -> str:
    """A page that only says something (an error, a refusal)."""
    return render("message.html", base, title, active, csrf, admin, text=text, kind=kind)


def login_page(base: str, next_url: str = "", error: str = "", configured: bool = True) -> str:
    return render("login.html", base, "员工登录", next_url=next_url, error=error, configured=configured)


def chat_page(base: str, csrf: str, admin: bool = False) -> str:
    return render("chat.html", base, "对话助手", "chat", csrf, admin, script=True)


def measures_page(base: str, csrf: str, listing: dict, detail: dict | None, admin: bool = False) -> str:
    return render("measures.html", base, "政策条文", "measures", csrf, admin, listing=listing, detail=detail)


def annex_page(base: str, csrf: str, data: dict, admin: bool = False) -> str:
    return render("annex.html", base, "附件：目标任务分解表", "annex", csrf, admin, data=data)
