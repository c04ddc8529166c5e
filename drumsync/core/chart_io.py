"""The chart file format: canonical JSON, exact float round trip, strict validation.

``dumps_chart`` writes one deterministic text for a chart (fixed key order, floats as
Python ``repr`` so they read back bit for bit, one note per line). ``loads_chart`` checks
everything and raises ``ChartError`` with a one-line message naming the location, e.g.
``parts.p1[12].voice: unknown voice 'tom' (known: kick, snare, hihat, crash)``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import numpy as np

from .atomic_file import atomic_write
from .chart import (
    CHART_STYLES,
    MAX_DIFFICULTY,
    MIN_DIFFICULTY,
    PART_MODES,
    STYLES,
    Chart,
    ChartMeta,
    Part,
)
from .chart import Section as ChartSection
from .chart_fields import fail as _fail
from .chart_fields import kind_of as _kind
from .chart_fields import one_line as _one_line
from .chart_fields import read_integer as _integer
from .chart_fields import read_number as _number
from .chart_fields import read_object as _object
from .chart_fields import read_string as _string
from .chart_notes import (
    MAX_NOTES_AT_ONCE,
    MAX_NOTES_PER_PART,
    TIME_TOLERANCE_S,
    VOICE_NAMES,
    read_part,
)
from .errors import ChartError
from .strict_json import StrictJson
from .tempo_map_io import tempo_map_from_dict, tempo_map_to_dict
from .user_file import read_user_file, reason_of
from .voices import PLAYERS

FORMAT = "drumsync-chart"
VERSION = 2  # written when a chart has a tempo map or an audio file; otherwise version 1
VERSIONS = (1, 2)
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_SECTIONS = 10_000
MIN_BPM, MAX_BPM = 40.0, 300.0
MIN_BARS, MAX_BARS = 1, 2000
V2_MIN_BPM, V2_MAX_BPM = 1.0, 5000.0
V2_MAX_BARS = 100_000
V2_MAX_LEAD_IN_S = 3600.0
MAX_AUDIO_NAME_CHARS = 1000
MAX_SEED = 2**63 - 1
MAX_TITLE_CHARS = 200
MAX_SECTION_NAME_CHARS = 40
MAX_LEAD_IN_S = 60.0
MAX_COUNT_IN_BEATS = 16
MAX_BEATS_PER_BAR = 16
MAX_RATING = 100.0

TOP_KEYS = ("format", "version", "meta", "count_in_beats", "lead_in_s", "sections", "parts")
TOP_KEYS_V2 = (*TOP_KEYS[:5], "tempo_map", "audio_file", *TOP_KEYS[5:])
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
CHART_JSON = StrictJson(
    error=ChartError,
    max_bytes=MAX_FILE_BYTES,
    constant="not JSON: {name} is not a valid number in a chart",
    duplicate_key="duplicate key {key} in a JSON object",
    syntax="not JSON: {msg} (line {line} column {column})",
    too_deep="not a chart: JSON nested too deeply",
    bad_value="not JSON: {reason}",  # e.g. an integer with too many digits
    reason=lambda error: _one_line(str(error)),
)


# ----------------------------------------------------------------------------- writing


def chart_to_dict(chart: Chart) -> dict:
    """The chart as plain JSON-ready data (keys in file order)."""
    meta = chart.meta
    version = file_version(chart)
    data = {
        "format": FORMAT,
        "version": version,
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
    }
    if version == 2:
        tempo_map = chart.tempo_map
        data["tempo_map"] = None if tempo_map is None else tempo_map_to_dict(tempo_map)
        data["audio_file"] = chart.audio_file
    data.update(
        {
            "sections": [
                {"name": s.name, "start_bar": int(s.start_bar), "bars": int(s.bars)}
                for s in chart.sections
            ],
            "parts": {player.label: _notes_to_list(chart.part(player)) for player in PLAYERS},
        }
    )
    return data


def file_version(chart: Chart) -> int:
    """1 for a chart of one constant tempo without audio (as before tempo maps), else 2."""
    return 1 if chart.tempo_map is None and chart.audio_file is None else 2


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
    for key in TOP_KEYS_V2[:7]:
        if key not in data:
            continue
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
        chart = loads_chart(data)
    except ChartError as exc:
        raise ChartError(f"{target}: {exc}") from None
    if chart.audio_file is not None and not Path(chart.audio_file).is_absolute():
        # an audio file is named relative to the chart file's folder
        chart = dataclasses.replace(chart, audio_file=str(target.parent / chart.audio_file))
    return chart


def loads_chart(text: str | bytes) -> Chart:
    """Parse and validate chart JSON (text or UTF-8 bytes)."""
    return chart_from_dict(CHART_JSON.parse(text))


def _meta(value, version: int) -> ChartMeta:
    obj = _object(value, "meta", META_KEYS)
    v2 = version == 2
    return ChartMeta(
        title=_string(obj["title"], "meta.title", MAX_TITLE_CHARS),
        style=_string(obj["style"], "meta.style", 40, CHART_STYLES if v2 else STYLES),
        bpm=_number(
            obj["bpm"], "meta.bpm", *((V2_MIN_BPM, V2_MAX_BPM) if v2 else (MIN_BPM, MAX_BPM))
        ),
        beats_per_bar=_integer(obj["beats_per_bar"], "meta.beats_per_bar", 1, MAX_BEATS_PER_BAR),
        bars=_integer(obj["bars"], "meta.bars", MIN_BARS, V2_MAX_BARS if v2 else MAX_BARS),
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


def _version(data) -> int:
    if not isinstance(data, dict) or "version" not in data:
        return 1  # the key check below names what is missing
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        _fail("version", f"expected a whole number, got {_kind(version)}")
    if version not in VERSIONS:
        shown = version if abs(version) < 10**30 else "a huge number"
        known = ", ".join(str(v) for v in VERSIONS)
        _fail("version", f"unsupported version {shown} (this build reads versions {known})")
    return version


def _audio_file(value) -> str | None:
    if value is None:
        return None
    name = _string(value, "audio_file", MAX_AUDIO_NAME_CHARS)
    if "\0" in name:
        _fail("audio_file", "contains a NUL character")
    return name


def chart_from_dict(obj) -> Chart:
    """Validate decoded JSON and build the Chart; ChartError names the first problem."""
    version = _version(obj)
    data = _object(obj, "chart", TOP_KEYS_V2 if version == 2 else TOP_KEYS)
    if data["format"] != FORMAT:
        _fail("format", f"expected {FORMAT!r}, got {_one_line(repr(data['format']))[:80]}")
    meta = _meta(data["meta"], version)
    count_in = _integer(data["count_in_beats"], "count_in_beats", 0, MAX_COUNT_IN_BEATS)
    if version == 1:
        lead_in_s = _number(data["lead_in_s"], "lead_in_s", 0.0, MAX_LEAD_IN_S)
        tempo_map, audio_file = None, None
    else:
        lead_in_s = _number(data["lead_in_s"], "lead_in_s", -V2_MAX_LEAD_IN_S, V2_MAX_LEAD_IN_S)
        raw_map = data["tempo_map"]
        tempo_map = None if raw_map is None else tempo_map_from_dict(raw_map)
        audio_file = _audio_file(data["audio_file"])
    shell = Chart(
        meta, (Part.empty(), Part.empty()), (), count_in, lead_in_s, tempo_map, audio_file
    )
    if count_in and shell.count_in_start_s + 1e-9 < 0.0:
        count_in_s = lead_in_s - shell.count_in_start_s
        _fail("lead_in_s", f"{lead_in_s!r} s is shorter than the count-in ({count_in_s:.6f} s)")
    try:
        shell.end_beat  # noqa: B018 - a bar count the tempo map cannot lay out fails here
    except ValueError as exc:
        _fail("meta.bars", str(exc))
    sections = _sections(data["sections"], meta.bars)
    parts = _object(data["parts"], "parts", tuple(p.label for p in PLAYERS))
    built = tuple(read_part(parts[p.label], f"parts.{p.label}", shell) for p in PLAYERS)
    return Chart(
        meta=meta,
        parts=built,  # type: ignore[arg-type]
        sections=sections,
        count_in_beats=count_in,
        lead_in_s=lead_in_s,
        tempo_map=tempo_map,
        audio_file=audio_file,
    )


__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_NOTES_AT_ONCE",
    "MAX_NOTES_PER_PART",
    "TIME_TOLERANCE_S",
    "VERSION",
    "VERSIONS",
    "chart_from_dict",
    "chart_to_dict",
    "dumps_chart",
    "file_version",
    "load_chart",
    "loads_chart",
    "save_chart",
]
