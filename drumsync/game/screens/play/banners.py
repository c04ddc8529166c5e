"""Big centred messages: the count-in before the music and the count-down after a pause."""

from __future__ import annotations

import math

import pygame

from ....core.voices import PLAYERS
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.player_keys import draw_player_keys
from .backdrop import centre_panel_rect


def count_in_beat(
    song_time_s: float, count_in_start_s: float, seconds_per_beat: float, count_in_beats: int
) -> int | None:
    """1-based count-in beat at ``song_time_s``; None before or after the count-in."""
    if song_time_s < count_in_start_s:
        return None
    k = math.floor((song_time_s - count_in_start_s) / seconds_per_beat)
    return k + 1 if k < count_in_beats else None


class Banner:
    """A large word or number with a small caption, pulsing on each new value."""

    def __init__(self, centre: tuple[int, int], text: TextCache) -> None:
        self.centre = centre
        self.text = text

    def draw(
        self,
        surface: pygame.Surface,
        big: str,
        caption: str,
        phase: float,
        colour=theme.TEXT,
    ) -> None:
        """``phase`` 0..1 within the current value: bright at 0, fading towards 1."""
        alpha = round(255 * (1.0 - 0.65 * min(1.0, max(0.0, phase))))
        x, y = self.centre
        self.text.blit(surface, big, theme.FONT_HUGE, colour, (x, y), "center", alpha)
        if caption:
            self.text.blit(surface, caption, theme.FONT_BODY, theme.TEXT_DIM, (x, y + 74), "center")


def draw_phase_banner(
    banner: Banner,
    canvas: pygame.Surface,
    phase: str,
    chart,
    song_time_s: float,
    resume_steps_left: float,
) -> None:
    """The banner of the match's phase (``Phase.value`` of the play scene): the resume
    count-down (``resume_steps_left`` counts of it to go), READY, FINISH, or the count-in."""
    if phase == "resuming":
        count = max(1, math.ceil(resume_steps_left))
        banner.draw(canvas, str(count), "get back in", 1.0 - (resume_steps_left - (count - 1)))
        return
    if phase == "ready":  # the players' keys stand in place of a caption (draw_ready_keys)
        banner.draw(canvas, "READY", "", 0.0, theme.OI_YELLOW)
        return
    if phase == "finished":
        banner.draw(canvas, "FINISH", "", 0.0, theme.OI_YELLOW)
        return
    t = song_time_s
    beat = count_in_beat(t, chart.count_in_start_s, chart.seconds_per_beat, chart.count_in_beats)
    if beat is not None:
        step = (t - chart.count_in_start_s) / chart.seconds_per_beat - (beat - 1)
        banner.draw(canvas, str(beat), "count-in", step, theme.OI_YELLOW)
    elif t < chart.count_in_start_s:
        banner.draw(canvas, "READY", "", 0.0, theme.OI_YELLOW)


#: Where the READY card lists the players' keys (under the banner).
READY_KEYS_Y = 552


def draw_ready_keys(canvas: pygame.Surface, text, options) -> None:
    """Both players' keys under the READY card (a bot's keys are the bot's to press)."""
    humans = [p for p in PLAYERS if p not in options.match.bots()]
    if not humans:
        return
    panel = centre_panel_rect()
    rect = pygame.Rect(panel.x + 8, READY_KEYS_Y, panel.width - 16, 28 * len(humans))
    pygame.draw.rect(canvas, theme.PANEL, rect.inflate(8, 10), border_radius=8)
    key_for = options.players.bindings.key_for
    names = options.player_names()
    draw_player_keys(canvas, text, names, key_for, rect, theme.FONT_TINY, players=humans)
