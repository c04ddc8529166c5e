"""Checked reading of decoded JSON values: each failure is a ChartError naming where."""

from __future__ import annotations

import math

from .errors import ChartError
from .text import unsafe_text_reason


def one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def kind_of(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def fail(where: str, problem: str):
    raise ChartError(f"{where}: {problem}")


def read_object(value, where: str, keys: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        fail(where, f"expected an object, got {kind_of(value)}")
    for key in keys:
        if key not in value:
            fail(where, f"missing key {key!r}")
    for key in value:
        if key not in keys:
            fail(where, f"unknown key {one_line(repr(key))}")
    return value


def read_number(value, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(where, f"expected a number, got {kind_of(value)}")
    try:
        number = float(value)
    except OverflowError:
        fail(where, "number is too large")
    if not math.isfinite(number):
        fail(where, "number must be finite")
    if not low <= number <= high:
        fail(where, f"{number!r} is outside {low:g}..{high:g}")
    return number


def read_integer(value, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(where, f"expected a whole number, got {kind_of(value)}")
    if not low <= value <= high:
        shown = value if abs(value) < 10**30 else "a huge number"
        fail(where, f"{shown} is outside {low}..{high}")
    return int(value)


def read_string(value, where: str, max_chars: int, choices: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str):
        fail(where, f"expected a string, got {kind_of(value)}")
    if choices is not None and value not in choices:
        fail(where, f"unknown value {one_line(repr(value[:60]))} (known: {', '.join(choices)})")
    if not 0 < len(value) <= max_chars:
        fail(where, f"must be 1..{max_chars} characters long")
    problem = unsafe_text_reason(value)
    if problem is not None:
        fail(where, problem)
    return value
