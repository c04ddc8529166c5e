"""The calibration screen: one player taps along to a beat; the median asynchrony is their offset.

``mode="audio"``: a metronome click (rendered as one buffer, played through the same mixer
and song clock as a match) and nothing on screen that moves with the beat, so the taps follow
the ear: the offset is the delay of speakers, keyboard and clock path together, which the
judge subtracts from that player's hits (``audio_offset_ms``). ``mode="video"``: a disc
flashing on each beat and no sound: the offset is the display's delay, by which the player's
highway is drawn ahead (``video_offset_ms``).

A run is 4 lead-in beats then 20 to tap on, with that player's drum keys or Space (see
:mod:`drumsync.game.calibration_session`). The result shows the offset, its uncertainty, the
spread of the taps and a histogram. Apply saves the offset for that player to the settings file
(atomically; a failure is shown and nothing is lost), then the scene pops itself and calls
``on_done(result)``; Esc (or Cancel) pops it and calls ``on_done(None)``. Without an audio
device the audio test explains why it cannot run and offers the visual test; the scene's
``mode`` is then the one actually measured (the caller should reload the settings rather
than assume which offset changed).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import pygame

from ..audio.clock import SongClock
from ..core.calibration import CalibrationResult
from ..core.voices import Player
from ..storage.settings import OFFSET_RANGE_MS, load_settings, save_settings
from . import theme
from .audio_link import SongAudio
from .calibration_session import MODES, BeatSchedule, SessionOutcome, TapSession, render_metronome
from .calibration_view import (
    BUTTONS_Y,
    HINTS_Y,
    INFO_RECT,
    MESSAGE_Y,
    STAGE_RECT,
    StageView,
    draw_buttons,
    draw_header,
    draw_message,
    draw_panel,
    draw_stage,
    flash_level,
    offset_text,
    render_failed_info,
    render_hints,
    render_intro_info,
    render_no_audio_info,
    render_result_info,
)
from .context import GameContext
from .keys import LANE_ORDER, key_label
from .scenes import Scene

CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
PREVIOUS_KEYS = (pygame.K_LEFT, pygame.K_UP)
NEXT_KEYS = (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_TAB)
#: Loudness of the metronome (the click samples peak at 0.5 and 0.8 on their own).
CLICK_VOLUME = 1.0
NO_SOUND_SETTING = "Sound is turned off for this run of the game."


class Phase(Enum):
    INTRO = "intro"  # instructions; Start
    RUNNING = "running"  # lead-in and taps
    RESULT = "result"  # the offset (or why there is none); Apply / Retry
    NO_AUDIO = "no_audio"  # audio mode without a device: offer the visual test


class CalibrationScene(Scene):
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
        self.name = ctx.options.names[int(self.player)]
        self.saved_offsets_ms = (0.0, 0.0)
        self._static: pygame.Surface | None = None
        self._info: pygame.Surface | None = None
        self._hints: pygame.Surface | None = None

    # -- life cycle ---------------------------------------------------------------------------
    @property
    def colour(self) -> theme.Colour:
        return theme.PLAYER_COLOURS[self.player]

    @property
    def key_names(self) -> tuple[str, ...]:
        """This player's drum keys, left to right as on their highway."""
        bindings = self.ctx.options.bindings
        return tuple(key_label(bindings.key_for(self.player, v)) for v in LANE_ORDER[self.player])

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
        elif options.headless or not options.sound:
            self.no_audio_reason = NO_SOUND_SETTING
            return False
        else:
            from ..audio.mixer import AudioEngine

            self.engine = AudioEngine()
            self._opened_engine = True
            self.engine.open(options.audio_buffer_frames)
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

    # -- drawing ------------------------------------------------------------------------------
    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        self.selected = 0
        self._static = None
        self._info = None
        self._hints = None

    def _title(self) -> str:
        return "AUDIO OFFSET" if self.mode == "audio" else "VIDEO OFFSET"

    def _render_static(self) -> pygame.Surface:
        surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        surface.fill(theme.BACKGROUND)
        text = self.ctx.text
        test = "audio test: tap to the click" if self.mode == "audio" else "visual test: no sound"
        draw_header(
            surface,
            text,
            self._title(),
            "Calibration",
            f"{theme.PLAYER_NAMES[self.player]}  ·  {test}",
            self.name,
            self.colour,
        )
        stage_title = "LISTEN AND TAP" if self.mode == "audio" else "WATCH AND TAP"
        draw_panel(surface, STAGE_RECT, text, stage_title, self.colour)
        draw_panel(surface, INFO_RECT, text, "")
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def _hint_items(self) -> list[tuple[str, str]]:
        if self.phase is Phase.RUNNING:
            keys = " ".join(self.key_names)
            space = [("SPACE", "tap")] if self.space_taps else []
            return [(keys, "tap"), *space, ("ESC", "cancel")]
        return [("‹ ›", "choose"), ("ENTER", "confirm"), ("ESC", "cancel")]

    def draw(self, canvas: pygame.Surface) -> None:
        if self._static is None:
            self._static = self._render_static()
        if self._info is None:
            self._info = self._render_info()
        if self._hints is None:
            self._hints = render_hints(self.ctx.text, self._hint_items())
        canvas.blit(self._static, (0, 0))
        draw_stage(canvas, self.ctx.text, self._stage_view())
        canvas.blit(self._info, INFO_RECT.topleft)
        draw_message(
            canvas,
            self.ctx.text,
            self.message,
            self.message_error,
            (theme.CANVAS_W // 2, MESSAGE_Y),
        )
        labels = [label for label, _ in self.buttons()]
        if labels:
            draw_buttons(
                canvas,
                self.ctx.text,
                labels,
                self.selected,
                (theme.CANVAS_W // 2, BUTTONS_Y),
                self.colour,
            )
        canvas.blit(self._hints, (0, HINTS_Y - self._hints.get_height() // 2))

    def _stage_view(self) -> StageView:
        running = self.phase is Phase.RUNNING
        t = self.song_time_s
        level, flash, label = 0.0, theme.TEXT, ""
        if running and self.mode == "video":
            beat = self.schedule.beat_at(t)
            count = self.schedule.lead_in_count(t)
            level = flash_level(None if beat is None else beat[1])
            if count is not None:
                flash, label = theme.OI_YELLOW, str(count)
        counted = self.session.count if self.session is not None else 0
        if self.outcome is not None:
            counted = self.outcome.taps
        status, status_colour = self._status_line()
        return StageView(
            video=self.mode == "video",
            level=level,
            flash_colour=flash,
            label=label,
            crossed=self.phase is Phase.NO_AUDIO,
            tap_age_s=None if self._last_tap_s is None else self._now_s - self._last_tap_s,
            status=status,
            status_colour=status_colour,
            counted=counted,
            total=self.schedule.tap_beats,
            progress=self.schedule.progress(t) if running else float(self.outcome is not None),
            colour=self.colour,
        )

    def _status_line(self) -> tuple[str, theme.Colour]:
        what = "click" if self.mode == "audio" else "white flash"
        if self.phase is Phase.NO_AUDIO:
            return "No sound available", theme.OI_VERMILLION
        if self.phase is Phase.INTRO:
            return "Press Enter to start", theme.TEXT
        if self.phase is Phase.RESULT:
            if self.outcome is not None and self.outcome.ok:
                return f"Done: {self.outcome.taps} taps counted", theme.TEXT
            return "Not enough taps", theme.OI_VERMILLION
        t = self.song_time_s
        if t < self.schedule.opens_s:
            lead = self.schedule.lead_in_beats
            counted_in = "count-in clicks" if self.mode == "audio" else "yellow flashes"
            return f"Get ready: {lead} {counted_in}", theme.OI_YELLOW
        return f"Tap on every {what}", theme.TEXT

    # -- the info panel (composed once per phase) -----------------------------------------------
    def _render_info(self) -> pygame.Surface:
        text, outcome = self.ctx.text, self.outcome
        if self.phase is Phase.RESULT and outcome is not None and outcome.ok:
            saved = self.saved_offsets_ms[0 if self.mode == "audio" else 1]
            what = "click" if self.mode == "audio" else "flash"
            return render_result_info(text, self._title(), outcome, what, self.colour, saved)
        if self.phase is Phase.RESULT and outcome is not None:
            what = "click" if self.mode == "audio" else "white flash"
            return render_failed_info(text, outcome, what, self.colour, self._saved_line())
        if self.phase is Phase.NO_AUDIO:
            return render_no_audio_info(text, self.no_audio_reason, self._saved_line())
        s = self.schedule
        detail = (
            f"{s.bpm:g} BPM  ·  {s.lead_in_beats} + {s.tap_beats} beats  ·  "
            f"about {round(s.closes_s)} s"
        )
        return render_intro_info(
            text,
            self._instructions(),
            (*self.key_names, *(["SPACE"] if self.space_taps else [])),
            self.colour,
            detail,
            self._saved_line(),
        )

    def _instructions(self) -> list[str]:
        keys = " ".join(self.key_names)
        space = " or Space" if self.space_taps else ""
        s = self.schedule
        if self.mode == "audio":
            return [
                f"You will hear {s.lead_in_beats} count-in clicks, then {s.tap_beats} more. "
                f"Tap on each of those {s.tap_beats} clicks with one of your drum keys "
                f"({keys}){space}.",
                "Nothing on the screen moves with the beat: listen, and play along as you "
                "would to music.",
                "Your audio offset is the median time from click to tap: the delay of your "
                "speakers and keyboard. The game subtracts it when it judges your hits.",
            ]
        return [
            f"The circle flashes {s.lead_in_beats} times in yellow to count you in, then "
            f"{s.tap_beats} times in white. Tap on each white flash with one of your drum "
            f"keys ({keys}){space}. No sound plays.",
            "Your video offset is the median time from flash to tap: the delay of your "
            "display. The game draws your notes that much earlier.",
        ]

    def _saved_line(self) -> str:
        audio, video = self.saved_offsets_ms
        return f"Saved now:  audio {offset_text(audio)}  ·  video {offset_text(video)}"


def _sentence(reason: str) -> str:
    reason = (reason or "no audio device").strip()
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
