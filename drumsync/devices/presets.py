"""Looking a preset up by name, with the one error message every preset table gives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def named_preset(table: Mapping[str, T], name: str, what: str) -> T:
    """``table[name]``; ValueError listing the known names otherwise."""
    try:
        return table[name]
    except (KeyError, TypeError):
        known = ", ".join(table)
        raise ValueError(f"unknown {what} {name!r} (known: {known})") from None
