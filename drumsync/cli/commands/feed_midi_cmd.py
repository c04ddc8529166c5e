"""``drumsync feed-midi``: a Standard MIDI File played into the input layer as if from a kit."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..options import add_json_option, add_windows_option, float_in, int_in
from .score_cmd import print_report


def _channel(text: str) -> int | None:
    if text.lower() in ("all", "any"):
        return None
    return int_in(1, 16)(text) - 1


def register(sub) -> None:
    from ...devices.note_maps import DEFAULT_NOTE_MAP, NOTE_MAPS

    p = sub.add_parser(
        "feed-midi",
        help="play a MIDI performance into the game's input layer (developer tool)",
        description=(
            "Play a Standard MIDI File's note-ons into the game's MIDI input layer, in real "
            "time on a virtual clock, as one player's kit (the other player is absent), and "
            "print the report 'drumsync score' gives for the same hits."
        ),
    )
    p.add_argument("performance", metavar="PERFORMANCE.mid", help="Standard MIDI File")
    p.add_argument("chart", metavar="CHART", help="chart file (JSON)")
    p.add_argument("--player", choices=("p1", "p2"), default="p1", help="who plays (default p1)")
    p.add_argument(
        "--map",
        choices=tuple(NOTE_MAPS),
        default=DEFAULT_NOTE_MAP,
        help=f"kit note map (default {DEFAULT_NOTE_MAP})",
    )
    p.add_argument(
        "--channel",
        type=_channel,
        default="10",
        metavar="1..16|all",
        help="MIDI channel the kit plays on (default 10, General MIDI percussion)",
    )
    p.add_argument(
        "--at",
        type=float_in(-3600, 3600),
        default=0.0,
        metavar="SECONDS",
        help="song time at which the file's time 0 falls (default 0: the song's start)",
    )
    p.add_argument("--hihat-pedal", action="store_true", help="count hi-hat pedal notes")
    p.add_argument(
        "--threshold", type=int_in(1, 127), default=1, help="velocity threshold (default 1)"
    )
    p.add_argument(
        "--debounce-ms",
        type=float_in(0, 100),
        default=None,
        help="double-trigger window in ms (default 20)",
    )
    add_windows_option(p, default="standard")
    p.add_argument("-o", "--output", metavar="REPLAY", help="write the replay to this file")
    add_json_option(p, "the stable report")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ...core import load_chart, save_replay
    from ...core.events import InputEvent
    from ...core.voices import Player
    from ...devices import DeviceKind, DeviceProfile, InputRouter
    from ...devices.pad_filter import DEFAULT_DEBOUNCE_MS
    from ...devices.recorded_port import performance_events
    from ...devices.virtual_kit import play_recording
    from ...game.match.state import Match

    chart = load_chart(args.chart)
    events = performance_events(args.performance, args.channel, shift_ms=args.at * 1000.0)
    player = Player.parse(args.player)
    device = f"midi:{Path(args.performance).name}"[:64]
    profile = DeviceProfile(
        name=device,
        kind=DeviceKind.MIDI,
        player=player,
        preset=args.map,
        threshold=args.threshold,
        debounce_ms=DEFAULT_DEBOUNCE_MS if args.debounce_ms is None else args.debounce_ms,
        hihat_pedal=args.hihat_pedal,
    )
    router = InputRouter([profile])
    match = Match(chart, args.windows, mode="duet")

    def hit(routed, song_time_s: float) -> None:
        match.hit(
            InputEvent(song_time_s, routed.player, routed.voice, routed.device, routed.velocity)
        )

    play_recording(device, events, router, match.end_s, hit, match.advance)
    _, outcome = match.finish()
    if args.output:
        save_replay(outcome.replay, args.output)
    print_report(outcome.report, as_json=args.json)
    return 0
