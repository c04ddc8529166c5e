"""How the settings screen is laid out and drawn: the three cards of rows (Player 1,
Player 2, Game), both players' pads with their keys below them, and the actions panel
with the status message or the selected row's hint."""

from __future__ import annotations

import pygame

from ....core.voices import PLAYERS, Player, Voice
from ....storage.settings import Settings
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.text import TextCache
from ...widgets.form.option_form import OptionForm
from ...widgets.panels import draw_card
from ...widgets.status_line import StatusLine
from ...widgets.text_fit import wrap_words
from .key_test import draw_player_pads
from .rows import key_row

GROUP_TITLES = {"p1": "PLAYER 1", "p2": "PLAYER 2", "game": "GAME", "more": ""}

# Layout (1280x720 canvas).
CARD_TOP = 72
CARD_W = 388
CARD_GAP = 18
CARD_H = 314
ROW_H = 42
CARD_RECTS = {
    group: pygame.Rect(40 + i * (CARD_W + CARD_GAP), CARD_TOP, CARD_W, CARD_H)
    for i, group in enumerate(("p1", "p2", "game"))
}
LOW_TOP = CARD_TOP + CARD_H + 14
LOW_H = 690 - LOW_TOP
KEYS_PANEL = pygame.Rect(40, LOW_TOP, CARD_W * 2 + CARD_GAP, LOW_H)
ACTIONS_PANEL = pygame.Rect(CARD_RECTS["game"].x, LOW_TOP, CARD_W, LOW_H)
CAPTURE_BLINK_S = 0.5
KEYS_ADVICE = (
    "Keep each player on their own half of the keyboard; "
    "the key test shows which chords it reports."
)


def draw_cards(
    canvas: pygame.Surface, text: TextCache, form: OptionForm, settings: Settings
) -> None:
    """The Player 1, Player 2 and Game cards, each with its rows (a player's card is titled
    with their name too)."""
    for group, rect in CARD_RECTS.items():
        accent = None
        title = GROUP_TITLES[group]
        if group in ("p1", "p2"):
            player = Player.parse(group)
            accent = theme.PLAYER_COLOURS[player]
            name = settings.player(player).name
            if name.upper() != title:
                title = f"{title}  ·  {name}"
        draw_card(canvas, rect, accent)
        colour = accent or theme.TEXT_DIM
        text.blit(canvas, title, theme.FONT_TINY, colour, (rect.x + 18, rect.y + 18))
        body = pygame.Rect(rect.x + 8, rect.y + 44, rect.width - 16, rect.height - 50)
        form.draw(canvas, text, body, group=group, row_h=ROW_H, active=True)


def draw_keys_panel(
    canvas: pygame.Surface,
    ctx: GameContext,
    settings: Settings,
    capturing: tuple[Player, Voice] | None,
    capture_age_s: float,
    selected_row: str,
) -> None:
    """Both players' pads with their keys: the drum being captured blinks (its key a "?"),
    else the drum of the selected key row is lit."""
    text, panel = ctx.text, KEYS_PANEL
    draw_card(canvas, panel, None)
    text.blit(canvas, "YOUR KEYS", theme.FONT_TINY, theme.TEXT_FAINT, (panel.x + 18, panel.y + 16))
    blink = int(capture_age_s / CAPTURE_BLINK_S) % 2 == 0
    half = panel.width // 2
    for i, player in enumerate(PLAYERS):
        keys = {voice: settings.key_for(player, voice) for voice in Voice}
        if capturing is not None and capturing[0] is player:
            keys[capturing[1]] = "?"
        centre = (panel.x + half * i + half // 2, panel.y + 122)

        def lit(voice: Voice, player: Player = player) -> bool:
            if capturing is None:
                return selected_row == key_row(player, voice)
            return capturing == (player, voice) and blink

        draw_player_pads(canvas, ctx, player, keys, centre, lit)
        colour = theme.PLAYER_COLOURS[player]
        text.blit(
            canvas,
            theme.PLAYER_NAMES[player],
            theme.FONT_TINY,
            colour,
            (centre[0], panel.y + 50),
            "center",
        )
    pygame.draw.line(
        canvas,
        theme.PANEL_EDGE,
        (panel.centerx, panel.y + 40),
        (panel.centerx, panel.bottom - 62),
    )
    text.blit(
        canvas,
        KEYS_ADVICE,
        theme.FONT_TINY,
        theme.TEXT_FAINT,
        (panel.centerx, panel.bottom - 30),
        "center",
    )


def draw_actions_panel(
    canvas: pygame.Surface,
    text: TextCache,
    form: OptionForm,
    status: StatusLine,
    now_s: float,
    hint: str,
) -> None:
    """The key test and "Save and go back" rows, and below them the status message in a box
    while it shows, else ``hint`` (both wrapped to at most four lines)."""
    panel = ACTIONS_PANEL
    draw_card(canvas, panel, None)
    rows = pygame.Rect(panel.x + 8, panel.y + 14, panel.width - 16, 2 * 50)
    form.draw(canvas, text, rows, group="more", row_h=50)
    y = rows.bottom + 12
    if status.visible(now_s):
        colour = status.colour
        lines = wrap_words(
            status.text, panel.width - 40, lambda s: text.size(s, theme.FONT_SMALL)[0]
        )
        box = pygame.Rect(panel.x + 10, y - 4, panel.width - 20, 16 + 26 * len(lines[:4]))
        pygame.draw.rect(canvas, theme.mix(theme.PANEL, colour, 0.12), box, border_radius=10)
        pygame.draw.rect(canvas, colour, box, 2, border_radius=10)
        for i, line in enumerate(lines[:4]):
            text.blit(
                canvas,
                line,
                theme.FONT_SMALL,
                theme.TEXT,
                (panel.centerx, y + 6 + 26 * i),
                "midtop",
            )
        return
    for line in wrap_words(hint, panel.width - 40, lambda s: text.size(s, theme.FONT_TINY)[0])[:4]:
        text.blit(canvas, line, theme.FONT_TINY, theme.TEXT_DIM, (panel.centerx, y + 4), "midtop")
        y += 22
