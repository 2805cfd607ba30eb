"""The WeChat channel's parts on their own: rendering, splitting, the in-process store."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.dedupe import MemoryDedupeStore
from bot.channels.wechat_render import chosen_button, render_answer, split_text


def test_buttons_are_numbered_on_through_the_whole_answer():
    text, payloads = render_answer([
        {"text": "您是应届毕业生吗？", "buttons": [{"title": "是", "payload": "/affirm"},
                                                   {"title": "否", "payload": "/deny"}]},
        {"text": "或者：", "buttons": [{"title": "我是企业", "payload": "/inform_enterprise"}]},
        {"image": "https://example.invalid/flow.png"},
    ])
    assert text == (
        "您是应届毕业生吗？\n回复数字选择：\n1. 是\n2. 否\n\n或者：\n回复数字选择：\n3. 我是企业"
        "\n\n图片：https://example.invalid/flow.png"
    )
    assert payloads == ["/affirm", "/deny", "/inform_enterprise"]


@pytest.mark.parametrize(("reply", "payload"), [("1", "/affirm"), (" 2 ", "/deny"), ("２", "/deny"),
                                                ("1.", "/affirm"), ("3", None), ("0", None),
                                                ("是", None), ("12", None)])
def test_a_numbered_reply_maps_back_to_its_button(reply, payload):
    assert chosen_button(reply, ["/affirm", "/deny"]) == payload


def test_a_short_answer_is_one_message():
    assert split_text("补贴标准为每人2000元。", 2000) == ["补贴标准为每人2000元。"]
    assert split_text("  \n ", 2000) == []


def test_a_long_answer_splits_at_paragraphs_within_the_byte_limits():
    paragraphs = ["第一段。" * 150, "第二段。" * 150, "第三段。" * 150]  # 1800 bytes each
    parts = split_text("\n\n".join(paragraphs), 2000, 2048)
    assert parts == paragraphs


def test_one_very_long_sentence_is_split_by_characters_without_breaking_utf8():
    text = "补" * 1000 + "😀" * 700
    parts = split_text(text, 2000, 2048)
    assert [len(p.encode("utf-8")) <= (2000 if i == 0 else 2048) for i, p in enumerate(parts)] == [True] * len(parts)
    assert "".join(parts) == text


def test_an_emoji_sequence_is_not_cut_between_its_joined_characters():
    family = "👨‍👩‍👧‍👦"  # 4 emoji joined by zero-width joiners, 25 bytes
    parts = split_text(family * 200, 2000, 2048)
    assert "".join(parts) == family * 200
    assert all(p.startswith("👨") and p.endswith("👦") for p in parts)


async def test_the_memory_store_sets_a_key_only_once_until_it_expires():
    store = MemoryDedupeStore()
    assert await store.add("k", "first", ttl=0.05)
    assert not await store.add("k", "second", ttl=0.05)
    assert await store.get("k") == "first"
    await asyncio.sleep(0.06)
    assert await store.get("k") is None
    assert await store.add("k", "third", ttl=1)


async def test_a_waiter_on_the_memory_store_wakes_when_the_value_is_set():
    store = MemoryDedupeStore()
    waiter = asyncio.ensure_future(store.wait_for("answer", timeout=1.0))
    await asyncio.sleep(0.01)
    await store.set("answer", "42", ttl=10)
    assert await asyncio.wait_for(waiter, 0.1) == "42"
    assert await store.wait_for("nothing", timeout=0.01) is None


async def test_the_memory_store_stays_bounded():
    store = MemoryDedupeStore(max_entries=10)
    for n in range(50):
        await store.set(f"k{n}", "v", ttl=60)
    assert len(store._data) <= 10
    assert await store.get("k49") == "v"
