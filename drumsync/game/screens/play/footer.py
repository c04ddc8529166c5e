"""The line under the sync meter: the team's percentage (or who leads in versus), the hints."""

from __future__ import annotations

import pygame

from ....core.scoring import team_percent, versus_result
from ....core.voices import Player
from ...runtime import theme
from .backdrop import centre_panel_rect


def draw_footer(canvas: pygame.Surface, ctx, match, lives, scroll_speed: float) -> None:
    text = ctx.text
    panel = centre_panel_rect()
    cx, y = panel.centerx, panel.bottom - 70
    if ctx.options.mode == "versus":
        lead = versus_result(lives[Player.P1].points, lives[Player.P2].points)
        if lead.leader is None:
            line, colour = "EVEN", theme.TEXT_DIM
        else:
            name = ctx.options.player_names()[int(lead.leader)].upper()
            line = f"{name} LEADS BY {lead.margin:,}"
            colour = theme.PLAYER_COLOURS[lead.leader]
    else:
        sync = match.sync_percent()
        a1, a2 = lives[Player.P1].accuracy_percent, lives[Player.P2].accuracy_percent
        team = team_percent(a1, a2, sync)
        line, colour = f"TEAM  {team:.1f}%", theme.TEXT
    text.blit(canvas, line, theme.FONT_LABEL, colour, (cx, y), "center")
    hints = f"speed {scroll_speed:.1f}x (F3/F4)  ·  Esc pause"
    text.blit(canvas, hints, theme.FONT_TINY, theme.TEXT_FAINT, (cx, panel.bottom - 24), "center")
