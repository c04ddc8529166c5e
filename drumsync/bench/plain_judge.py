"""The reference for scoring speed: a plain, straightforward per-hit judge in Python.

Written from the README's rules and nothing else ("A hit takes the earliest unjudged note
of the same player and drum inside the miss window... A hit that finds no note is a
stray"), it only counts tiers: no records, no combo, no sync. Whatever the game's scorers
do beyond this is extra work, so a ratio against it is an honest measure of their speed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.chart import Chart
from ..core.events import InputEvent
from ..core.windows import Windows


def plain_tier_counts(
    chart: Chart,
    events: Iterable[InputEvent],
    windows: Windows,
    offsets_ms: tuple[float, float] = (0.0, 0.0),
) -> dict[str, int]:
    """Counts of perfect, great, good, miss (unhit notes included) and stray hits."""
    # Each (player, drum): its note times, in order, and the index of the earliest unjudged.
    notes: dict[tuple[int, int], list[float]] = {}
    for player, part in enumerate(chart.parts):
        for time_s, voice in zip(part.time_s.tolist(), part.voice.tolist(), strict=True):
            notes.setdefault((player, voice), []).append(time_s)
    next_note = dict.fromkeys(notes, 0)
    miss_s = windows.miss_ms / 1000
    counts = {"perfect": 0, "great": 0, "good": 0, "miss": 0, "stray": 0}
    judged = 0
    for event in events:
        player = int(event.player)
        key = (player, int(event.voice))
        t = event.time_s - offsets_ms[player] / 1000  # a positive offset: the player is late
        times = notes.get(key, ())
        i = next_note.get(key, 0)
        while i < len(times) and times[i] < t - miss_s:
            i += 1  # passed by without a hit: stays a miss
        if i < len(times) and times[i] <= t + miss_s:
            offset_ms = abs(t - times[i]) * 1000
            if offset_ms <= windows.perfect_ms:
                counts["perfect"] += 1
            elif offset_ms <= windows.great_ms:
                counts["great"] += 1
            elif offset_ms <= windows.good_ms:
                counts["good"] += 1
            else:
                counts["miss"] += 1
            judged += 1
            i += 1
        else:
            counts["stray"] += 1
        if key in next_note:
            next_note[key] = i
    counts["miss"] += sum(len(p) for p in chart.parts) - judged
    return counts


__all__ = ["plain_tier_counts"]
