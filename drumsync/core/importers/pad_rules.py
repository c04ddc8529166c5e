"""Rules Rock Band / Clone Hero drum charts share (notes.mid and .chart), read as Clone Hero
reads them (the rules of the scan-chart reader, which was checked against Clone Hero on
tens of thousands of charts).

Drum kind, for the whole file: pro (4-lane with cymbals) where ``song.ini`` says
``pro_drums`` or any drum track has a cymbal or tom marker; else 5-lane where ``song.ini``
says ``five_lane_drums`` or any drum track has the fifth lane; else plain 4-lane.

Dynamics: an accent plays at velocity 1.0, a ghost note at 0.4, others at 0.8. In .chart
the markers 34-38 (accent) and 40-44 (ghost) mark the pad ``marker - 33`` / ``- 39`` at
their tick; in notes.mid, once the track has the text event ``[ENABLE_CHART_DYNAMICS]``,
a gem of velocity 127 is an accent and of velocity 1 a ghost.

Disco flip: a text event ``[mix D drumsN d]`` (D = 0 easy .. 3 expert) starts a section
whose red and yellow gems are swapped (red is the hi-hat, yellow the snare) until the next
``[mix D drumsN]``; ``dnoflip`` starts a section without the swap.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterable

from ..voices import Voice
from .voice_tables import PAD_BLUE, PAD_GREEN, PAD_KICK, PAD_RED, PAD_YELLOW, pad_voice

DIFFICULTY_INDEX = {"easy": 0, "medium": 1, "hard": 2, "expert": 3}
DISCO_FLIP = re.compile(r"^\s*\[?mix[ _]([0-3])[ _]drums([0-5])(d|dnoflip|easy|easynokick|)\]?\s*$")
FIFTH_LANE = 5  # 5-lane green (.chart lane 5, notes.mid base + 5)
PLAIN_VOICES = {PAD_YELLOW: Voice.HIHAT, PAD_BLUE: Voice.SNARE, PAD_GREEN: Voice.CRASH}
FIVE_LANE_VOICES = {PAD_RED: Voice.SNARE, PAD_YELLOW: Voice.HIHAT, PAD_BLUE: Voice.SNARE,
                    PAD_GREEN: Voice.CRASH, FIFTH_LANE: Voice.SNARE}  # fmt: skip
TRUE_WORDS = ("true", "1", "yes", "on")
NORMAL_VELOCITY, ACCENT_VELOCITY, GHOST_VELOCITY = 0.8, 1.0, 0.4
CHART_ACCENT_MARKERS = range(34, 39)  # pad = marker - 33
CHART_GHOST_MARKERS = range(40, 45)  # pad = marker - 39
MIDI_DYNAMICS_EVENT = "ENABLE_CHART_DYNAMICS"
MIDI_ACCENT, MIDI_GHOST = 127, 1


def midi_velocity(dynamics: bool, velocity: int) -> float:
    """A notes.mid gem's velocity: accents and ghosts only once dynamics are enabled."""
    if dynamics and velocity == MIDI_ACCENT:
        return ACCENT_VELOCITY
    if dynamics and velocity == MIDI_GHOST:
        return GHOST_VELOCITY
    return NORMAL_VELOCITY


def has_dynamics(texts: Iterable[tuple[int, str]]) -> bool:
    return any(MIDI_DYNAMICS_EVENT in text for _, text in texts)


class DrumKind(enum.Enum):
    PRO = "pro (4-lane with cymbals)"
    FIVE_LANE = "5-lane"
    FOUR_LANE = "4-lane"


def drum_kind(has_markers: bool, has_fifth_lane: bool, ini: dict[str, str]) -> DrumKind:
    if ini.get("pro_drums", "").strip().lower() in TRUE_WORDS:
        return DrumKind.PRO
    if ini.get("five_lane_drums", "").strip().lower() in TRUE_WORDS:
        return DrumKind.FIVE_LANE
    if has_markers:
        return DrumKind.PRO
    return DrumKind.FIVE_LANE if has_fifth_lane else DrumKind.FOUR_LANE


def disco_flips(texts: Iterable[tuple[int, str]], difficulty: str) -> list[tuple[int, bool]]:
    """(tick, swapped) where one difficulty's disco flip starts or ends, by tick."""
    wanted = DIFFICULTY_INDEX[difficulty.lower()]
    changes = []
    for tick, text in sorted(texts, key=lambda t: t[0]):
        found = DISCO_FLIP.match(text)
        if found and int(found.group(1)) == wanted and found.group(3) in ("", "d", "dnoflip"):
            changes.append((tick, found.group(3) == "d"))
    return changes


def is_flipped(changes: list[tuple[int, bool]], tick: int) -> bool:
    at = bisect.bisect_right([t for t, _ in changes], tick) - 1
    return at >= 0 and changes[at][1]


def gem_voice(kind: DrumKind, pad: int, cymbal: bool, flipped: bool) -> Voice:
    """The voice of a gem: ``pad`` 0 kick .. 4 green (5 the 5-lane green); ``cymbal`` for
    a pro chart's yellow, blue or green; ``flipped`` inside a disco flip."""
    if pad == PAD_KICK:
        return Voice.KICK
    if flipped and pad in (PAD_RED, PAD_YELLOW):
        return Voice.HIHAT if pad == PAD_RED else Voice.SNARE
    if kind is DrumKind.FIVE_LANE:
        return FIVE_LANE_VOICES[pad]
    if kind is DrumKind.PRO or pad == PAD_RED:
        return pad_voice(min(pad, PAD_GREEN), cymbal and pad != FIFTH_LANE)
    return PLAIN_VOICES[min(pad, PAD_GREEN)]


__all__ = [
    "DrumKind",
    "disco_flips",
    "drum_kind",
    "gem_voice",
    "has_dynamics",
    "is_flipped",
    "midi_velocity",
]
