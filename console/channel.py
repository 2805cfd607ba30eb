"""Rasa input channel ``staff``: the hotline staff console, served by the Rasa server itself.

Configured in credentials.yml under ``bot.channels.staff.StaffConsole`` (see credentials.example.yml
and docs/staff-console.md) or by ``XINMI_STAFF_*``; ``rasa run`` then serves, under ``/webhooks/staff/``:

* ``login`` (GET/POST) and ``logout`` (POST) — the only routes open without a session;
* pages: ``chat``, ``measures``, ``annex``, ``lookup`` (GET fills the code in; POST looks up code and
  verification), ``screen`` (GET/POST), ``stats``, ``audit`` (administrators);
* JSON: ``api/chat`` (POST), ``api/measures[/<n>]``, ``api/annex``, ``api/screenings/<code>`` (with
  ``X-Verification``), ``api/facts``, ``api/screen`` (POST), ``api/statistics``, ``api/audit`` (administrators).

Why in the Rasa process rather than an app of its own: the chat pane goes through the real assistant
(``on_new_message``) and reads the tracker's current measure without a second HTTP hop or a second
credential, and everything it keeps (sessions, the limit, the audit log) is in the shared records
database (or Redis), so any number of Rasa replicas behind a load balancer serve it alike.

Without a valid session, pages redirect to the login and JSON endpoints answer 401. Tools may send the
configured token as ``Authorization: Bearer <token>`` instead of a cookie. Browser POSTs carry a CSRF
token (form field ``csrf`` or header ``X-CSRF-Token``).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import re
from collections.abc import Awaitable, Callable
from functools import partial, wraps
from typing import Any
from urllib.parse import quote, unquote

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.config import StaffSettings, staff_settings
from console import data, pages
from console import pages_records as record_pages
from console.auth import (
    COOKIE,
    Authenticator,
    StaffSession,
    account_key,
    bearer,
    client_key,
)
from language.verdict import verdict_text
from policy_kb.facts import FactError, coerce
from policy_kb.screening import screen
from records import audit, codes
from records import screenings as records
from records.ratelimit import StoreUnavailable, make_limiter

logger = logging.getLogger(__name__)
_dumps = partial(json.dumps, ensure_ascii=False)
STATIC_FILES = {"console.js": "application/javascript; charset=utf-8"}
CODE_FORMAT = "编号格式不对：应为 XM- 加9位字母数字，例如 XM-7K3Q-9MZDX（旧编号如 XM-20261129-0042 也可以）。"
LOOKUP_REFUSED = {  # outcome → (HTTP status, what staff are told)
    "not_found": (404, "没有找到这个查询编号。请核对编号（字母和数字）。"),
    "no_verification": (403, "请输入来电人报出的6位验证码：编号和验证码都对才能查看记录。"),
    "wrong_verification": (403, "验证码不对。请让来电人核对查询结果消息中的验证码；不要把记录内容告诉对方。"),
    "legacy_refused": (403, "这是旧格式的编号（没有验证码），只有管理员可以查看。请联系管理员。"),
    "limited": (429, "这个编号或本账号的错误尝试次数过多，请稍后再试。"),
}


def _json(body: Any, status: int = 200, headers: dict | None = None) -> HTTPResponse:
    return response.json(body, status=status, headers=headers, dumps=_dumps)


def _html(body: str, status: int = 200, headers: dict | None = None) -> HTTPResponse:
    return response.html(body, status=status, headers=headers)


def _body(request: Request) -> dict:
    """The request's JSON object or form fields (first values)."""
    if "json" in (request.content_type or ""):
        try:
            parsed = request.json
        except InvalidUsage:
            return {}
        return parsed if isinstance(parsed, dict) else {}
    return {k: v[0] if isinstance(v, list) and v else v for k, v in (request.form or {}).items()}


def _field_error(field: dict) -> str:
    if field["type"] in ("int", "year", "number"):
        kind = "数字" if field["type"] == "number" else "整数"
        high = f"{field['maximum']:g}" if field["maximum"] is not None else "以上"
        return f"{field['label']}：请填写{field['minimum']:g}到{high}之间的{kind}"
    return f"{field['label']}：请从列表中选择"


class StaffConsole(InputChannel):
    """Hotline staff console: chat with the assistant, measures, records, statistics."""

    @classmethod
    def name(cls) -> str:
        return "staff"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> StaffConsole:
        return cls(staff_settings(credentials or {}))

    def __init__(self, settings: StaffSettings) -> None:
        self.settings = settings
        self.auth = Authenticator(settings)
        self.limiter = make_limiter(settings.max_failures, settings.failure_window, settings.records_url or None,
                                    settings.limiter)
        self.base = f"/webhooks/{self.url_prefix()}"
        self._bootstrapped = False
        if not settings.configured:
            logger.warning(
                "staff console: no first administrator (XINMI_STAFF_ADMIN_PASSWORD), shared password or token "
                "configured; only accounts already in the records database can sign in"
            )

    async def _bootstrap(self) -> None:
        """Once per process, on the first request: the configured first administrator exists."""
        if self._bootstrapped:
            return
        try:
            await asyncio.to_thread(self.auth.bootstrap)
            self._bootstrapped = True
        except Exception:
            logger.exception("staff console: could not create the first administrator")

    # --- sessions ---------------------------------------------------------------------------------------

    async def session_of(self, request: Request) -> StaffSession | str | None:
        """The request's session; None without a valid one; "limited" when a Bearer client is rate-limited."""
        await self._bootstrap()
        token = bearer(request.headers.get("authorization"))
        if token is not None:
            keys = [client_key(self._client(request)), account_key("Bearer")]
            try:
                if await asyncio.to_thread(self.limiter.retry_after, keys) > 0:
                    return "limited"
                if self.auth.token_ok(token):
                    return self.auth.token_session()
                await asyncio.to_thread(self.limiter.failed, keys)
            except (SQLAlchemyError, StoreUnavailable):
                logger.exception("staff console: sign-in limit unavailable; Bearer refused")
                return "unavailable"
            logger.warning("staff console: wrong Bearer token from %s", self._client(request))
            return None
        sid = request.cookies.get(COOKIE)
        if not sid:
            return None
        try:
            return await asyncio.to_thread(self.auth.resume, sid)
        except SQLAlchemyError:
            logger.exception("staff console: sessions unreadable (records database unavailable)")
            return None

    def _csrf_ok(self, request: Request, session: StaffSession) -> bool:
        if session.via_token:
            return True
        supplied = request.headers.get("x-csrf-token") or str(_body(request).get("csrf") or "")
        return hmac.compare_digest(supplied.encode(), session.csrf.encode())

    def _safe_next(self, target: str | None) -> str:
        target = target or ""
        if (
            target.startswith(self.base + "/")
            and not re.search(r"//|\\|[\r\n]", target)
            and "/login" not in target
        ):
            return target
        return f"{self.base}/chat"

    def _client(self, request: Request) -> str:
        return request.remote_addr or request.ip or "unknown"

    def _records_url(self) -> str | None:
        return self.settings.records_url or None

    def _set_cookie(self, resp: HTTPResponse, request: Request, value: str) -> None:
        resp.cookies[COOKIE] = value
        cookie = resp.cookies[COOKIE]
        cookie["path"] = self.base
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["max-age"] = max(int(self.settings.session_seconds), 1)
        if self.settings.cookie_secure or request.scheme == "https":
            cookie["secure"] = True

    def _clear_cookie(self, resp: HTTPResponse) -> None:
        resp.cookies[COOKIE] = ""
        resp.cookies[COOKIE]["path"] = self.base
        resp.cookies[COOKIE]["max-age"] = 0

    # --- guards -------------------------------------------------------------------------------------------

    def page(self, handler: Callable[..., Awaitable[HTTPResponse]]):
        """An HTML route: redirect to the login without a session; POSTs need the CSRF token."""

        @wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            session = await self.session_of(request)
            if session == "limited":
                return _html(pages.message_page(self.base, "请稍后再试", "尝试次数过多，请稍后再试。"), 429)
            if session == "unavailable":
                return _html(pages.message_page(self.base, "请稍后再试", "暂时无法验证登录，请稍后再试。"), 503)
            if session is None:
                target = request.path + (f"?{request.query_string}" if request.query_string else "")
                return response.redirect(f"{self.base}/login?next={quote(target)}", status=303)
            if request.method == "POST" and not self._csrf_ok(request, session):
                return _html(
                    pages.message_page(self.base, "请求无效", "页面已过期，请返回重新提交。"), 403
                )
            return await handler(request, session, *args, **kwargs)

        return guarded

    def api(self, handler: Callable[..., Awaitable[HTTPResponse]]):
        """A JSON route: 401 without a session; POSTs from a browser session need ``X-CSRF-Token``."""

        @wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            session = await self.session_of(request)
            if session == "limited":
                return _json({"error": "尝试次数过多，请稍后再试"}, 429, {"Retry-After": str(self._window())})
            if session == "unavailable":
                return _json({"error": "暂时无法验证登录，请稍后再试"}, 503)
            if session is None:
                return _json({"error": "未登录或登录已过期"}, 401, {"WWW-Authenticate": "Bearer"})
            if request.method == "POST" and not self._csrf_ok(request, session):
                return _json({"error": "CSRF token missing or wrong"}, 403)
            return await handler(request, session, *args, **kwargs)

        return guarded

    def _window(self) -> int:
        return max(1, math.ceil(self.settings.failure_window))

    async def _audit(self, session: StaffSession, action: str, code: str | None = None, outcome: str = "") -> None:
        try:
            await asyncio.to_thread(audit.write, session.account.name, session.account.role, action, code,
                                    outcome, self._records_url())
        except SQLAlchemyError:
            logger.exception("staff console: audit entry not written (records database unavailable)")

    # --- the blueprint ------------------------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("staff_console", __name__)
        base, page, api = self.base, self.page, self.api

        @bp.middleware("response")
        async def security_headers(request: Request, resp: HTTPResponse) -> None:
            resp.headers.setdefault("Cache-Control", "no-store")
            resp.headers.setdefault("X-Content-Type-Options", "nosniff")
            resp.headers.setdefault("X-Frame-Options", "DENY")
            resp.headers.setdefault("Referrer-Policy", "no-referrer")
            resp.headers.setdefault("Content-Security-Policy", pages.content_security_policy())

        @bp.route("/", methods=["GET"])
        async def index(request: Request) -> HTTPResponse:
            signed_in = isinstance(await self.session_of(request), StaffSession)
            return response.redirect(f"{base}/chat" if signed_in else f"{base}/login", status=303)

        @bp.route("/login", methods=["GET"])
        async def login_form(request: Request) -> HTTPResponse:
            next_url = self._safe_next(request.args.get("next"))
            await self._bootstrap()
            if isinstance(await self.session_of(request), StaffSession):
                return response.redirect(next_url, status=303)
            configured = await self._can_sign_in()
            return _html(pages.login_page(base, next_url, configured=configured), 200 if configured else 503)

        @bp.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            return await self._login(request)

        @bp.route("/logout", methods=["POST"])
        @page
        async def logout(request: Request, session: StaffSession) -> HTTPResponse:
            if not session.via_token:
                await asyncio.to_thread(self.auth.end, session)  # the cookie is worthless from now on
                await self._audit(session, "sign_out")
            resp = response.redirect(f"{base}/login", status=303)
            self._clear_cookie(resp)
            return resp

        @bp.route("/static/<name>", methods=["GET"])
        @page
        async def static(request: Request, session: StaffSession, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.text("not found", status=404)
            return response.text(
                (pages.STATIC / name).read_text(encoding="utf-8"), content_type=STATIC_FILES[name]
            )

        # pages
        @bp.route("/chat", methods=["GET"])
        @page
        async def chat(request: Request, session: StaffSession) -> HTTPResponse:
            return _html(pages.chat_page(base, session.csrf, session.is_admin))

        @bp.route("/measures", methods=["GET"])
        @page
        async def measures_page(request: Request, session: StaffSession) -> HTTPResponse:
            query = (request.args.get("q") or "").strip()[:100]
            number = request.args.get("n") or (None if query else "总体要求")
            listing = data.measure_list(query)
            if number is None and listing["hits"]:
                number = listing["hits"][0]["number"]
            try:
                detail = data.measure_detail(number, query) if number else None
            except KeyError:
                return _html(pages.message_page(base, "政策条文", f"没有第“{number}”条。"), 404)
            return _html(pages.measures_page(base, session.csrf, listing, detail, session.is_admin))

        @bp.route("/annex", methods=["GET"])
        @page
        async def annex_page(request: Request, session: StaffSession) -> HTTPResponse:
            return _html(pages.annex_page(base, session.csrf, data.annex_data(), session.is_admin))

        @bp.route("/lookup", methods=["GET"])
        @page
        async def lookup(request: Request, session: StaffSession) -> HTTPResponse:
            raw = (request.args.get("code") or "").strip()[:40]  # a code to fill in; the lookup itself is a POST
            error = "" if not raw or codes.normalize(raw) else CODE_FORMAT
            return _html(record_pages.lookup_page(base, session.csrf, raw, error=error, admin=session.is_admin),
                         400 if error else 200)

        @bp.route("/lookup", methods=["POST"])
        @page
        async def lookup_run(request: Request, session: StaffSession) -> HTTPResponse:
            form = _body(request)
            raw = str(form.get("code") or "").strip()[:40]
            view, status, error = await self._record(request, session, raw, str(form.get("verification") or ""))
            return _html(record_pages.lookup_page(base, session.csrf, raw, view, error, session.is_admin), status)

        @bp.route("/audit", methods=["GET"])
        @page
        async def audit_page(request: Request, session: StaffSession) -> HTTPResponse:
            if not session.is_admin:
                return _html(pages.message_page(base, "审计日志", "只有管理员可以查看审计日志。", "chat",
                                                session.csrf), 403)
            entries = await self._audit_entries(session, request.args.get("code"))
            return _html(record_pages.audit_page(base, session.csrf, entries))

        @bp.route("/screen", methods=["GET"])
        @page
        async def screen_form(request: Request, session: StaffSession) -> HTTPResponse:
            applicant = "enterprise" if request.args.get("applicant") == "enterprise" else "person"
            return _html(record_pages.screen_page(base, session.csrf, applicant, data.fact_fields(applicant),
                                                  admin=session.is_admin))

        @bp.route("/screen", methods=["POST"])
        @page
        async def screen_run(request: Request, session: StaffSession) -> HTTPResponse:
            form = _body(request)
            applicant = "enterprise" if form.get("applicant") == "enterprise" else "person"
            fields = data.fact_fields(applicant)
            facts = data.facts_from_form(applicant, form)
            errors = {}
            for field in fields:
                if field["name"] in facts:
                    try:
                        coerce(field["name"], facts[field["name"]])
                    except FactError:
                        errors[field["name"]] = _field_error(field)
            if errors:
                return _html(record_pages.screen_page(base, session.csrf, applicant, fields, form, errors,
                                                      admin=session.is_admin), 400)
            result = await self._screen(session, applicant, facts)
            return _html(record_pages.screen_page(base, session.csrf, applicant, fields, form, result=result,
                                                  admin=session.is_admin))

        @bp.route("/stats", methods=["GET"])
        @page
        async def stats(request: Request, session: StaffSession) -> HTTPResponse:
            view = await self._statistics(request.args.get("days"))
            if view is None:
                return _html(
                    pages.message_page(base, "统计监测（二十二）", "统计数据暂时无法读取（数据库不可用）。", "stats",
                                       session.csrf, session.is_admin),
                    503,
                )
            return _html(record_pages.stats_page(base, session.csrf, view, session.is_admin))

        # JSON
        @bp.route("/api/chat", methods=["POST"])
        @api
        async def api_chat(request: Request, session: StaffSession) -> HTTPResponse:
            return await self._chat(request, session, on_new_message)

        @bp.route("/api/measures", methods=["GET"])
        @api
        async def api_measures(request: Request, session: StaffSession) -> HTTPResponse:
            return _json(data.measure_list((request.args.get("q") or "").strip()[:100]))

        @bp.route("/api/measures/<number>", methods=["GET"])
        @api
        async def api_measure(request: Request, session: StaffSession, number: str) -> HTTPResponse:
            try:
                return _json(data.measure_detail(unquote(number), (request.args.get("q") or "")[:100]))
            except KeyError:
                return _json({"error": f"no measure {number!r}"}, 404)

        @bp.route("/api/annex", methods=["GET"])
        @api
        async def api_annex(request: Request, session: StaffSession) -> HTTPResponse:
            return _json(data.annex_data())

        @bp.route("/api/facts", methods=["GET"])
        @api
        async def api_facts(request: Request, session: StaffSession) -> HTTPResponse:
            applicant = "enterprise" if request.args.get("applicant") == "enterprise" else "person"
            return _json({"applicant": applicant, "facts": data.fact_fields(applicant)})

        @bp.route("/api/screenings/<code>", methods=["GET"])
        @api
        async def api_screening(request: Request, session: StaffSession, code: str) -> HTTPResponse:
            verification = request.headers.get("x-verification") or request.args.get("verification") or ""
            view, status, error = await self._record(request, session, unquote(code), verification)
            return _json(view if view else {"error": error}, status)

        @bp.route("/api/audit", methods=["GET"])
        @api
        async def api_audit(request: Request, session: StaffSession) -> HTTPResponse:
            if not session.is_admin:
                return _json({"error": "只有管理员可以查看审计日志"}, 403)
            return _json({"entries": await self._audit_entries(session, request.args.get("code"))})

        @bp.route("/api/screen", methods=["POST"])
        @api
        async def api_screen(request: Request, session: StaffSession) -> HTTPResponse:
            body = _body(request)
            applicant = body.get("applicant")
            facts = body.get("facts")
            if applicant not in data.APPLICANTS or not isinstance(facts, dict):
                return _json(
                    {"error": 'body must be {"applicant": "person"|"enterprise", "facts": {...}}'}, 400
                )
            facts = {"applicant_type": data.APPLICANTS[applicant], **facts}
            try:
                result = await self._screen(session, applicant, facts)
            except FactError as error:
                return _json({"error": str(error)}, 400)
            return _json(result, 201 if result["code"] else 200)

        @bp.route("/api/statistics", methods=["GET"])
        @api
        async def api_statistics(request: Request, session: StaffSession) -> HTTPResponse:
            view = await self._statistics(request.args.get("days"))
            return (
                _json(view, 200)
                if view is not None
                else _json({"error": "records database unavailable"}, 503)
            )

        return bp

    # --- what the routes do -------------------------------------------------------------------------------

    async def _can_sign_in(self) -> bool:
        try:
            return await asyncio.to_thread(self.auth.can_sign_in)
        except SQLAlchemyError:
            logger.exception("staff console: records database unavailable")
            return True  # the sign-in itself will say the database is down

    async def _login(self, request: Request) -> HTTPResponse:
        body = _body(request)
        wants_json = "json" in (request.content_type or "")
        next_url = self._safe_next(str(body.get("next") or ""))

        def refuse(message: str, status: int, headers: dict | None = None, configured: bool = True):
            if wants_json:
                return _json({"error": message}, status, headers)
            return _html(pages.login_page(self.base, next_url, message, configured), status, headers)

        await self._bootstrap()
        if not await self._can_sign_in():
            return refuse("员工控制台未启用：还没有员工账号。", 503, configured=False)
        client = self._client(request)
        name = str(body.get("name") or "").strip()[:64]
        keys = [client_key(client), account_key(name)]
        try:
            wait = await asyncio.to_thread(self.limiter.retry_after, keys)
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                logger.warning("staff console: sign-in refused for %s (rate limit)", client)
                return refuse(f"登录失败次数过多，请{seconds}秒后再试。", 429, {"Retry-After": str(seconds)})
            account = await asyncio.to_thread(self.auth.check_password, name, str(body.get("password") or ""))
            if account is None:
                await asyncio.to_thread(self.limiter.failed, keys)
                logger.warning("staff console: wrong credentials from %s", client)
                return refuse("账号或口令不正确，请重新输入。", 401)
            await asyncio.to_thread(self.limiter.succeeded, [account_key(name)])
            sid, session = await asyncio.to_thread(self.auth.start, account)
        except (SQLAlchemyError, StoreUnavailable):
            logger.exception("staff console: records database or limiter unavailable at sign-in")
            return refuse("暂时无法登录（数据库不可用），请稍后再试。", 503)
        await self._audit(session, "sign_in")
        logger.info("staff console: signed in from %s (session %s, role %s)", client, session.key,
                    "admin" if session.is_admin else "agent")
        resp = (
            _json({"ok": True, "account": account.name, "role": account.role, "csrf": session.csrf})
            if wants_json
            else response.redirect(next_url, status=303)
        )
        self._set_cookie(resp, request, sid)
        return resp

    async def _chat(
        self, request: Request, session: StaffSession, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        body = _body(request)
        text = str(body.get("text") or "").strip()[:500]
        if not text:
            return _json({"error": "请输入问题"}, 400)
        conversation = re.sub(r"[^A-Za-z0-9]", "", str(body.get("conversation") or "1"))[:16] or "1"
        sender = f"staff-{session.key}-{conversation}"
        collector = CollectingOutputChannel()
        try:
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
        except Exception:
            logger.exception("staff console: the assistant failed to answer")
            return _json({"error": "助手暂时无法回答，请稍后再试或直接查阅政策条文。"}, 502)
        messages = [
            {
                "text": m.get("text") or "",
                "buttons": [
                    {"title": b.get("title", ""), "payload": b.get("payload", "")}
                    for b in (m.get("buttons") or [])
                ],
            }
            for m in collector.messages
            if m.get("text") or m.get("buttons")
        ]
        reply = "\n".join(m["text"] for m in messages)
        slot = await self._current_measure(request, sender)
        number = data.focus_measure(reply, slot)
        return _json(
            {
                "conversation": conversation,
                "messages": messages,
                "cited": data.cited_measures(reply),
                "annex": data.cites_annex(reply),
                # None when the answer cites no measure: the pane must not keep showing the previous one
                "measure": data.clause_panel(number, text) if number else None,
            }
        )

    async def _current_measure(self, request: Request, sender: str) -> str | None:
        agent = getattr(request.app.ctx, "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return None
        try:
            tracker = await store.retrieve(sender)
        except Exception:
            logger.exception("staff console: tracker not readable")
            return None
        value = tracker.get_slot("current_measure") if tracker else None
        return str(value) if value else None

    async def _record(
        self, request: Request, session: StaffSession, raw: str, verification: str
    ) -> tuple[dict | None, int, str]:
        """A record for staff: the code and its verification number must both be right (old codes without a
        verification: administrators only). Wrong verifications count in the limit, per code and account."""
        code = codes.normalize(raw)
        if code is None:
            return None, 400, CODE_FORMAT
        keys = [f"code:{code}", f"lookup:{session.account.name}"]

        def load() -> tuple[str, dict | None]:
            limited = self.limiter.retry_after(keys) > 0
            record = None if limited else records.find(code, self._records_url())
            if limited:
                outcome = "limited"
            elif record is None:
                outcome = "not_found"
            elif record.verification is None:
                outcome = "legacy" if session.is_admin else "legacy_refused"
            elif records.verification_matches(record, verification):
                outcome = "ok"
            else:
                outcome = "wrong_verification" if verification.strip() else "no_verification"
            if outcome in ("not_found", "wrong_verification"):
                self.limiter.failed(keys)
            ok = outcome in ("ok", "legacy")
            audit.write(session.account.name, session.account.role, "lookup" if ok else "lookup_refused",
                        code, outcome, self._records_url())
            return outcome, data.record_view(record) if ok else None

        try:
            outcome, view = await asyncio.to_thread(load)
        except (SQLAlchemyError, StoreUnavailable):
            logger.exception("staff console: records database unavailable")
            return None, 503, "查询记录暂时无法读取（数据库不可用），请稍后再试。"
        if view is not None:
            return view, 200, ""
        return None, *LOOKUP_REFUSED[outcome]

    async def _audit_entries(self, session: StaffSession, code: str | None) -> list[dict]:
        canonical = codes.normalize(code) if code else None
        await self._audit(session, "view_audit", canonical)
        entries = await asyncio.to_thread(audit.recent, 200, canonical, self._records_url())
        return [{**e, "outcome_label": data.OUTCOMES.get(e["outcome"], e["outcome"])} for e in entries]

    async def _screen(self, session: StaffSession, applicant: str, facts: dict) -> dict:
        verdict = screen(facts, applicant=applicant)
        result = verdict.to_dict()
        try:
            saved = await asyncio.to_thread(
                records.save, "staff", f"staff-{session.key}", applicant, verdict.facts, result,
                self._records_url(),
            )
        except SQLAlchemyError:
            logger.exception("staff console: screening record not saved")
            saved = None
        if saved is not None:
            await self._audit(session, "screen", saved.code, "saved")
        return {
            "code": saved.code if saved else None,
            "verification": saved.verification if saved else None,
            "saved": saved is not None,
            "text": verdict_text(verdict, confirmed=True),  # staff enter facts the caller confirmed
            "verdict": result,
            "groups": data.explain_results(result),
            "deferred": result["deferred"],
        }

    async def _statistics(self, days_arg: str | None) -> dict | None:
        try:
            days = min(max(int(days_arg), 1), 366) if days_arg else self.settings.statistics_days
        except ValueError:
            days = self.settings.statistics_days
        try:
            stats = await asyncio.to_thread(records.statistics, days, self._records_url())
        except SQLAlchemyError:
            logger.exception("staff console: records database unavailable")
            return None
        return data.statistics_view(stats, days)
