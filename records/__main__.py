"""Command line of the records database: staff accounts and the schema.

    python -m records staff add NAME --role 坐席|管理员     # asks for the password twice
    python -m records staff reset NAME [--role ...]        # a new password; the account's sessions end
    python -m records staff disable NAME                   # the account's sessions end at once
    python -m records staff list
    python -m records upgrade                              # Alembic to the newest schema

The database is ``XINMI_RECORDS_URL`` (or ``--url``), the one the console and the action server use.
A password is read from the terminal (never an argument, which ``ps`` and shell history would keep), or
from the first line of standard input with ``--password-stdin`` (for scripts).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from records import accounts
from records.config import records_url
from records.db import upgrade

ROLE_NAMES = {"坐席": accounts.AGENT, "agent": accounts.AGENT, "管理员": accounts.ADMIN, "admin": accounts.ADMIN}


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("口令: ")
    if getpass.getpass("再输入一次: ") != first:
        raise accounts.AccountError("两次输入的口令不一致")
    return first


def _role(value: str | None) -> str | None:
    if value is None:
        return None
    if value not in ROLE_NAMES:
        raise accounts.AccountError("角色须为 坐席 或 管理员（agent / admin）")
    return ROLE_NAMES[value]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m records", description="records database: staff accounts")
    parser.add_argument("--url", help="SQLAlchemy URL (default: XINMI_RECORDS_URL)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("upgrade", help="bring the schema to the newest revision")
    staff = commands.add_parser("staff", help="staff accounts of the console").add_subparsers(dest="action",
                                                                                             required=True)
    add = staff.add_parser("add", help="add an account")
    add.add_argument("name")
    add.add_argument("--role", default="坐席", help="坐席 (default) or 管理员")
    add.add_argument("--password-stdin", action="store_true")
    reset = staff.add_parser("reset", help="set a new password (and enable the account again)")
    reset.add_argument("name")
    reset.add_argument("--role", help="change the role too")
    reset.add_argument("--password-stdin", action="store_true")
    disable = staff.add_parser("disable", help="disable an account; its sessions end at once")
    disable.add_argument("name")
    staff.add_parser("list", help="list the accounts")
    args = parser.parse_args(argv)
    url = args.url or records_url()
    try:
        if args.command == "upgrade":
            upgrade(url)
            print("schema up to date")
        elif args.action == "add":
            role = _role(args.role)
            accounts.add(args.name, role, _password(args.password_stdin), url)
            print(f"已添加账号 {args.name}（{role}）")
        elif args.action == "reset":
            role = _role(args.role)
            accounts.reset(args.name, _password(args.password_stdin), url, role)
            print(f"已重设账号 {args.name} 的口令，原有登录已全部结束")
        elif args.action == "disable":
            accounts.disable(args.name, url)
            print(f"已停用账号 {args.name}，其登录已全部结束")
        else:
            for row in accounts.listing(url):
                state = "启用" if row["active"] else "停用"
                print(f"{row['name']}\t{row['role']}\t{state}\t创建 {row['created_at']:%Y-%m-%d}")
    except accounts.AccountError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
