"""The hotline staff console, driven in Debian's Chromium by Playwright against the real Rasa server.

The ``live_assistant`` fixture (tests/conftest.py) runs ``rasa run`` with the REST and staff channels and
``rasa run actions``; sign-in rules that need their own configuration (short sessions, a fresh rate
limit, no password) run against the channel alone in this process (:class:`InProcessConsole`, with a
stand-in assistant). Each page's screenshot is kept under tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

import pytest
from sanic import Sanic

from bot.channels.staff import StaffConsole
from console import data as staff_data
from console.auth import COOKIE
from policy_kb import annex
from policy_kb.document import measure, measures
from records import accounts, codes
from records.ratelimit import RateLimiter

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TODAY = dt.date.today()
CODE = codes.PATTERN
ANSWER = "【（十一）加大创业担保贷款政策支持力度】……依据：新密政〔2020〕4号（十一）。"


class InProcessConsole:
    """The staff channel alone on loopback, served from a thread: ``with InProcessConsole({...}) as c``.
    Its records database is a new SQLite file unless ``records_url`` is given."""

    def __init__(self, credentials: dict[str, Any], records_url: str | None = None) -> None:
        if records_url is None:
            records_url = f"sqlite:///{tempfile_dir()}/records-{uuid.uuid4().hex[:8]}.db"
        self.records_url = records_url
        credentials = {"records_url": records_url, **credentials}

        async def stand_in_assistant(message: Any) -> None:
            await message.output_channel.send_text_message(message.sender_id, ANSWER)

        Sanic.test_mode = True  # several apps in one process
        self.app = Sanic(f"staff_test_{uuid.uuid4().hex}", configure_logging=False)
        self.app.blueprint(
            StaffConsole.from_credentials(credentials).blueprint(stand_in_assistant),
            url_prefix="/webhooks/staff",
        )
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: Any = None
        self.url = ""

    def __enter__(self):
        self.thread.start()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))

        async def start() -> Any:
            server = await self.app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
            await server.startup()
            await server.after_start()
            return server

        self.server = asyncio.run_coroutine_threadsafe(start(), self.loop).result(30)
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/staff"
        return self

    def __exit__(self, *_: object) -> None:
        async def stop() -> None:
            await self.server.before_stop()
            self.server.close()
            await self.server.wait_closed()
            await self.server.after_stop()

        if self.server is not None:
            asyncio.run_coroutine_threadsafe(stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def tempfile_dir() -> str:
    import tempfile

    path = Path(tempfile.gettempdir()) / "xinmi-staff-tests"
    path.mkdir(exist_ok=True)
    return str(path)


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install_browser.sh (as root) first")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.dialogs = []  # any alert() would mean injected script ran
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(30_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"staff-{name}.png"), full_page=True)


def sign_in(page, live, admin: bool = False) -> None:
    """Sign in as the test session's agent (坐席), or its administrator."""
    page.goto(f"{live.staff_url}/login")
    page.get_by_label("账号").fill(live.admin if admin else live.agent)
    page.get_by_label("员工口令").fill(live.admin_password if admin else live.password)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/webhooks/staff/chat$"))


def raw(method: str, url: str, body: str | None = None, headers: dict | None = None):
    """One request without following redirects: (status, headers, text)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request(method, target, body=body.encode() if body else None, headers=headers or {})
    resp = connection.getresponse()
    result = resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode()
    connection.close()
    return result


def form_login(url: str, password: str, name: str = "", headers: dict | None = None):
    return raw(
        "POST",
        f"{url}/login",
        urlencode({"name": name, "password": password}),
        {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
    )


def json_login(url: str, name: str, password: str) -> tuple[str, str]:
    """Sign in; (the session cookie, its CSRF token)."""
    status, headers, text = raw("POST", f"{url}/login", json.dumps({"name": name, "password": password}),
                                {"Content-Type": "application/json"})
    assert status == 200, (status, text)
    return session_cookie(headers), json.loads(text)["csrf"]


def session_cookie(headers: dict) -> str:
    match = re.search(COOKIE + r"=([^;]+)", headers.get("set-cookie", ""))
    assert match, headers
    return match.group(1)


# --- the browser against the real assistant ------------------------------------------------------------


def test_staff_member_signs_in_asks_and_sees_the_answer_with_the_cited_clause_beside_it(page, live_assistant):
    page.goto(f"{live_assistant.staff_url}/chat")
    assert "/login" in page.url  # not signed in yet
    shot(page, "login")
    sign_in(page, live_assistant)
    from playwright.sync_api import expect

    expect(page.locator("#question")).to_be_focused()  # autofocus, applied a moment after "load"
    page.keyboard.type("创业担保贷款能贷多少")
    page.keyboard.press("Enter")
    expect(page.locator("#chat-log .msg.bot").first).to_contain_text("（十一）")
    expect(page.locator("#clause")).to_have_attribute("data-measure", "十一")
    expect(page.locator("#clause-text")).to_contain_text(measure("十一").title)
    expect(page.locator("#clause-text")).to_contain_text("30万元")
    for department in measure("十一").departments:
        expect(page.locator("#clause-departments")).to_contain_text(department)
    standard = page.locator("#standard").input_value()
    assert "依据：新密政〔2020〕4号（十一）" in standard and "怎么申请" in standard and "12333" in standard
    assert page.evaluate("document.activeElement.id") == "question"  # ready for the next question

    page.get_by_role("button", name="复制标准答复").click()
    expect(page.locator("#copy-status")).to_contain_text("已复制")
    shot(page, "chat")
    assert page.dialogs == []


def test_wrong_password_is_refused_and_no_session_is_given(page, live_assistant):
    page.goto(f"{live_assistant.staff_url}/login")
    page.get_by_label("账号").fill(live_assistant.agent)
    page.get_by_label("员工口令").fill("not-the-password")
    with page.expect_response(lambda r: r.url.endswith("/login") and r.request.method == "POST") as response:
        page.keyboard.press("Enter")
    assert response.value.status == 401
    from playwright.sync_api import expect

    expect(page.get_by_role("alert")).to_contain_text("账号或口令不正确")
    assert "/login" in page.url
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE]
    shot(page, "login-refused")


def test_every_console_route_needs_a_valid_session(live_assistant):
    base = live_assistant.staff_url
    for path in (
        "/chat",
        "/measures",
        "/annex",
        "/lookup?code=XM-20260101-0001",
        "/screen",
        "/stats",
        "/static/console.js",
    ):
        status, headers, _ = raw("GET", base + path)
        assert status == 303 and "/webhooks/staff/login?next=" in headers["location"], path
    status, headers, _ = raw(
        "POST", base + "/screen", "applicant=person", {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 303
    forged = "eyJzaWQiOiJ4IiwiaWF0IjoxLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl"
    for path in (
        "/api/annex",
        "/api/measures",
        "/api/measures/十一",
        "/api/facts",
        "/api/statistics",
        "/api/screenings/XM-20260101-0001",
    ):
        for headers in ({}, {"Cookie": f"{COOKIE}={forged}"}, {"Authorization": "Bearer wrong-token"}):
            status, _, _ = raw("GET", base + quote(path), headers=headers)
            assert status == 401, (path, headers)
    status, _, _ = raw("POST", base + "/api/chat", '{"text": "你好"}', {"Content-Type": "application/json"})
    assert status == 401
    status, body = live_assistant.api("GET", "/api/annex")
    assert status == 200 and len(body["rows"]) == len(annex.table())


def test_measure_browser_lists_every_measure_searches_and_shows_rules_amounts_and_windows(
    page, live_assistant
):
    from playwright.sync_api import expect

    sign_in(page, live_assistant)
    page.goto(f"{live_assistant.staff_url}/measures")
    expect(page.locator(".measure-index a")).to_have_count(len(measures()))  # 总体要求 + 26
    assert len(measures()) == 27
    page.get_by_label("搜索条文").fill("创业贷款")
    page.keyboard.press("Enter")
    expect(page.locator("#search-hits a").first).to_contain_text("（十一）")
    section = page.locator("section.measure[data-measure='十一']")
    expect(section.locator("article.rule h4").first).to_contain_text("创业担保贷款")
    expect(section.locator("table.data")).to_contain_text("30万元")
    expect(section).to_contain_text("标准答复口径")
    shot(page, "measures")

    page.goto(f"{live_assistant.staff_url}/measures?n=" + quote("一"))
    closed = page.locator("section.measure[data-measure='一'] .badge.closed")
    assert closed.count() >= 1  # the 2020 windows of （一） are over
    page.goto(f"{live_assistant.staff_url}/annex")
    table = page.locator("#annex-table")
    expect(table.locator("tbody tr")).to_have_count(len(annex.table()))
    expect(table.locator("tfoot")).to_contain_text("合计")
    no_task = sum(v is None for row in annex.table().values() for v in row.values())
    assert no_task > 0
    expect(table.locator("td.none")).to_have_count(no_task)
    expect(table.locator("td.none").first).to_have_text("—")
    expect(page.locator("#banks-table tbody tr")).to_have_count(len(annex.banks()))
    shot(page, "annex")


def test_staff_run_screening_gives_a_code_and_the_lookup_shows_the_verdict_and_every_rules_trace(
    page, live_assistant
):
    from playwright.sync_api import expect

    sign_in(page, live_assistant)
    page.goto(f"{live_assistant.staff_url}/screen")
    page.get_by_label("是否高校毕业生", exact=True).select_option("是")
    page.get_by_label("困难情形", exact=True).select_option("低保家庭")
    page.get_by_label("是否积极求职创业", exact=True).select_option("是")
    page.get_by_label("毕业年份", exact=True).fill(str(TODAY.year))
    page.keyboard.press("Enter")  # Enter in a field submits the form
    expect(page.locator("#screen-code")).to_have_text(CODE)
    code = page.locator("#screen-code").inner_text()
    verification = page.locator("#screen-verification").inner_text()
    assert re.fullmatch(r"\d{6}", verification)
    expect(page.locator("#verdict-text")).to_contain_text("一次性求职创业补贴")
    shot(page, "screen")

    page.goto(f"{live_assistant.staff_url}/lookup")
    page.get_by_label("查询编号").fill(code.lower())
    page.keyboard.press("Enter")  # no verification: refused, nothing of the record shown
    expect(page.get_by_role("alert")).to_contain_text("验证码")
    assert page.locator("#record-code, #record-facts").count() == 0
    page.get_by_label("验证码").fill(f"{(int(verification) + 1) % 10 ** 6:06d}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("验证码不对")
    assert page.locator("#record-code, #record-facts").count() == 0
    page.get_by_label("验证码").fill(verification)
    page.keyboard.press("Enter")
    expect(page.locator("#record-code")).to_have_text(code)
    expect(page.locator("main")).to_contain_text("热线坐席代查")
    expect(page.locator("#record-eligible")).to_contain_text("一次性求职创业补贴")
    eligible = page.locator("[data-group='eligible'] article[data-rule='job_seeking_subsidy']")
    expect(eligible).to_contain_text("已满足的条件")
    expect(eligible).to_contain_text("新密政〔2020〕4号（十三）")
    expect(page.locator("#record-facts")).to_contain_text("低保家庭")
    expect(page.locator("[data-group='undecided'] article").first).to_contain_text("还缺的信息")
    expect(page.locator("[data-group='closed'] article").first).to_contain_text("已结束")
    shot(page, "lookup")
    status, record = live_assistant.record(code, verification)
    assert status == 200 and record["channel"] == "staff" and "一次性求职创业补贴" in record["eligible"]
    assert live_assistant.api("GET", f"/api/screenings/{code}")[0] == 403  # the token alone is not enough

    # The administrator sees who ran the screening and who looked it up, and nothing of the caller.
    page.context.clear_cookies()
    sign_in(page, live_assistant, admin=True)
    page.goto(f"{live_assistant.staff_url}/audit?code={code}")
    rows = page.locator("#audit-table tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert any(live_assistant.agent in t and "代为筛查" in t and code in t for t in texts), texts
    assert any(live_assistant.agent in t and "查询被拒" in t and "验证码错误" in t for t in texts), texts
    assert any(live_assistant.agent in t and "查询编号" in t and "编号和验证码正确" in t for t in texts), texts
    assert "低保家庭" not in page.locator("main").inner_text()
    shot(page, "audit")


def test_statistics_for_the_monitoring_measure_are_drawn_as_a_chart_without_any_external_script(
    page, live_assistant
):
    status, _ = live_assistant.api(
        "POST", "/api/chat", {"text": "创业担保贷款能贷多少", "conversation": "stats"}
    )
    assert status == 200
    facts = {
        "is_college_graduate": True,
        "graduation_year": TODAY.year,
        "hardship_type": "低保家庭",
        "seeking_work": True,
    }
    status, result = live_assistant.api("POST", "/api/screen", {"applicant": "person", "facts": facts})
    assert status == 201 and CODE.fullmatch(result["code"])

    sign_in(page, live_assistant)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_assistant.staff_url}/stats")
    chart = page.locator("svg#daily-chart")
    assert chart.count() == 1
    today = TODAY.isoformat()

    def bar(series: str) -> int:
        return int(
            chart.locator(f"rect[data-series='{series}'][data-day='{today}']").get_attribute("data-value")
        )

    assert bar("questions") >= 1 and bar("screenings") >= 1 and bar("qualified") >= 1
    assert page.locator("svg#measure-chart rect[data-label*='（十一）']").count() == 1
    assert page.locator("svg#benefit-chart rect[data-label='一次性求职创业补贴']").count() == 1
    assert all(r.startswith(live_assistant.url) for r in requests), requests  # no CDN, nothing external
    assert page.locator("script[src]").count() == 0
    shot(page, "stats")
    status, stats = live_assistant.api("GET", "/api/statistics?days=7")
    assert status == 200 and stats["daily"][-1]["day"] == today and stats["totals"]["screenings"] >= 1


def test_console_shows_what_it_is_given_as_text_never_as_markup(page, live_assistant):
    from playwright.sync_api import expect

    sign_in(page, live_assistant)
    attack = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    page.get_by_label("来电人的问题").fill(attack)
    page.keyboard.press("Enter")
    expect(page.locator("#chat-log .msg.user").first).to_contain_text(attack)
    expect(page.locator("#chat-log .msg.bot, #chat-log .msg.error").first).to_be_visible()
    assert page.locator("#chat-log img, #chat-log script").count() == 0
    page.goto(f"{live_assistant.staff_url}/measures?q=" + quote(attack))
    assert page.get_by_label("搜索条文").input_value() == attack
    assert page.locator("main img, main script").count() == 0
    page.goto(f"{live_assistant.staff_url}/lookup?code=" + quote('"><script>alert(3)</script>'))
    expect(page.get_by_role("alert")).to_contain_text("编号格式不对")
    assert page.locator("main script").count() == 0
    page.goto(f"{live_assistant.staff_url}/screen")
    page.get_by_label("毕业年份", exact=True).evaluate(
        "(el, v) => { el.type = 'text'; el.value = v; }", attack
    )
    page.get_by_role("button", name="开始筛查并保存").click()
    expect(page.get_by_role("alert")).to_contain_text("毕业年份")
    assert page.locator("main img, main script").count() == 0
    assert page.dialogs == []


def test_console_is_usable_by_keyboard_with_visible_focus_and_fits_a_1366_screen(page, live_assistant):
    from playwright.sync_api import expect

    page.goto(f"{live_assistant.staff_url}/login")
    # The account field takes the focus by itself (autofocus), which a busy browser applies a moment after
    # "load": wait for it rather than type into nothing.
    expect(page.locator("#name")).to_be_focused()
    page.keyboard.type(live_assistant.agent)
    page.keyboard.press("Tab")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(live_assistant.password)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/chat$"))
    # start the Tab sequence at the top of the page (the question field has the autofocus)
    page.evaluate(
        "document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex')"
    )
    order = []
    for _ in range(30):  # every focusable element once, until the focus leaves the page
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; if (e === document.body) return null;"
            " const s = getComputedStyle(e); return [e.id || e.textContent.trim(), s.outlineStyle,"
            " parseFloat(s.outlineWidth)]; })()"
        )
        if focused is None:
            break
        order.append(focused)
    names = [name for name, _, _ in order]
    assert names[0] == "跳到主要内容"
    assert names[1:7] == ["对话助手", "政策条文", "附件任务表", "查询编号", "代为筛查", "统计监测"]
    assert (
        names.index("退出登录")
        < names.index("question")
        < names.index("new-call")
        < names.index("standard")
        < names.index("copy-standard")
    )
    assert all(style != "none" and width >= 2 for _, style, width in order), [
        o for o in order if o[1] == "none" or o[2] < 2
    ]
    for path in ("/chat", "/measures", "/annex", "/lookup", "/screen", "/stats"):
        page.goto(live_assistant.staff_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, path
        assert page.locator("html[lang='zh-CN']").count() == 1


# --- sign-in rules, on the channel alone ---------------------------------------------------------------

ADMIN = {"admin_name": "chief", "admin_password": "chief-password-1"}


def test_wrong_logins_from_one_client_are_refused_with_429_after_five_a_minute():
    with InProcessConsole({**ADMIN, "max_failures": 5, "failure_window": 60}) as console:
        for n in range(5):
            status, _, body = form_login(console.url, "wrong", name=f"someone-{n}")  # a new name each time
            assert status == 401 and "口令不正确" in body
        status, headers, body = form_login(console.url, "wrong", name="someone-else")
        assert status == 429 and int(headers["retry-after"]) > 0 and "次数过多" in body
        status, _, _ = form_login(console.url, "chief-password-1", "chief")  # locked out, even with the password
        assert status == 429


def test_wrong_logins_for_one_account_are_limited_whatever_address_they_come_from(monkeypatch):
    """Keyed by account too: many addresses (here through a trusted proxy) do not give more guesses."""
    monkeypatch.setenv("SANIC_PROXIES_COUNT", "1")
    with InProcessConsole({**ADMIN, "max_failures": 3, "failure_window": 60}) as console:
        console.app.config.PROXIES_COUNT = 1
        for n in range(3):
            status, _, _ = form_login(console.url, f"guess-{n}", "chief", {"X-Forwarded-For": f"10.0.0.{n}"})
            assert status == 401
        status, _, _ = form_login(console.url, "chief-password-1", "chief", {"X-Forwarded-For": "10.0.0.99"})
        assert status == 429
        status, _, _ = form_login(console.url, "wrong", "other", {"X-Forwarded-For": "10.0.0.98"})
        assert status == 401  # another account from a fresh address may still try


def test_bearer_accepts_only_the_token_and_guessing_there_is_limited_like_the_form():
    with InProcessConsole({**ADMIN, "password": "shared-password", "token": "tool-token-123456",
                           "max_failures": 3, "failure_window": 60}) as console:
        api = f"{console.url}/api/annex"
        assert raw("GET", api, headers={"Authorization": "Bearer tool-token-123456"})[0] == 200
        assert raw("GET", api, headers={"Authorization": "Bearer chief-password-1"})[0] == 401  # no password
        assert raw("GET", api, headers={"Authorization": "Bearer shared-password"})[0] == 401
        assert raw("GET", api, headers={"Authorization": "Bearer guess"})[0] == 401
        status, headers, _ = raw("GET", api, headers={"Authorization": "Bearer guess-again"})
        assert status == 429 and int(headers["retry-after"]) > 0
        assert raw("GET", api, headers={"Authorization": "Bearer tool-token-123456"})[0] == 429
        assert form_login(console.url, "chief-password-1", "chief")[0] == 429  # the same client, one limit


def test_two_server_processes_on_one_database_share_the_limit(tmp_path):
    """Replicas: 3 wrong passwords on one process and 2 on the other reach the limit of 5."""
    url = f"sqlite:///{tmp_path}/shared.db"
    from records import db

    db.upgrade(url)
    env = {**os.environ, "XINMI_RECORDS_URL": url, "XINMI_STAFF_RECORDS_URL": url,
           "XINMI_STAFF_ADMIN_NAME": "chief", "XINMI_STAFF_ADMIN_PASSWORD": "chief-password-1",
           "XINMI_STAFF_MAX_FAILURES": "5", "XINMI_STAFF_FAILURE_WINDOW": "60",
           "XINMI_CREDENTIALS": str(tmp_path / "none.yml")}
    ports = []
    for _ in range(2):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
    script = Path(__file__).parent / "staff_alone.py"
    procs = [subprocess.Popen([sys.executable, str(script), str(p)], env=env, cwd=Path(__file__).parents[2],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for p in ports]
    try:
        urls = [f"http://127.0.0.1:{p}/webhooks/staff" for p in ports]
        deadline = time.time() + 60
        for u in urls:
            while True:
                try:
                    if raw("GET", f"{u}/login")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.time() < deadline, "the staff servers did not start"
                time.sleep(0.3)
        for u in (urls[0], urls[0], urls[0], urls[1], urls[1]):
            assert form_login(u, "wrong", "chief")[0] == 401
        assert form_login(urls[1], "chief-password-1", "chief")[0] == 429
        assert form_login(urls[0], "chief-password-1", "chief")[0] == 429
        # and a session started on one process is ended on the other
        assert [p.poll() for p in procs] == [None, None]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)


def test_signing_out_ends_the_session_on_the_server_so_the_old_cookie_is_refused():
    with InProcessConsole(ADMIN) as console:
        cookie, csrf = json_login(console.url, "chief", "chief-password-1")
        jar = {"Cookie": f"{COOKIE}={cookie}"}
        assert raw("GET", f"{console.url}/api/annex", headers=jar)[0] == 200
        status, headers, _ = raw("POST", f"{console.url}/logout", urlencode({"csrf": csrf}),
                                 {"Content-Type": "application/x-www-form-urlencoded", **jar})
        assert status == 303 and "Max-Age=0" in headers["set-cookie"]
        # a copy of the cookie kept from before (another tab, a stolen copy) no longer works
        assert raw("GET", f"{console.url}/api/annex", headers=jar)[0] == 401
        status, headers, _ = raw("GET", f"{console.url}/chat", headers=jar)
        assert status == 303 and "/login" in headers["location"]


def test_disabling_an_account_or_resetting_its_password_ends_its_sessions_at_once():
    with InProcessConsole(ADMIN) as console:
        form_login(console.url, "x", "")  # the first request creates the configured administrator
        accounts.add("wang", accounts.AGENT, "wang-password-1", console.records_url)
        cookie, _ = json_login(console.url, "wang", "wang-password-1")
        other, _ = json_login(console.url, "wang", "wang-password-1")
        admin_cookie, _ = json_login(console.url, "chief", "chief-password-1")
        assert raw("GET", f"{console.url}/api/annex", headers={"Cookie": f"{COOKIE}={cookie}"})[0] == 200
        accounts.disable("wang", console.records_url)  # python -m records staff disable wang
        for c in (cookie, other):
            assert raw("GET", f"{console.url}/api/annex", headers={"Cookie": f"{COOKIE}={c}"})[0] == 401
        assert form_login(console.url, "wang-password-1", "wang")[0] == 401
        assert raw("GET", f"{console.url}/api/annex", headers={"Cookie": f"{COOKIE}={admin_cookie}"})[0] == 200
        accounts.reset("chief", "chief-password-2", console.records_url)
        assert raw("GET", f"{console.url}/api/annex", headers={"Cookie": f"{COOKIE}={admin_cookie}"})[0] == 401


def test_a_session_ends_after_the_configured_time_and_after_the_idle_time():
    with InProcessConsole({**ADMIN, "session_seconds": 2}) as console:
        status, headers, _ = form_login(console.url, "chief-password-1", "chief")
        assert status == 303 and "Max-Age=2" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]
        cookie = {"Cookie": f"{COOKIE}={session_cookie(headers)}"}
        assert raw("GET", f"{console.url}/api/annex", headers=cookie)[0] == 200
        time.sleep(2.2)
        assert raw("GET", f"{console.url}/api/annex", headers=cookie)[0] == 401
        status, headers, _ = raw("GET", f"{console.url}/chat", headers=cookie)
        assert status == 303 and "/login" in headers["location"]
    with InProcessConsole({**ADMIN, "idle_seconds": 4}) as console:
        cookie, _ = json_login(console.url, "chief", "chief-password-1")
        jar = {"Cookie": f"{COOKIE}={cookie}"}
        for _ in range(5):  # in use: stays open past the idle time
            time.sleep(1.0)
            assert raw("GET", f"{console.url}/api/annex", headers=jar)[0] == 200
        time.sleep(4.3)  # left alone
        assert raw("GET", f"{console.url}/api/annex", headers=jar)[0] == 401


def test_the_cookie_is_a_random_id_the_database_keeps_only_hashed_and_forged_ones_are_refused(tmp_path):
    import hashlib
    import sqlite3

    url = f"sqlite:///{tmp_path}/r.db"
    with InProcessConsole(ADMIN, records_url=url) as console:
        cookie, _ = json_login(console.url, "chief", "chief-password-1")
        assert len(cookie) >= 40 and "chief" not in cookie and "." not in cookie  # no payload, no signature
        with sqlite3.connect(tmp_path / "r.db") as db:
            stored = [h for (h,) in db.execute("select id_hash from staff_sessions")]
        assert stored == [hashlib.sha256(cookie.encode()).hexdigest()] and cookie not in stored
        for junk in ("", ".", "a.b.c", "ä.ö", "x" * 600, cookie[:-1] + ("A" if cookie[-1] != "A" else "B"),
                     stored[0]):
            assert raw("GET", f"{console.url}/api/annex", headers={"Cookie": f"{COOKIE}={junk}"})[0] == 401


def test_the_old_shared_password_works_only_until_the_first_account_exists():
    with InProcessConsole({"password": "shared-password"}) as console:
        status, _, _ = form_login(console.url, "shared-password")
        assert status == 303
        accounts.add("chief", accounts.ADMIN, "chief-password-1", console.records_url)
        assert form_login(console.url, "shared-password")[0] == 401
        assert form_login(console.url, "chief-password-1", "chief")[0] == 303


def test_without_any_account_or_password_every_login_is_refused_with_a_clear_message(monkeypatch):
    for name in ("XINMI_STAFF_PASSWORD", "XINMI_STAFF_TOKEN", "XINMI_STAFF_ADMIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    with InProcessConsole({}) as console:
        status, _, body = raw("GET", f"{console.url}/login")
        assert status == 503 and "XINMI_STAFF_ADMIN_PASSWORD" in body and "python -m records staff add" in body
        assert form_login(console.url, "")[0] == 503
        assert form_login(console.url, "anything", "admin")[0] == 503


def test_chat_endpoint_answers_through_the_assistant_with_the_clause_and_standard_answer():
    with InProcessConsole(ADMIN) as console:
        cookie, csrf = json_login(console.url, "chief", "chief-password-1")
        body = '{"text": "创业担保贷款能贷多少"}'
        status, _, _ = raw(
            "POST",
            f"{console.url}/api/chat",
            body,
            {"Content-Type": "application/json", "Cookie": f"{COOKIE}={cookie}"},
        )
        assert status == 403  # no CSRF token
        status, _, text = raw(
            "POST",
            f"{console.url}/api/chat",
            body,
            {"Content-Type": "application/json", "Cookie": f"{COOKIE}={cookie}", "X-CSRF-Token": csrf},
        )
        assert status == 200 and ANSWER in text and '"number": "十一"' in text and "标准" not in ANSWER


def test_the_clause_beside_an_answer_is_only_ever_one_the_answer_cites():
    """An annex answer (or one citing nothing) shows no measure, even while the dialogue's current measure is
    still （十一）: the pane must not offer the previous measure's standard answer."""
    annex_reply = "曲梁镇的目标任务……依据：新密政〔2020〕4号附件《新密市2020年城乡就业创业工作目标任务分解表》。"
    assert staff_data.focus_measure(annex_reply, "十一") is None and staff_data.cites_annex(annex_reply)
    assert staff_data.focus_measure("您好，请问有什么可以帮您？", "十一") is None
    assert staff_data.focus_measure("……依据：新密政〔2020〕4号（十一）。", "十一") == "十一"
    assert staff_data.focus_measure("……（十三）……（十一）", "十一") == "十一"


def test_the_shared_rate_limit_counts_each_key_separately_and_forgets_after_the_window(tmp_path):
    limiter = RateLimiter(max_failures=2, window=60, url=f"sqlite:///{tmp_path}/r.db")
    limiter.failed(["client:10.0.0.1", "account:wang"], now=0)
    limiter.failed(["client:10.0.0.1"], now=1)
    assert limiter.retry_after(["client:10.0.0.1"], now=2) == pytest.approx(58)
    assert limiter.retry_after(["account:wang"], now=2) == 0
    assert limiter.retry_after(["client:10.0.0.2", "account:wang"], now=2) == 0
    assert limiter.retry_after(["client:10.0.0.2", "client:10.0.0.1"], now=2) == pytest.approx(58)
    assert limiter.retry_after(["client:10.0.0.1"], now=61) == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "r.db") as db:
        assert "10.0.0.1" not in repr(db.execute("select * from auth_failures").fetchall())


def test_staff_settings_come_from_the_credentials_section_then_the_environment(monkeypatch):
    from bot.config import staff_settings

    monkeypatch.setenv("XINMI_STAFF_ADMIN_PASSWORD", "from-env")
    monkeypatch.setenv("XINMI_STAFF_SESSION_SECONDS", "600")
    monkeypatch.setenv("XINMI_STAFF_IDLE_SECONDS", "300")
    settings = staff_settings({"admin_password": "", "token": "from-file", "cookie_secure": "true"})
    assert (settings.admin_password, settings.token, settings.session_seconds, settings.idle_seconds,
            settings.cookie_secure) == ("from-env", "from-file", 600, 300, True)
    assert staff_settings({"admin_password": "from-file"}).admin_password == "from-file"
    assert "from-env" not in repr(settings) and "from-file" not in repr(settings)
    monkeypatch.delenv("XINMI_STAFF_ADMIN_PASSWORD")
    monkeypatch.delenv("XINMI_STAFF_PASSWORD", raising=False)
    monkeypatch.delenv("XINMI_STAFF_TOKEN", raising=False)
    assert not staff_settings({}).configured
    with pytest.raises(ValueError):
        staff_settings({"session_seconds": 0})


def test_a_page_asked_for_before_sign_in_opens_after_it_and_there_is_no_open_redirect():
    with InProcessConsole(ADMIN) as console:
        status, headers, _ = raw("GET", f"{console.url}/lookup?code=XM-20261129-0001")
        assert status == 303
        next_url = headers["location"].split("next=", 1)[1]
        status, headers, _ = raw(
            "POST",
            f"{console.url}/login",
            urlencode({"name": "chief", "password": "chief-password-1", "next": unquote(next_url)}),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 303 and headers["location"] == "/webhooks/staff/lookup?code=XM-20261129-0001"
        status, headers, _ = raw(
            "POST",
            f"{console.url}/login",
            urlencode({"name": "chief", "password": "chief-password-1", "next": "https://evil.example/"}),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert headers["location"] == "/webhooks/staff/chat"  # no open redirect


def test_nan_inf_or_a_huge_number_in_a_screening_field_is_refused_with_a_message_not_a_server_error():
    with InProcessConsole(ADMIN) as console:
        cookie, csrf = json_login(console.url, "chief", "chief-password-1")
        jar = {"Cookie": f"{COOKIE}={cookie}"}
        for value in ("NaN", "nan", "inf", "-Infinity", "1e999"):
            form = {"csrf": csrf, "applicant": "person", "is_college_graduate": "是", "graduation_year": value}
            status, _, body = raw("POST", f"{console.url}/screen", urlencode(form),
                                  {"Content-Type": "application/x-www-form-urlencoded", **jar})
            assert status == 400 and "毕业年份：请填写" in body, (value, status)
            bare = "NaN" if value.lower() == "nan" else "Infinity" if "inf" in value.lower() else value
            for year in (f'"{value}"', bare):  # a string, and a bare JSON number (NaN/Infinity as Python writes)
                status, _, body = raw("POST", f"{console.url}/api/screen",
                                      f'{{"applicant": "person", "facts": {{"graduation_year": {year}}}}}',
                                      {"Content-Type": "application/json", "X-CSRF-Token": csrf, **jar})
                assert status == 400 and "graduation_year" in json.loads(body)["error"], (year, status, body)


def test_an_annex_answer_clears_the_clause_pane_and_the_standard_answer_is_in_view_at_1366_by_768(
    page, live_assistant
):
    from playwright.sync_api import expect

    sign_in(page, live_assistant)
    page.get_by_label("来电人的问题").fill("创业担保贷款能贷多少")
    page.keyboard.press("Enter")
    expect(page.locator("#clause")).to_have_attribute("data-measure", "十一")
    assert "（十一）" in page.locator("#standard").input_value()
    # 1366×768, nothing scrolled: the standard answer and its copy button are on screen whole
    assert page.evaluate("window.scrollY") == 0
    for selector in ("#standard", "#copy-standard"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 768, (selector, box)
    page.screenshot(path=str(ARTIFACTS / "staff-chat-1366x768.png"))  # the viewport only, as staff see it

    page.get_by_label("来电人的问题").fill("曲梁镇的目标任务是多少")
    page.keyboard.press("Enter")
    expect(page.locator("#chat-log .msg.bot").nth(1)).to_contain_text("附件")
    expect(page.locator("#clause")).to_have_attribute("data-annex", "true")
    expect(page.locator("#clause")).not_to_have_attribute("data-measure", re.compile(".*"))
    assert page.locator("#standard").input_value() == ""  # nothing of （十一） left to copy
    expect(page.locator("#clause-title")).to_contain_text("附件")
    shot(page, "chat-annex")


def test_the_console_shows_no_internal_parameter_or_rule_names():
    internal = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # startup_subsidy_amount, job_seeking_subsidy …
    with InProcessConsole(ADMIN) as console:
        cookie, _ = json_login(console.url, "chief", "chief-password-1")
        jar = {"Cookie": f"{COOKIE}={cookie}"}
        for number in ("十一", "十三", "一"):
            status, _, body = raw("GET", f"{console.url}/measures?n={quote(number)}", headers=jar)
            main = body.split("<main", 1)[1]
            text = re.sub(r"<[^>]+>", " ", main)  # what is shown, not the attributes
            assert status == 200 and not internal.findall(text), (number, internal.findall(text)[:5])
    assert staff_data.CHANNELS["rest"] != "rest"


def test_the_consoles_page_for_measure_13_is_the_generated_page_with_its_quote_and_rule_cases():
    import html as html_lib

    from policy_kb import explain

    generated = explain.page("十三")
    with InProcessConsole(ADMIN) as console:
        cookie, _ = json_login(console.url, "chief", "chief-password-1")
        status, _, body = raw("GET", f"{console.url}/measures?n={quote('（十三）')}", headers={"Cookie": f"{COOKIE}={cookie}"})
    shown = html_lib.unescape(re.sub(r"<[^>]+>", " ", body.split("<main", 1)[1]))
    assert status == 200 and "“补贴标准提高到每人一次性2000元”" in shown
    assert "a graduate is still in the graduation year on 31 December" in shown
    [rule] = generated["rules"]
    assert all(c["name"] in shown for c in rule["cases"])
    assert all(f["question"] in shown for f in rule["facts"])
    assert all(v["quote"] in shown for p in generated["parameters"] for v in p["values"])


def test_the_fonts_the_browser_tests_install_draw_the_consoles_symbols():
    """⏱ ✅ ❌ ℹ are in the verdicts and notes; without an emoji font they were boxes in every screenshot."""
    import shutil

    assert shutil.which("fc-list"), "fontconfig missing: run scripts/install_browser.sh"
    for symbol in "⏱✅❌ℹ":
        families = subprocess.run(["fc-list", f":charset={ord(symbol):x}", "family"], capture_output=True,
                                  text=True, check=True).stdout
        assert families.strip(), f"no installed font draws {symbol} (U+{ord(symbol):04X})"
    script = (Path(__file__).parents[2] / "scripts" / "install_browser.sh").read_text(encoding="utf-8")
    assert "fonts-noto-color-emoji" in script


def _saved_screening(url: str):
    from policy_kb.screening import screen
    from records import screenings

    verdict = screen({"is_college_graduate": True, "graduation_year": TODAY.year, "hardship_type": "低保家庭",
                      "seeking_work": True}, applicant="person")
    saved = screenings.save("wechat", "o6_someone", "person", verdict.facts, verdict.to_dict(), url=url)
    legacy = screenings.Screening(
        code="XM-20261129-0042", verification=None, created_at=dt.datetime(2026, 11, 29, 9, 30),
        day=dt.date(2026, 11, 29), channel="wechat", sender_hash="h", applicant="person",
        facts=screenings.json.dumps(verdict.facts), results=screenings.json.dumps(verdict.to_dict(), default=str),
        eligible='["job_seeking_subsidy"]', policy_version="v")
    with screenings.sessions(url)() as session:
        session.add(legacy)
        session.commit()
    return saved


def test_guessing_the_verification_of_one_code_is_limited_and_every_attempt_is_in_the_audit_log():
    with InProcessConsole({**ADMIN, "max_failures": 3, "failure_window": 60}) as console:
        saved = _saved_screening(console.records_url)
        accounts.add("wang", accounts.AGENT, "wang-password-1", console.records_url)
        cookie, _ = json_login(console.url, "wang", "wang-password-1")
        jar = {"Cookie": f"{COOKIE}={cookie}"}

        def lookup(verification: str) -> int:
            return raw("GET", f"{console.url}/api/screenings/{saved.code}",
                       headers={**jar, "X-Verification": verification})[0]

        wrong = [f"{(int(saved.verification) + n) % 10 ** 6:06d}" for n in (1, 2, 3)]
        assert [lookup(w) for w in wrong] == [403, 403, 403]
        assert lookup(saved.verification) == 429  # the code is locked for the window, even with the right one
        admin, _ = json_login(console.url, "chief", "chief-password-1")
        status, _, body = raw("GET", f"{console.url}/api/audit?code={saved.code}",
                              headers={"Cookie": f"{COOKIE}={admin}"})
        entries = json.loads(body)["entries"]
        assert status == 200 and [(e["account"], e["action"], e["outcome"]) for e in entries] == (
            [("chief", "view_audit", ""), ("wang", "lookup_refused", "limited")]
            + [("wang", "lookup_refused", "wrong_verification")] * 3)
        assert all(e["code"] == saved.code for e in entries)
        assert raw("GET", f"{console.url}/api/audit", headers=jar)[0] == 403  # 坐席 do not read the audit log
        status, _, _ = raw("GET", f"{console.url}/audit", headers=jar)
        assert status == 403


def test_an_old_code_without_a_verification_is_shown_to_an_administrator_only():
    with InProcessConsole(ADMIN) as console:
        _saved_screening(console.records_url)
        accounts.add("wang", accounts.AGENT, "wang-password-1", console.records_url)
        agent, _ = json_login(console.url, "wang", "wang-password-1")
        admin, _ = json_login(console.url, "chief", "chief-password-1")
        url = f"{console.url}/api/screenings/xm-20261129-0042"
        status, _, body = raw("GET", url, headers={"Cookie": f"{COOKIE}={agent}", "X-Verification": "123456"})
        assert status == 403 and "管理员" in json.loads(body)["error"] and "facts" not in body
        status, _, body = raw("GET", url, headers={"Cookie": f"{COOKIE}={admin}"})
        assert status == 200 and json.loads(body)["code"] == "XM-20261129-0042"
        assert json.loads(body)["channel_label"] == "微信公众号"


def test_audit_rows_name_the_account_the_action_and_the_code_and_nothing_about_the_caller(tmp_path):
    import sqlite3

    url = f"sqlite:///{tmp_path}/r.db"
    with InProcessConsole(ADMIN, records_url=url) as console:
        cookie, csrf = json_login(console.url, "chief", "chief-password-1")
        jar = {"Cookie": f"{COOKIE}={cookie}"}
        facts = {"is_college_graduate": True, "graduation_year": TODAY.year, "hardship_type": "低保家庭",
                 "seeking_work": True}
        status, _, body = raw("POST", f"{console.url}/api/screen",
                              json.dumps({"applicant": "person", "facts": facts}),
                              {"Content-Type": "application/json", "X-CSRF-Token": csrf, **jar})
        result = json.loads(body)
        assert status == 201 and CODE.fullmatch(result["code"]) and re.fullmatch(r"\d{6}", result["verification"])
        assert raw("GET", f"{console.url}/api/screenings/{result['code']}",
                   headers={**jar, "X-Verification": result["verification"]})[0] == 200
        raw("POST", f"{console.url}/logout", urlencode({"csrf": csrf}),
            {"Content-Type": "application/x-www-form-urlencoded", **jar})
    with sqlite3.connect(tmp_path / "r.db") as db:
        rows = db.execute("select account, role, action, code, outcome from audit_log order by id").fetchall()
    assert rows == [("chief", "管理员", "sign_in", None, ""), ("chief", "管理员", "screen", result["code"], "saved"),
                    ("chief", "管理员", "lookup", result["code"], "ok"), ("chief", "管理员", "sign_out", None, "")]
    assert "低保家庭" not in repr(rows) and result["verification"] not in repr(rows)


@pytest.fixture
def redis_url(tmp_path):
    """A Redis server of its own on loopback (Debian's redis-server, installed by scripts/services.sh)."""
    import shutil

    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: run scripts/services.sh start (as root) first")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.time() < deadline and proc.poll() is None, "redis-server did not start"
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def test_with_redis_configured_replicas_on_different_databases_share_the_limit_through_redis(redis_url):
    """Two consoles with records databases of their own: only Redis is shared, and the limit still holds."""
    settings = {**ADMIN, "max_failures": 5, "failure_window": 60, "limiter": redis_url}
    with InProcessConsole(settings) as one, InProcessConsole(settings) as other:
        assert one.records_url != other.records_url
        for url in (one.url, one.url, one.url, other.url, other.url):
            assert form_login(url, "wrong", "chief")[0] == 401
        assert form_login(other.url, "chief-password-1", "chief")[0] == 429
        assert form_login(one.url, "chief-password-1", "chief")[0] == 429
        import sqlite3

        for console in (one, other):  # nothing of it in the databases
            path = console.records_url.removeprefix("sqlite:///")
            with sqlite3.connect(path) as db:
                assert db.execute("select count(*) from auth_failures").fetchone() == (0,)


def test_with_redis_down_a_sign_in_is_refused_not_let_through():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there
    with InProcessConsole({**ADMIN, "token": "tool-token-123456", "limiter": f"redis://127.0.0.1:{port}/0"}) as c:
        status, _, body = form_login(c.url, "chief-password-1", "chief")
        assert status == 503 and "稍后再试" in body
        assert raw("GET", f"{c.url}/api/annex", headers={"Authorization": "Bearer tool-token-123456"})[0] == 503
