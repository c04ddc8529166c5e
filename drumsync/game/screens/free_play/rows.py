"""What free play lets the player choose: the form's rows (style, tempo, difficulty, length,
parts, seed, a new random seed, Start), their labels and hints, and the values to start from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ....core.chart import MAX_DIFFICULTY, MIN_DIFFICULTY, PART_MODES, STYLES
from ....core.errors import DrumSyncError
from ....core.generator.args import MAX_BARS, MAX_BPM, MAX_SEED, MIN_BPM, validate_args
from ...runtime import theme
from ...widgets.form.rows import Action, Choice, Range, Row

MIN_FREE_BARS = 4
MAX_FREE_BARS = min(256, MAX_BARS)
DEFAULT_ARGS = {"style": "rock", "bpm": 120.0, "difficulty": 5, "bars": 32, "parts": "unison"}

STYLE_LABELS = {
    "dance-pop": "Dance-pop",
    "rock": "Rock",
    "metal": "Metal",
    "euclidean": "Euclidean",
}
STYLE_HINTS = {
    "dance-pop": "Four-on-the-floor kick, off-beat hi-hats, claps on 2 and 4.",
    "rock": "Straight hi-hats, kick on 1 and usually 3, snare backbeat on 2 and 4.",
    "metal": "Double-kick runs, driving cymbals, backbeat, half-time or skank snare.",
    "euclidean": "Every drum a rotation of an evenly spread Euclidean rhythm E(k, n).",
}
PART_LABELS = {"unison": "Unison", "split": "Split"}
PART_HINTS = {
    "unison": "Both players play the same notes: every note is a chance to sync.",
    "split": "Each player gets their own part; the shared beats are where sync counts.",
}
ROW_HINTS = {
    "bpm": "Left/Right: 1 BPM, Shift: 10.  Enter: type a tempo.",
    "difficulty": "The generator aims its rating at this level.",
    "bars": "Left/Right: 4 bars, Shift: 16.  Enter: type a length.",
    "seed": "Same seed, same settings: the same chart, for everybody.  Enter: type a seed.",
    "roll": "Draw a new random seed (R does it from anywhere).",
    "start": "Play this chart.",
}


def free_play_rows(length_text: Callable[[int], str], seed_text: Callable[[int], str]) -> list[Row]:
    """The form's rows; the length and the seed are shown by ``length_text`` (bars) and
    ``seed_text`` (seed)."""
    return [
        Row("style", "Style", Choice(STYLES, tuple(STYLE_LABELS[s] for s in STYLES))),
        Row(
            "bpm",
            "Tempo",
            Range(MIN_BPM, MAX_BPM, 1, 10, name="tempo"),
            fmt=lambda v: f"{v:g} BPM",
        ),
        Row(
            "difficulty",
            "Difficulty",
            Range(MIN_DIFFICULTY, MAX_DIFFICULTY, 1, 3, name="difficulty"),
            fmt=lambda v: f"level {v}",
        ),
        Row(
            "bars",
            "Length",
            Range(MIN_FREE_BARS, MAX_FREE_BARS, 4, 16, name="length"),
            fmt=length_text,
        ),
        Row("parts", "Parts", Choice(PART_MODES, tuple(PART_LABELS[p] for p in PART_MODES))),
        Row("seed", "Seed", Range(0, MAX_SEED, 1, 100, name="seed"), fmt=seed_text),
        Row("roll", "New random seed", Action()),
        Row("start", "Start", Action(button=True), accent=theme.OI_GREEN),
    ]


def initial_args(initial: Mapping[str, Any] | None) -> tuple[dict, str]:
    """Values to start from (seed None: draw one) and a message if ``initial`` was bad."""
    args: dict[str, Any] = {**DEFAULT_ARGS, "seed": None}
    if not initial:
        return args, ""
    merged = {**args, **dict(initial)}
    try:
        checked = validate_args(
            0 if merged["seed"] is None else merged["seed"],
            merged["style"],
            merged["bpm"],
            merged["difficulty"],
            merged["bars"],
            merged["parts"],
        )
    except DrumSyncError as error:
        return args, f"Could not use the last chart: {error}"
    return {
        "seed": merged["seed"] if merged["seed"] is None else checked.seed,
        "style": checked.style,
        "bpm": checked.bpm,
        "difficulty": checked.difficulty,
        "bars": min(MAX_FREE_BARS, max(MIN_FREE_BARS, checked.bars)),
        "parts": checked.parts,
    }, ""


def row_hint(row: Row, value: Any) -> str:
    """What the screen says about ``row`` holding ``value`` (a style or a parts mode is
    described; the other rows say how to use them)."""
    if row.key == "style":
        return STYLE_HINTS[value]
    if row.key == "parts":
        return PART_HINTS[value]
    return ROW_HINTS.get(row.key, "")
