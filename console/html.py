"""A very small HTML builder that escapes everything it is given unless it is already :class:`Markup`.

Every value that reaches a staff console page goes through :func:`esc` (text and attribute values),
so a question, a fact or a stored record can never inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

VOID = {"input", "meta", "link", "br", "hr", "img"}


class Markup(str):
    """A string that is already safe HTML."""


def esc(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _children(children: Iterable) -> str:
    out = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, (list, tuple)) or (hasattr(child, "__iter__") and not isinstance(child, str)):
            out.append(_children(child))
        else:
            out.append(esc(child))
    return "".join(out)


def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def tag(name: str, /, *children: object, **attrs: object) -> Markup:
    """``tag("a", "文字", href="/x", class_="nav")`` → ``<a href="/x" class="nav">文字</a>``.

    Attributes that are None or False are left out; True gives a bare attribute.
    """
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(_attr_name(key))
        else:
            parts.append(f'{_attr_name(key)}="{esc(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if name in VOID:
        return Markup(opening)
    return Markup(f"{opening}{_children(children)}</{name}>")


def join(*parts: object) -> Markup:
    return Markup(_children(parts))


def lines(text: str) -> Markup:
    """Text with its line breaks kept (escaped, then <br>)."""
    return Markup("<br>".join(esc(line) for line in (text or "").split("\n")))
