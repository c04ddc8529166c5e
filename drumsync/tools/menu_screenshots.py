"""Screenshots of the menus, taken by playing through the game's front door.

Writes ``title.png`` (the drummers mid-groove), ``how_to_play.png`` (before the first
match), ``tour.png`` (the Summit Tour after its first stage was played and cleared),
``scores.png`` and ``scores_pair.png`` (its pair view, after Tab), ``free_play.png`` (a
typed seed, the preview settled), ``settings.png`` and ``calibration.png`` (the result of a
visual test: some twenty taps and a stray one), each the 1280x720 logical canvas.

The run is the game as a player meets it (:mod:`.front_player`): the front door opens on the
title on a virtual clock with the sound off, and every step is a key press through SDL's
event queue, polled every millisecond and stamped as the game's own loop does. The players
name themselves "Ada" and "Ben" when the first match asks; the match (stage 1 of the tour)
is drummed by two simulated players through the same key presses, so the stage is cleared,
scored and filed by the game itself. The calibration taps follow the flashes a little late
with a fixed spread (the audio test needs sound, which is off here).

:func:`private_folders` gives the run empty config and data folders and the article shipped
with the game, so nothing of the user's (settings, scores, tour progress, another article)
shows in the pictures or is written to.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..core.voices import Voice
from ..game.screens.calibration.scene import CalibrationScene
from ..game.screens.calibration.session import Phase as CalibrationPhase
from ..game.screens.how_to_play import HowToPlayScene
from ..game.screens.loading.tip_card import TipCardScene
from ..game.screens.modes.scene import ModeScene
from ..game.screens.names.scene import NamesScene
from ..game.screens.play.scene import PlayScene
from ..game.screens.results.scene import ResultsScene
from ..game.screens.scores import ScoresScene
from ..game.screens.tour.scene import TourScene
from ..game.widgets.drummer_stage import title_timeline
from ..storage.paths import CONFIG_DIR_ENV, DATA_DIR_ENV
from .front_player import Drummers, FrontPlayer, Taps
from .shot_cast import NAMES

#: title.png: this many beats of the drummers' loop after the title opens (past the middle of
#: a beat: sticks up, the logo's shadows and the two rings drifting apart, the prompt bright).
TITLE_AT_BEATS = 6.6
#: Free play: the mode, and the seed typed in (so no random seed is drawn).
FREE_PLAY_MODE = "versus"
FREE_PLAY_SEED = "482913"
#: Calibration taps: this late on average (ms), this spread, and one stray tap.
TAP_LATE_MS = 38.0
TAP_SPREAD_MS = 9.0
TAP_SEED = 7
STRAY_TAP = (12, 165.0)  # (tapping beat, ms after it)
#: How long a screen is given before its picture (animations settle, results accept keys).
SETTLE_S = 1.0
SEEDS_ENV = "DRUMSYNC_SEEDS"


@contextlib.contextmanager
def private_folders() -> Iterator[Path]:
    """Fresh, empty config and data folders and the shipped article for the run; the
    environment is put back afterwards and the folders deleted."""
    names = (CONFIG_DIR_ENV, DATA_DIR_ENV, SEEDS_ENV)
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="drumsync-screenshots-") as folder:
        home = Path(folder)
        os.environ[CONFIG_DIR_ENV] = str(home / "config")
        os.environ[DATA_DIR_ENV] = str(home / "data")
        os.environ.pop(SEEDS_ENV, None)
        try:
            yield home
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


# --- the walk through the menus -----------------------------------------------------------------


def take_menu_screenshots(out_dir: Path) -> list[Path]:
    """Write the menu screenshots into ``out_dir`` (run inside :func:`private_folders`)."""
    player = FrontPlayer(out_dir)
    try:
        _title(player)
        _tour(player)
        _free_play(player)
        _settings(player)
        _calibration(player)
    finally:
        player.close()
    return player.written


def _title(player: FrontPlayer) -> None:
    player.wait(TITLE_AT_BEATS * title_timeline().beat_s)
    player.shoot("title.png")


def _tour(player: FrontPlayer) -> None:
    """Duet on the Summit Tour: names first, then stage 1 played and cleared."""
    pygame = player.pygame
    player.press(pygame.K_RETURN)  # the title: on to the modes
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, "duet")
    player.press(pygame.K_RETURN)  # duet: now where
    player.choose(player.top.where, "tour")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(NamesScene, "the names screen")
    for name in NAMES:
        player.press(pygame.K_BACKSPACE, mod=pygame.KMOD_CTRL)  # clear the name shown
        player.type_text(name)
        player.press(pygame.K_TAB)
    player.press(pygame.K_RETURN)
    player.wait_for_screen(HowToPlayScene, "the how-to-play card")
    player.wait(SETTLE_S)
    player.shoot("how_to_play.png")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(TourScene, "the Summit Tour")
    player.wait(SETTLE_S)
    player.press(pygame.K_RETURN)  # stage 1: its intro card
    player.wait_for_screen(TipCardScene, "the stage's intro card")
    player.wait_for(lambda: player.top.ready, "the stage's intro card, ready")
    player.wait(SETTLE_S)
    drummers = Drummers(player)
    player.front.ctx.pre_poll.append(drummers)
    try:
        player.press(pygame.K_RETURN)
        player.wait_for_screen(PlayScene, "the match")
        player.wait_for_screen(ResultsScene, "the results")
    finally:
        player.front.ctx.pre_poll.remove(drummers)
    player.wait(2 * SETTLE_S)
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(TourScene, "the Summit Tour again")
    player.wait(SETTLE_S)
    player.shoot("tour.png")
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(ModeScene, "the mode menu again")
    player.choose(player.top.menu, "scores")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(ScoresScene, "the scores")
    player.wait(SETTLE_S)
    player.shoot("scores.png")
    player.press(pygame.K_TAB)  # the pair view: Ada & Ben's stage
    player.wait(SETTLE_S)
    player.shoot("scores_pair.png")
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(ModeScene, "the mode menu, back from the scores")


def _free_play(player: FrontPlayer) -> None:
    """Free play in versus, with a typed seed (a random one would change every run)."""
    pygame = player.pygame
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, FREE_PLAY_MODE)
    player.press(pygame.K_RETURN)
    player.choose(player.top.where, "free")
    player.press(pygame.K_RETURN)
    scene = player.top
    player.choose(scene.form, "seed")
    player.press(pygame.K_RETURN)  # type a seed
    player.type_number(FREE_PLAY_SEED)
    player.press(pygame.K_RETURN)
    player.wait_for(lambda: not scene.preview_pending, "the free play preview")
    player.wait(SETTLE_S)
    player.shoot("free_play.png")


def _settings(player: FrontPlayer) -> None:
    pygame = player.pygame
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, "settings")
    player.press(pygame.K_RETURN)
    player.wait(SETTLE_S)
    player.shoot("settings.png")


def _calibration(player: FrontPlayer) -> None:
    """Player 1's visual test (the audio test needs sound): taps, then the result."""
    pygame = player.pygame
    player.press(pygame.K_ESCAPE)  # settings: save and back
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, "calibrate")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(CalibrationScene, "the calibration")
    scene = player.top
    if scene.phase is CalibrationPhase.NO_AUDIO:
        player.press(pygame.K_RETURN)  # "Visual test"
    player.press(pygame.K_RETURN)  # "Start"
    if scene.phase is not CalibrationPhase.RUNNING:
        raise RuntimeError(f"the calibration did not start: {scene.message or scene.phase}")
    bindings = scene.ctx.options.players.bindings
    key = pygame.key.key_code(bindings.key_for(scene.player, Voice.KICK))
    taps = Taps(player, key, _tap_times_s(scene.run_started_s, scene.schedule))
    player.front.ctx.pre_poll.append(taps)
    try:
        player.wait_for(lambda: scene.phase is CalibrationPhase.RESULT, "the calibration result")
    finally:
        player.front.ctx.pre_poll.remove(taps)
    player.wait(SETTLE_S)
    player.shoot("calibration.png")


def _tap_times_s(started_s: float, schedule) -> list[float]:
    """A person tapping along: a little late on every beat, spread, and one stray tap."""
    beats = started_s + schedule.tap_beat_times_s()
    late_ms = np.random.default_rng(TAP_SEED).normal(TAP_LATE_MS, TAP_SPREAD_MS, len(beats))
    stray_beat, stray_ms = STRAY_TAP
    times = [*(beats + late_ms / 1000.0), beats[stray_beat] + stray_ms / 1000.0]
    return [float(t) for t in times]


__all__ = ["private_folders", "take_menu_screenshots"]
