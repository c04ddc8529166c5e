"""The ``tempo_map`` object of a version 2 chart file, written and read back exactly.

::

    "tempo_map": {"tempos": [[beat, bpm], ...], "meters": [[beat, numerator, denominator], ...],
                  "delays": [[beat, seconds], ...], "audio_offset_s": 0.0}
"""

from __future__ import annotations

from .chart_fields import fail, kind_of, read_integer, read_number, read_object
from .tempo_map import TempoMap

KEYS = ("tempos", "meters", "delays", "audio_offset_s")
MAX_CHANGES = 100_000
MAX_BEAT = 1e7
MIN_MAP_BPM, MAX_MAP_BPM = 1.0, 5000.0
MAX_DELAY_S = 600.0
MAX_AUDIO_OFFSET_S = 3600.0


def tempo_map_to_dict(tempo_map: TempoMap) -> dict:
    return {
        "tempos": [
            [b, v]
            for b, v in zip(tempo_map.tempo_beat.tolist(), tempo_map.bpm.tolist(), strict=True)
        ],
        "meters": [
            [b, n, d]
            for b, n, d in zip(
                tempo_map.meter_beat.tolist(),
                tempo_map.meter_num.tolist(),
                tempo_map.meter_den.tolist(),
                strict=True,
            )
        ],
        "delays": [
            [b, s]
            for b, s in zip(tempo_map.delay_beat.tolist(), tempo_map.delay_s.tolist(), strict=True)
        ],
        "audio_offset_s": tempo_map.audio_offset_s,
    }


def _rows(value, where: str, width: int) -> list:
    if not isinstance(value, list):
        fail(where, f"expected an array, got {kind_of(value)}")
    if len(value) > MAX_CHANGES:
        fail(where, f"more than {MAX_CHANGES} entries")
    for i, row in enumerate(value):
        if not isinstance(row, list) or len(row) != width:
            fail(f"{where}[{i}]", f"expected an array of {width} numbers")
    return value


def tempo_map_from_dict(value) -> TempoMap:
    obj = read_object(value, "tempo_map", KEYS)
    tempos = _rows(obj["tempos"], "tempo_map.tempos", 2)
    meters = _rows(obj["meters"], "tempo_map.meters", 3)
    delays = _rows(obj["delays"], "tempo_map.delays", 2)
    tempo_beat = [
        read_number(r[0], f"tempo_map.tempos[{i}][0]", 0, MAX_BEAT) for i, r in enumerate(tempos)
    ]
    bpm = [
        read_number(r[1], f"tempo_map.tempos[{i}][1]", MIN_MAP_BPM, MAX_MAP_BPM)
        for i, r in enumerate(tempos)
    ]
    meter_beat = [
        read_number(r[0], f"tempo_map.meters[{i}][0]", 0, MAX_BEAT) for i, r in enumerate(meters)
    ]
    meter_num = [
        read_integer(r[1], f"tempo_map.meters[{i}][1]", 1, 256) for i, r in enumerate(meters)
    ]
    meter_den = [
        read_integer(r[2], f"tempo_map.meters[{i}][2]", 1, 256) for i, r in enumerate(meters)
    ]
    delay_beat = [
        read_number(r[0], f"tempo_map.delays[{i}][0]", 0, MAX_BEAT) for i, r in enumerate(delays)
    ]
    delay_s = [
        read_number(r[1], f"tempo_map.delays[{i}][1]", -MAX_DELAY_S, MAX_DELAY_S)
        for i, r in enumerate(delays)
    ]
    offset = read_number(
        obj["audio_offset_s"], "tempo_map.audio_offset_s", -MAX_AUDIO_OFFSET_S, MAX_AUDIO_OFFSET_S
    )
    try:
        return TempoMap(
            tempo_beat, bpm, meter_beat, meter_num, meter_den, delay_beat, delay_s, offset
        )
    except ValueError as exc:
        fail("tempo_map", str(exc))
        raise  # unreachable: fail raises


__all__ = ["tempo_map_from_dict", "tempo_map_to_dict"]
