"""``python -m bot.rasa_cli <rasa arguments>``: Rasa's command line (``rasa run``, ``rasa run actions``,
``rasa shell``) after :func:`bot.rasa_patches.install` — the Rasa version checked, and for a Rasa server the
fixes installed — so that they do not depend on which module happens to be imported first.

bot/launcher.py and the test harness (tests/harness/servers.py) start every server this way. A Rasa
other than the pinned one stops here, with the reason, before anything is loaded (exit status 2).
"""

from __future__ import annotations

import sys

from bot import rasa_patches


def process_of(argv: list[str]) -> str:
    """``actions`` for ``run actions`` (the action server), else ``server``."""
    return "actions" if argv[:2] == ["run", "actions"] else "server"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        rasa_patches.install(process_of(argv))
    except rasa_patches.RasaVersionError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]  # Rasa's parser (and its model-path shortcut) read sys.argv
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
