"""What a :class:`~drumsync.game.screens.names.scene.NamesScene` looks like: a card per player with
their name field (caret, character count, "typing here") and drum keys, a note on what the
names are for, and the footer (message, Confirm / Cancel, key hints).

The card frames, drum keys, note and hints are composed once; the fields, message and
buttons are drawn every frame. The screen only reads the scene.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ....core.voices import Player
from ....storage.settings import NAME_MAX_CHARS
from ...runtime import theme
from ...runtime.input.keyboard import LANE_ORDER, key_label
from ...widgets.dialog import draw_dialog_footer, draw_keycaps
from ...widgets.key_hints import WIDE_GAP, render_hints
from ...widgets.menu_frame import draw_header
from ...widgets.panels import draw_card

if TYPE_CHECKING:
    from .scene import NamesScene

CARET_BLINK_S = 0.5
HINTS = (
    ("TAB", "other player"),
    ("BACKSPACE", "delete"),
    ("‹ ›", "choose"),
    ("ENTER", "confirm"),
    ("ESC", "cancel"),
)

# Layout of the 1280x720 canvas.
CARD_TOP = theme.HEADER_H + 62
CARD_W, CARD_H = 560, 300
CARD_RECTS = {
    Player.P1: pygame.Rect(theme.CANVAS_W // 2 - 20 - CARD_W, CARD_TOP, CARD_W, CARD_H),
    Player.P2: pygame.Rect(theme.CANVAS_W // 2 + 20, CARD_TOP, CARD_W, CARD_H),
}
FIELD_H = 72
NOTE_Y = CARD_TOP + CARD_H + 34
MESSAGE_Y = NOTE_Y + 56


class NamesScreen:
    """Draws one names scene."""

    def __init__(self, scene: NamesScene) -> None:
        self.scene = scene
        self._static: pygame.Surface | None = None
        self._hints: pygame.Surface | None = None

    def draw(self, canvas: pygame.Surface) -> None:
        scene = self.scene
        if self._static is None:
            self._static = self._render_static()
            hints = HINTS if len(scene.players) > 1 else HINTS[1:]  # no other player to switch to
            self._hints = render_hints(scene.ctx.text, hints, gap=WIDE_GAP)
        canvas.blit(self._static, (0, 0))
        for player in scene.players:
            self._draw_field(canvas, player)
        draw_dialog_footer(
            canvas,
            scene.ctx.text,
            message=scene.message,
            error=scene.message_error,
            message_y=MESSAGE_Y,
            buttons=scene.button_labels,
            selected=scene.selected,
            colour=theme.PLAYER_COLOURS[scene.active],
            hints=self._hints,
        )

    def _render_static(self) -> pygame.Surface:
        scene = self.scene
        text = scene.ctx.text
        surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        surface.fill(theme.BACKGROUND)
        title = "PLAYERS" if len(scene.players) > 1 else "PLAYER"
        draw_header(surface, text, title, scene.subtitle, "who is drumming?")
        bindings = scene.ctx.options.players.bindings
        for player in scene.players:
            rect = self.card_rect(player)
            colour = theme.PLAYER_COLOURS[player]
            draw_card(surface, rect, colour, theme.PANEL_EDGE)
            text.blit(
                surface,
                theme.PLAYER_NAMES[player],
                theme.FONT_SMALL,
                colour,
                (rect.x + 28, rect.y + 26),
            )
            keys = [key_label(bindings.key_for(player, v)) for v in LANE_ORDER[player]]
            y = rect.bottom - 92
            text.blit(surface, "DRUM KEYS", theme.FONT_TINY, theme.TEXT_FAINT, (rect.x + 28, y))
            draw_keycaps(surface, text, keys, (rect.x + 28, y + 24), colour)
        note = "Names show on the scoreboard and in the saved scores"
        note += ", and are remembered." if scene.remember else "."
        text.blit(
            surface,
            note,
            theme.FONT_SMALL,
            theme.TEXT_FAINT,
            (theme.CANVAS_W // 2, NOTE_Y),
            "center",
        )
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def card_rect(self, player: Player) -> pygame.Rect:
        """Where ``player``'s card is: side by side, or in the middle when only one is asked."""
        if len(self.scene.players) == 1:
            return CARD_RECTS[Player.P1].move(
                theme.CANVAS_W // 2 - CARD_RECTS[Player.P1].centerx, 0
            )
        return CARD_RECTS[player]

    def _draw_field(self, canvas: pygame.Surface, player: Player) -> None:
        scene = self.scene
        text = scene.ctx.text
        card = self.card_rect(player)
        colour = theme.PLAYER_COLOURS[player]
        active = player is scene.active
        field = pygame.Rect(card.x + 28, card.y + 66, card.width - 56, FIELD_H)
        pygame.draw.rect(canvas, theme.LANE_DARK, field, border_radius=10)
        edge = colour if active else theme.PANEL_EDGE
        pygame.draw.rect(canvas, edge, field, 3 if active else 1, border_radius=10)
        name = scene.names[int(player)]
        ink = theme.TEXT if active else theme.TEXT_DIM
        x = field.x + 20
        if name:
            drawn = text.blit(canvas, name, theme.FONT_LABEL, ink, (x, field.centery), "midleft")
            x = drawn.right + 3
        else:
            text.blit(
                canvas,
                "type a name",
                theme.FONT_LABEL,
                theme.TEXT_FAINT,
                (x, field.centery),
                "midleft",
            )
        if active and self._caret_on():
            pygame.draw.rect(canvas, colour, (x, field.centery - 18, 3, 36))
        count = f"{len(name)} / {NAME_MAX_CHARS}"
        full = len(name) >= NAME_MAX_CHARS
        shade = theme.OI_YELLOW if full else theme.TEXT_FAINT
        text.blit(
            canvas, count, theme.FONT_TINY, shade, (field.right, field.bottom + 10), "topright"
        )
        if active:
            text.blit(
                canvas,
                "typing here",
                theme.FONT_TINY,
                colour,
                (card.right - 28, card.y + 30),
                "topright",
            )

    def _caret_on(self) -> bool:
        since = max(0.0, self.scene.since_typed_s)
        return int(since / CARET_BLINK_S) % 2 == 0
