"""What a :class:`~drumsync.game.screens.calibration.scene.CalibrationScene` looks like: the
words for each phase (title, instructions, status line, saved offsets, key hints), the still layers
(frame, information panel, hint strip) composed once per phase, and every frame the stage,
the message and the buttons over them.

The screen only reads the scene; the scene calls :meth:`CalibrationScreen.invalidate` when
its phase changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...runtime import theme
from ...widgets.dialog import draw_dialog_footer
from ...widgets.key_hints import WIDE_GAP, render_hints
from ...widgets.menu_frame import draw_header
from ...widgets.panels import draw_card
from .info_panel import (
    render_failed_info,
    render_intro_info,
    render_no_audio_info,
    render_result_info,
)
from .session import Phase
from .view import (
    INFO_RECT,
    MESSAGE_Y,
    STAGE_RECT,
    StageView,
    draw_stage,
    flash_level,
    offset_text,
)

if TYPE_CHECKING:
    from .scene import CalibrationScene


class CalibrationScreen:
    """Draws one calibration scene."""

    def __init__(self, scene: CalibrationScene) -> None:
        self.scene = scene
        self._static: pygame.Surface | None = None
        self._info: pygame.Surface | None = None
        self._hints: pygame.Surface | None = None

    def invalidate(self) -> None:
        """Compose the still layers again on the next draw (the phase or mode changed)."""
        self._static = None
        self._info = None
        self._hints = None

    def draw(self, canvas: pygame.Surface) -> None:
        scene, text = self.scene, self.scene.ctx.text
        if self._static is None:
            self._static = self._render_static()
        if self._info is None:
            self._info = self._render_info()
        if self._hints is None:
            self._hints = render_hints(text, self._hint_items(), gap=WIDE_GAP)
        canvas.blit(self._static, (0, 0))
        draw_stage(canvas, text, self._stage_view())
        canvas.blit(self._info, INFO_RECT.topleft)
        draw_dialog_footer(
            canvas,
            text,
            message=scene.message,
            error=scene.message_error,
            message_y=MESSAGE_Y,
            buttons=[label for label, _ in scene.buttons()],
            selected=scene.selected,
            colour=scene.colour,
            hints=self._hints,
        )

    # -- words ----------------------------------------------------------------------------------
    def _title(self) -> str:
        return "AUDIO OFFSET" if self.scene.mode == "audio" else "VIDEO OFFSET"

    def _hint_items(self) -> list[tuple[str, str]]:
        scene = self.scene
        if scene.phase is Phase.RUNNING:
            keys = " ".join(scene.key_names)
            space = [("SPACE", "tap")] if scene.space_taps else []
            return [(keys, "tap"), *space, ("ESC", "cancel")]
        return [("‹ ›", "choose"), ("ENTER", "confirm"), ("ESC", "cancel")]

    def _status_line(self) -> tuple[str, theme.Colour]:
        scene = self.scene
        what = "click" if scene.mode == "audio" else "white flash"
        if scene.phase is Phase.NO_AUDIO:
            return "No sound available", theme.OI_VERMILLION
        if scene.phase is Phase.INTRO:
            return "Press Enter to start", theme.TEXT
        if scene.phase is Phase.RESULT:
            if scene.outcome is not None and scene.outcome.ok:
                return f"Done: {scene.outcome.taps} taps counted", theme.TEXT
            return "Not enough taps", theme.OI_VERMILLION
        t = scene.song_time_s
        if t < scene.schedule.opens_s:
            lead = scene.schedule.lead_in_beats
            counted_in = "count-in clicks" if scene.mode == "audio" else "yellow flashes"
            return f"Get ready: {lead} {counted_in}", theme.OI_YELLOW
        return f"Tap on every {what}", theme.TEXT

    def _instructions(self) -> list[str]:
        scene = self.scene
        keys = " ".join(scene.key_names)
        space = " or Space" if scene.space_taps else ""
        s = scene.schedule
        if scene.mode == "audio":
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
        audio, video = self.scene.saved_offsets_ms
        return f"Saved now:  audio {offset_text(audio)}  ·  video {offset_text(video)}"

    # -- the still layers (composed once per phase) ---------------------------------------------
    def _render_static(self) -> pygame.Surface:
        scene = self.scene
        surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        surface.fill(theme.BACKGROUND)
        text = scene.ctx.text
        test = "audio test: tap to the click" if scene.mode == "audio" else "visual test: no sound"
        draw_header(
            surface,
            text,
            self._title(),
            "Calibration",
            f"{theme.PLAYER_NAMES[scene.player]}  ·  {test}",
            scene.name,
            scene.colour,
        )
        stage_title = "LISTEN AND TAP" if scene.mode == "audio" else "WATCH AND TAP"
        draw_card(surface, STAGE_RECT, scene.colour, theme.PANEL_EDGE, title=stage_title, text=text)
        draw_card(surface, INFO_RECT)
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def _render_info(self) -> pygame.Surface:
        scene = self.scene
        text, outcome = scene.ctx.text, scene.outcome
        if scene.phase is Phase.RESULT and outcome is not None and outcome.ok:
            saved = scene.saved_offsets_ms[0 if scene.mode == "audio" else 1]
            what = "click" if scene.mode == "audio" else "flash"
            return render_result_info(text, self._title(), outcome, what, scene.colour, saved)
        if scene.phase is Phase.RESULT and outcome is not None:
            what = "click" if scene.mode == "audio" else "white flash"
            return render_failed_info(text, outcome, what, scene.colour, self._saved_line())
        if scene.phase is Phase.NO_AUDIO:
            return render_no_audio_info(text, scene.no_audio_reason, self._saved_line())
        s = scene.schedule
        detail = (
            f"{s.bpm:g} BPM  ·  {s.lead_in_beats} + {s.tap_beats} beats  ·  "
            f"about {round(s.closes_s)} s"
        )
        return render_intro_info(
            text,
            self._instructions(),
            (*scene.key_names, *(["SPACE"] if scene.space_taps else [])),
            scene.colour,
            detail,
            self._saved_line(),
        )

    # -- the stage (every frame) ----------------------------------------------------------------
    def _stage_view(self) -> StageView:
        scene = self.scene
        running = scene.phase is Phase.RUNNING
        t = scene.song_time_s
        level, flash, label = 0.0, theme.TEXT, ""
        if running and scene.mode == "video":
            beat = scene.schedule.beat_at(t)
            count = scene.schedule.lead_in_count(t)
            level = flash_level(None if beat is None else beat[1])
            if count is not None:
                flash, label = theme.OI_YELLOW, str(count)
        counted = scene.session.count if scene.session is not None else 0
        if scene.outcome is not None:
            counted = scene.outcome.taps
        status, status_colour = self._status_line()
        return StageView(
            video=scene.mode == "video",
            level=level,
            flash_colour=flash,
            label=label,
            crossed=scene.phase is Phase.NO_AUDIO,
            tap_age_s=scene.tap_age_s,
            status=status,
            status_colour=status_colour,
            counted=counted,
            total=scene.schedule.tap_beats,
            progress=scene.schedule.progress(t) if running else float(scene.outcome is not None),
            colour=scene.colour,
        )
