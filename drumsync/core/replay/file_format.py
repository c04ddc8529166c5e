"""The replay file: writing it, and reading it back strictly.

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
import os
from functools import partial
from pathlib import Path

from ..atomic_file import atomic_write, write_new_file
from ..chart import Chart
from ..errors import ReplayError
from ..events import InputEvent
from ..strict_json import StrictJson, first_line
from ..user_file import read_user_file, reason_of
from ..voices import Player, Voice
from . import fields
from .fields import MAX_ABS_TIME_S, MAX_SOURCE_CHARS, show
from .model import Replay, ReplayHeader, check_replay_chart

FORMAT = "drumsync-replay"
MAX_FILE_BYTES = 64 * 1024 * 1024

_HEADER_KEYS = ("chart_hash", "generator_args", "windows", "offsets_ms", "players", "mode")
_TOP_KEYS = ("format", "version", "header", "events")
_JSON = StrictJson(
    error=ReplayError,
    max_bytes=MAX_FILE_BYTES,
    text_too_large="text is larger than {max_mib} MiB",
    not_text="replay data must be text or bytes, got {type}",
    byte_types=(bytes, bytearray, memoryview),
    huge_number="number {text} is out of range",
    show_key=show,
    syntax="not valid JSON ({msg} at line {line}, column {column})",
    too_deep="not valid JSON (nested too deeply)",
    bad_value="not valid JSON ({reason})",  # e.g. an integer literal with too many digits
    reason=partial(first_line, fallback="bad number"),
)


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


def _require_keys(obj: dict, keys: tuple[str, ...], where: str) -> None:
    for key in obj:
        if key not in keys:
            raise ReplayError(f"unknown key {show(key)} in {where}")
    for key in keys:
        if key not in obj:
            raise ReplayError(f"missing key {show(key)} in {where}")


def _parse_events(rows: object) -> list[InputEvent]:
    if not isinstance(rows, list):
        raise ReplayError(f"events must be a list, got {show(rows)}")
    if len(rows) > fields.MAX_EVENTS:
        raise ReplayError(f"replay has {len(rows):,} events (at most {fields.MAX_EVENTS:,})")
    players = {p.label: p for p in Player}
    voices = {v.label: v for v in Voice}
    events = []
    known_sources: set[str] = set()
    for i, row in enumerate(rows):
        if type(row) is not list or len(row) not in (4, 5):
            raise ReplayError(f"events[{i}] must be [time_s, player, voice, source(, velocity)]")
        time_s, player, voice, source = row[:4]
        velocity = fields.velocity(row[4], f"events[{i}]") if len(row) == 5 else None
        if type(time_s) is float and -MAX_ABS_TIME_S <= time_s <= MAX_ABS_TIME_S:
            number = time_s
        else:
            number = fields.finite(time_s, f"events[{i}] time_s", MAX_ABS_TIME_S)
        if not isinstance(player, str) or player not in players:
            raise ReplayError(f"events[{i}]: unknown player {show(player)} (known: p1, p2)")
        if not isinstance(voice, str) or voice not in voices:
            known = ", ".join(voices)
            raise ReplayError(f"events[{i}]: unknown voice {show(voice)} (known: {known})")
        if type(source) is not str or source not in known_sources:
            known_sources.add(fields.text(source, f"events[{i}] source", MAX_SOURCE_CHARS))
        events.append(InputEvent(number, players[player], voices[voice], source, velocity))
    return events


def _parse(data: str | bytes) -> Replay:
    obj = _JSON.parse(data)
    if not isinstance(obj, dict):
        raise ReplayError(f"expected a JSON object, got {show(obj)}")
    if obj.get("format") != FORMAT:
        raise ReplayError(f"not a DrumSync replay (format is {show(obj.get('format'))})")
    version = fields.version(obj.get("version"))
    _require_keys(obj, _TOP_KEYS, "the replay")
    header = obj["header"]
    if not isinstance(header, dict):
        raise ReplayError(f"header must be an object, got {show(header)}")
    _require_keys(header, _HEADER_KEYS, "header")
    for key in ("offsets_ms", "players"):
        if not isinstance(header[key], list):
            raise ReplayError(f"header.{key} must be a list, got {show(header[key])}")
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
    return _replay_of(data, chart, "bad replay")


def read_replay_bytes(path: str | os.PathLike) -> bytes:
    """The raw bytes of a replay file, read once (so ``/dev/stdin`` works); ReplayError if not.

    Only regular files and pipes are read, never more than ``MAX_FILE_BYTES``.
    """
    try:
        source = Path(path)
        return read_user_file(source, MAX_FILE_BYTES)
    except (TypeError, ValueError) as error:  # not a path, or a path holding a NUL
        raise ReplayError(f"cannot read replay {show(path)}: {error}") from None
    except OSError as error:
        raise ReplayError(f"cannot read replay {source}: {reason_of(error)}") from None


def load_replay(path: str | os.PathLike, chart: Chart | None = None) -> Replay:
    """Read a replay file; every problem (I/O included) becomes a one-line ReplayError."""
    return _replay_of(read_replay_bytes(path), chart, f"bad replay {Path(path)}")


def _replay_of(data: str | bytes, chart: Chart | None, what: str) -> Replay:
    """The replay in ``data`` (checked against ``chart`` if given); problems start ``what: ``."""
    try:
        replay = _parse(data)
    except ReplayError as error:
        raise ReplayError(f"{what}: {error}") from None
    if chart is not None:
        check_replay_chart(replay, chart)
    return replay
