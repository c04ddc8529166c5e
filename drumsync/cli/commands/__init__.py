"""One module per command; each has ``register(subparsers)`` and sets ``handler``.

A command imports what it runs inside its handler: ``drumsync --help`` or ``generate`` must
not pay for numpy's chart code, the mixer or the game (pygame and every screen), which only
``play``, ``calibrate`` and ``drumsync`` alone open."""

from __future__ import annotations

from . import (
    calibrate_cmd,
    captions_cmd,
    export_audio_cmd,
    generate_cmd,
    play_cmd,
    rate_cmd,
    replay_cmd,
    score_cmd,
    scores_cmd,
    simulate_cmd,
)

ALL = (
    play_cmd,
    calibrate_cmd,
    generate_cmd,
    rate_cmd,
    simulate_cmd,
    score_cmd,
    replay_cmd,
    scores_cmd,
    export_audio_cmd,
    captions_cmd,
)


def launch_game(args) -> int:
    """``drumsync`` with no command: open the game."""
    return play_cmd.launch_default(args)
