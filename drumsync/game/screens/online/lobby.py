"""The online screen's right-hand panel: plain text, or the lobby (both players, their
input devices, the link's delay, the countdown to the agreed start)."""

from __future__ import annotations

import math

import pygame

from ....core.voices import Player
from ....net.session import PlayerInfo
from ...match.net_runner import NetView
from ...runtime import theme
from ...runtime.text import TextCache


def _frame(canvas: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(canvas, theme.PANEL, rect, border_radius=14)
    pygame.draw.rect(canvas, theme.PANEL_EDGE, rect, 2, border_radius=14)


def draw_panel(
    canvas: pygame.Surface, text: TextCache, rect: pygame.Rect, title: str, lines: list[str]
) -> None:
    _frame(canvas, rect)
    x, y = rect.x + 32, rect.y + 26
    text.blit(canvas, title, theme.FONT_BIG, theme.TEXT, (x, y))
    y += 84
    for line in lines:
        text.blit(canvas, line, theme.FONT_SMALL, theme.TEXT_DIM, (x, y))
        y += 34


def draw_lobby(
    canvas: pygame.Surface,
    text: TextCache,
    rect: pygame.Rect,
    view: NetView,
    me: PlayerInfo,
    hosting: bool,
    seconds_to_start: float | None,
) -> None:
    _frame(canvas, rect)
    x, y = rect.x + 32, rect.y + 26
    text.blit(canvas, "LOBBY", theme.FONT_BIG, theme.TEXT, (x, y))
    y += 90
    partner = view.partner
    seats = (me, partner) if hosting else (partner, me)
    for player, info in zip((Player.P1, Player.P2), seats, strict=True):
        colour = theme.PLAYER_COLOURS[player]
        label = "HOST" if player is Player.P1 else "JOINS"
        you = "  (you)" if info is me else ""
        pygame.draw.rect(canvas, colour, (x, y + 2, 4, 56), border_radius=2)
        name = info.name if info is not None else "..."
        text.blit(canvas, f"{label}  {name}{you}", theme.FONT_BODY, colour, (x + 14, y))
        device = info.device if info is not None else "-"
        text.blit(canvas, f"plays on: {device}", theme.FONT_TINY, theme.TEXT_DIM, (x + 14, y + 38))
        y += 84
    delay = view.link_delay_ms
    link = f"{delay:.1f} ms one way" if delay is not None else "measuring..."
    text.blit(canvas, f"link  {link}", theme.FONT_SMALL, theme.OI_YELLOW, (x, y))
    y += 40
    chart = view.chart
    if chart is not None:
        text.blit(
            canvas,
            f"chart  {chart.meta.title}  ·  {60.0 / chart.seconds_per_beat:.0f} BPM",
            theme.FONT_SMALL,
            theme.TEXT_DIM,
            (x, y),
        )
    y += 52
    status = "aligning the clocks and agreeing the start..."
    if seconds_to_start is not None:
        status = f"starting in {math.ceil(seconds_to_start)} s"
    text.blit(canvas, status, theme.FONT_LABEL, theme.TEXT, (x, y))


__all__ = ["draw_lobby", "draw_panel"]
