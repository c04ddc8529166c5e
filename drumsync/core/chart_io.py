"""The chart file format: canonical JSON, exact float round trip, strict validation.

``dumps_chart`` writes one deterministic text for a chart (fixed key order, floats as
Python ``repr`` so they read back bit for bit, one note per line). ``loads_chart`` checks
everything and raises ``ChartError`` with a one-line message naming the location, e.g.
``parts.p1[12].voice: unknown voice 'tom' (known: kick, snare, hihat, crash)``.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np

from .atomic_file import atomic_write
from .chart import MAX_DIFFICULTY, MIN_DIFFICULTY, PART_MODES, STYLES, Chart, ChartMeta, Part
from .chart import Section as ChartSection
from .errors import ChartError
from .text import unsafe_text_reason
from .user_file import read_user_file, reason_of
from .voices import PLAYERS, Voice

FORMAT = "drumsync-chart"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NOTES_PER_PART = 500_000
MAX_SECTIONS = 10_000
MAX_NOTES_AT_ONCE = 2
TIME_TOLERANCE_S = 0.001
MIN_BPM, MAX_BPM = 40.0, 300.0
MIN_BARS, MAX_BARS = 1, 2000
MAX_SEED = 2**63 - 1
MAX_TITLE_CHARS = 200
MAX_SECTION_NAME_CHARS = 40
MAX_LEAD_IN_S = 60.0
MAX_COUNT_IN_BEATS = 16
MAX_BEATS_PER_BAR = 16
MAX_RATING = 100.0

TOP_KEYS = ("format", "version", "meta", "count_in_beats", "lead_in_s", "sections", "parts")
META_KEYS = (
    "title",
    "style",
    "bpm",
    "beats_per_bar",
    "bars",
    "seed",
    "difficulty",
    "rating",
    "parts",
    "generator_version",
)
SECTION_KEYS = ("name", "start_bar", "bars")
NOTE_KEYS = ("beat", "time_s", "voice", "velocity")
VOICE_NAMES = tuple(v.label for v in Voice)


# ----------------------------------------------------------------------------- writing


def chart_to_dict(chart: Chart) -> dict:
    """The chart as plain JSON-ready data (keys in file order)."""
    meta = chart.meta
    return {
        "format": FORMAT,
        "version": VERSION,
        "meta": {
            "title": meta.title,
            "style": meta.style,
            "bpm": float(meta.bpm),
            "beats_per_bar": int(meta.beats_per_bar),
            "bars": int(meta.bars),
            "seed": int(meta.seed),
            "difficulty": int(meta.difficulty),
            "rating": float(meta.rating),
            "parts": meta.parts,
            "generator_version": int(meta.generator_version),
        },
        "count_in_beats": int(chart.count_in_beats),
        "lead_in_s": float(chart.lead_in_s),
        "sections": [
            {"name": s.name, "start_bar": int(s.start_bar), "bars": int(s.bars)}
            for s in chart.sections
        ],
        "parts": {player.label: _notes_to_list(chart.part(player)) for player in PLAYERS},
    }


def _notes_to_list(part: Part) -> list[dict]:
    names = [VOICE_NAMES[v] if 0 <= v < len(VOICE_NAMES) else int(v) for v in part.voice.tolist()]
    return [
        {"beat": b, "time_s": t, "voice": name, "velocity": v}
        for b, t, name, v in zip(
            part.beat.tolist(),
            part.time_s.tolist(),
            names,
            part.velocity.astype(np.float64).tolist(),
            strict=True,
        )
    ]


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), allow_nan=True)


def dumps_chart(chart: Chart) -> str:
    """Canonical JSON text of a chart, ending with a newline.

    The same chart always gives the same text; floats are written as Python ``repr`` so
    they load back exactly. Raises ChartError if the chart would not load back.
    """
    data = chart_to_dict(chart)
    chart_from_dict(data)  # never write what loading would reject
    lines = ["{"]
    for key in ("format", "version", "meta", "count_in_beats", "lead_in_s"):
        lines.append(f"  {_compact(key)}: {_compact(data[key])},")
    if data["sections"]:
        lines.append('  "sections": [')
        lines.append(",\n".join(f"    {_compact(s)}" for s in data["sections"]))
        lines.append("  ],")
    else:
        lines.append('  "sections": [],')
    lines.append('  "parts": {')
    blocks = []
    for name, notes in data["parts"].items():
        if notes:
            body = ",\n".join(f"      {_compact(n)}" for n in notes)
            blocks.append(f"    {_compact(name)}: [\n{body}\n    ]")
        else:
            blocks.append(f"    {_compact(name)}: []")
    lines.append(",\n".join(blocks))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def save_chart(chart: Chart, path) -> None:
    """Write the chart atomically: a temporary file in the same folder, then a rename."""
    target = Path(os.fspath(path))
    try:
        atomic_write(target, dumps_chart(chart).encode("utf-8"))
    except OSError as exc:
        raise ChartError(f"{target}: cannot write chart: {_os_reason(exc)}") from None


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# ----------------------------------------------------------------------------- reading


def load_chart(path) -> Chart:
    """Read and validate a chart file; any problem becomes a one-line ChartError."""
    try:
        target = Path(os.fspath(path))
        data = read_user_file(target, MAX_FILE_BYTES)
    except (TypeError, ValueError) as exc:  # not a path, or a path holding a NUL
        raise ChartError(f"cannot read chart {_one_line(repr(path))[:80]}: {exc}") from None
    except OSError as exc:
        raise ChartError(f"{target}: cannot read chart: {reason_of(exc)}") from None
    try:
        return loads_chart(data)
    except ChartError as exc:
        raise ChartError(f"{target}: {exc}") from None


def loads_chart(text: str | bytes) -> Chart:
    """Parse and validate chart JSON (text or UTF-8 bytes)."""
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_FILE_BYTES:
            raise ChartError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ChartError(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    elif not isinstance(text, str):
        raise ChartError(f"expected JSON text, got {type(text).__name__}")
    if len(text) > MAX_FILE_BYTES:
        raise ChartError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    text = text.removeprefix("\ufeff")  # a UTF-8 byte order mark, as editors on Windows write
    try:
        obj = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise ChartError(f"not JSON: {exc.msg} (line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise ChartError("not a chart: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise ChartError(f"not JSON: {_one_line(str(exc))}") from None
    return chart_from_dict(obj)


def _reject_constant(name: str):
    raise ChartError(f"not JSON: {name} is not a valid number in a chart")


def _unique_keys(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ChartError(f"duplicate key {key!r} in a JSON object")
        out[key] = value
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def _kind(value) -> str:
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


def _fail(where: str, problem: str):
    raise ChartError(f"{where}: {problem}")


def _object(value, where: str, keys: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        _fail(where, f"expected an object, got {_kind(value)}")
    for key in keys:
        if key not in value:
            _fail(where, f"missing key {key!r}")
    for key in value:
        if key not in keys:
            _fail(where, f"unknown key {_one_line(repr(key))}")
    return value


def _number(value, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(where, f"expected a number, got {_kind(value)}")
    try:
        number = float(value)
    except OverflowError:
        _fail(where, "number is too large")
    if not math.isfinite(number):
        _fail(where, "number must be finite")
    if not low <= number <= high:
        _fail(where, f"{number!r} is outside {low:g}..{high:g}")
    return number


def _integer(value, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(where, f"expected a whole number, got {_kind(value)}")
    if not low <= value <= high:
        shown = value if abs(value) < 10**30 else "a huge number"
        _fail(where, f"{shown} is outside {low}..{high}")
    return int(value)


def _string(value, where: str, max_chars: int, choices: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str):
        _fail(where, f"expected a string, got {_kind(value)}")
    if choices is not None and value not in choices:
        _fail(where, f"unknown value {_one_line(repr(value[:60]))} (known: {', '.join(choices)})")
    if not 0 < len(value) <= max_chars:
        _fail(where, f"must be 1..{max_chars} characters long")
    problem = unsafe_text_reason(value)
    if problem is not None:
        _fail(where, problem)
    return value


def _meta(value) -> ChartMeta:
    obj = _object(value, "meta", META_KEYS)
    return ChartMeta(
        title=_string(obj["title"], "meta.title", MAX_TITLE_CHARS),
        style=_string(obj["style"], "meta.style", 40, STYLES),
        bpm=_number(obj["bpm"], "meta.bpm", MIN_BPM, MAX_BPM),
        beats_per_bar=_integer(obj["beats_per_bar"], "meta.beats_per_bar", 1, MAX_BEATS_PER_BAR),
        bars=_integer(obj["bars"], "meta.bars", MIN_BARS, MAX_BARS),
        seed=_integer(obj["seed"], "meta.seed", 0, MAX_SEED),
        difficulty=_integer(obj["difficulty"], "meta.difficulty", MIN_DIFFICULTY, MAX_DIFFICULTY),
        rating=_number(obj["rating"], "meta.rating", 0.0, MAX_RATING),
        parts=_string(obj["parts"], "meta.parts", 40, PART_MODES),
        generator_version=_integer(obj["generator_version"], "meta.generator_version", 0, 10**6),
    )


def _sections(value, bars: int) -> tuple[ChartSection, ...]:
    if not isinstance(value, list):
        _fail("sections", f"expected an array, got {_kind(value)}")
    if len(value) > MAX_SECTIONS:
        _fail("sections", f"more than {MAX_SECTIONS} sections")
    out: list[ChartSection] = []
    next_free = 0
    for i, item in enumerate(value):
        where = f"sections[{i}]"
        obj = _object(item, where, SECTION_KEYS)
        name = _string(obj["name"], f"{where}.name", MAX_SECTION_NAME_CHARS)
        start = _integer(obj["start_bar"], f"{where}.start_bar", 0, bars - 1)
        length = _integer(obj["bars"], f"{where}.bars", 1, bars - start)
        if start < next_free:
            _fail(f"{where}.start_bar", f"overlaps or precedes the previous section (bar {start})")
        next_free = start + length
        out.append(ChartSection(name, start, length))
    return tuple(out)


def _part(value, where: str, meta: ChartMeta, lead_in_s: float) -> Part:
    if not isinstance(value, list):
        _fail(where, f"expected an array of notes, got {_kind(value)}")
    if len(value) > MAX_NOTES_PER_PART:
        _fail(where, f"more than {MAX_NOTES_PER_PART} notes")
    count = len(value)
    beats = np.empty(count)
    times = np.empty(count)
    voices = np.empty(count, dtype=np.int8)
    velocities = np.empty(count)
    end_beat = float(meta.bars * meta.beats_per_bar)
    seconds_per_beat = 60.0 / meta.bpm
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        obj = _object(item, at, NOTE_KEYS)
        beat = _number(obj["beat"], f"{at}.beat", 0.0, end_beat)
        if beat >= end_beat:
            _fail(f"{at}.beat", f"{beat!r} is past the last bar (beats end at {end_beat:g})")
        time_s = _number(obj["time_s"], f"{at}.time_s", 0.0, math.inf)
        expected = lead_in_s + beat * seconds_per_beat
        if abs(time_s - expected) > TIME_TOLERANCE_S:
            _fail(
                f"{at}.time_s",
                f"{time_s!r} does not match beat {beat!r} (expected {expected:.6f} s)",
            )
        voice = _string(obj["voice"], f"{at}.voice", 20, VOICE_NAMES)
        beats[i], times[i] = beat, time_s
        voices[i] = VOICE_NAMES.index(voice)
        velocities[i] = _number(obj["velocity"], f"{at}.velocity", 0.0, 1.0)
    _check_order(where, times, voices)
    return Part(beat=beats, time_s=times, voice=voices, velocity=velocities)


def _check_order(where: str, times: np.ndarray, voices: np.ndarray) -> None:
    """Sorted by (time, voice); one note per voice and at most two notes per time."""
    if len(times) < 2:
        return
    step = np.diff(times)
    backwards = np.flatnonzero(step < 0)
    if len(backwards):
        i = int(backwards[0]) + 1
        _fail(
            f"{where}[{i}].time_s",
            f"notes are not sorted by time ({times[i]!r} after {times[i - 1]!r})",
        )
    same = step == 0
    voice_step = np.diff(voices.astype(np.int16))
    repeated = np.flatnonzero(same & (voice_step == 0))
    if len(repeated):
        i = int(repeated[0]) + 1
        _fail(
            f"{where}[{i}].voice",
            f"duplicate {VOICE_NAMES[voices[i]]} note at time {times[i]!r}",
        )
    unordered = np.flatnonzero(same & (voice_step < 0))
    if len(unordered):
        i = int(unordered[0]) + 1
        _fail(f"{where}[{i}].voice", "notes at the same time must be in voice order")
    if MAX_NOTES_AT_ONCE == 2 and len(times) > 2:
        crowded = np.flatnonzero(same[1:] & same[:-1])
        if len(crowded):
            i = int(crowded[0]) + 2
            _fail(
                f"{where}[{i}]",
                f"more than {MAX_NOTES_AT_ONCE} notes at time {times[i]!r} for one player",
            )


def chart_from_dict(obj) -> Chart:
    """Validate decoded JSON and build the Chart; ChartError names the first problem."""
    data = _object(obj, "chart", TOP_KEYS)
    if data["format"] != FORMAT:
        _fail("format", f"expected {FORMAT!r}, got {_one_line(repr(data['format']))[:80]}")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        _fail("version", f"expected a whole number, got {_kind(version)}")
    if version != VERSION:
        shown = version if abs(version) < 10**30 else "a huge number"
        _fail("version", f"unsupported version {shown} (this build reads version {VERSION})")
    meta = _meta(data["meta"])
    count_in = _integer(data["count_in_beats"], "count_in_beats", 0, MAX_COUNT_IN_BEATS)
    lead_in_s = _number(data["lead_in_s"], "lead_in_s", 0.0, MAX_LEAD_IN_S)
    count_in_s = count_in * 60.0 / meta.bpm
    if lead_in_s + 1e-9 < count_in_s:
        _fail("lead_in_s", f"{lead_in_s!r} s is shorter than the count-in ({count_in_s:.6f} s)")
    sections = _sections(data["sections"], meta.bars)
    parts = _object(data["parts"], "parts", tuple(p.label for p in PLAYERS))
    built = tuple(_part(parts[p.label], f"parts.{p.label}", meta, lead_in_s) for p in PLAYERS)
    return Chart(
        meta=meta,
        parts=built,  # type: ignore[arg-type]
        sections=sections,
        count_in_beats=count_in,
        lead_in_s=lead_in_s,
    )


__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_NOTES_PER_PART",
    "VERSION",
    "chart_from_dict",
    "chart_to_dict",
    "dumps_chart",
    "load_chart",
    "loads_chart",
    "save_chart",
]
