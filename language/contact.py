"""Where residents are sent for what this assistant cannot settle: each number and its wording, once.

Imported by language/ (answers, replies, scope), the actions, the channels' apology and bot/generate.py,
which writes the domain's responses that mention them (domain/contact.yml). It imports nothing, so any
layer can use it without a cycle. (policy_kb/rules/base.py still has its own ``HOTLINE``; a test keeps the two
equal.)
"""

from __future__ import annotations

HR_NUMBER = "12333"
"""人社服务热线: employment and social insurance."""
CITIZEN_NUMBER = "12345"
"""市民热线: anything else of the city's."""

HOTLINE = f"市人社局（电话{HR_NUMBER}）"
"""In running text: 请向{HOTLINE}确认, 以{HOTLINE}答复为准."""
HR_HOTLINE = f"人社服务热线{HR_NUMBER}"
"""After a verb: 拨打{HR_HOTLINE}."""
CITIZEN_HOTLINE = f"{CITIZEN_NUMBER}市民热线"
