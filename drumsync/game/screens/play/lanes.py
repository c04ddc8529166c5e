"""Each player's column of the match screen: highway, judgement pop-up, combo and score card."""

from __future__ import annotations

import numpy as np
import pygame

from ....core.chart import Chart
from ....core.voices import PLAYERS, Player, Voice
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.keyboard import key_label
from .highway import Highway
from .hud import ScoreCard
from .popups import ComboCounter, JudgementPopup


def build_lanes(
    ctx: GameContext, chart: Chart, speed_px_per_s: float, panel: pygame.Rect
) -> tuple[
    dict[Player, Highway],
    dict[Player, JudgementPopup],
    dict[Player, ComboCounter],
    dict[Player, ScoreCard],
]:
    """Both players' highways (keys labelled, or "BOT"), pop-ups, combos and score cards."""
    text = ctx.text
    beats, bar_flags = chart.grid_lines()  # bar lines follow the chart's tempo map
    beat_times = np.asarray(chart.beat_to_time(beats), dtype=np.float64)
    bindings = ctx.options.players.bindings
    highways: dict[Player, Highway] = {}
    popups: dict[Player, JudgementPopup] = {}
    combos: dict[Player, ComboCounter] = {}
    cards: dict[Player, ScoreCard] = {}
    card_w = (panel.width - 36) // 2
    for player in PLAYERS:
        labels = {v: key_label(bindings.key_for(player, v)) for v in Voice}
        if player in ctx.options.match.bots():
            labels = {v: "BOT" for v in Voice}
        highway = Highway(
            player,
            chart.part(player),
            beat_times,
            bar_flags,
            ctx.sprites,
            text,
            labels,
            speed_px_per_s,
        )
        highways[player] = highway
        cx = highway.rect.centerx
        popups[player] = JudgementPopup(cx, theme.HIT_LINE_Y - 120, text)
        combos[player] = ComboCounter(cx, 300, text)
        x = panel.x + 12 if player is Player.P1 else panel.right - 12 - card_w
        name = ctx.options.player_names()[int(player)]
        card_rect = pygame.Rect(x, panel.y + 12, card_w, 140)
        cards[player] = ScoreCard(player, card_rect, text, name)
    return highways, popups, combos, cards
