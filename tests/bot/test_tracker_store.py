"""The tracker store named in endpoints.yml: Rasa's SQL store, with SQLite in WAL mode and pooled connections."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

from rasa.core.tracker_store import create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy import event

from bot import tracker_store
from bot.launcher import ROOT

DOMAIN = Domain.from_dict({"slots": {"graduation_year": {"type": "any", "mappings": [{"type": "custom"}]}}})


def _store(tmp_path, name="tracker.db"):
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    config.kwargs["db"] = str(tmp_path / name)  # the shipped settings, in a temporary file
    return create_tracker_store(config, DOMAIN)


def _tracker(sender: str, year: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(f"我是{year}年毕业的", {"name": "inform", "confidence": 1.0}))
    tracker.update(SlotSet("graduation_year", year))
    return tracker


def test_endpoints_yml_names_this_store_and_rasa_loads_it_not_the_in_memory_fallback(tmp_path):
    store = _store(tmp_path)
    assert type(store) is tracker_store.SQLTrackerStore  # a failed import would give InMemoryTrackerStore
    assert store.engine.dialect.name == "sqlite"


def test_sqlite_connections_use_wal_and_normal_sync(tmp_path):
    with _store(tmp_path).engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    raw = sqlite3.connect(tmp_path / "tracker.db")  # WAL is a property of the file: any reader sees it
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_saved_events_are_there_for_a_new_process_and_only_new_events_are_appended(tmp_path):
    async def scenario():
        first = _store(tmp_path)
        tracker = _tracker("resident-a", "2025")
        await first.save(tracker)
        await first.save(_tracker("resident-b", "2019"))
        tracker.update(SlotSet("graduation_year", "2026"))  # a correction
        await first.save(tracker)
        restarted = _store(tmp_path)  # a new store on the same file, as after a restart
        a = await restarted.retrieve("resident-a")
        b = await restarted.retrieve("resident-b")
        return a, b

    a, b = asyncio.run(scenario())
    assert a.get_slot("graduation_year") == "2026" and b.get_slot("graduation_year") == "2019"
    assert len(a.events) == 4 and len(b.events) == 3  # each event stored once
    raw = sqlite3.connect(tmp_path / "tracker.db")
    assert raw.execute("SELECT count(*) FROM events").fetchone()[0] == 7
    raw.close()


def test_the_pool_serves_other_threads_one_checkout_at_a_time(tmp_path):
    store = _store(tmp_path)
    asyncio.run(store.save(_tracker("resident-c", "2024")))
    seen, failures = [], []

    def read():
        try:
            seen.append(asyncio.run(store.retrieve("resident-c")).get_slot("graduation_year"))
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            failures.append(repr(error))

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert failures == [] and seen == ["2024"] * 6


def _statements(store) -> list[str]:
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: seen.append(args[2].lower()))
    return seen


def test_a_tracker_read_from_the_store_is_saved_without_counting_and_gets_exactly_its_new_events(tmp_path):
    async def scenario():
        await _store(tmp_path).save(_tracker("resident-d", "2023"))
        store = _store(tmp_path)  # another process, as after a restart
        statements = _statements(store)
        tracker = await store.retrieve("resident-d")
        tracker.update(UserUttered("我在找工作", {"name": "inform", "confidence": 1.0}))
        tracker.update(SlotSet("graduation_year", "2024"))
        statements.clear()
        await store.save(tracker)
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)  # saved twice: the second time only the one new event
        return statements, await _store(tmp_path).retrieve("resident-d")

    statements, again = asyncio.run(scenario())
    assert not [s for s in statements if "count(" in s], statements
    assert sum(s.startswith("insert") for s in statements) == 3
    assert len(again.events) == 6 and again.get_slot("graduation_year") == "2024"


def test_a_new_session_in_a_read_tracker_is_stored_as_rasa_stores_it(tmp_path):
    async def scenario():
        await _store(tmp_path).save(_tracker("resident-e", "2022"))
        store = _store(tmp_path)
        tracker = await store.retrieve("resident-e")
        tracker.update(SessionStarted())  # the session expired: Rasa starts a new one on the same tracker
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered("你好", {"name": "greet", "confidence": 1.0}))
        await store.save(tracker)
        return await _store(tmp_path).retrieve("resident-e")

    current = asyncio.run(scenario())
    assert [e.type_name for e in current.events] == ["session_started", "action", "user"]
    raw = sqlite3.connect(tmp_path / "tracker.db")
    assert raw.execute("SELECT count(*) FROM events WHERE sender_id = 'resident-e'").fetchone()[0] == 6
    raw.close()
