"""The wire format: one JSON object per line (UTF-8, ``\\n``-terminated), at most
:data:`MAX_MESSAGE_BYTES` bytes, every message carrying ``"v": PROTOCOL_VERSION`` and a
``"type"``. JSON only: nothing received is ever evaluated, unpickled or used as a path.

:func:`decode_message` checks everything - type, exact key set, each field's type and range,
finite numbers, string lengths, list sizes - and raises :class:`ProtocolError` (one line) on
anything else. A message that passes is a :class:`Message` whose ``fields`` are clean.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from ..core.chart import GENERATOR_ARG_NAMES
from ..core.errors import ChartError, DrumSyncError
from ..core.generator.args import validate_args

# A hello's name and offset go into the merged replay's header: bounded as replays bound them.
from ..core.replay.fields import CHART_HASH_RE, MAX_NAME_CHARS, MAX_OFFSET_MS
from ..core.strict_json import StrictJson, first_line
from ..core.voices import Voice
from ..core.windows import WINDOW_PRESETS

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 2048
MAX_DEVICE_CHARS = 64
MAX_TEXT_CHARS = 200
MAX_SEQ = 1_000_000
MAX_ABS_CLOCK_S = 1e9
MAX_ABS_SONG_S = 1e6
MAX_RTT_MS = 60_000.0

_TOKEN_RE = re.compile(r"(|[0-9a-f]{32})")
_ROLES = ("host", "join")
_CHART_KINDS = ("generated", "file")
_VOICES = tuple(v.label for v in Voice)


class ProtocolError(DrumSyncError):
    """A message that is not valid DrumSync protocol; the text says why, in one line."""


@dataclass(frozen=True, slots=True)
class Message:
    """A checked message: its type and its fields (without ``v`` and ``type``)."""

    type: str
    fields: Mapping[str, object]

    def __getitem__(self, key: str):
        return self.fields[key]


# --- field checkers: each returns the clean value or raises ProtocolError --------------------


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value) if isinstance(value, str | bool) or value is None else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(low: float, high: float) -> Callable[[str, object], float]:
    def check(name: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProtocolError(f"{name} must be a number, got {_show(value)}")
        if isinstance(value, int) and not low <= value <= high:
            raise ProtocolError(f"{name} must be in {low:g}..{high:g}")
        number = float(value)
        if not math.isfinite(number) or not low <= number <= high:
            raise ProtocolError(f"{name} must be a finite number in {low:g}..{high:g}")
        return number

    return check


def _whole(low: int, high: int) -> Callable[[str, object], int]:
    def check(name: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ProtocolError(
                f"{name} must be a whole number in {low}..{high}, got {_show(value)}"
            )
        return value

    return check


def _text(max_chars: int) -> Callable[[str, object], str]:
    def check(name: str, value: object) -> str:
        if not isinstance(value, str) or not 1 <= len(value) <= max_chars:
            raise ProtocolError(f"{name} must be 1..{max_chars} characters, got {_show(value)}")
        if not value.isprintable():
            raise ProtocolError(f"{name} must be printable text")
        return value

    return check


def _pattern(regex: re.Pattern, what: str) -> Callable[[str, object], str]:
    def check(name: str, value: object) -> str:
        if not isinstance(value, str) or not regex.fullmatch(value):
            raise ProtocolError(f"{name} must be {what}, got {_show(value)}")
        return value

    return check


def _choice(options: tuple[str, ...]) -> Callable[[str, object], str]:
    def check(name: str, value: object) -> str:
        if not isinstance(value, str) or value not in options:
            raise ProtocolError(f"{name} must be one of {', '.join(options)}, got {_show(value)}")
        return value

    return check


def _generator_args(name: str, value: object) -> dict | None:
    """``generate_chart`` arguments (exactly its keys, checked by the generator's own rules)."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != set(GENERATOR_ARG_NAMES):
        raise ProtocolError(f"{name} must be an object with keys {', '.join(GENERATOR_ARG_NAMES)}")
    try:
        clean = validate_args(**{key: value[key] for key in GENERATOR_ARG_NAMES})
    except ChartError as error:
        raise ProtocolError(f"{name}: {error}") from None
    return {key: getattr(clean, key) for key in GENERATOR_ARG_NAMES}


_CLOCK = _number(-MAX_ABS_CLOCK_S, MAX_ABS_CLOCK_S)
_SONG = _number(-MAX_ABS_SONG_S, MAX_ABS_SONG_S)
_SEQ = _whole(0, MAX_SEQ)
_HASH = _pattern(CHART_HASH_RE, "64 lowercase hex digits")
_REASON = _text(MAX_TEXT_CHARS)

#: Every message type and its fields, in the order they are written.
SCHEMA: dict[str, dict[str, Callable[[str, object], object]]] = {
    "hello": {
        "role": _choice(_ROLES),
        "name": _text(MAX_NAME_CHARS),
        "device": _text(MAX_DEVICE_CHARS),
        "offset_ms": _number(-MAX_OFFSET_MS, MAX_OFFSET_MS),
        "session": _pattern(_TOKEN_RE, "empty or 32 lowercase hex digits"),
    },
    "ping": {"id": _SEQ, "t0": _CLOCK},
    "pong": {"id": _SEQ, "t0": _CLOCK, "t1": _CLOCK, "t2": _CLOCK},
    "chart": {
        "kind": _choice(_CHART_KINDS),
        "hash": _HASH,
        "title": _text(MAX_TEXT_CHARS),
        "args": _generator_args,
        "windows": _choice(tuple(WINDOW_PRESETS)),
    },
    "chart_ok": {"hash": _HASH},
    "chart_refused": {"hash": _HASH, "reason": _REASON},
    "ready": {"rtt_ms": _number(0.0, MAX_RTT_MS)},
    "start": {"at": _CLOCK, "song_s": _SONG},
    "hit": {
        "seq": _whole(1, MAX_SEQ),
        "time_s": _SONG,
        "voice": _choice(_VOICES),
        "velocity": _number(0.0, 1.0),
        "source": _text(MAX_DEVICE_CHARS),
    },
    "ack": {"seq": _SEQ},
    "paused": {"song_s": _SONG},
    "resume": {"at": _CLOCK, "song_s": _SONG},
    "done": {"count": _SEQ},
    "final": {"digest": _HASH},
    "error": {"reason": _REASON},
    "bye": {},
}


# --- decoding and encoding ------------------------------------------------------------------


MESSAGE_JSON = StrictJson(
    error=ProtocolError,
    max_bytes=MAX_MESSAGE_BYTES,
    too_large="message longer than {max_bytes} bytes",
    not_utf8="message is not UTF-8 (bad byte at {start})",
    show_key=_show,
    syntax="message is not JSON ({msg} at column {column})",
    too_deep="message is not JSON ({reason})",
    bad_value="message is not JSON ({reason})",
    reason=partial(first_line, fallback="nested too deeply"),
    byte_types=(bytes,),
    strip_bom=False,
)


def decode_message(line: bytes) -> Message:
    """One received line (with or without its newline) as a checked :class:`Message`."""
    obj = MESSAGE_JSON.parse(line.rstrip(b"\r\n") if isinstance(line, bytes) else b"")
    if not isinstance(obj, dict):
        raise ProtocolError(f"message must be a JSON object, got {_show(obj)}")
    version = obj.get("v")
    if isinstance(version, bool) or version != PROTOCOL_VERSION:
        raise ProtocolError(
            f"protocol version {_show(version)} is not spoken here (this DrumSync speaks "
            f"version {PROTOCOL_VERSION}: both players need the same DrumSync)"
        )
    kind = obj.get("type")
    if not isinstance(kind, str) or kind not in SCHEMA:
        raise ProtocolError(f"unknown message type {_show(kind)}")
    spec = SCHEMA[kind]
    extra = set(obj) - set(spec) - {"v", "type"}
    if extra:
        raise ProtocolError(f"{kind}: unknown field {_show(sorted(extra)[0])}")
    fields = {}
    for name, check in spec.items():
        if name not in obj:
            raise ProtocolError(f"{kind}: missing field {_show(name)}")
        fields[name] = check(f"{kind}.{name}", obj[name])
    return Message(kind, fields)


def encode_message(message_type: str, /, **fields: object) -> bytes:
    """A message as one line, checked against the schema first (ValueError if it would not
    decode on the other side: a bug here, never the peer's fault)."""
    line = json.dumps(
        {"v": PROTOCOL_VERSION, "type": message_type, **fields},
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode("utf-8")
    try:
        decode_message(line)
    except ProtocolError as error:
        raise ValueError(f"refusing to send a bad message: {error}") from None
    return line + b"\n"


__all__ = [
    "MAX_MESSAGE_BYTES",
    "PROTOCOL_VERSION",
    "SCHEMA",
    "Message",
    "ProtocolError",
    "decode_message",
    "encode_message",
]
