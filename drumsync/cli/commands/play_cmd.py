"""``drumsync play``: start a match directly, in a window or headless with bots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...core.scoring import MATCH_MODES
from ...storage.settings import SCROLL_SPEED_RANGE
from ..options import SEED, add_generator_options, add_windows_option, float_in
from .score_cmd import print_report


def register(sub) -> None:
    p = sub.add_parser(
        "play",
        help="start a match directly, skipping the menus",
        description=(
            "Start a match on a chart file or a generated chart. With --headless the same game "
            "loop runs on SDL's dummy drivers, bots press the keys, and the results are printed."
        ),
    )
    p.add_argument("chart", metavar="CHART", nargs="?", help="chart file (or generator options)")
    p.add_argument("--mode", choices=MATCH_MODES, default="duet", help="default duet")
    add_generator_options(p)
    p.add_argument("--p1-bot", metavar="SPEC", help="a simulated drummer plays player 1")
    p.add_argument(
        "--p2-bot", metavar="SPEC", help="a simulated drummer plays player 2 (solo: partner)"
    )
    p.add_argument("--bot-seed", type=SEED, default=0, help="bots' random seed (default 0)")
    add_windows_option(p, default=None)
    p.add_argument("--replay-out", metavar="FILE", type=Path, help="also write the replay here")
    p.add_argument("--headless", action="store_true", help="no window or sound; bots only")
    p.add_argument("--json", action="store_true", help="headless: print the JSON report")
    p.add_argument("--fullscreen", action="store_true", help="start in fullscreen (F11 toggles)")
    low, high = SCROLL_SPEED_RANGE
    p.add_argument("--scroll-speed", type=float_in(low, high), help=f"note speed {low:g}..{high:g}")
    p.add_argument("--no-sound", action="store_true", help="play without audio")
    p.set_defaults(handler=run)


def _options(args: argparse.Namespace, chart):
    from ...game.runtime.options import options_from_settings
    from ...storage.settings import load_settings

    loaded = load_settings()
    for warning in loaded.warnings:
        print(f"drumsync: warning: {warning}", file=sys.stderr)
    overrides = {
        "mode": args.mode,
        "p1_bot": args.p1_bot,
        "p2_bot": args.p2_bot,
        "bot_seed": args.bot_seed,
        "replay_out": args.replay_out,
        "headless": args.headless,
        "sound": not args.no_sound,
    }
    if args.windows:
        overrides["windows"] = args.windows
    if args.scroll_speed:
        overrides["scroll_speed"] = args.scroll_speed
    if args.fullscreen:
        overrides["fullscreen"] = True
    return options_from_settings(chart, loaded.settings, **overrides)


def run(args: argparse.Namespace) -> int:
    from ...core.drummers import parse_spec
    from ..options import chart_from_args
    from ..parser import UsageError

    for spec in (args.p1_bot, args.p2_bot):
        if spec is not None:
            parse_spec(spec)  # a bad spec is a one-line error before any window opens
    if args.headless and (args.p1_bot is None or args.p2_bot is None) and args.mode != "solo":
        raise UsageError("--headless needs --p1-bot and --p2-bot (bots press the keys)")
    if args.json and not args.headless:
        raise UsageError("--json goes with --headless")
    chart = chart_from_args(args)
    options = _options(args, chart)
    if not args.headless:
        from ...game.app import run_game

        return run_game(options)
    from ...game.app import play_match

    result = play_match(options)
    if result.outcome is None:
        raise UsageError("the headless match did not finish")
    print_report(result.outcome.report, as_json=args.json)
    return 0


def launch_default(args: argparse.Namespace) -> int:
    """``drumsync`` alone: the game's front door (the title, then the menus)."""
    from ...game.front import run_front

    return run_front(sound=not getattr(args, "game_no_sound", False))
