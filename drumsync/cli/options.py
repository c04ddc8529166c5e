"""Options shared by several commands: generator arguments and value checks."""

from __future__ import annotations

import argparse
import math

from ..core.chart import MAX_DIFFICULTY, MIN_DIFFICULTY, PART_MODES, STYLES
from ..core.windows import WINDOW_PRESETS

GENERATOR_DEFAULTS = {
    "seed": 1,
    "style": "dance-pop",
    "bpm": 120.0,
    "difficulty": 3,
    "bars": 16,
    "parts": "unison",
}


def int_in(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high}")
        return value

    return parse


def float_in(low: float, high: float):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is outside {low:g}..{high:g}")
        return value

    return parse


SEED = int_in(0, 2**63 - 1)


def add_generator_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("chart generator")
    d = GENERATOR_DEFAULTS
    group.add_argument("--seed", type=SEED, default=None, help=f"chart seed (default {d['seed']})")
    group.add_argument("--style", choices=STYLES, default=None, help=f"default {d['style']}")
    group.add_argument(
        "--bpm", type=float_in(40, 300), default=None, help=f"tempo 40..300 (default {d['bpm']:g})"
    )
    group.add_argument(
        "--difficulty",
        type=int_in(MIN_DIFFICULTY, MAX_DIFFICULTY),
        default=None,
        help=f"{MIN_DIFFICULTY}..{MAX_DIFFICULTY} (default {d['difficulty']})",
    )
    group.add_argument(
        "--bars", type=int_in(1, 2000), default=None, help=f"length in bars (default {d['bars']})"
    )
    group.add_argument("--parts", choices=PART_MODES, default=None, help="default unison")


def generator_args(args: argparse.Namespace) -> dict:
    """The generator arguments given on the command line, defaults filled in."""
    return {
        key: default if getattr(args, key, None) is None else getattr(args, key)
        for key, default in GENERATOR_DEFAULTS.items()
    }


def any_generator_option(args: argparse.Namespace, ignore: tuple[str, ...] = ()) -> bool:
    return any(
        getattr(args, key, None) is not None for key in GENERATOR_DEFAULTS if key not in ignore
    )


def add_song_options(parser: argparse.ArgumentParser, with_parts: bool = False) -> None:
    """Options for a CHART that is a song file (TJA, .osu, MIDI, .chart)."""
    group = parser.add_argument_group("song files (.tja .osu .mid .chart)")
    group.add_argument(
        "--course",
        metavar="NAME",
        help="TJA course (Easy..Edit or 0..4, ':single'/':double' to choose) or drum "
        "difficulty (Easy..Expert); default the hardest",
    )
    if with_parts:
        group.add_argument(
            "--parts",
            choices=PART_MODES,
            default=None,
            help="unison: both play every note; split: p1 kick+snare, p2 hi-hat+crash",
        )
    group.add_argument(
        "--no-audio", action="store_true", help="import without the song's audio file"
    )


def load_chart_arg(path, args: argparse.Namespace):
    """A chart file or an importable song file, with the song options of ``args``."""
    from ..core.importers import load_any_chart

    parts = getattr(args, "parts", None)
    return load_any_chart(
        path,
        course=getattr(args, "course", None),
        parts=parts if parts in PART_MODES else "unison",
        with_audio=not getattr(args, "no_audio", False),
    )


def chart_from_args(args: argparse.Namespace):
    """The chart named by a CHART argument, or generated from the generator options."""
    from ..core import generate_chart
    from ..core.importers import is_song_file
    from .usage import UsageError

    path = getattr(args, "chart", None)
    if path is not None:
        ignore = ("parts",) if is_song_file(path) else ()
        if any_generator_option(args, ignore):
            raise UsageError("give either a CHART file or generator options, not both")
        return load_chart_arg(path, args)
    if getattr(args, "course", None):
        raise UsageError("--course goes with a song file")
    return generate_chart(**generator_args(args))


def add_windows_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    parser.add_argument(
        "--windows",
        choices=tuple(WINDOW_PRESETS),
        default=default,
        help="timing windows preset" + (f" (default {default})" if default else ""),
    )


def add_json_option(parser: argparse.ArgumentParser, what: str = "the report") -> None:
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")
