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


def any_generator_option(args: argparse.Namespace) -> bool:
    return any(getattr(args, key, None) is not None for key in GENERATOR_DEFAULTS)


def chart_from_args(args: argparse.Namespace):
    """The chart named by a CHART argument, or generated from the generator options."""
    from ..core import generate_chart, load_chart
    from .parser import UsageError

    path = getattr(args, "chart", None)
    if path is not None:
        if any_generator_option(args):
            raise UsageError("give either a CHART file or generator options, not both")
        return load_chart(path)
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
