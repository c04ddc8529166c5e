"""``drumsync play``: start a match directly, in a window or headless with bots."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...core.scoring import MATCH_MODES
from ...storage.settings import SCROLL_SPEED_RANGE
from ..match_filing import check_replay_out, file_played_match
from ..options import SEED, add_generator_options, add_song_options, add_windows_option, float_in
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
    p.add_argument(
        "chart", metavar="CHART", nargs="?", help="chart or song file (or generator options)"
    )
    p.add_argument(
        "--chart", dest="chart_option", metavar="FILE", help="chart or song file (as CHART)"
    )
    p.add_argument("--mode", choices=MATCH_MODES, default="duet", help="default duet")
    add_generator_options(p)
    add_song_options(p)
    p.add_argument("--p1-bot", metavar="SPEC", help="a simulated drummer plays player 1")
    p.add_argument(
        "--p2-bot", metavar="SPEC", help="a simulated drummer plays player 2 (solo: partner)"
    )
    p.add_argument("--bot-seed", type=SEED, default=0, help="bots' random seed (default 0)")
    add_windows_option(p, default=None)
    p.add_argument("--replay-out", metavar="FILE", type=Path, help="also write the replay here")
    p.add_argument(
        "--no-save",
        action="store_true",
        help="do not file the match (no scores row, no copy in the replays folder)",
    )
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
        "save_replay": not args.no_save,
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
    from ..usage import UsageError

    if args.chart_option is not None:
        if args.chart is not None:
            raise UsageError("give the chart once: CHART or --chart FILE")
        args.chart = args.chart_option
    for spec in (args.p1_bot, args.p2_bot):
        if spec is not None:
            parse_spec(spec)  # a bad spec is a one-line error before any window opens
    if args.headless and (args.p1_bot is None or args.p2_bot is None) and args.mode != "solo":
        raise UsageError("--headless needs --p1-bot and --p2-bot (bots press the keys)")
    if args.json and not args.headless:
        raise UsageError("--json goes with --headless")
    check_replay_out(args.replay_out)
    chart = chart_from_args(args)
    options = _options(args, chart)
    from ...game.app import play_match

    result = play_match(options)
    if result.replay_problem:  # the match still counts: its report and scores row follow
        print(f"drumsync play: warning: {result.replay_problem}", file=sys.stderr)
    if result.outcome is not None and not args.no_save:
        file_played_match(result, args.mode)
    if not args.headless:
        return 0  # quitting a windowed match early is not an error
    if result.outcome is None:
        raise UsageError("the headless match did not finish")
    print_report(result.outcome.report, as_json=args.json)
    return 0


def launch_default(args: argparse.Namespace) -> int:
    """``drumsync`` alone: the game's front door (the title, then the menus)."""
    from ...game.front import run_front

    return run_front(sound=not getattr(args, "game_no_sound", False))
