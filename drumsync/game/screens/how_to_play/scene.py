"""How to play: a picture of the keyboard with each player's keys on their half, where to
hit, and what sync means. Shown before the first match until it has been played once
(settings remember it), and whenever the modes menu's "How to play" asks for it.
Enter goes on, Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ....core.voices import PLAYERS
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.keyboard_picture import KEYBOARD, KeySpot
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.player_keys import draw_settings_keys
from ...widgets.text_fit import fit_text

GO_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
UNIT_PX = 50
#: The main block's letter rows (the picture leaves out the F-key row and the edges).
FIRST_ROW_Y, LAST_ROW_Y, BLOCK_UNITS = 1.5, 5.5, 15.0
BOARD_TOP = theme.HEADER_H + 26
BOARD_LEFT = (theme.CANVAS_W - round(BLOCK_UNITS * UNIT_PX)) // 2
LINES = (
    "Hit your key as its shape crosses the line.",
    "Land together: two players late together are still in sync.",
)


def _shown(spot: KeySpot) -> bool:
    return FIRST_ROW_Y <= spot.y <= LAST_ROW_Y and spot.x < BLOCK_UNITS


class HowToPlayScene(Scene):
    def __init__(
        self,
        ctx,
        settings,
        on_done: Callable[[], None],
        on_back: Callable[[], None] | None = None,
        go_label: str = "play",
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.on_done = on_done
        self.on_back = on_back
        self.go_label = go_label
        self._left = False
        self._picture: pygame.Surface | None = None

    def enter(self) -> None:
        if self._picture is None:
            self._picture = self._render()

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN or self._left:
            return
        if event.key in GO_KEYS:
            self._left = True
            self.on_done()
        elif event.key == pygame.K_ESCAPE:
            self._left = True
            self.go_back(self.on_back)

    def draw(self, canvas: pygame.Surface) -> None:
        if self._picture is None:
            self._picture = self._render()
        canvas.blit(self._picture, (0, 0))

    # -- drawing ------------------------------------------------------------------------------
    def owners(self) -> dict[str, tuple]:
        return {name: (player, voice) for player, voice, name in self.settings.bindings()}

    def _render(self) -> pygame.Surface:
        text = self.ctx.text
        surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        surface.fill(theme.BACKGROUND)
        draw_header(surface, text, "HOW TO PLAY", "two drummers, one keyboard")
        owners = self.owners()
        half = BOARD_LEFT + round(BLOCK_UNITS * UNIT_PX / 2)
        board_h = round((LAST_ROW_Y - FIRST_ROW_Y + 1) * UNIT_PX)
        for player, left, right in ((PLAYERS[0], BOARD_LEFT - 12, half), (PLAYERS[1], half, None)):
            right = right if right is not None else BOARD_LEFT + round(BLOCK_UNITS * UNIT_PX) + 12
            tint = pygame.Rect(left, BOARD_TOP - 12, right - left, board_h + 24)
            colour = theme.PLAYER_COLOURS[player]
            pygame.draw.rect(
                surface, theme.mix(theme.BACKGROUND, colour, 0.12), tint, border_radius=12
            )
            name = self.settings.player(player).name
            label_pos = (tint.centerx, tint.bottom + 18)
            fit_text(
                surface,
                text,
                f"{name}'s half",
                theme.FONT_SMALL,
                colour,
                label_pos,
                tint.width - 20,
                anchor="center",
            )
        for spot in KEYBOARD:
            if _shown(spot):
                owner = next((owners[n] for n in spot.names if n in owners), None)
                self._draw_key(surface, spot, owner)
        y = BOARD_TOP + board_h + 60
        keys_rect = pygame.Rect(80, y, theme.CANVAS_W - 160, 64)
        draw_settings_keys(surface, text, self.settings, keys_rect, theme.FONT_SMALL)
        y = keys_rect.bottom + 22
        for line in LINES:
            fit_text(
                surface,
                text,
                line,
                theme.FONT_BODY,
                theme.TEXT,
                (theme.CANVAS_W // 2, y),
                theme.CANVAS_W - 160,
                anchor="midtop",
            )
            y += 40
        hints = render_hints(text, (("ENTER", self.go_label), ("ESC", "back")))
        blit_hints(surface, hints)
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def _draw_key(self, surface: pygame.Surface, spot: KeySpot, owner) -> None:
        text = self.ctx.text
        x = BOARD_LEFT + spot.x * UNIT_PX
        y = BOARD_TOP + (spot.y - FIRST_ROW_Y) * UNIT_PX
        rect = pygame.Rect(
            round(x), round(y), round(spot.w * UNIT_PX) - 4, round(spot.h * UNIT_PX) - 4
        )
        if owner is None:
            pygame.draw.rect(surface, theme.PANEL, rect, border_radius=6)
            pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1, border_radius=6)
            size = theme.FONT_SMALL if len(spot.label) <= 2 else theme.FONT_TINY - 4
            text.blit(surface, spot.label, size, theme.TEXT_FAINT, rect.center, "center")
            return
        player, voice = owner
        colour = theme.PLAYER_COLOURS[player]
        pygame.draw.rect(surface, colour, rect, border_radius=6)
        text.blit(
            surface,
            spot.label,
            theme.FONT_SMALL,
            theme.BACKGROUND,
            (rect.centerx, rect.y + 13),
            "center",
        )
        fit_text(
            surface,
            text,
            voice.label,
            theme.FONT_TINY - 4,
            theme.BACKGROUND,
            (rect.centerx, rect.bottom - 12),
            rect.width - 4,
            anchor="center",
        )
