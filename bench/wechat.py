"""A WeChat server as the channel sees it (plaintext mode): signed queries, real message XML, retries.

The query is signed as WeChat signs it (SHA-1 over the sorted token, timestamp and nonce,
``wechatpy.utils.WeChatSigner``), the body is the XML WeChat posts, and the passive reply is parsed back.
A retry re-posts the same message (same ``MsgId``) under a fresh signature, as WeChat does after 5 s.
"""

from __future__ import annotations

import itertools
import time
import uuid
from dataclasses import dataclass

import aiohttp
import xmltodict
from wechatpy.utils import WeChatSigner

ACCOUNT = "gh_xinmi_bench"
_msg_ids = itertools.count(int(time.time() * 1000) * 1000)


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_xml(openid: str, content: str, msg_id: int) -> str:
    return ("<xml>"
            f"<ToUserName>{_cdata(ACCOUNT)}</ToUserName><FromUserName>{_cdata(openid)}</FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType>{_cdata('text')}</MsgType>"
            f"<Content>{_cdata(content)}</Content><MsgId>{msg_id}</MsgId>"
            "</xml>")


@dataclass
class Passive:
    """What the channel answered to one POST: the passive text, or None for "success"."""

    status: int
    text: str | None
    seconds: float


class WeChatServer:
    """Posts users' text messages to one channel URL (or several replicas' URLs) like WeChat does."""

    def __init__(self, session: aiohttp.ClientSession, token: str) -> None:
        self.session = session
        self.token = token

    def query(self, openid: str) -> dict[str, str]:
        timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:16]
        signer = WeChatSigner()
        signer.add_data(self.token, timestamp, nonce)
        return {"signature": signer.signature, "timestamp": timestamp, "nonce": nonce, "openid": openid}

    @staticmethod
    def new_message(openid: str, content: str) -> tuple[int, str]:
        msg_id = next(_msg_ids)
        return msg_id, text_xml(openid, content, msg_id)

    async def post(self, url: str, openid: str, xml: str) -> Passive:
        started = time.perf_counter()
        async with self.session.post(url, params=self.query(openid), data=xml.encode("utf-8"),
                                     headers={"Content-Type": "text/xml"}) as resp:
            body, status = await resp.text(), resp.status
        seconds = time.perf_counter() - started
        if status != 200 or body in ("", "success"):
            return Passive(status, None, seconds)
        document = xmltodict.parse(body)["xml"]
        if document.get("ToUserName") != openid:
            raise AssertionError(f"a reply for {document.get('ToUserName')!r} reached {openid!r}")
        return Passive(status, document.get("Content") or "", seconds)

    async def say(self, url: str, openid: str, content: str) -> Passive:
        _, xml = self.new_message(openid, content)
        return await self.post(url, openid, xml)
