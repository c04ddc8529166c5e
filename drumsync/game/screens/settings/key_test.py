"""The input test: every key held right now, on a picture of the keyboard, so two players can
find the combinations their keyboard cannot report together ("ghosting"); and every strike
of a drum kit or controller: its device, pad, velocity, the voice it played for whom, and
what was dropped (below the pad's threshold, a double trigger with its interval, unbound).

Both players' drum keys are outlined in their colours with the drum's shape; a held key
lights up (in the player's colour when it is a drum key). Below, each player's pads light
like on the play screen, and the middle card counts the keys down and the most held at once.
A key that stays dark while others are held is being ghosted: choose other keys in Settings.

Held keys come from KEYDOWN/KEYUP events only (a key released while the window had no focus
sends no KEYUP, so losing focus clears the picture). Esc leaves (it is never a drum key).
The keyboard's layout is :mod:`drumsync.game.widgets.keyboard_picture`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pygame

from ....core.voices import PLAYERS, Player, Voice
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.device_events import DRUM_HIT
from ...runtime.input.keyboard import LANE_ORDER, Bindings, key_label
from ...runtime.scenes import Scene
from ...runtime.sprites import render_note
from ...runtime.text import TextCache
from ...widgets.key_hints import draw_arrow_head, render_hints
from ...widgets.keyboard_picture import ARROWS, KEYBOARD, KEYBOARD_UNITS, KeySpot, spot_for
from ...widgets.menu_frame import blit_hints, draw_header
from ...widgets.panels import draw_card
from ...widgets.strike_log import draw_strike_log
from ...widgets.text_fit import fit_text, wrap_words


def owners(bindings: Bindings) -> dict[str, tuple[Player, Voice]]:
    """Key name -> the (player, voice) it plays."""
    return {name: (player, voice) for player, voice, name in bindings.items()}


# --- pads (shared with the settings screen) ----------------------------------------------------

PAD_LANE_W = 84


def draw_player_pads(
    canvas: pygame.Surface,
    ctx: GameContext,
    player: Player,
    keys: Mapping[Voice, str],
    centre: tuple[int, int],
    lit: Callable[[Voice], bool] = lambda voice: False,
    label_size: int = theme.FONT_LABEL,
) -> None:
    """A player's four pads in lane order, centred on ``centre``, with each key under its pad
    (as on the play screen); a pad that is ``lit`` glows."""
    sprites, text = ctx.sprites, ctx.text
    lanes = LANE_ORDER[player]
    cx0 = centre[0] - PAD_LANE_W * (len(lanes) - 1) / 2
    cy = centre[1]
    for i, voice in enumerate(lanes):
        x = round(cx0 + i * PAD_LANE_W)
        pad = sprites.pad[voice]
        canvas.blit(pad, (x - pad.get_width() // 2, cy - pad.get_height() // 2))
        if lit(voice):
            glow = sprites.glow[voice]
            canvas.blit(glow, (x - glow.get_width() // 2, cy - glow.get_height() // 2))
        label = key_label(keys[voice])
        size = label_size if text.size(label, label_size)[0] <= PAD_LANE_W - 6 else theme.FONT_SMALL
        text.blit(canvas, label, size, theme.TEXT, (x, cy + 54), "center")
        text.blit(
            canvas, voice.label.upper(), theme.FONT_TINY, theme.TEXT_DIM, (x, cy + 80), "center"
        )


# --- the scene ---------------------------------------------------------------------------------

UNIT_PX = 51
KEY_GAP = 4
ICON_PX = 16
BOARD_POS = ((theme.CANVAS_W - round(KEYBOARD_UNITS[0] * UNIT_PX) + KEY_GAP) // 2, 80)
CARD_TOP = 430
CARD_H = 258
CARD_RECTS = {
    Player.P1: pygame.Rect(40, CARD_TOP, 380, CARD_H),
    Player.P2: pygame.Rect(theme.CANVAS_W - 40 - 380, CARD_TOP, 380, CARD_H),
}
CENTRE_RECT = pygame.Rect(436, CARD_TOP, theme.CANVAS_W - 2 * 436, CARD_H)


def spot_rect(spot: KeySpot) -> pygame.Rect:
    """Where a key of the picture is drawn on the canvas."""
    x0, y0 = BOARD_POS
    return pygame.Rect(
        round(x0 + spot.x * UNIT_PX),
        round(y0 + spot.y * UNIT_PX),
        round(spot.w * UNIT_PX) - KEY_GAP,
        round(spot.h * UNIT_PX) - KEY_GAP,
    )


EXPLAIN = (
    "Hold the keys you will play together. A key that stays dark while others are held is "
    "ghosted: this keyboard cannot report that combination. Choose other keys in Settings."
)
#: How long a pad glows after a kit or controller struck it.
FLASH_S = 0.15


class KeyTestScene(Scene):
    def __init__(self, ctx: GameContext, bindings: Bindings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.bindings = bindings if bindings is not None else ctx.keymap.bindings
        self.owner = owners(self.bindings)
        #: key code -> pygame key name, for every key down now (in the order pressed)
        self.held: dict[int, str] = {}
        self.most_at_once = 0
        #: (player, voice) -> when a kit or controller last played it (perf-counter s)
        self.struck_s: dict[tuple[Player, Voice], float] = {}
        self._now_s = ctx.timer.now()
        self._strikes_before = ctx.devices.router.strikes
        self._hints: pygame.Surface | None = None
        self._rects = {spot: spot_rect(spot) for spot in KEYBOARD}
        self._icons = {
            (voice, dark): render_note(
                theme.VOICE_SHAPES[voice],
                ICON_PX,
                theme.darken(theme.VOICE_COLOURS[voice], 0.55)
                if dark
                else theme.VOICE_COLOURS[voice],
            )
            for voice in Voice
            for dark in (False, True)
        }

    # -- state --------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.held)

    def held_names(self) -> list[str]:
        return list(self.held.values())

    def held_voices(self, player: Player) -> set[Voice]:
        held = {
            owner[1]
            for name in self.held.values()
            if (owner := self.owner.get(name)) is not None and owner[0] is player
        }
        struck = {
            voice
            for (who, voice), when in self.struck_s.items()
            if who is player and self._now_s - when < FLASH_S
        }
        return held | struck

    def device_strikes(self) -> list:
        """The strikes of kits and controllers since the test opened (the newest last)."""
        return self.ctx.devices.router.strikes_since(self._strikes_before)

    def off_picture(self) -> list[str]:
        """Held keys that the keyboard picture does not show."""
        return [name for name in self.held.values() if spot_for(name) is None]

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.leave()
                return
            self.held[event.key] = pygame.key.name(event.key) or f"key {event.key}"
            self.most_at_once = max(self.most_at_once, len(self.held))
        elif event.type == pygame.KEYUP:
            self.held.pop(event.key, None)
        elif event.type == DRUM_HIT:
            self.struck_s[(event.player, event.voice)] = stamp_s
        elif event.type == pygame.WINDOWFOCUSLOST:
            self.held.clear()

    def leave(self) -> None:
        self.pop_self()

    # -- drawing ------------------------------------------------------------------------------
    def enter(self) -> None:
        if self._hints is None:
            self._hints = render_hints(self.ctx.text, (("ESC", "back"),), arrows=True)

    def update(self, now_s: float) -> None:
        self._now_s = now_s

    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        canvas.fill(theme.BACKGROUND)
        draw_header(
            canvas,
            text,
            "INPUT TEST",
            subtitle="Keyboard, kits and controllers",
            right_top="hold keys, hit pads: see what arrives",
            right_bottom=self._devices_line(),
        )
        held = set(self.held.values())
        for spot, rect in self._rects.items():
            down = any(name in held for name in spot.names)
            owner = next((self.owner[n] for n in spot.names if n in self.owner), None)
            self._draw_key(canvas, text, spot, rect, down, owner)
        for player in PLAYERS:
            self._draw_player_card(canvas, player)
        self._draw_centre(canvas)
        if self._hints is not None:
            blit_hints(canvas, self._hints)

    def _devices_line(self) -> str:
        present = self.ctx.devices.present()
        if present:
            return f"devices: {', '.join(present)}  ·  Esc leaves"
        note = self.ctx.devices.midi_note
        return "no kit or controller found" + (f" ({note})" if note else "") + "  ·  Esc leaves"

    def _draw_key(
        self,
        canvas: pygame.Surface,
        text: TextCache,
        spot: KeySpot,
        rect: pygame.Rect,
        down: bool,
        owner: tuple[Player, Voice] | None,
    ) -> None:
        colour = theme.PLAYER_COLOURS[owner[0]] if owner is not None else None
        if down:
            face = colour if colour is not None else theme.TEXT
            pygame.draw.rect(canvas, theme.darken(face, 0.5), rect.move(0, 2), border_radius=6)
            pygame.draw.rect(canvas, face, rect.move(0, 2), border_radius=6)
            ink = theme.BACKGROUND
            face_rect = rect.move(0, 2)
        else:
            pygame.draw.rect(canvas, theme.LANE_DARK, rect.move(0, 3), border_radius=6)
            base = theme.mix(theme.PANEL, colour, 0.22) if colour is not None else theme.PANEL
            pygame.draw.rect(canvas, base, rect, border_radius=6)
            edge = colour if colour is not None else theme.PANEL_EDGE
            pygame.draw.rect(canvas, edge, rect, 2 if colour is not None else 1, border_radius=6)
            ink = theme.TEXT if colour is not None else theme.TEXT_DIM
            face_rect = rect
        if spot.names[0] in ARROWS:
            draw_arrow_head(canvas, face_rect.center, ARROWS[spot.names[0]], ink)
        else:
            size = theme.FONT_SMALL if len(spot.label) <= 2 else theme.FONT_TINY - 3
            pos = face_rect.center if owner is None else (face_rect.centerx, face_rect.y + 15)
            text.blit(canvas, spot.label, size, ink, pos, "center")
        if owner is not None:
            self._mini_icon(canvas, owner[1], (face_rect.centerx, face_rect.bottom - 13), down)

    def _mini_icon(self, canvas, voice: Voice, centre, dark: bool = False) -> None:
        icon = self._icons[(voice, dark)]
        canvas.blit(icon, (centre[0] - icon.get_width() // 2, centre[1] - icon.get_height() // 2))

    def _draw_player_card(self, canvas: pygame.Surface, player: Player) -> None:
        text, rect = self.ctx.text, CARD_RECTS[player]
        colour = theme.PLAYER_COLOURS[player]
        draw_card(canvas, rect, colour)
        voices = self.held_voices(player)
        text.blit(
            canvas, theme.PLAYER_NAMES[player], theme.FONT_SMALL, colour, (rect.x + 18, rect.y + 20)
        )
        status = f"{len(voices)} of 4 drums down"
        text.blit(
            canvas,
            status,
            theme.FONT_SMALL,
            theme.TEXT_DIM,
            (rect.right - 18, rect.y + 20),
            "topright",
        )
        keys = {voice: self.bindings.key_for(player, voice) for voice in Voice}
        draw_player_pads(
            canvas, self.ctx, player, keys, (rect.centerx, rect.y + 128), voices.__contains__
        )

    def _draw_centre(self, canvas: pygame.Surface) -> None:
        text, rect = self.ctx.text, CENTRE_RECT
        draw_card(canvas, rect, None)
        cx = rect.centerx
        text.blit(
            canvas, "KEYS DOWN", theme.FONT_TINY, theme.TEXT_FAINT, (cx, rect.y + 18), "midtop"
        )
        text.blit(
            canvas, str(self.count), theme.FONT_BIG + 24, theme.TEXT, (cx, rect.y + 36), "midtop"
        )
        most = f"most at once: {self.most_at_once}"
        text.blit(canvas, most, theme.FONT_SMALL, theme.TEXT_DIM, (cx, rect.y + 120), "midtop")
        names = [key_label(n) for n in self.held.values()]
        line = "  +  ".join(names) if names else "no key held"
        if text.size(line, theme.FONT_SMALL)[0] > rect.width - 30:
            line = f"{len(names)} keys: " + " ".join(names)
        at = (cx, rect.y + 150)
        fit_text(canvas, text, line, theme.FONT_SMALL, theme.TEXT, at, rect.width - 30, "midtop")
        strikes = self.device_strikes()
        if strikes:
            log = pygame.Rect(rect.x + 16, rect.y + 180, rect.width - 32, rect.height - 190)
            draw_strike_log(canvas, text, log, strikes)
            return
        y = rect.y + 186
        for row in wrap_words(EXPLAIN, rect.width - 36, lambda s: text.size(s, theme.FONT_TINY)[0]):
            text.blit(canvas, row, theme.FONT_TINY, theme.TEXT_FAINT, (cx, y), "midtop")
            y += 20
