"""Conversation ≡ CLI: every rule case of ``tests/policy_kb/cases/`` played as a user, through the assistant.

The user opens with a request to check the case's benefit, answers each question the assistant asks from
the case's facts — in phrasings varied from the fact vocabulary (yes/no words, hedges, numerals, full-width
digits, relative years) — says "不知道" to anything the case does not state, and confirms the summary.
The verdict the conversation gives for the benefit must equal ``policy_kb.screening.screen`` on the same
facts and date (what ``python -m policy_kb screen`` prints), and a ✅ may never appear for a benefit the
facts do not make eligible.

``python -m bot.screening_eval --model models/xinmi.tar.gz`` plays every case (an action server is
started with ``XINMI_ALLOW_TEST_DATE=1``, so each conversation is evaluated on its case's date) and prints
the share that reached the CLI's verdict and the questions asked per case. The pytest suite plays a fixed
sample the same way (tests/conversations/test_screening_property.py).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "policy_kb" / "cases"
MAX_TURNS = 24
VERDICT_MARKS = ("关于您问的政策", "根据您提供的情况")
CONFIRM_MARK = "我理解您的情况是"

YES = ["是", "是的", "对", "嗯，是的", "是啊", "中"]
NO = ["不是", "否", "不是的", "没有", "不"]
HEDGED_YES = ["应该是吧"]
HEDGED_NO = ["好像不是"]
BOOL_PHRASES = {  # natural ways to say a fact's value, beyond plain yes/no
    ("is_employed", False): ["还没工作", "没上班", "已经离职了"],
    ("is_employed", True): ["在上班", "有工作"],
    ("seeking_work", True): ["在找工作", "正在找"],
    ("is_student", False): ["已经毕业了", "不在上学了"],
    ("is_college_graduate", True): ["本科", "大专", "普通高校（大专、本科、研究生）"],
    ("is_college_graduate", False): ["中专", "高中", "中专、职高、技校"],
}


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if True in case:  # YAML 1.1 reads the bare key `on` as true
                case["on"] = case.pop(True)
            if case["on"] == "today":
                case["on"] = dt.date.today()
            cases.append(case)
    return cases


def phrase(name: str, value, rng: random.Random, on: dt.date) -> str:
    """One natural way to give ``value`` for fact ``name``."""
    from policy_kb.facts import FACTS

    fact = FACTS[name]
    if name == "is_college_graduate":  # asked as a school category, not yes/no
        return rng.choice(BOOL_PHRASES[(name, value)])
    if fact.type == "bool":
        choices = list(BOOL_PHRASES.get((name, value), [])) + (YES + HEDGED_YES if value else NO + HEDGED_NO)
        return rng.choice(choices)
    if fact.type == "year":
        options = [str(value), f"{value}年", f"{value}年毕业的", str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))]
        if value == on.year:
            options.append("今年")
        if value == on.year - 1:
            options.append("去年毕业的")
        return rng.choice(options)
    if fact.type in ("int", "number"):
        import cn2an

        number = int(value) if float(value) == int(value) else value
        options = [str(number)]
        if isinstance(number, int) and 0 < number < 10000:
            options.append(cn2an.an2cn(number))
            options.append({"age": f"{number}岁", "staff_count": f"{number}人", "business_operating_years": f"{number}年"}
                           .get(name, f"{number}"))
        return rng.choice(options)
    return str(value)


def status_in(verdict: str, rule_name: str) -> str | None:
    """The status a verdict text gives the benefit: eligible / not_eligible / unknown; None when not named."""
    for line in verdict.splitlines():
        if rule_name in line:
            if line.startswith("✅"):
                return "eligible"
            if line.startswith(("❌", "⏱")):
                return "not_eligible"
            if line.startswith("❓"):
                return "unknown"
            if "符合" in line:
                return "eligible_unconfirmed"
    return None


@dataclass
class Outcome:
    case: str
    expected: str
    got: str | None
    questions: int
    transcript: list[tuple[str, str]] = field(default_factory=list)
    wrong_yes: bool = False

    @property
    def ok(self) -> bool:
        return self.got == self.expected and not self.wrong_yes


def expected_status(case: dict) -> str:
    from policy_kb.screening import screen

    verdict = screen(case["facts"], case["on"], targets=[case["rule"]])
    return verdict.results[0].status.value


def opening(case: dict) -> str:
    from policy_kb.rules import RULES

    rule = RULES[case["rule"]]
    name = rule.name.split("（")[0]
    if rule.applicant == "enterprise":
        return f"我们公司想查一下能不能享受{name}"
    return f"我想查一下我能不能享受{name}"


async def play(say, case: dict, seed: int = 0) -> Outcome:
    """One conversation: ``say(text, on)`` sends a message and returns the assistant's text."""
    from policy_kb.facts import FACTS
    from policy_kb.rules import RULES

    rng = random.Random(f"{case['name']}-{seed}")
    on = case["on"]
    facts = case["facts"]
    rule = RULES[case["rule"]]
    expected = expected_status(case)
    transcript: list[tuple[str, str]] = []
    questions = 0
    text = opening(case)
    asked_before: dict[str, int] = {}
    for _ in range(MAX_TURNS):
        reply = await say(text, on)
        transcript.append((text, reply))
        if any(mark in reply for mark in VERDICT_MARKS):
            got = status_in(reply, rule.name)
            wrong_yes = any(line.startswith("✅") and rule.name in line for line in reply.splitlines()) \
                and expected != "eligible"
            return Outcome(case["name"], expected, got, questions, transcript, wrong_yes)
        if CONFIRM_MARK in reply:
            text = rng.choice(["对", "对的", "没错"])
            continue
        asked = [name for name, f in FACTS.items() if f.question in reply]
        if not asked:
            return Outcome(case["name"], expected, None, questions, transcript)
        name = asked[-1]
        asked_before[name] = asked_before.get(name, 0) + 1
        questions += 1
        if name == "applicant_type":
            text = "企业" if rule.applicant == "enterprise" else "个人"
        elif name == "is_college_graduate" and facts.get(name) is False:  # the category says more than no
            text = {True: "中专", False: "高中"}.get(facts.get("is_vocational_graduate"), "不是")
        elif name in facts and asked_before[name] <= 2:
            plain = {True: "是", False: "否"}.get(facts[name], str(facts[name])) if isinstance(facts[name], bool) \
                else str(facts[name])
            if name == "is_college_graduate":
                plain = BOOL_PHRASES[(name, facts[name])][-1]
            text = phrase(name, facts[name], rng, on) if asked_before[name] == 1 else plain
        else:
            text = "不知道"
    return Outcome(case["name"], expected, None, questions, transcript)


def sample(cases: list[dict], size: int) -> list[dict]:
    """A fixed sample spread over the rules: the first cases of each rule, round-robin."""
    by_rule: dict[str, list[dict]] = {}
    for case in cases:
        by_rule.setdefault(case["rule"], []).append(case)
    chosen: list[dict] = []
    depth = 0
    while len(chosen) < size and any(len(v) > depth for v in by_rule.values()):
        for rule_cases in by_rule.values():
            if len(rule_cases) > depth and len(chosen) < size:
                chosen.append(rule_cases[depth])
        depth += 1
    return chosen


def agent_sayer(agent):
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    sender = f"property-{uuid.uuid4().hex[:10]}"

    async def say(text: str, on: dt.date) -> str:
        out = CollectingOutputChannel()
        await agent.handle_message(UserMessage(text, out, sender, metadata={"evaluation_date": on.isoformat()}))
        return "\n".join(m.get("text") or "" for m in out.messages)

    return say


async def run_all(model: str, cases: list[dict]) -> list[Outcome]:
    import tempfile

    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot import rasa_patches
    from bot.nlu_eval import quiet_rasa
    from tests.harness.servers import action_server, base_env

    quiet_rasa()
    rasa_patches.install()  # this process serves the model as `rasa run` would
    with tempfile.TemporaryDirectory(prefix="xinmi-property-") as tmp:
        service = action_server(Path(tmp), base_env(f"sqlite:///{tmp}/records.db", XINMI_ALLOW_TEST_DATE="1"))
        service.start()
        try:
            agent = Agent.load(model, action_endpoint=EndpointConfig(f"{service.url}/webhook"))
            return [await play(agent_sayer(agent), case, seed) for seed, case in enumerate(cases)]
        finally:
            service.stop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--out", default="results/screening")
    args = p.parse_args(argv)
    cases = load_cases()
    outcomes = asyncio.run(run_all(args.model, cases))
    reached = sum(o.ok for o in outcomes)
    wrong_yes = [o for o in outcomes if o.wrong_yes]
    questions = [o.questions for o in outcomes]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures = [{"case": o.case, "expected": o.expected, "got": o.got, "transcript": o.transcript}
                for o in outcomes if not o.ok]
    (out / "report.json").write_text(json.dumps({"cases": len(outcomes), "reached": reached, "failures": failures},
                                                ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nConversation ≡ CLI: {reached}/{len(outcomes)} rule cases reached the CLI's verdict through a conversation; "
          f"wrong ✅: {len(wrong_yes)}")
    print(f"questions asked per case: median {statistics.median(questions):g}, max {max(questions)}")
    for o in outcomes:
        if not o.ok:
            print(f"  ✗ {o.case}: expected {o.expected}, got {o.got}")
    print(f"report: {out / 'report.json'}")
    return 0 if reached == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
