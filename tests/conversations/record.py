"""Record the scripted dialogues (scripts.yml) as Rasa test stories (test_conversations.yml).

Run against the trained model and a running action server:
``python -m tests.conversations.record --actions http://127.0.0.1:5055/webhook``. Review the output before
committing it; ``make conversations`` then checks the policies still predict every recorded action.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import yaml

HERE = Path(__file__).parent


async def record(model: str, actions: str) -> str:
    from rasa.core.agent import Agent
    from rasa.shared.core.training_data.story_writer.yaml_story_writer import YAMLStoryWriter
    from rasa.utils.endpoints import EndpointConfig

    agent = Agent.load(model, action_endpoint=EndpointConfig(actions))
    scripts = yaml.safe_load((HERE / "scripts.yml").read_text(encoding="utf-8"))
    steps = []
    for name, turns in scripts.items():
        sender = f"record-{name.replace(' ', '-')}"
        for turn in turns:
            await agent.handle_text(str(turn), sender_id=sender)
        tracker = await agent.tracker_store.retrieve(sender)
        story = tracker.as_story(include_source=False)
        for step in story.story_steps:
            step.block_name = name
        steps.extend(story.story_steps)
    return YAMLStoryWriter().dumps(steps, is_appendable=False, is_test_story=True)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="models/xinmi.tar.gz")
    p.add_argument("--actions", default="http://127.0.0.1:5055/webhook")
    args = p.parse_args()
    text = asyncio.run(record(args.model, args.actions))
    header = "# Recorded by `python -m tests.conversations.record` from scripts.yml; reviewed before commit.\n"
    (HERE / "test_conversations.yml").write_text(header + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
