"""``rasa run actions`` with a listen backlog sized for bursts: ``python -m bot.action_server [--port 5055]``.

The Rasa server opens a new connection to the action server for every custom action it runs, so a burst
of residents (a WeChat push, the morning rush) means that many connections at once. ``rasa run actions``
listens with Sanic's default backlog of 100 and offers no way to change it; past 100 pending connections
the kernel drops them (``ListenOverflows`` in /proc/net/netstat) and Rasa logs "Can not write request
body", loses the action's events and the resident gets an apology instead of an answer. This starts the
same rasa_sdk application (same arguments, logging and ``ACTION_SERVER_SANIC_WORKERS``) with the backlog
from ``SANIC_BACKLOG`` — the variable ``rasa run`` itself reads — defaulting to 2048 (the kernel caps it
at net.core.somaxconn).
"""

from __future__ import annotations

import logging
import os
import sys

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.endpoint import create_app, create_argument_parser, create_ssl_context

DEFAULT_BACKLOG = 2048
logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    args = create_argument_parser().parse_args(argv)
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel,
                                 args.logging_config_file)
    utils.update_sanic_log_level()
    app = create_app(args.actions, cors_origins=args.cors, auto_reload=args.auto_reload)
    ssl_context = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    host = os.environ.get("SANIC_HOST", "0.0.0.0")
    backlog = int(os.environ.get("SANIC_BACKLOG") or DEFAULT_BACKLOG)
    logger.info("Action endpoint is up and running on %s://%s:%s (backlog %s)",
                "https" if ssl_context else "http", host, args.port, backlog)
    app.run(host, args.port, ssl=ssl_context, workers=utils.number_of_sanic_workers(), backlog=backlog)
    return 0


if __name__ == "__main__":
    sys.exit(main())
