"""A running assistant for dialogue tests: the trained model in-process, the real action server on a free port."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest

from tests.harness.servers import MODEL, base_env
from tests.harness.servers import action_server as action_service


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def action_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("actions")
    service = action_service(workdir, base_env(f"sqlite:///{workdir}/records.db", XINMI_ALLOW_TEST_DATE="1"))
    try:
        service.start()
        yield f"{service.url}/webhook"
    finally:
        service.stop()


@pytest.fixture(scope="session")
def agent(action_server):
    assert Path(MODEL).exists(), "train the model first (make test does)"
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot import rasa_patches

    rasa_patches.install()  # as bot.rasa_cli does before `rasa run`
    return Agent.load(str(MODEL), action_endpoint=EndpointConfig(action_server))


class Chat:
    """One user talking to the assistant; keeps every reply."""

    def __init__(self, agent):
        self.agent = agent
        self.sender = f"test-{uuid.uuid4().hex[:8]}"
        self.replies: list[list[dict]] = []

    async def say(self, text: str, on=None) -> str:
        """One message; ``on`` (a date) is the day the conversation is evaluated on (test harness only)."""
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        out = CollectingOutputChannel()
        metadata = {"evaluation_date": on.isoformat()} if on else None
        await self.agent.handle_message(UserMessage(text, out, self.sender, metadata=metadata))
        self.replies.append(out.messages)
        return "\n".join(m.get("text") or "" for m in out.messages)

    def buttons(self) -> list[dict]:
        return [b for m in self.replies[-1] for b in m.get("buttons", [])] if self.replies else []

    async def slot(self, name: str):
        tracker = await self.agent.tracker_store.get_or_create_tracker(self.sender)
        return tracker.get_slot(name)


@pytest.fixture
def chat(agent):
    return Chat(agent)
