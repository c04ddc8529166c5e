"""What a recorded match was played on, in words: the tour stage or the chart's title.

A tour stage is named as the tour names it; a generated chart by the title the generator
gives it, with its style and tempo; anything else (an imported chart) by the start of
its hash, the only name it has.
"""

from __future__ import annotations

from ..core.generator import chart_title
from .match_records import MatchRecord

TOUR_PREFIX = "tour:"


def record_title(record: MatchRecord) -> str:
    if record.stage_id is not None:
        if record.stage_id.startswith(TOUR_PREFIX):
            return f"Summit Tour · {record.stage_id.removeprefix(TOUR_PREFIX)}"
        return record.stage_id
    args = record.generator_args
    title = chart_title(args) if args else None
    if title is None:
        return f"chart {record.chart_hash[:12]}"
    return f"{title} ({args['style']}, {float(args['bpm']):g} BPM)"


__all__ = ["TOUR_PREFIX", "record_title"]
