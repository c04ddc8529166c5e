"""The calibration screen: one player taps along to a beat; the median asynchrony is their offset.

``mode="audio"``: a metronome click (rendered as one buffer, played through the same mixer
and song clock as a match) and nothing on screen that moves with the beat, so the taps follow
the ear: the offset is the delay of speakers, keyboard and clock path together, which the
judge subtracts from that player's hits (``audio_offset_ms``). ``mode="video"``: a disc
flashing on each beat and no sound: the offset is the display's delay, by which the player's
highway is drawn ahead (``video_offset_ms``).

A run is 4 lead-in beats then 20 to tap on, with that player's drum keys or Space (see
:mod:`drumsync.game.screens.calibration.session`). The result shows the offset, its uncertainty, the
spread of the taps and a histogram. Apply saves the offset for that player to the settings file
(atomically; a failure is shown and nothing is lost), then the scene pops itself and calls
``on_done(result)``; Esc (or Cancel) pops it and calls ``on_done(None)``. Without an audio
device the audio test explains why it cannot run and offers the visual test; the scene's
``mode`` is then the one actually measured (the caller should reload the settings rather
than assume which offset changed).

The scene holds the state and maps keys to actions; :mod:`drumsync.game.screens.calibration.screen`
draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from ....audio.clock import SongClock
from ....audio.mixer import AudioEngine
from ....audio.song_audio import SongAudio
from ....core.calibration import CalibrationResult
from ....core.voices import Player
from ....storage.settings import OFFSET_RANGE_MS, load_settings, save_settings
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.keyboard import LANE_ORDER, key_label
from ...runtime.scenes import Scene
from .screen import CalibrationScreen
from .session import (
    MODES,
    BeatSchedule,
    Phase,
    SessionOutcome,
    TapSession,
    render_metronome,
)

CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
PREVIOUS_KEYS = (pygame.K_LEFT, pygame.K_UP)
NEXT_KEYS = (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_TAB)
#: Loudness of the metronome (the click samples peak at 0.5 and 0.8 on their own).
CLICK_VOLUME = 1.0
NO_SOUND_SETTING = "Sound is turned off for this run of the game."


class CalibrationScene(Scene):
    title_music = False  # the title loop is silent: a match's sound, or its own

    def __init__(
        self,
        ctx: GameContext,
        player: Player,
        on_done: Callable[[CalibrationResult | None], None] | None = None,
        mode: str = "audio",
        *,
        engine: Any = None,
        settings_path: str | Path | None = None,
        schedule: BeatSchedule | None = None,
    ) -> None:
        """``engine``: an opened audio engine to use instead of opening the mixer (tests);
        ``settings_path``: where Apply saves (default: the user's settings file)."""
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"unknown calibration mode {mode!r} (known: {', '.join(MODES)})")
        self.ctx = ctx
        self.player = Player(player)
        self.on_done = on_done
        self.mode = mode
        self.schedule = schedule or BeatSchedule()
        self.settings_path = Path(settings_path) if settings_path is not None else None
        self._given_engine = engine
        self.engine: Any = None
        self._opened_engine = False
        self.no_audio_reason = ""
        self.phase = Phase.INTRO
        self.session: TapSession | None = None
        self.audio: SongAudio | None = None
        self.outcome: SessionOutcome | None = None
        #: Perf-counter time at which the current run started (its clock's zero).
        self.run_started_s = 0.0
        self.song_time_s = 0.0
        self.selected = 0
        self.message = ""
        self.message_error = False
        self.applied_offset_ms: float | None = None
        self._now_s = 0.0
        self._last_tap_s: float | None = None
        self._tap_codes: frozenset[int] = frozenset()
        #: Space taps too (when it is nobody's drum key).
        self.space_taps = True
        self.name = ctx.options.players.names[int(self.player)]
        self.saved_offsets_ms = (0.0, 0.0)
        self.screen = CalibrationScreen(self)

    # -- life cycle ---------------------------------------------------------------------------
    @property
    def colour(self) -> theme.Colour:
        return theme.PLAYER_COLOURS[self.player]

    @property
    def key_names(self) -> tuple[str, ...]:
        """This player's drum keys, left to right as on their highway."""
        bindings = self.ctx.options.players.bindings
        return tuple(key_label(bindings.key_for(self.player, v)) for v in LANE_ORDER[self.player])

    @property
    def tap_age_s(self) -> float | None:
        """Seconds since the player's last tap (None before the first)."""
        return None if self._last_tap_s is None else self._now_s - self._last_tap_s

    def enter(self) -> None:
        self._now_s = self.ctx.timer.now()
        codes = self.ctx.keymap.codes()
        mine = {code for code, (player, _) in codes.items() if player is self.player}
        self.space_taps = pygame.K_SPACE not in codes  # unless Space is a drum key
        if self.space_taps:
            mine.add(pygame.K_SPACE)
        self._tap_codes = frozenset(mine)
        self._read_saved()
        if self.mode == "audio" and not self._open_engine():
            self._set_phase(Phase.NO_AUDIO)
        else:
            self._set_phase(Phase.INTRO)

    def exit(self) -> None:
        self._stop_run()
        self._close_engine()

    def cover(self) -> None:
        if self.phase is Phase.RUNNING:
            self._abort_run("The test stopped: another screen opened.")

    def _read_saved(self) -> None:
        loaded = load_settings(self.settings_path)
        me = loaded.settings.player(self.player)
        self.saved_offsets_ms = (me.audio_offset_ms, me.video_offset_ms)

    # -- audio device -------------------------------------------------------------------------
    def _open_engine(self) -> bool:
        """Make sure there is an engine for the audio test; False (with a reason) if not."""
        if self.engine is not None and self.engine.available:
            return True
        options = self.ctx.options
        if self._given_engine is not None:
            self.engine = self._given_engine
        elif options.window.headless or not options.sound.enabled:
            self.no_audio_reason = NO_SOUND_SETTING
            return False
        else:
            self.engine = AudioEngine()
            self._opened_engine = True
            self.engine.open(options.sound.buffer_frames)
        if not self.engine.available:
            self.no_audio_reason = _sentence(self.engine.reason)
            return False
        self.engine.set_music_volume(CLICK_VOLUME)
        self.no_audio_reason = ""
        return True

    def _close_engine(self) -> None:
        if self.engine is not None and self._opened_engine:
            self.engine.close()
        self.engine = None
        self._opened_engine = False

    # -- actions ------------------------------------------------------------------------------
    def start(self) -> None:
        """Start a run (again): the clock's zero is now, the first beat ``start_s`` later."""
        self._stop_run()
        if self.mode == "audio" and not self._open_engine():
            self._set_phase(Phase.NO_AUDIO)
            return
        now = self.ctx.timer.now()
        if self.mode == "audio":
            buffer = render_metronome(self.schedule, self.engine.rate_hz)
            self.audio = SongAudio(SongClock(), self.engine, buffer)
        else:
            self.audio = SongAudio(SongClock())
        self.session = TapSession(self.schedule)
        self.outcome = None
        self.song_time_s = 0.0
        self.run_started_s = now
        self.audio.start(now)
        self._say("")
        self._set_phase(Phase.RUNNING)

    def switch_mode(self) -> None:
        """Audio test <-> visual test (back at the instructions)."""
        self._stop_run()
        self.mode = "video" if self.mode == "audio" else "audio"
        self.outcome = None
        self._say("")
        if self.mode == "audio" and not self._open_engine():
            self._set_phase(Phase.NO_AUDIO)
            return
        if self.mode == "video":
            self._close_engine()
        self._set_phase(Phase.INTRO)

    def retry_sound(self) -> None:
        """Try to open the audio device again (e.g. after plugging in headphones)."""
        self._close_engine()
        if self._open_engine():
            self._say("")
            self._set_phase(Phase.INTRO)
        else:
            self._say("Still no sound: " + self.no_audio_reason, error=True)
            self._set_phase(Phase.NO_AUDIO)

    def apply(self) -> bool:
        """Save the measured offset for this player; then leave with the result."""
        if self.outcome is None or self.outcome.result is None:
            return False
        result = self.outcome.result
        low, high = OFFSET_RANGE_MS
        offset = round(min(high, max(low, result.offset_ms)), 1)
        try:
            settings = load_settings(self.settings_path).settings
            if self.mode == "audio":
                settings = settings.with_offsets(self.player, audio_offset_ms=offset)
            else:
                settings = settings.with_offsets(self.player, video_offset_ms=offset)
            save_settings(settings, self.settings_path)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say(f"Could not save the offset: {reason}", error=True)
            return False
        self.applied_offset_ms = offset
        self._leave(result)
        return True

    def cancel(self) -> None:
        self._leave(None)

    def _leave(self, result: CalibrationResult | None) -> None:
        self._stop_run()
        self.pop_self()
        if self.on_done is not None:
            self.on_done(result)

    def _stop_run(self) -> None:
        if self.audio is not None:
            self.audio.stop()
        self.audio = None

    def _abort_run(self, why: str) -> None:
        self._stop_run()
        self.session = None
        self._say(why, error=True)
        self._set_phase(Phase.INTRO)

    def _finish_run(self) -> None:
        self._stop_run()
        self.outcome = self.session.outcome() if self.session is not None else None
        self._set_phase(Phase.RESULT)
        if self.outcome is not None and self.outcome.ok and not self.outcome.reliable:
            self.selected = 1  # Retry: the taps were too scattered to trust

    def _say(self, message: str, error: bool = False) -> None:
        self.message = message
        self.message_error = error

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        self.selected = 0
        self.screen.invalidate()

    # -- buttons ------------------------------------------------------------------------------
    def buttons(self) -> list[tuple[str, Callable[[], object]]]:
        other = "Visual test" if self.mode == "audio" else "Audio test"
        if self.phase is Phase.INTRO:
            return [("Start", self.start), (other, self.switch_mode), ("Cancel", self.cancel)]
        if self.phase is Phase.RESULT:
            if self.outcome is not None and self.outcome.ok:
                return [("Apply", self.apply), ("Retry", self.start), ("Cancel", self.cancel)]
            return [("Retry", self.start), (other, self.switch_mode), ("Cancel", self.cancel)]
        if self.phase is Phase.NO_AUDIO:
            return [
                ("Visual test", self.switch_mode),
                ("Try sound again", self.retry_sound),
                ("Cancel", self.cancel),
            ]
        return []

    def press(self, label: str) -> None:
        """Activate the button called ``label`` (as Enter on it would)."""
        for name, action in self.buttons():
            if name == label:
                action()
                return
        raise ValueError(f"no {label!r} button on the {self.phase.value} screen")

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        kind = event.type
        if kind in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED):
            if self.phase is Phase.RUNNING:
                self._abort_run("The test stopped: the window lost focus. Start again.")
            return
        if kind != pygame.KEYDOWN:
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            self.cancel()
            return
        if key in self._tap_codes:
            self._tap(stamp_s)
            return
        buttons = self.buttons()
        if not buttons:
            return
        if key in PREVIOUS_KEYS:
            self.selected = (self.selected - 1) % len(buttons)
        elif key in NEXT_KEYS:
            self.selected = (self.selected + 1) % len(buttons)
        elif key in CONFIRM_KEYS:
            buttons[min(self.selected, len(buttons) - 1)][1]()

    def _tap(self, stamp_s: float) -> None:
        self._last_tap_s = stamp_s
        if self.phase is Phase.RUNNING and self.session is not None and self.audio is not None:
            self.session.tap(self.audio.time_at(stamp_s))

    # -- time ---------------------------------------------------------------------------------
    def update(self, now_s: float) -> None:
        self._now_s = now_s
        if self.phase is not Phase.RUNNING or self.audio is None or self.session is None:
            return
        self.song_time_s = self.audio.tick(now_s)
        if self.session.finished(self.song_time_s):
            self._finish_run()

    # -- drawing (see calibration_screen) ------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        self.screen.draw(canvas)


def _sentence(reason: str) -> str:
    reason = (reason or "no audio device").strip()
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def open_calibration(
    stack,
    ctx: GameContext,
    player: Player,
    on_done: Callable[[CalibrationResult | None], None] | None = None,
    mode: str = "audio",
    settings_path: str | Path | None = None,
) -> CalibrationScene:
    """The one way into the calibration screen (from the menu and from the settings): push it
    onto ``stack`` for ``player``; it pops itself and calls ``on_done(result)`` (None when
    cancelled), having saved what it measured to the settings file."""
    scene = CalibrationScene(ctx, player, on_done=on_done, mode=mode, settings_path=settings_path)
    stack.push(scene)
    return scene
