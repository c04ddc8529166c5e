"""The main menu: how to play (Duet, Versus, Solo with a chosen partner, Practice, Play
online, Demo), then where (the Summit Tour or free play), plus the settings, calibration
and quit entries.

Choosing Duet, Versus or Solo moves the focus to a second list on the right ("where"); Esc
brings it back. Solo's partner is picked in place with Left/Right from the drummer presets.
The scene only reports choices: ``on_action(action, params)`` with ``action`` one of
``tour``, ``free``, ``practice``, ``online``, ``demo``, ``howto``, ``scores``, ``names``,
``settings``, ``keytest``, ``calibrate``, ``quit`` and ``params`` holding ``mode``,
``partner`` or ``player``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from ....core.drummers import PRESET_HELP, PRESETS
from ....core.scoring import MATCH_MODES
from ....core.voices import PLAYERS, Player
from ...runtime import theme
from ...runtime.input.keyboard import LANE_ORDER, key_label
from ...runtime.options import SOLO_PARTNER
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.menu_backdrop import FOOTER_Y, render_menu_backdrop
from ...widgets.menu_list import MenuAction, MenuItem, MenuList
from ...widgets.text_fit import wrap_words

EXTRA_ENTRIES = ("howto", "scores", "names", "settings", "keytest", "calibrate")
LIST_RECT = pygame.Rect(60, 86, 470, 560)
PANEL_RECT = pygame.Rect(570, 86, theme.CANVAS_W - 630, 560)
ROW_H = 34  # thirteen entries and their gaps fit LIST_RECT
PLAYERS_H = 84
WHERE_ROW_H = 48

DESCRIPTIONS = {
    "duet": "Two players, one chart, one team. Score together: half of the team result is "
    "how close your hits land to each other's.",
    "versus": "The same chart, each for their own score. The sync meter still shows who "
    "leads and by how much.",
    "solo": "Play with a simulated partner at the other half of the keyboard. The ideal, "
    "musician, nonmusician and drummer partners listen: they hear your hits and adjust to "
    "them as you play. The others play fixed timing. Choose with Left and Right.",
    "practice": "One player, slower if you like, looping a section until it sits. A "
    "metronome drummer plays beside you so the sync shows your own timing.",
    "online": "A duet with a player on another machine: host it (you pick the stage and "
    "give your address) or join by the host's address. Scored as if you sat side by side.",
    "demo": "Two simulated drummers play a generated chart. Press any key to come back.",
    "howto": "Each player's keys on the keyboard, where to hit, and what playing in sync means.",
    "scores": "Your best results per stage or chart and mode, the latest matches, and how "
    "your sync has gone over time; Tab shows one pair's matches and how they played together.",
    "names": "Set the names shown on the score cards and saved with your results.",
    "settings": "Keys, drum kits and controllers, timing windows, scroll speed, volumes, "
    "offsets and fullscreen.",
    "keytest": "Hold keys to see which combinations your keyboard reports, and hit the pads "
    "of a kit or controller to see what each sends.",
    "calibrate": "Tap along to a click to measure your audio and video offsets.",
    "quit": "Close DrumSync.",
}
TITLES = {
    "duet": "Duet",
    "versus": "Versus",
    "solo": "Solo",
    "practice": "Practice",
    "online": "Play online",
    "demo": "Demo",
    "howto": "How to play",
    "scores": "Scores",
    "names": "Player names",
    "settings": "Settings",
    "keytest": "Input test",
    "calibrate": "Calibrate",
    "quit": "Quit",
}
WHERE_ITEMS = {
    "tour": ("Summit Tour", "The story's stages, in order"),
    "free": ("Free Play", "Any style, tempo and length"),
}


class ModeScene(Scene):
    def __init__(
        self,
        ctx,
        session,
        on_action: Callable[[str, dict], None],
        on_back: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.on_action = on_action
        self.on_back = on_back
        self.menu = MenuList(self._items(), row_h=ROW_H)
        where = [MenuItem(key, *WHERE_ITEMS[key]) for key in WHERE_ITEMS]
        self.where = MenuList(where, row_h=WHERE_ROW_H)
        remembered = getattr(getattr(session, "menus", None), "where", "tour")
        if any(item.key == remembered for item in where):
            self.where.select(remembered)  # where the players went last time
        self.focus_where = False
        self._backdrop: pygame.Surface | None = None
        self._hints: dict[bool, pygame.Surface] = {}

    def _items(self) -> list[MenuItem]:
        partners = tuple(PRESETS)
        start = partners.index(SOLO_PARTNER) if SOLO_PARTNER in partners else 0
        items = [
            MenuItem("duet", TITLES["duet"]),
            MenuItem("versus", TITLES["versus"]),
            MenuItem("solo", TITLES["solo"], choices=partners, choice=start),
            MenuItem("practice", TITLES["practice"]),
            MenuItem("online", TITLES["online"]),
            MenuItem("demo", TITLES["demo"]),
        ]
        for extra in EXTRA_ENTRIES:
            if extra == "calibrate":
                items.append(
                    MenuItem("calibrate", TITLES["calibrate"], choices=("Player 1", "Player 2"))
                )
            else:
                items.append(MenuItem(extra, TITLES[extra]))
        items.append(MenuItem("quit", TITLES["quit"]))
        return items

    @property
    def partner(self) -> str:
        return self.menu.value("solo") or SOLO_PARTNER

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self._backdrop = render_menu_backdrop(self.ctx.text, "PLAY")
        text = self.ctx.text
        self._hints = {
            False: render_hints(
                text, (("UP/DOWN", "choose"), ("ENTER", "select"), ("ESC", "title"))
            ),
            True: render_hints(text, (("UP/DOWN", "choose"), ("ENTER", "play"), ("ESC", "modes"))),
        }

    def uncover(self) -> None:
        self.focus_where = False

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if self.focus_where:
            action = self.where.handle(event)
            if action is not None:
                self._act_where(action)
            return
        action = self.menu.handle(event)
        if action is not None:
            self._act(action)

    def _act(self, action: MenuAction) -> None:
        if action.kind == "back":
            self.go_back(self.on_back)
            return
        if action.kind != "choose":
            return
        key = action.key
        if key in MATCH_MODES:
            self.focus_where = True
            self.where.selected = 0
        elif key == "calibrate":
            player = Player.P1 if self.menu.value("calibrate") == "Player 1" else Player.P2
            self.on_action("calibrate", {"player": player})
        else:
            self.on_action(key, {})

    def _act_where(self, action: MenuAction) -> None:
        if action.kind == "back":
            self.focus_where = False
        elif action.kind == "choose":
            self.on_action(action.key, self._params(self.menu.selected_item.key))

    def _params(self, mode: str) -> dict:
        params: dict = {"mode": mode}
        if mode == "solo":
            params["partner"] = self.partner
        return params

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        canvas.blit(self._backdrop, (0, 0))
        text = self.ctx.text
        self.menu.draw(canvas, text, LIST_RECT, focused=not self.focus_where)
        rows = self.menu.layout(LIST_RECT)
        split = self.menu.index_of("demo") + 1  # the ways to play, then everything else
        if split < len(rows):
            y = rows[split].y - 5
            pygame.draw.line(
                canvas, theme.PANEL_EDGE, (LIST_RECT.x + 20, y), (LIST_RECT.right - 20, y)
            )
        self._draw_panel(canvas)
        hints = self._hints[self.focus_where]
        canvas.blit(hints, (0, FOOTER_Y - hints.get_height() // 2))

    def _draw_panel(self, canvas: pygame.Surface) -> None:
        """The selected entry: its name, what it is, who sits where, and where to play.
        The panel is as tall as what it holds."""
        text = self.ctx.text
        key = self.menu.selected_item.key
        size = theme.FONT_SMALL
        width = PANEL_RECT.width - 64
        line_h = text.font(size).get_linesize() + 2
        lines = wrap_words(DESCRIPTIONS[key], width, lambda s: text.size(s, size)[0])
        seats = key in ("duet", "versus", "solo", "practice")
        where_h = 40 + len(self.where.items) * (WHERE_ROW_H + 8) if key in MATCH_MODES else 0
        height = 26 + 76 + len(lines) * line_h + 22 + (PLAYERS_H if seats else 0) + where_h + 12
        panel = pygame.Rect(PANEL_RECT.x, PANEL_RECT.y, PANEL_RECT.width, height)
        pygame.draw.rect(canvas, theme.PANEL, panel, border_radius=14)
        pygame.draw.rect(canvas, theme.PANEL_EDGE, panel, 2, border_radius=14)
        x, y = panel.x + 32, panel.y + 26
        text.blit(canvas, TITLES[key].upper(), theme.FONT_BIG, theme.TEXT, (x, y))
        y += 76
        for line in lines:
            text.blit(canvas, line, size, theme.TEXT_DIM, (x, y))
            y += line_h
        y += 22
        if seats:
            self._draw_players(canvas, key, x, y)
            y += PLAYERS_H
        if key in MATCH_MODES:
            self._draw_where(canvas, pygame.Rect(x, y, width, where_h))

    def _draw_players(self, canvas: pygame.Surface, key: str, x: int, y: int) -> None:
        """Each seat: the player's name and keys, or the simulated drummer in it."""
        text = self.ctx.text
        settings = self.session.settings
        column = (PANEL_RECT.width - 64) // 2
        for player in PLAYERS:
            px = x + int(player) * column
            colour = theme.PLAYER_COLOURS[player]
            if key == "solo" and player is Player.P2:
                name, line = f"BOT · {self.partner}", PRESET_HELP.get(self.partner, "")
            elif key == "practice" and player is Player.P2:
                name, line = "BOT · metronome", PRESET_HELP.get("metronome", "")
            else:
                name = settings.player(player).name
                keys = "  ".join(
                    key_label(settings.key_for(player, voice)) for voice in LANE_ORDER[player]
                )
                line = f"keys  {keys}"
            pygame.draw.rect(canvas, colour, (px, y + 2, 4, 44), border_radius=2)
            text.blit(canvas, name, theme.FONT_BODY, colour, (px + 14, y))
            wrapped = wrap_words(line, column - 30, lambda s: text.size(s, theme.FONT_TINY)[0])
            for i, part in enumerate(wrapped[:2]):
                text.blit(canvas, part, theme.FONT_TINY, theme.TEXT_DIM, (px + 14, y + 32 + i * 20))

    def _draw_where(self, canvas: pygame.Surface, rect: pygame.Rect) -> None:
        text = self.ctx.text
        pygame.draw.line(canvas, theme.PANEL_EDGE, rect.topleft, rect.topright)
        label = "WHERE TO PLAY" if self.focus_where else "ENTER, THEN CHOOSE WHERE TO PLAY"
        colour = theme.OI_YELLOW if self.focus_where else theme.TEXT_FAINT
        text.blit(canvas, label, theme.FONT_TINY, colour, (rect.x, rect.y + 14))
        rows = pygame.Rect(rect.x, rect.y + 40, rect.width, rect.height - 40)
        self.where.draw(canvas, text, rows, accent=theme.OI_YELLOW, focused=self.focus_where)
        for item, row in zip(self.where.items, self.where.layout(rows), strict=True):
            text.blit(
                canvas,
                item.description,
                theme.FONT_TINY,
                theme.TEXT_FAINT,
                (row.right - 20, row.centery),
                "midright",
            )


__all__ = ["ModeScene"]
