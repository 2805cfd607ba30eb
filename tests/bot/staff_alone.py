"""The staff channel alone as its own server process (for tests of what several processes share):
``python tests/bot/staff_alone.py PORT`` with ``XINMI_STAFF_*`` and ``XINMI_RECORDS_URL`` in the environment."""

from __future__ import annotations

import sys

from sanic import Sanic

from bot.channels.staff import StaffConsole


async def _no_assistant(message) -> None:
    await message.output_channel.send_text_message(message.sender_id, "（测试）")


def main() -> None:
    port = int(sys.argv[1])
    app = Sanic("staff_alone", configure_logging=False)
    app.blueprint(StaffConsole.from_credentials({}).blueprint(_no_assistant), url_prefix="/webhooks/staff")
    app.run(host="127.0.0.1", port=port, access_log=False, workers=1)


if __name__ == "__main__":
    main()
