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

The scene holds the names and maps keys to edits; :mod:`drumsync.game.screens.names.characters` says
which characters a name can hold and :mod:`drumsync.game.screens.names.screen` draws the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from ....core.voices import PLAYERS, Player
from ....storage.settings import load_settings, player_name, save_settings
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.scenes import Scene
from .characters import GlyphCheck, refusal
from .screen import NamesScreen

SWITCH_KEYS = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN)
BUTTON_KEYS = (pygame.K_LEFT, pygame.K_RIGHT)
BUTTONS = ("Confirm", "Cancel")
CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


class NamesScene(Scene):
    def __init__(
        self,
        ctx: GameContext,
        names: tuple[str, str],
        on_done: Callable[[tuple[str, str] | None], None] | None = None,
        *,
        settings_path: str | Path | None = None,
        remember: bool = True,
        subtitle: str = "New match",
        players: tuple[Player, ...] = PLAYERS,
    ) -> None:
        """``names``: the names to start from (usually the saved ones); ``remember``: save
        the confirmed names in the settings file (``settings_path``, default the user's);
        ``subtitle``: what the header says this is for ("New match" before a first match);
        ``players``: whose names are asked (Solo: only the one who plays beside a bot; the
        other name is handed back as it was)."""
        super().__init__()
        self.subtitle = subtitle
        if len(names) != len(PLAYERS):
            raise ValueError("NamesScene needs one name per player")
        if not players or any(p not in PLAYERS for p in players):
            raise ValueError("NamesScene asks at least one player's name")
        self.players = tuple(players)
        self.ctx = ctx
        self.names = [str(n) for n in names]
        self.on_done = on_done
        self.settings_path = Path(settings_path) if settings_path is not None else None
        self.remember = remember
        self.active = self.players[0]
        #: The highlighted button (Enter presses it): 0 Confirm, 1 Cancel.
        self.selected = 0
        self.message = ""
        self.message_error = False
        self.confirmed: tuple[str, str] | None = None
        self._unsaved_ok = False
        self._now_s = 0.0
        self._typed_s = 0.0
        self._glyphs: GlyphCheck | None = None
        self.screen = NamesScreen(self)

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
        if len(self.players) > 1:
            self.active = self.active.other
        self._touched()

    def confirm(self) -> bool:
        """Check the names asked, save them (unless told not to), leave with them."""
        chosen = list(self.names)
        for player in self.players:
            try:
                chosen[int(player)] = player_name(self.names[int(player)])
            except ValueError as exc:
                self.active = player
                who = f"{theme.PLAYER_NAMES[player].title()}: " if len(self.players) > 1 else ""
                self._say(f"{who}{exc}.", error=True)
                return False
        if len(self.players) > 1 and chosen[0].casefold() == chosen[1].casefold():
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

    # -- drawing (see names_screen) -----------------------------------------------------------
    @property
    def button_labels(self) -> tuple[str, ...]:
        return BUTTONS

    @property
    def since_typed_s(self) -> float:
        """Seconds since the active name last changed (the caret blinks from then)."""
        return self._now_s - self._typed_s

    def draw(self, canvas: pygame.Surface) -> None:
        self.screen.draw(canvas)
