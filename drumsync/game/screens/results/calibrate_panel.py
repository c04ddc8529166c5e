""" "Calibrate from this match": each player's offset proposed from the match just played.

Pushed over the results (key C). For each player it shows the proposal with its uncertainty
(the median offset of their hits, as osu! proposes from the last play) or why there is none
(too few hits, too wide a spread, already calibrated). 1 or 2 applies that player's: to the
kit or controller they played the match on (its latency offset) or, on the keyboard, to
their own offset; saved to the settings at once (a failed save is said, nothing is lost).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pygame

from ....core.drummers import is_simulated
from ....core.match_calibration import OffsetProposal, propose_offsets
from ....core.replay import devices_used
from ....core.voices import PLAYERS, Player
from ....storage.settings import OFFSET_RANGE_MS, Settings, load_settings, save_settings
from ...match.state import MatchOutcome
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.scenes import Scene
from ...widgets.panels import draw_card
from ...widgets.text_fit import wrap_words

PANEL = pygame.Rect(190, 170, 900, 380)
APPLY_KEYS = {pygame.K_1: Player.P1, pygame.K_2: Player.P2}


def _for_people(proposal: OffsetProposal, sources: tuple[str, ...]) -> OffsetProposal:
    """No proposal for a side a simulated drummer played: its timing is not a latency."""
    if proposal.usable and sources and all(is_simulated(source) for source in sources):
        reason = "a simulated drummer played: nothing to calibrate"
        return dataclasses.replace(proposal, usable=False, reason=reason)
    return proposal


class MatchCalibrationPanel(Scene):
    overlay = True
    title_music = False

    def __init__(
        self,
        ctx: GameContext,
        outcome: MatchOutcome,
        names: tuple[str, ...],
        on_settings: Callable[[Settings], None] | None = None,
        settings_path=None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.names = names
        self.used = devices_used(outcome.replay)
        self.proposals = tuple(
            _for_people(proposal, used)
            for proposal, used in zip(propose_offsets(outcome.judgements), self.used, strict=True)
        )
        self.on_settings = on_settings
        self.settings_path = settings_path
        self.applied: dict[Player, str] = {}
        self.message = ""
        self._shade: pygame.Surface | None = None

    def device_of(self, player: Player) -> str | None:
        """The kit or controller this player played the whole match on (None: keyboard,
        or several devices: then the player's own offset is the one to change)."""
        used = self.used[int(player)]
        if len(used) != 1 or used[0] == "keyboard":
            return None
        return used[0] if self.ctx.devices.router.profile(used[0]) is not None else None

    def apply(self, player: Player) -> bool:
        proposal = self.proposals[int(player)]
        if not proposal.usable or player in self.applied:
            return False
        device = self.device_of(player)
        try:
            settings = load_settings(self.settings_path).settings
            if device is not None:
                profile = self.ctx.devices.router.profile(device)
                low, high = OFFSET_RANGE_MS
                offset = round(min(high, max(low, profile.offset_ms + proposal.median_ms)), 1)
                profile = profile.with_changes(offset_ms=offset)
                settings = settings.with_device(profile)
                what = f"{device}: latency {offset:+.1f} ms"
            else:
                low, high = OFFSET_RANGE_MS
                offset = round(min(high, max(low, proposal.proposed_ms)), 1)
                settings = settings.with_offsets(player, audio_offset_ms=offset)
                what = f"audio offset {offset:+.1f} ms"
            save_settings(settings, self.settings_path)
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.message = f"Could not save: {reason}"
            return False
        if device is not None:
            self.ctx.devices.set_profile(profile)
        self.applied[player] = what
        self.message = f"{self.names[int(player)]}: {what} (from the next match)"
        if self.on_settings is not None:
            self.on_settings(settings)
        return True

    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key in APPLY_KEYS:
            player = APPLY_KEYS[event.key]
            proposal = self.proposals[int(player)]
            if not proposal.usable:
                self.message = f"{self.names[int(player)]}: nothing to apply ({proposal.reason})"
            self.apply(player)
        elif event.key in (pygame.K_ESCAPE, pygame.K_c, pygame.K_RETURN):
            self.pop_self()

    def keys_hint(self) -> str:
        """The footer: the apply keys that would apply something now, and Esc."""
        keys = [
            str(int(player) + 1)
            for player in PLAYERS
            if self.proposals[int(player)].usable and player not in self.applied
        ]
        return f"{' / '.join(keys)} apply  ·  Esc close" if keys else "Esc close"

    def _line(self, player: Player, proposal: OffsetProposal) -> str:
        if player in self.applied:
            return "applied: " + self.applied[player]
        device = self.device_of(player)
        where = f"on {device}" if device else "on the keyboard"
        return f"{proposal.describe()}  ·  {where}" if proposal.usable else proposal.reason

    def draw(self, canvas: pygame.Surface) -> None:
        text = self.ctx.text
        if self._shade is None or self._shade.get_size() != canvas.get_size():
            self._shade = pygame.Surface(canvas.get_size(), pygame.SRCALPHA)  # made once
            self._shade.fill((6, 7, 12, 170))
        canvas.blit(self._shade, (0, 0))
        draw_card(canvas, PANEL)
        cx = PANEL.centerx
        text.blit(
            canvas,
            "CALIBRATE FROM THIS MATCH",
            theme.FONT_LABEL,
            theme.TEXT,
            (cx, PANEL.y + 34),
            "center",
        )
        y = PANEL.y + 80
        width = PANEL.width - 80
        for player in PLAYERS:
            proposal = self.proposals[int(player)]
            colour = theme.PLAYER_COLOURS[player]
            title = f"{player.label.upper()}  {self.names[int(player)]}"
            if proposal.usable and player not in self.applied:
                title += f"   (press {int(player) + 1} to apply)"
            text.blit(canvas, title, theme.FONT_SMALL, colour, (PANEL.x + 40, y))
            y += 30
            measure = lambda s: text.size(s, theme.FONT_SMALL)[0]  # noqa: E731
            for line in wrap_words(self._line(player, proposal), width, measure)[:2]:
                text.blit(canvas, line, theme.FONT_SMALL, theme.TEXT_DIM, (PANEL.x + 40, y))
                y += 26
            y += 20
        footer = self.message or "The median offset of the notes each player hit; offered "
        footer += "" if self.message else "only when enough were hit and they spread little."
        for line in wrap_words(footer, width, lambda s: text.size(s, theme.FONT_TINY)[0])[:2]:
            text.blit(canvas, line, theme.FONT_TINY, theme.TEXT_FAINT, (PANEL.x + 40, y))
            y += 22
        text.blit(
            canvas,
            self.keys_hint(),
            theme.FONT_TINY,
            theme.TEXT_FAINT,
            (cx, PANEL.bottom - 24),
            "center",
        )
