"""A chart's content hash: what a replay names to say which chart it was played on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import PurePath

import numpy as np

from .chart import Chart
from .per_chart import PerChart
from .tempo_map_io import tempo_map_to_dict


def chart_hash(chart: Chart) -> str:
    """Hex SHA-256 over the chart's metadata, structure and note arrays (little-endian).

    Stable across processes and platforms; any change to a note, the tempo (map), the
    audio file's name or the generator arguments changes it. The chart is immutable, so
    the hash is worked out once per chart.
    """
    return _kept_hash(chart)


def content_hash_of(chart: Chart) -> str:
    """:func:`chart_hash` worked out afresh."""
    digest = hashlib.sha256()
    header = {
        "meta": asdict(chart.meta),
        "sections": [asdict(s) for s in chart.sections],
        "count_in_beats": chart.count_in_beats,
        "lead_in_s": chart.lead_in_s,
    }
    if chart.tempo_map is not None:  # absent for constant-tempo charts: their hashes stay put
        header["tempo_map"] = tempo_map_to_dict(chart.tempo_map)
    if chart.audio_file is not None:  # the file's name, not where this machine keeps it
        header["audio_file"] = PurePath(chart.audio_file.replace("\\", "/")).name
    digest.update(json.dumps(header, sort_keys=True, separators=(",", ":")).encode())
    for part in chart.parts:
        digest.update(len(part).to_bytes(8, "little"))
        for array, dtype in (
            (part.beat, "<f8"),
            (part.time_s, "<f8"),
            (part.voice, "i1"),
            (part.velocity, "<f4"),
        ):
            digest.update(np.ascontiguousarray(array, dtype=dtype).data)  # no copy
    return digest.hexdigest()


_kept_hash: PerChart[str] = PerChart(content_hash_of)
