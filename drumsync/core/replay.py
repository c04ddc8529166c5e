"""Replays: a header naming the chart and settings, plus the time-ordered input events.

File format (UTF-8 JSON)::

    {"format": "drumsync-replay", "version": 1,
     "header": {"chart_hash": "<64 hex>", "generator_args": {...} | null,
                "windows": "standard", "offsets_ms": [0.0, 0.0],
                "players": ["P1", "P2"], "mode": "duet"},
     "events": [[time_s, "p1", "snare", "keyboard"], [time_s, "p2", "kick", "TD-17", 96], ...]}

An event's source names the device that played it; a fifth element, the strike's velocity
(1..127), follows when the device measured one (drum kits). Replays without it load as before.
Floats are written with ``repr`` so a save/load round trip is exact. Anything malformed
raises :class:`ReplayError` with a one-line message; nothing else escapes the loaders.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .atomic_file import atomic_write, write_new_file
from .chart import Chart
from .chart_identity import chart_hash
from .errors import ReplayError
from .events import EventArrays, InputEvent, sort_events
from .user_file import read_user_file, reason_of
from .voices import Player, Voice
from .windows import WINDOW_PRESETS

FORMAT = "drumsync-replay"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_EVENTS = 2_000_000
MAX_OFFSET_MS = 500.0
MAX_ABS_TIME_S = 1e7
MAX_NAME_CHARS = 32
MAX_SOURCE_CHARS = 64
MAX_GENERATOR_KEYS = 32
MAX_GENERATOR_STR_CHARS = 100

_HASH_RE = re.compile(r"[0-9a-f]{64}")
_MODE_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
_HEADER_KEYS = ("chart_hash", "generator_args", "windows", "offsets_ms", "players", "mode")
_TOP_KEYS = ("format", "version", "header", "events")
# Types of the generator arguments we know (``ChartMeta.generator_args``).
_GENERATOR_TYPES: dict[str, tuple[type, ...]] = {
    "seed": (int,),
    "style": (str,),
    "bpm": (int, float),
    "difficulty": (int,),
    "bars": (int,),
    "parts": (str,),
}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _finite(value: object, what: str, limit: float) -> float:
    """``value`` as a float within ``±limit``; ReplayError naming ``what`` otherwise."""
    if not _is_number(value):
        raise ReplayError(f"{what} must be a number, got {_show(value)}")
    if isinstance(value, int) and abs(value) > limit:
        raise ReplayError(f"{what} is out of range (±{limit:g})")
    number = float(value)
    if not math.isfinite(number):
        raise ReplayError(f"{what} must be finite, got {number}")
    if abs(number) > limit:
        raise ReplayError(f"{what} is out of range (±{limit:g}), got {number:g}")
    return number


def _text(value: object, what: str, max_chars: int) -> str:
    if not isinstance(value, str):
        raise ReplayError(f"{what} must be a string, got {_show(value)}")
    if not 1 <= len(value) <= max_chars or not value.isprintable():
        raise ReplayError(f"{what} must be 1..{max_chars} printable characters, got {_show(value)}")
    return value


def _show(value: object) -> str:
    """A short, single-line description of a bad value for error messages."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_generator_args(args: object) -> dict | None:
    if args is None:
        return None
    if not isinstance(args, dict):
        raise ReplayError(f"header.generator_args must be an object or null, got {_show(args)}")
    if len(args) > MAX_GENERATOR_KEYS:
        raise ReplayError(f"header.generator_args has more than {MAX_GENERATOR_KEYS} keys")
    clean: dict = {}
    for key, value in args.items():
        what = f"header.generator_args.{key}"
        if not isinstance(key, str) or not 1 <= len(key) <= MAX_NAME_CHARS:
            raise ReplayError(f"header.generator_args has a bad key {_show(key)}")
        known = _GENERATOR_TYPES.get(key)
        if value is None:
            clean[key] = None
        elif isinstance(value, str):
            if known is not None and str not in known:
                raise ReplayError(f"{what} must be a number, got {_show(value)}")
            if len(value) > MAX_GENERATOR_STR_CHARS:
                raise ReplayError(f"{what} is longer than {MAX_GENERATOR_STR_CHARS} characters")
            clean[key] = value
        elif _is_number(value):
            if known is not None and str in known:
                raise ReplayError(f"{what} must be a string, got {_show(value)}")
            if isinstance(value, int | np.integer):
                if abs(int(value)) >= 2**63:
                    raise ReplayError(f"{what} is out of range")
                clean[key] = int(value)
            elif known == (int,):
                raise ReplayError(f"{what} must be an integer, got {_show(value)}")
            else:
                clean[key] = _finite(value, what, 1e15)
        else:
            raise ReplayError(f"{what} must be a string, number or null, got {_show(value)}")
    return clean


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayHeader:
    """Which chart was played, under which settings. Validated on construction."""

    format_version: int = FORMAT_VERSION
    chart_hash: str
    generator_args: dict | None
    windows: str = "standard"
    offsets_ms: tuple[float, float] = (0.0, 0.0)
    players: tuple[str, str] = ("P1", "P2")
    mode: str = "duet"

    def __post_init__(self) -> None:
        version = self.format_version
        if isinstance(version, bool) or not isinstance(version, int) or version != FORMAT_VERSION:
            raise ReplayError(
                f"unsupported replay version {_show(self.format_version)} "
                f"(this DrumSync reads version {FORMAT_VERSION})"
            )
        if not isinstance(self.chart_hash, str) or not _HASH_RE.fullmatch(self.chart_hash):
            raise ReplayError(
                f"header.chart_hash must be 64 lowercase hex digits, got {_show(self.chart_hash)}"
            )
        object.__setattr__(self, "generator_args", _check_generator_args(self.generator_args))
        if not isinstance(self.windows, str) or self.windows not in WINDOW_PRESETS:
            known = ", ".join(WINDOW_PRESETS)
            raise ReplayError(
                f"header.windows must be a windows preset ({known}), got {_show(self.windows)}"
            )
        offsets = self.offsets_ms
        if not isinstance(offsets, list | tuple) or len(offsets) != 2:
            raise ReplayError("header.offsets_ms must be a list of two numbers")
        clean = tuple(
            _finite(value, f"header.offsets_ms[{i}]", MAX_OFFSET_MS)
            for i, value in enumerate(offsets)
        )
        object.__setattr__(self, "offsets_ms", clean)
        players = self.players
        if not isinstance(players, list | tuple) or len(players) != 2:
            raise ReplayError("header.players must be a list of two names")
        names = tuple(
            _text(name, f"header.players[{i}]", MAX_NAME_CHARS) for i, name in enumerate(players)
        )
        object.__setattr__(self, "players", names)
        if not isinstance(self.mode, str) or not _MODE_RE.fullmatch(self.mode):
            raise ReplayError(
                f"header.mode must be a short lowercase word (e.g. duet), got {_show(self.mode)}"
            )

    def to_json(self) -> dict:
        return {
            "chart_hash": self.chart_hash,
            "generator_args": self.generator_args,
            "windows": self.windows,
            "offsets_ms": list(self.offsets_ms),
            "players": list(self.players),
            "mode": self.mode,
        }


def _check_event(index: int, event: object) -> InputEvent:
    what = f"events[{index}]"
    if not isinstance(event, InputEvent):
        raise ReplayError(f"{what} must be an InputEvent, got {_show(event)}")
    time_s = _finite(event.time_s, f"{what} time_s", MAX_ABS_TIME_S)
    if not isinstance(event.player, Player):
        raise ReplayError(f"{what}: player must be a Player, got {_show(event.player)}")
    if not isinstance(event.voice, Voice):
        raise ReplayError(f"{what}: voice must be a Voice, got {_show(event.voice)}")
    _text(event.source, f"{what} source", MAX_SOURCE_CHARS)
    _velocity(event.velocity, what)
    if type(event.time_s) is not float:
        return InputEvent(time_s, event.player, event.voice, event.source, event.velocity)
    return event


def _velocity(value: object, what: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= 127:
        raise ReplayError(f"{what}: velocity must be a whole number 1..127, got {_show(value)}")
    return value


@dataclass(frozen=True, slots=True)
class Replay:
    """A header plus the events of both players, in time order (ties keep their order)."""

    header: ReplayHeader
    events: tuple[InputEvent, ...] = field(default=())
    _arrays: EventArrays | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.header, ReplayHeader):
            raise ReplayError("replay header must be a ReplayHeader")
        events = self.events if isinstance(self.events, tuple) else tuple(self.events)
        if len(events) > MAX_EVENTS:
            raise ReplayError(f"replay has {len(events)} events (at most {MAX_EVENTS:,})")
        checked = []
        previous = -math.inf
        known_sources: set[str] = set()
        for i, event in enumerate(events):
            fast = (
                type(event) is InputEvent
                and type(event.time_s) is float
                and -MAX_ABS_TIME_S <= event.time_s <= MAX_ABS_TIME_S
                and type(event.player) is Player
                and type(event.voice) is Voice
                and event.source in known_sources
                and event.velocity is None
            )
            if not fast:  # the full check: raises, or normalises the time to a float
                event = _check_event(i, event)
                known_sources.add(event.source)
            if event.time_s < previous:
                raise ReplayError(
                    f"events are not in time order: events[{i}] at {event.time_s!r} s "
                    f"comes after one at {previous!r} s"
                )
            previous = event.time_s
            checked.append(event)
        object.__setattr__(self, "events", tuple(checked))
        object.__setattr__(self, "_arrays", _columns(checked))

    def events_for(self, player: Player) -> tuple[InputEvent, ...]:
        return tuple(e for e in self.events if e.player == player)

    def arrays(self) -> EventArrays:
        """Column form of the events, for the batch scorer (built once, read-only)."""
        return self._arrays


_PLAYER_INDEX = {p: int(p) for p in Player}
_VOICE_INDEX = {v: int(v) for v in Voice}


def _columns(events: list[InputEvent]) -> EventArrays:
    """The events as read-only columns (one pass, no per-event conversions through enums)."""
    count = len(events)
    time_s = np.fromiter((e.time_s for e in events), dtype=np.float64, count=count)
    player = np.fromiter((_PLAYER_INDEX[e.player] for e in events), dtype=np.int8, count=count)
    voice = np.fromiter((_VOICE_INDEX[e.voice] for e in events), dtype=np.int8, count=count)
    for column in (time_s, player, voice):
        column.flags.writeable = False
    return EventArrays(time_s=time_s, player=player, voice=voice)

    def check_chart(self, chart: Chart) -> None:
        """ReplayError unless this replay was recorded on ``chart``."""
        check_replay_chart(self, chart)


def check_replay_chart(replay: Replay, chart: Chart) -> None:
    """ReplayError naming both hashes (shortened) when ``replay`` belongs to another chart."""
    expected = chart_hash(chart)
    if replay.header.chart_hash != expected:
        raise ReplayError(
            f"replay belongs to another chart (replay chart {replay.header.chart_hash[:12]}..., "
            f"this chart {expected[:12]}...)"
        )


def devices_used(replay: Replay) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sources (devices) each player's hits came from, in order of first use."""
    used: tuple[dict[str, None], dict[str, None]] = ({}, {})
    for event in replay.events:
        used[int(event.player)].setdefault(event.source, None)
    return tuple(used[0]), tuple(used[1])


def replay_for(
    chart: Chart,
    events: Iterable[InputEvent],
    windows: str = "standard",
    offsets_ms: tuple[float, float] = (0.0, 0.0),
    players: tuple[str, str] = ("P1", "P2"),
    mode: str = "duet",
) -> Replay:
    """A replay of ``events`` (sorted by time, stably) played on ``chart``."""
    header = ReplayHeader(
        chart_hash=chart_hash(chart),
        generator_args=dict(chart.meta.generator_args()),
        windows=windows,
        offsets_ms=tuple(offsets_ms),
        players=tuple(players),
        mode=mode,
    )
    return Replay(header, tuple(sort_events(list(events))))


# --- writing ---------------------------------------------------------------------------


def dumps_replay(replay: Replay) -> str:
    """The replay as JSON text: header on one line, one event per line."""
    head = (
        f'{{"format": "{FORMAT}", "version": {replay.header.format_version},\n'
        f' "header": {json.dumps(replay.header.to_json(), ensure_ascii=False)},\n'
    )
    if not replay.events:
        return head + ' "events": []}\n'
    # Times are plain floats (Replay guarantees it): repr is what json.dumps writes.
    players = {p: json.dumps(p.label) for p in Player}
    voices = {v: json.dumps(v.label) for v in Voice}
    sources = {e.source: None for e in replay.events}
    quoted = {source: json.dumps(source, ensure_ascii=False) for source in sources}
    rows = ",\n  ".join(
        f"[{e.time_s!r}, {players[e.player]}, {voices[e.voice]}, {quoted[e.source]}"
        + ("]" if e.velocity is None else f", {e.velocity}]")
        for e in replay.events
    )
    return head + f' "events": [\n  {rows}\n]}}\n'


def save_replay(replay: Replay, path: str | os.PathLike) -> None:
    """Write atomically (temp file in the same folder, then ``os.replace``)."""
    target = Path(path)
    try:
        atomic_write(target, dumps_replay(replay).encode("utf-8"))
    except OSError as error:
        raise ReplayError(f"cannot write replay {target}: {error.strerror or error}") from None


def save_new_replay(replay: Replay, folder: str | os.PathLike, stem: str) -> Path:
    """Write under ``<stem>.json`` in ``folder``, or ``<stem>-1.json``... if taken (atomically)."""
    try:
        return write_new_file(folder, stem, ".json", dumps_replay(replay).encode("utf-8"))
    except OSError as error:
        raise ReplayError(f"cannot write replay in {folder}: {error.strerror or error}") from None


# --- reading ---------------------------------------------------------------------------


def _reject_constant(name: str) -> float:
    raise ReplayError(f"{name} is not allowed (numbers must be finite)")


def _parse_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ReplayError(f"number {text[:20]} is out of range")
    return number


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise ReplayError(f"duplicate key {_show(key)}")
        result[key] = value
    return result


def _decode(data: str | bytes) -> object:
    if isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
        if len(data) > MAX_FILE_BYTES:
            raise ReplayError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ReplayError(f"not UTF-8 text (bad byte at offset {error.start})") from None
    elif isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            raise ReplayError(f"text is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        text = data
    else:
        raise ReplayError(f"replay data must be text or bytes, got {type(data).__name__}")
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_parse_float,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as error:
        raise ReplayError(
            f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise ReplayError("not valid JSON (nested too deeply)") from None
    except ValueError as error:  # e.g. an integer literal with too many digits
        message = str(error).splitlines()[0] if str(error) else "bad number"
        raise ReplayError(f"not valid JSON ({message})") from None


def _require_keys(obj: dict, keys: tuple[str, ...], where: str) -> None:
    for key in obj:
        if key not in keys:
            raise ReplayError(f"unknown key {_show(key)} in {where}")
    for key in keys:
        if key not in obj:
            raise ReplayError(f"missing key {_show(key)} in {where}")


def _parse_events(rows: object) -> list[InputEvent]:
    if not isinstance(rows, list):
        raise ReplayError(f"events must be a list, got {_show(rows)}")
    if len(rows) > MAX_EVENTS:
        raise ReplayError(f"replay has {len(rows):,} events (at most {MAX_EVENTS:,})")
    players = {p.label: p for p in Player}
    voices = {v.label: v for v in Voice}
    events = []
    known_sources: set[str] = set()
    for i, row in enumerate(rows):
        if type(row) is not list or len(row) not in (4, 5):
            raise ReplayError(f"events[{i}] must be [time_s, player, voice, source(, velocity)]")
        time_s, player, voice, source = row[:4]
        velocity = _velocity(row[4], f"events[{i}]") if len(row) == 5 else None
        if type(time_s) is float and -MAX_ABS_TIME_S <= time_s <= MAX_ABS_TIME_S:
            number = time_s
        else:
            number = _finite(time_s, f"events[{i}] time_s", MAX_ABS_TIME_S)
        if not isinstance(player, str) or player not in players:
            raise ReplayError(f"events[{i}]: unknown player {_show(player)} (known: p1, p2)")
        if not isinstance(voice, str) or voice not in voices:
            known = ", ".join(voices)
            raise ReplayError(f"events[{i}]: unknown voice {_show(voice)} (known: {known})")
        if type(source) is not str or source not in known_sources:
            known_sources.add(_text(source, f"events[{i}] source", MAX_SOURCE_CHARS))
        events.append(InputEvent(number, players[player], voices[voice], source, velocity))
    return events


def _parse(data: str | bytes) -> Replay:
    obj = _decode(data)
    if not isinstance(obj, dict):
        raise ReplayError(f"expected a JSON object, got {_show(obj)}")
    if obj.get("format") != FORMAT:
        raise ReplayError(f"not a DrumSync replay (format is {_show(obj.get('format'))})")
    version = obj.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version != FORMAT_VERSION:
        raise ReplayError(
            f"unsupported replay version {_show(version)} "
            f"(this DrumSync reads version {FORMAT_VERSION})"
        )
    _require_keys(obj, _TOP_KEYS, "the replay")
    header = obj["header"]
    if not isinstance(header, dict):
        raise ReplayError(f"header must be an object, got {_show(header)}")
    _require_keys(header, _HEADER_KEYS, "header")
    for key in ("offsets_ms", "players"):
        if not isinstance(header[key], list):
            raise ReplayError(f"header.{key} must be a list, got {_show(header[key])}")
    replay_header = ReplayHeader(
        format_version=version,
        chart_hash=header["chart_hash"],
        generator_args=header["generator_args"],
        windows=header["windows"],
        offsets_ms=tuple(header["offsets_ms"]),
        players=tuple(header["players"]),
        mode=header["mode"],
    )
    return Replay(replay_header, tuple(_parse_events(obj["events"])))


def loads_replay(data: str | bytes, chart: Chart | None = None) -> Replay:
    """Parse replay JSON; with ``chart``, also check that the replay was recorded on it."""
    try:
        replay = _parse(data)
    except ReplayError as error:
        raise ReplayError(f"bad replay: {error}") from None
    if chart is not None:
        check_replay_chart(replay, chart)
    return replay


def read_replay_bytes(path: str | os.PathLike) -> bytes:
    """The raw bytes of a replay file, read once (so ``/dev/stdin`` works); ReplayError if not.

    Only regular files and pipes are read, never more than ``MAX_FILE_BYTES``.
    """
    try:
        source = Path(path)
        return read_user_file(source, MAX_FILE_BYTES)
    except (TypeError, ValueError) as error:  # not a path, or a path holding a NUL
        raise ReplayError(f"cannot read replay {_show(path)}: {error}") from None
    except OSError as error:
        raise ReplayError(f"cannot read replay {source}: {reason_of(error)}") from None


def load_replay(path: str | os.PathLike, chart: Chart | None = None) -> Replay:
    """Read a replay file; every problem (I/O included) becomes a one-line ReplayError."""
    data = read_replay_bytes(path)
    try:
        replay = _parse(data)
    except ReplayError as error:
        raise ReplayError(f"bad replay {Path(path)}: {error}") from None
    if chart is not None:
        check_replay_chart(replay, chart)
    return replay


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_EVENTS",
    "MAX_FILE_BYTES",
    "MAX_OFFSET_MS",
    "Replay",
    "ReplayHeader",
    "check_replay_chart",
    "devices_used",
    "dumps_replay",
    "load_replay",
    "loads_replay",
    "read_replay_bytes",
    "replay_for",
    "save_new_replay",
    "save_replay",
]
