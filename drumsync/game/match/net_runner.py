"""A net match for the game: the same host/join roles the command line runs, on a thread.

Why a thread with its own asyncio loop rather than stepping the loop from the game loop: the
game polls input every millisecond and must never wait on the network; the roles are plain
``async`` code (the clock-alignment burst, the reconnect dialling, the keepalive pings) that
expects a loop running all the time, also while a frame is being drawn. So the loop runs
``host_match`` / ``join_match`` from :mod:`drumsync.net.roles` on a daemon thread; the game
reads a :class:`NetView` snapshot the loop publishes every tick (one attribute swap, no lock
held by the game) and hands its player's hits over with ``call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ...core.chart import Chart
from ...core.voices import Player, Voice
from ...net.endpoints import Listener, NetError
from ...net.ledger import NetHit
from ...net.roles import host_match, join_match
from ...net.session import NetResult, NetSession, Phase, PlayerInfo, Timeouts
from ...net.song_clock import SongClock

#: How often the loop publishes a snapshot for the game (s).
PUBLISH_S = 0.02
#: The game's lobby: from agreeing the start to the count-in, long enough to read it.
GAME_TIMEOUTS = Timeouts(start_delay_s=6.0)
STOP_WAIT_S = 3.0
LOG_LINES = 6


@dataclass(frozen=True, slots=True)
class NetView:
    """What the game may read of the match, as of the latest publish."""

    phase: Phase = Phase.LOBBY
    partner: PlayerInfo | None = None
    link_delay_ms: float | None = None
    offset_s: float = 0.0
    song: SongClock | None = None  # a copy; None before the start is agreed
    chart: Chart | None = None
    partner_hits: tuple[NetHit, ...] = ()
    drops: int = 0  # how often the link dropped (a reconnect may be too quick to see PAUSED)
    port: int | None = None
    log: tuple[str, ...] = ()
    error: str = ""  # the match could not be played (one line)
    result: NetResult | None = None
    done: bool = False  # the network side has finished (result or error)

    def song_time(self, local_now_s: float) -> float | None:
        """The shared song time at our clock's ``local_now_s`` (None before the start)."""
        if self.song is None or not self.song.started:
            return None
        return self.song.song_time(local_now_s + self.offset_s)


@dataclass
class NetRole:
    """What to run: host (``chart``, ``bind``, ``port``) or join (``address``, ``port``)."""

    host: bool
    port: int
    chart: Chart | None = None
    windows: str = "standard"
    bind: str = "0.0.0.0"
    address: str = ""
    library: Callable[[], Iterable[Chart]] = field(default=lambda: ())


class NetRunner:
    def __init__(
        self,
        role: NetRole,
        me: PlayerInfo,
        clock: Callable[[], float] = time.perf_counter,
        timeouts: Timeouts = GAME_TIMEOUTS,
    ) -> None:
        self.role = role
        self.local_player = Player.P1 if role.host else Player.P2
        self.session = NetSession(role.host, me, clock=clock, timeouts=timeouts, log=self._log)
        self.view = NetView()
        self._log_lines: list[str] = []
        self._port: int | None = None
        self._error = ""
        self._result: NetResult | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None
        self._thread = threading.Thread(target=self._run, name="drumsync-net", daemon=True)

    # -- the game's side ---------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def send_hit(self, time_s: float, voice: Voice, velocity: float, source: str) -> None:
        """Hand one of our player's hits to the session (sent, numbered, re-sent until held)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: match over
                loop.call_soon_threadsafe(
                    self.session.record_local_hit, time_s, voice, velocity, source
                )

    def stop(self) -> None:
        """Leave the match (the partner sees the link drop) and wait for the thread."""
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(task.cancel)
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT_S)

    # -- the loop's side ---------------------------------------------------------------------
    def _log(self, line: str) -> None:
        self._log_lines = [*self._log_lines, line][-LOG_LINES:]

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        publisher = asyncio.create_task(self._publish_every_tick())
        listener: Listener | None = None
        try:
            role, session = self.role, self.session
            if role.host:
                listener = Listener(session.clock)
                _, self._port = await listener.start(role.bind, role.port)
                self._log(f"waiting for a player on port {self._port}")
                self._result = await host_match(session, listener, role.chart, role.windows)
            else:
                self._port = role.port
                self._result = await join_match(session, role.address, role.port, role.library)
        except NetError as error:
            self._error = str(error)
        except asyncio.CancelledError:
            self._error = "you left the match"
        except Exception as error:
            self._error = f"the network side failed: {error.__class__.__name__}: {error}"[:200]
        finally:
            publisher.cancel()
            await asyncio.gather(publisher, return_exceptions=True)
            await self.session.close()
            if listener is not None:
                await listener.close()
            self._publish(done=True)

    async def _publish_every_tick(self) -> None:
        while True:
            self._publish()
            await asyncio.sleep(PUBLISH_S)

    def _publish(self, done: bool = False) -> None:
        session = self.session
        previous = self.view
        hits = previous.partner_hits
        if len(session.inbox) != len(hits):
            hits = tuple(session.partner_hits())
        self.view = NetView(
            phase=session.phase,
            partner=session.partner,
            link_delay_ms=session.link_delay_ms,
            offset_s=session.offset_s,
            song=copy.copy(session.song) if session.song.started else None,
            chart=session.chart,
            partner_hits=hits,
            drops=session.counters.drops,
            port=self._port,
            log=tuple(self._log_lines),
            error=self._error,
            result=self._result,
            done=done,
        )


__all__ = ["GAME_TIMEOUTS", "NetRole", "NetRunner", "NetView"]
