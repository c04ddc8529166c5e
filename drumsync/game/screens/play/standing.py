"""The foot of the play screen's centre panel: where the match stands (versus: who leads and
by how many points; duet and solo: the team percent, from the core's own rules) and the
scroll and pause keys, and between them the sound's notice when there is one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygame

from ....core.scoring import LiveScore, team_percent, versus_result
from ....core.voices import Player
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.text_fit import fit_paragraph, fit_text
from .backdrop import centre_panel_rect

#: How far above the centre panel's foot the standing line's middle and the notice's top are.
STANDING_ABOVE_PX = 84
NOTICE_ABOVE_PX = 64


def standing_line(
    mode: str,
    lives: Mapping[Player, LiveScore],
    sync_percent: float | None,
    names: Sequence[str],
) -> tuple[str, theme.Colour]:
    """The words and colour of the standing line."""
    if mode == "versus":
        lead = versus_result(lives[Player.P1].points, lives[Player.P2].points)
        if lead.leader is None:
            return "EVEN", theme.TEXT_DIM
        name = names[int(lead.leader)].upper()
        return f"{name} LEADS BY {lead.margin:,}", theme.PLAYER_COLOURS[lead.leader]
    a1, a2 = lives[Player.P1].accuracy_percent, lives[Player.P2].accuracy_percent
    return f"TEAM  {team_percent(a1, a2, sync_percent):.1f}%", theme.TEXT


def draw_standing(
    canvas: pygame.Surface,
    text: TextCache,
    line: tuple[str, theme.Colour],
    scroll_speed: float,
    esc_hint: str = "Esc pause",
) -> None:
    panel = centre_panel_rect()
    cx, y = panel.centerx, panel.bottom - STANDING_ABOVE_PX
    words, colour = line
    width = panel.width - 24
    fit_text(canvas, text, words, theme.FONT_LABEL, colour, (cx, y), width, "center")
    hints = f"scroll {scroll_speed:.1f}x (F3/F4)  ·  {esc_hint}"
    foot = (cx, panel.bottom - 24)
    fit_text(canvas, text, hints, theme.FONT_TINY, theme.TEXT_FAINT, foot, width, "center")


def draw_notice(canvas: pygame.Surface, text: TextCache, notice: str) -> None:
    """The sound's notice ("no audio device: ...") at the foot of the centre panel, between
    the standing line and the key hints: up to two lines, shrunk, then cut to fit."""
    panel = centre_panel_rect()
    room = pygame.Rect(panel.x + 12, panel.bottom - NOTICE_ABOVE_PX, panel.width - 24, 34)
    fit_paragraph(canvas, text, notice, theme.FONT_TINY, theme.TEXT_FAINT, room)
