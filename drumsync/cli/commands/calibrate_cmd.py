"""``drumsync calibrate``: open the calibration screen directly, for one player."""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "calibrate",
        help="measure a player's audio or video offset",
        description=(
            "Open the calibration screen: tap along to a metronome click (or, with --visual, "
            "a flashing beat and no sound) for about 20 beats. Apply saves the median offset "
            "for that player in the settings file."
        ),
    )
    p.add_argument(
        "--player", choices=("p1", "p2"), default="p1", help="who calibrates (default p1)"
    )
    p.add_argument(
        "--visual",
        action="store_true",
        help="the visual test: a flashing beat, no sound (measures the video offset)",
    )
    p.set_defaults(handler=run)


def build(args: argparse.Namespace, timer=None):
    """``(app, scene, results)``: the window with the calibration scene ready to run; the
    scene's ``on_done`` appends its result (None when cancelled) to ``results``."""
    from ...core.voices import Player
    from ...game.app import GameApp
    from ...game.runtime.options import options_from_settings
    from ...game.screens.calibration.scene import CalibrationScene
    from ...storage.settings import load_settings

    loaded = load_settings()
    for warning in loaded.warnings:
        sys.stderr.write(f"drumsync calibrate: warning: {warning}\n")
    options = options_from_settings(None, loaded.settings)
    app = GameApp(options, timer)
    results: list = []
    scene = CalibrationScene(
        app.ctx,
        Player.parse(args.player),
        on_done=results.append,
        mode="video" if args.visual else "audio",
    )
    return app, scene, results


def summary(scene, results: list) -> str:
    """The line printed when the window closes."""
    from ...game.screens.calibration.view import offset_text
    from ...storage.paths import settings_path

    which = "audio" if scene.mode == "audio" else "video"
    if not results or results[-1] is None or scene.applied_offset_ms is None:
        return f"{scene.name}: calibration cancelled, the {which} offset is unchanged"
    return (
        f"{scene.name}: {which} offset {offset_text(scene.applied_offset_ms)} "
        f"saved to {scene.settings_path or settings_path()}"
    )


def run(args: argparse.Namespace) -> int:
    app, scene, results = build(args)
    try:
        app.run(first_scene=scene)
    finally:
        app.close()
    print(summary(scene, results))
    return 0
