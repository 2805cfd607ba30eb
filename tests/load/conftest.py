"""Load and fault tests: the real servers on loopback (tests/harness/servers.py), shared per test module, every
wait bounded; WeChat's customer-service API played by a loopback fake (tests/harness/wechat.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness.servers import MODEL
from tests.harness.wechat import FakeCustomerServiceApi


@pytest.fixture(scope="module")
def fake_api():
    api = FakeCustomerServiceApi().start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def model() -> Path:
    assert MODEL.exists(), "train the model first (make train; make test does it)"
    return MODEL
