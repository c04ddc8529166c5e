"""Strict JSON for the game's files and messages (standard library only).

``json.loads`` is lenient where our formats must not be: it reads ``NaN`` and ``Infinity``,
lets the last of two equal keys in an object win, reads ``1e999`` as infinity, and a deeply
nested document makes it raise ``RecursionError``. A :class:`StrictJson` reads JSON without
any of that, bounded in size, and turns every problem (too large, not UTF-8, not JSON) into
one line in the format's own error type and words: a chart, a replay and a network message
each keep their own messages.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

MIB = 1024 * 1024
BYTE_ORDER_MARK = "\ufeff"


def first_line(error: BaseException, fallback: str) -> str:
    """The first line of ``error``'s text, or ``fallback`` when it has none."""
    text = str(error)
    return text.splitlines()[0] if text else fallback


@dataclass(frozen=True, slots=True, kw_only=True)
class StrictJson:
    """One format's strict JSON: its error type, its size limit and its words for each problem.

    Messages are ``str.format`` templates; the fields each one is given are named beside it.
    """

    #: Raised for every problem, with a one-line message.
    error: type[Exception]
    max_bytes: int
    #: Bytes over ``max_bytes``: ``{max_bytes}``, ``{max_mib}``.
    too_large: str = "file is larger than {max_mib} MiB"
    #: Bytes that are not UTF-8: ``{start}``, the offset of the first bad byte.
    not_utf8: str = "not UTF-8 text (bad byte at offset {start})"
    #: ``NaN``, ``Infinity`` or ``-Infinity``: ``{name}``.
    constant: str = "{name} is not allowed (numbers must be finite)"
    #: An object naming a key twice: ``{key}``, as ``show_key`` shows it.
    duplicate_key: str = "duplicate key {key}"
    #: Not JSON, in the json module's words: ``{msg}``, ``{line}``, ``{column}``.
    syntax: str
    #: Nested deeper than the parser goes: ``{reason}``.
    too_deep: str
    #: Any other value the parser refuses (an integer of over 4,300 digits): ``{reason}``.
    bad_value: str
    #: The reason told for ``too_deep`` and ``bad_value``, from the parser's error.
    reason: Callable[[Exception], str]
    show_key: Callable[[str], str] = repr
    #: A number past the range of a float (``1e999``): ``{text}``, its first 20 characters.
    #: None: such a number reads as infinity, as in the json module.
    huge_number: str | None = None
    #: Text (rather than bytes) over ``max_bytes``; None: ``too_large``.
    text_too_large: str | None = None
    #: Neither text nor bytes: ``{type}``, the name of what was given.
    not_text: str = "expected JSON text, got {type}"
    #: What is taken as UTF-8 bytes.
    byte_types: tuple[type, ...] = (bytes, bytearray)
    #: Whether a leading byte order mark (as editors on Windows write) is dropped.
    strip_bom: bool = True

    def parse(self, data: str | bytes) -> object:
        """The JSON value of ``data`` (text or UTF-8 bytes); ``error`` on any problem."""
        return self.loads(self.text(data))

    def text(self, data: str | bytes) -> str:
        """``data`` as text, within the size limit."""
        limits = {"max_bytes": self.max_bytes, "max_mib": self.max_bytes // MIB}
        if isinstance(data, self.byte_types):
            data = bytes(data)
            if len(data) > self.max_bytes:
                raise self.error(self.too_large.format(**limits))
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise self.error(self.not_utf8.format(start=error.start)) from None
        elif isinstance(data, str):
            if len(data) > self.max_bytes:
                raise self.error((self.text_too_large or self.too_large).format(**limits))
            text = data
        else:
            raise self.error(self.not_text.format(type=type(data).__name__))
        return text.removeprefix(BYTE_ORDER_MARK) if self.strip_bom else text

    def loads(self, text: str) -> object:
        """The JSON value of ``text``: no NaN or infinities, no repeated keys."""
        try:
            return json.loads(
                text,
                parse_constant=self._reject_constant,
                parse_float=None if self.huge_number is None else self._finite_float,
                object_pairs_hook=self._unique_keys,
            )
        except self.error:
            raise
        except json.JSONDecodeError as error:
            message = self.syntax.format(msg=error.msg, line=error.lineno, column=error.colno)
            raise self.error(message) from None
        except RecursionError as error:
            raise self.error(self.too_deep.format(reason=self.reason(error))) from None
        except ValueError as error:
            raise self.error(self.bad_value.format(reason=self.reason(error))) from None

    def _reject_constant(self, name: str) -> float:
        raise self.error(self.constant.format(name=name))

    def _finite_float(self, text: str) -> float:
        number = float(text)
        if not math.isfinite(number):
            raise self.error(self.huge_number.format(text=text[:20]))
        return number

    def _unique_keys(self, pairs: list[tuple[str, object]]) -> dict:
        result: dict = {}
        for key, value in pairs:
            if key in result:
                raise self.error(self.duplicate_key.format(key=self.show_key(key)))
            result[key] = value
        return result


__all__ = ["MIB", "StrictJson", "first_line"]
