"""A small TOML writer for the value types settings use; ``tomllib`` reads the result back.

Supports tables (nested dicts), strings, booleans, integers, floats (including inf and nan)
and arrays of those scalars. Scalars of a table come before its sub-tables, as TOML requires.
Anything else raises ``TypeError`` / ``ValueError``: the writer never emits TOML it cannot
vouch for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}

Scalar = str | bool | int | float


def dumps(data: Mapping[str, object], header: str = "") -> str:
    """TOML text for ``data``; ``header`` becomes ``#`` comment lines at the top."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    _table(lines, (), data)
    while lines and lines[0] == "":
        lines.pop(0)
    return "\n".join(lines) + "\n"


def _table(lines: list[str], path: tuple[str, ...], table: Mapping[str, object]) -> None:
    scalars = [(k, v) for k, v in table.items() if not isinstance(v, Mapping)]
    tables = [(k, v) for k, v in table.items() if isinstance(v, Mapping)]
    if path and (scalars or not tables):
        lines.append("")
        lines.append("[" + ".".join(key(p) for p in path) + "]")
    elif not path and lines:
        lines.append("")
    for name, value in scalars:
        lines.append(f"{key(name)} = {value_text(value)}")
    for name, sub in tables:
        _table(lines, (*path, name), sub)


def key(name: str) -> str:
    """A bare key where TOML allows one, else a quoted key."""
    if not isinstance(name, str):
        raise TypeError(f"TOML keys are strings, got {type(name).__name__}")
    return name if _BARE_KEY.match(name) else string(name)


def value_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        items = list(value)
        if any(isinstance(v, Mapping | Sequence) and not isinstance(v, str) for v in items):
            raise TypeError("only arrays of scalars are supported")
        return "[" + ", ".join(value_text(v) for v in items) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as TOML")


def string(text: str) -> str:
    """A TOML basic string; control characters escaped, other text kept as UTF-8."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif 0xD800 <= code <= 0xDFFF:
            raise ValueError("text contains a lone surrogate, which TOML cannot hold")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
