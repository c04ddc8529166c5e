"""The names screen: both players type their names before a match.

Typing goes to the active name (text arrives as ``TEXTINPUT`` events, so any keyboard
layout and dead keys work); Backspace deletes (Ctrl+Backspace clears), Tab / Up / Down
switch names, Enter confirms (or cancels, with the Cancel button chosen by Left / Right),
Esc cancels. A name is 1..16 printable characters the game's font can draw; anything else
is refused with a message and the name is left as it was. The two names must differ (the
results say who led whom).

On Enter the names are saved in the settings (``players.pN.name``, atomically) unless
``remember=False``, then the scene pops itself and calls ``on_done((name1, name2))``; Esc
pops it and calls ``on_done(None)``. If saving fails the message says so and a second Enter
goes on with the names unsaved (nothing already saved is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from ..core.voices import PLAYERS, Player
from ..storage.settings import NAME_MAX_CHARS, load_settings, player_name, save_settings
from . import theme
from .calibration_view import (
    BUTTONS_Y,
    HINTS_Y,
    draw_buttons,
    draw_header,
    draw_keycaps,
    draw_message,
    draw_panel,
    render_hints,
)
from .context import GameContext
from .keys import LANE_ORDER, key_label
from .scenes import Scene

SWITCH_KEYS = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN)
BUTTON_KEYS = (pygame.K_LEFT, pygame.K_RIGHT)
BUTTONS = ("Confirm", "Cancel")
CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
CARET_BLINK_S = 0.5
#: A private-use code point no game font draws: what a missing glyph looks like.
_MISSING_PROBE = "\ue000"

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


class GlyphCheck:
    """Which characters a font can draw (a missing one renders as the font's empty box)."""

    def __init__(self, font: pygame.font.Font) -> None:
        self._font = font
        self._missing = self._pixels(_MISSING_PROBE)
        self._known: dict[str, bool] = {}

    def _pixels(self, ch: str) -> bytes:
        surface = self._font.render(ch, True, (255, 255, 255), (0, 0, 0))
        return pygame.image.tobytes(surface, "RGB") + bytes(surface.get_size())

    def __call__(self, ch: str) -> bool:
        known = self._known.get(ch)
        if known is None:
            known = ch == " " or self._pixels(ch) != self._missing
            self._known[ch] = known
        return known


def refusal(name: str, ch: str, drawable: Callable[[str], bool]) -> str:
    """Why ``ch`` cannot be added to ``name`` ('' when it can)."""
    if len(name) >= NAME_MAX_CHARS:
        return f"A name has at most {NAME_MAX_CHARS} characters."
    if not ch.isprintable():
        return "Only printable characters can go in a name."
    if ch == " " and (not name or name.endswith(" ")):
        return "A name cannot start with a space or hold two in a row."
    if not drawable(ch):
        return f"The game's font has no letter for U+{ord(ch):04X}: choose another character."
    return ""


class NamesScene(Scene):
    def __init__(
        self,
        ctx: GameContext,
        names: tuple[str, str],
        on_done: Callable[[tuple[str, str] | None], None] | None = None,
        *,
        settings_path: str | Path | None = None,
        remember: bool = True,
    ) -> None:
        """``names``: the names to start from (usually the saved ones); ``remember``: save
        the confirmed names in the settings file (``settings_path``, default the user's)."""
        super().__init__()
        if len(names) != len(PLAYERS):
            raise ValueError("NamesScene needs one name per player")
        self.ctx = ctx
        self.names = [str(n) for n in names]
        self.on_done = on_done
        self.settings_path = Path(settings_path) if settings_path is not None else None
        self.remember = remember
        self.active = Player.P1
        #: The highlighted button (Enter presses it): 0 Confirm, 1 Cancel.
        self.selected = 0
        self.message = ""
        self.message_error = False
        self.confirmed: tuple[str, str] | None = None
        self._unsaved_ok = False
        self._now_s = 0.0
        self._typed_s = 0.0
        self._glyphs: GlyphCheck | None = None
        self._static: pygame.Surface | None = None
        self._hints: pygame.Surface | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self._now_s = self._typed_s = self.ctx.timer.now()
        if pygame.display.get_init():
            pygame.key.start_text_input()
        self._glyphs = GlyphCheck(self.ctx.text.font(theme.FONT_LABEL))

    # -- editing ------------------------------------------------------------------------------
    def type_text(self, typed: str) -> bool:
        """Add ``typed`` to the active name, character by character; False if any was
        refused (the message says why; the characters before it stay)."""
        index = int(self.active)
        for ch in typed:
            why = refusal(self.names[index], ch, self._drawable)
            if why:
                self._say(why, error=True)
                return False
            self.names[index] += ch
        self._say("")
        self._touched()
        return True

    def _drawable(self, ch: str) -> bool:
        if self._glyphs is None:
            self._glyphs = GlyphCheck(self.ctx.text.font(theme.FONT_LABEL))
        return self._glyphs(ch)

    def backspace(self, whole: bool = False) -> None:
        index = int(self.active)
        self.names[index] = "" if whole else self.names[index][:-1]
        self._say("")
        self._touched()

    def switch(self) -> None:
        self.active = self.active.other
        self._touched()

    def confirm(self) -> bool:
        """Check both names, save them (unless told not to), leave with them."""
        chosen = []
        for player in PLAYERS:
            try:
                chosen.append(player_name(self.names[int(player)]))
            except ValueError as exc:
                self.active = player
                self._say(f"{theme.PLAYER_NAMES[player].title()}: {exc}.", error=True)
                return False
        if chosen[0].casefold() == chosen[1].casefold():
            self.active = Player.P2
            self._say("The two players need different names.", error=True)
            return False
        names = (chosen[0], chosen[1])
        if self.remember and not self._unsaved_ok and not self._save(names):
            self._unsaved_ok = True
            return False
        self.confirmed = names
        self._leave(names)
        return True

    def _save(self, names: tuple[str, str]) -> bool:
        try:
            settings = load_settings(self.settings_path).settings
            for player, name in zip(PLAYERS, names, strict=True):
                settings = settings.with_name(player, name)
            save_settings(settings, self.settings_path)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._say(
                f"Could not save the names ({reason}). Enter plays without saving them.",
                error=True,
            )
            return False
        return True

    def cancel(self) -> None:
        self._leave(None)

    def _leave(self, names: tuple[str, str] | None) -> None:
        self.pop_self()
        if self.on_done is not None:
            self.on_done(names)

    def _say(self, message: str, error: bool = False) -> None:
        self.message = message
        self.message_error = error
        if not error:
            self._unsaved_ok = False

    def _touched(self) -> None:
        self._typed_s = self._now_s

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type == pygame.TEXTINPUT:
            self.type_text(event.text)
            return
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            self.cancel()
        elif key in CONFIRM_KEYS:
            if BUTTONS[self.selected] == "Cancel":
                self.cancel()
            else:
                self.confirm()
        elif key in BUTTON_KEYS:
            self.selected = (self.selected + 1) % len(BUTTONS)
        elif key in SWITCH_KEYS:
            self.switch()
        elif key == pygame.K_BACKSPACE:
            self.backspace(whole=bool(getattr(event, "mod", 0) & pygame.KMOD_CTRL))

    def update(self, now_s: float) -> None:
        self._now_s = now_s

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        if self._static is None:
            self._static = self._render_static()
            self._hints = render_hints(
                self.ctx.text,
                (
                    ("TAB", "other player"),
                    ("BACKSPACE", "delete"),
                    ("‹ ›", "choose"),
                    ("ENTER", "confirm"),
                    ("ESC", "cancel"),
                ),
            )
        canvas.blit(self._static, (0, 0))
        for player in PLAYERS:
            self._draw_field(canvas, player)
        draw_message(
            canvas,
            self.ctx.text,
            self.message,
            self.message_error,
            (theme.CANVAS_W // 2, MESSAGE_Y),
        )
        draw_buttons(
            canvas,
            self.ctx.text,
            BUTTONS,
            self.selected,
            (theme.CANVAS_W // 2, BUTTONS_Y),
            theme.PLAYER_COLOURS[self.active],
        )
        canvas.blit(self._hints, (0, HINTS_Y - self._hints.get_height() // 2))

    def _render_static(self) -> pygame.Surface:
        text = self.ctx.text
        surface = pygame.Surface((theme.CANVAS_W, theme.CANVAS_H))
        surface.fill(theme.BACKGROUND)
        draw_header(surface, text, "PLAYERS", "New match", "who is drumming?", "", theme.TEXT_DIM)
        bindings = self.ctx.options.bindings
        for player in PLAYERS:
            rect = CARD_RECTS[player]
            colour = theme.PLAYER_COLOURS[player]
            draw_panel(surface, rect, text, "", colour)
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
        note += ", and are remembered." if self.remember else "."
        text.blit(
            surface,
            note,
            theme.FONT_SMALL,
            theme.TEXT_FAINT,
            (theme.CANVAS_W // 2, NOTE_Y),
            "center",
        )
        return surface.convert() if pygame.display.get_surface() is not None else surface

    def _draw_field(self, canvas: pygame.Surface, player: Player) -> None:
        text = self.ctx.text
        card = CARD_RECTS[player]
        colour = theme.PLAYER_COLOURS[player]
        active = player is self.active
        field = pygame.Rect(card.x + 28, card.y + 66, card.width - 56, FIELD_H)
        pygame.draw.rect(canvas, theme.LANE_DARK, field, border_radius=10)
        edge = colour if active else theme.PANEL_EDGE
        pygame.draw.rect(canvas, edge, field, 3 if active else 1, border_radius=10)
        name = self.names[int(player)]
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
        since = max(0.0, self._now_s - self._typed_s)
        return int(since / CARET_BLINK_S) % 2 == 0
