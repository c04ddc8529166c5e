"""Play online: host a duet (pick a Summit Tour stage, give the other player this machine's
address and port, wait) or join one (type ``ADDRESS[:PORT]``); then the lobby shows both
players, their input devices and the link's delay, and counts down to the start instant both
machines agreed. The network is :class:`~drumsync.game.match.net_runner.NetRunner` (the
command line's host/join roles on a thread); this screen only reads its snapshots.

``on_match(runner, chart)`` is called once the start is agreed: the owner opens the match.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pygame

from ....core.generator import generate_chart
from ....core.voices import Player
from ....net.address import DEFAULT_PORT, AddressError, parse_address
from ....net.endpoints import local_addresses
from ....net.messages import MAX_DEVICE_CHARS
from ....net.session import PlayerInfo, Timeouts
from ...match.net_runner import GAME_TIMEOUTS, NetRole, NetRunner
from ...runtime import theme
from ...runtime.scenes import Scene
from ...widgets.key_hints import render_hints
from ...widgets.menu_backdrop import FOOTER_Y, render_menu_backdrop
from ...widgets.menu_list import MenuItem, MenuList
from .lobby import draw_lobby, draw_panel

LIST_RECT = pygame.Rect(60, 110, 470, 300)
PANEL_RECT = pygame.Rect(570, 110, theme.CANVAS_W - 630, 520)
MAX_TYPED = 64
#: The lobby gives way to the match this long before the count-in (the match screen needs
#: a moment to build its sound, then shows the rest of the countdown).
OPEN_MATCH_BEFORE_S = 3.5


class Stage(enum.Enum):
    MENU = "menu"
    TYPING = "typing"  # the joiner types the host's address
    WAITING = "waiting"  # hosting, or dialling: the runner is on
    LOBBY = "lobby"  # both are in; the start is being agreed


class OnlineScene(Scene):
    poll_interval_s = None  # a menu: no 1 kHz polling needed

    def __init__(
        self,
        ctx,
        session,
        on_match: Callable[[NetRunner, Any], None],
        port: int = DEFAULT_PORT,
        bind: str = "0.0.0.0",
        charts: Sequence[tuple[str, Mapping]] | None = None,
        timeouts: Timeouts = GAME_TIMEOUTS,
    ) -> None:
        """``charts``: (name, generator arguments) the host picks from (the Summit Tour's
        stages by default); ``port``/``bind``: where the host listens, the joiner's default
        port."""
        super().__init__()
        self.ctx = ctx
        self.session = session
        self.on_match = on_match
        self.port = port
        self.bind = bind
        self.timeouts = timeouts
        if charts is None:
            charts = [(stage.name, stage.generator_args()) for stage in session.stages]
        self.charts = tuple(charts)
        items = [
            MenuItem("host", "Host", choices=tuple(name for name, _ in self.charts) or ("-",)),
            MenuItem("join", "Join"),
            MenuItem("back", "Back"),
        ]
        self.menu = MenuList(items, row_h=56)
        self.stage = Stage.MENU
        self.typed = ""
        self.error = ""  # the last failure, one line
        self.runner: NetRunner | None = None
        self.hosting = False
        self.addresses: list[str] = []
        self._backdrop: pygame.Surface | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self._backdrop = render_menu_backdrop(self.ctx.text, "ONLINE")

    def exit(self) -> None:
        if self.runner is not None:
            self.runner.stop()

    def me(self) -> PlayerInfo:
        """This machine's player: player 1's name, calibration and input (a kit or controller
        given to player 1, else the keyboard; either set of drum keys plays online)."""
        first = self.session.settings.players[0]
        kits = self.ctx.devices.in_use(Player.P1)
        device = f"keyboard + {kits[0]}" if kits else "keyboard"
        return PlayerInfo(first.name[:32], device[:MAX_DEVICE_CHARS], float(first.audio_offset_ms))

    # -- choices ------------------------------------------------------------------------------
    def host(self) -> None:
        if not self.charts:
            self.error = "no charts to offer"
            return
        names = [name for name, _ in self.charts]
        chart = generate_chart(**self.charts[names.index(self.menu.value("host"))][1])
        role = NetRole(
            True, self.port, chart=chart, windows=self.session.settings.windows, bind=self.bind
        )
        self.addresses = local_addresses() if self.bind in ("0.0.0.0", "") else [self.bind]
        self._run(role, hosting=True)

    def join(self, typed: str) -> None:
        try:
            address, port = parse_address(typed, self.port)
        except AddressError as error:
            self.error = f"bad address: {error}"
            return
        self._run(NetRole(False, port, address=address), hosting=False)

    def _run(self, role: NetRole, hosting: bool) -> None:
        self.error = ""
        self.hosting = hosting
        self.runner = NetRunner(role, self.me(), clock=self.ctx.timer.now, timeouts=self.timeouts)
        self.runner.start()
        self.stage = Stage.WAITING

    def cancel(self) -> None:
        if self.runner is not None:
            self.runner.stop()
        self.runner = None
        self.stage = Stage.TYPING if not self.hosting and self.typed else Stage.MENU

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if self.stage is Stage.MENU:
            action = self.menu.handle(event)
            if action is None:
                return
            if action.kind == "back" or (action.kind == "choose" and action.key == "back"):
                self.pop_self()
            elif action.kind == "choose" and action.key == "host":
                self.host()
            elif action.kind == "choose" and action.key == "join":
                self.stage = Stage.TYPING
                self.error = ""
                pygame.key.start_text_input()
        elif self.stage is Stage.TYPING:
            self._type(event)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.cancel()

    def _type(self, event: Any) -> None:
        if event.type == pygame.TEXTINPUT:
            self.typed = (self.typed + event.text)[:MAX_TYPED]
            return
        if event.type != pygame.KEYDOWN:
            return
        if event.key == pygame.K_ESCAPE:
            pygame.key.stop_text_input()
            self.stage = Stage.MENU
        elif event.key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            pygame.key.stop_text_input()
            self.join(self.typed)

    # -- time ---------------------------------------------------------------------------------
    def update(self, now_s: float) -> None:
        runner = self.runner
        if runner is None or self.stage not in (Stage.WAITING, Stage.LOBBY):
            return
        view = runner.view
        if view.done and view.result is None:
            self.error = view.error or "the connection ended"
            self.runner = None
            self.stage = Stage.MENU if self.hosting else Stage.TYPING
            return
        if view.partner is not None:
            self.stage = Stage.LOBBY
        to_go_s = self.seconds_to_start(now_s)
        if to_go_s is not None and to_go_s <= OPEN_MATCH_BEFORE_S:
            self.stage = Stage.MENU  # the runner now belongs to the match
            self.runner = None
            self.on_match(runner, view.chart)

    def seconds_to_start(self, now_s: float) -> float | None:
        view = self.runner.view if self.runner is not None else None
        if view is None or view.chart is None:
            return None
        song_s = view.song_time(now_s)
        return None if song_s is None else max(0.0, view.chart.count_in_start_s - song_s)

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        canvas.blit(self._backdrop, (0, 0))
        text = self.ctx.text
        self.menu.draw(canvas, text, LIST_RECT, focused=self.stage is Stage.MENU)
        title, lines = self._panel_lines()
        if self.stage is Stage.LOBBY and self.runner is not None:
            draw_lobby(
                canvas,
                text,
                PANEL_RECT,
                self.runner.view,
                self.me(),
                self.hosting,
                self.seconds_to_start(self.ctx.timer.now()),
            )
        else:
            draw_panel(canvas, text, PANEL_RECT, title, lines)
        if self.error:
            text.blit(canvas, self.error[:110], theme.FONT_SMALL, theme.OI_VERMILLION, (60, 660))
        hints = render_hints(text, self._hints())
        canvas.blit(hints, (0, FOOTER_Y - hints.get_height() // 2))

    def _panel_lines(self) -> tuple[str, list[str]]:
        if self.stage is Stage.TYPING:
            cursor = "_" if int(self.ctx.timer.now() * 2) % 2 == 0 else " "
            return "JOIN", [
                "The host's address, and its port if not 47474:",
                f"> {self.typed}{cursor}",
                "e.g. 192.168.1.20 or 192.168.1.20:47474",
            ]
        if self.stage is Stage.WAITING and self.hosting:
            port = self.runner.view.port if self.runner is not None else None
            shown = "opening..." if port is None else str(port)
            return "HOSTING", [
                "Give the other player this machine's address and the port:",
                *[f"{address}   port {shown}" for address in self.addresses],
                "Across the internet, forward that TCP port on your router.",
                "Waiting for a player to join...",
            ]
        if self.stage is Stage.WAITING:
            return "JOINING", [f"Connecting to {self.typed.strip()}...", "Esc cancels."]
        if self.menu.selected_item.key == "host":
            return "HOST", [
                "You are player 1 and pick the chart: a Summit Tour stage",
                "(Left/Right). The other player joins by your address.",
            ]
        if self.menu.selected_item.key == "join":
            return "JOIN", [
                "You are player 2: type the host's address.",
                "The host picks the chart.",
            ]
        return "ONLINE", ["Back to the modes."]

    def _hints(self) -> tuple[tuple[str, str], ...]:
        if self.stage is Stage.MENU:
            return (
                ("UP/DOWN", "choose"),
                ("LEFT/RIGHT", "stage"),
                ("ENTER", "select"),
                ("ESC", "back"),
            )
        if self.stage is Stage.TYPING:
            return (("ENTER", "join"), ("ESC", "back"))
        return (("ESC", "cancel"),)


__all__ = ["OnlineScene", "Stage"]
