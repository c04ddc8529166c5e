"""A net match between two peers: the state both sides share and the messages they trade.

The host is player 1, the joiner player 2. After the lobby (:mod:`.roles`) both run the same
code: the song clock runs on the shared clock (the host's; the joiner adds its measured
offset); each side's own hits go out numbered, the partner's come in and are acknowledged;
a silent or broken link pauses the song for both until :mod:`.roles` reconnects it (then both
restart together a little before the earlier pause point) or gives up (the match ends,
keeping what this side holds). At the end both sides hold both lists, build the same replay
and compare its digest.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.chart import Chart
from ..core.match_score import score
from ..core.replay import Replay
from ..core.report import MatchReport
from ..core.voices import Player, Voice
from .clock import ClockEstimate, ClockSample
from .ledger import Inbox, LedgerError, NetHit, Outbox, merged_replay, replay_digest
from .link import Link, Received
from .song_clock import SongClock

PING_INTERVAL_S = 0.5
#: Unacknowledged hits are sent again after this long (or a few round trips, if longer).
RESEND_AFTER_S = 1.0
#: The song ends this long after the chart's last bar (the last notes' windows close first).
END_TAIL_S = 1.0
#: After a reconnect the song restarts this long before the earlier of the two pause points.
RUN_UP_S = 2.0
#: Hits this far outside the song are refused.
SONG_MARGIN_S = 5.0
TICK_S = 0.05


class Phase(enum.Enum):
    LOBBY = "lobby"
    COUNTDOWN = "countdown"  # the start instant is agreed, the song has not reached it
    PLAYING = "playing"
    PAUSED = "paused"  # the link dropped; waiting for it to come back
    FINISHING = "finishing"  # the song is over; both lists are being completed
    FINISHED = "finished"  # both sides hold both lists and agree
    ENDED = "ended"  # the link was lost for good; this side's result is kept


@dataclass(frozen=True, slots=True)
class PlayerInfo:
    """What a player tells the other side in the lobby."""

    name: str
    device: str = "keyboard"
    offset_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class Timeouts:
    handshake_s: float = 10.0
    wait_for_joiner_s: float = 300.0
    silence_s: float = 3.0  # nothing heard this long: the link counts as dropped
    reconnect_s: float = 20.0
    finish_s: float = 15.0
    start_delay_s: float = 2.0  # from agreeing the start to the count-in


@dataclass(frozen=True, slots=True)
class NetResult:
    replay: Replay
    report: MatchReport
    complete: bool  # both lists held in full and both sides built the same replay
    notes: tuple[str, ...] = ()


@dataclass
class _Counters:
    duplicates: int = 0
    resent: int = 0
    drops: int = 0
    refused: int = 0
    notes: list[str] = field(default_factory=list)


class NetSession:
    def __init__(
        self,
        host: bool,
        me: PlayerInfo,
        clock: Callable[[], float] = time.monotonic,
        timeouts: Timeouts = Timeouts(),
        log: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.is_host = host
        self.local_player = Player.P1 if host else Player.P2
        self.me = me
        self.partner: PlayerInfo | None = None
        self.clock = clock
        self.timeouts = timeouts
        self.log = log
        self.chart: Chart | None = None
        self.windows = "standard"
        self.offset_s = 0.0  # shared (host) clock minus ours
        self.estimate: ClockEstimate | None = None
        self.samples: list[ClockSample] = []
        self.recent_rtt_s: deque[float] = deque(maxlen=20)
        self._ping_sent: dict[int, float] = {}
        self._next_ping = 0
        self.song = SongClock()
        self.phase = Phase.LOBBY
        self.outbox = Outbox()
        self.inbox = Inbox()
        self._last_sent_s: dict[int, float] = {}
        self.link: Link | None = None
        self._tasks: list[asyncio.Task] = []
        self.wake = asyncio.Event()
        self.inbound: dict[str, Received] = {}  # the latest message of each lobby type
        self.own_pause_s: float | None = None
        self.partner_pause_s: float | None = None
        self._played_to = -math.inf  # the song up to here was already played (pauses)
        self._pause_floor = -math.inf
        self.resumes = 0
        self.pending_link: Link | None = None  # a reconnection the host has greeted
        self.partner_final: str | None = None
        self.partner_error = ""
        self.partner_left = False  # the partner said goodbye
        self.counters = _Counters()
        self.closed = False

    # -- clocks ----------------------------------------------------------------------------
    def shared_now(self) -> float:
        return self.clock() + self.offset_s

    def song_time(self) -> float | None:
        return self.song.song_time(self.shared_now()) if self.song.started else None

    @property
    def end_s(self) -> float:
        return self.chart.duration_s + END_TAIL_S if self.chart is not None else math.inf

    @property
    def link_delay_ms(self) -> float | None:
        """The link's delay one way (half the median of the recent round trips)."""
        if not self.recent_rtt_s:
            return None
        ordered = sorted(self.recent_rtt_s)
        return ordered[len(ordered) // 2] * 500.0

    # -- the link ----------------------------------------------------------------------------
    def attach(self, link: Link, early: list[Received] = ()) -> None:
        """Make ``link`` the session's connection and start reading it and pinging over it;
        ``early`` are messages it brought before the greeting finished."""
        self.link = link
        for received in early:
            self._handle(received)
        self._tasks = [t for t in self._tasks if not t.done()]
        self._tasks.append(asyncio.create_task(self._read(link)))
        self._tasks.append(asyncio.create_task(self._keepalive(link)))

    def post(self, message_type: str, /, **fields: object) -> None:
        """Send now if connected (fire and forget: what matters is re-sent until acked)."""
        if self.link is not None:
            self.link.post(message_type, **fields)

    def send_ping(self) -> None:
        self._next_ping += 1
        now = self.clock()
        self._ping_sent[self._next_ping] = now
        if len(self._ping_sent) > 1000:
            self._ping_sent.pop(next(iter(self._ping_sent)))
        self.post("ping", id=self._next_ping, t0=now)

    async def _read(self, link: Link) -> None:
        while True:
            received = await link.receive(self.timeouts.silence_s)
            if received is None:
                break
            self._handle(received)
            self.wake.set()
        if link is self.link:
            self.link = None
            if self.phase not in (Phase.FINISHED, Phase.ENDED) and not self.partner_left:
                self.log(f"link lost: {link.last_error}")
        self.wake.set()

    async def _keepalive(self, link: Link) -> None:
        while not link.closed:
            self.send_ping()
            self._resend_due()
            await link.flush()
            await asyncio.sleep(PING_INTERVAL_S)

    def _resend_due(self, everything: bool = False) -> None:
        now = self.clock()
        wait_s = max(RESEND_AFTER_S, 4.0 * (self.link_delay_ms or 0.0) / 1000.0)
        for hit in self.outbox.unacked()[:500]:
            if everything or now - self._last_sent_s.get(hit.seq, -math.inf) >= wait_s:
                self.counters.resent += hit.seq in self._last_sent_s
                self._send_hit(hit)

    def _send_hit(self, hit: NetHit) -> None:
        self._last_sent_s[hit.seq] = self.clock()
        self.post("hit", **hit.to_fields())

    # -- messages ----------------------------------------------------------------------------
    def _handle(self, received: Received) -> None:
        message = received.message
        kind = message.type
        if kind == "ping":
            self.post(
                "pong", id=message["id"], t0=message["t0"], t1=received.arrived_s, t2=self.clock()
            )
        elif kind == "pong":
            t0 = self._ping_sent.pop(message["id"], None)
            if t0 is not None and t0 == message["t0"]:
                sample = ClockSample(t0, message["t1"], message["t2"], received.arrived_s)
                if sample.plausible:
                    self.samples.append(sample)
                    self.recent_rtt_s.append(sample.rtt_s)
        elif kind == "hit":
            self._take_hit(NetHit.from_fields(message.fields))
        elif kind == "ack":
            self.outbox.ack(message["seq"])
        elif kind == "done":
            try:
                self.inbox.finish(message["count"])
            except LedgerError as error:
                self._refuse(str(error))
        elif kind == "paused":
            self.partner_pause_s = message["song_s"]
        elif kind in ("start", "resume"):
            stale = self.song.started and message["at"] < self.song.anchor_at
            if not self.is_host and self.chart is not None and not stale:
                self.song.start(message["at"], message["song_s"])
                if kind == "resume":
                    self.resumes += 1
                if self.phase in (Phase.LOBBY, Phase.PAUSED):
                    self.phase = Phase.COUNTDOWN if kind == "start" else Phase.PLAYING
        elif kind == "final":
            self.partner_final = message["digest"]
        elif kind == "bye":
            self.partner_left = True
        elif kind == "error":
            self.partner_error = message["reason"]
            self.log(f"the other side says: {message['reason']}")
        else:  # hello, chart, chart_ok, chart_refused, ready: for the lobby to read
            self.inbound[kind] = received

    def _refuse(self, reason: str) -> None:
        self.counters.refused += 1
        self.post("error", reason=reason[:200])

    def _take_hit(self, hit: NetHit) -> None:
        if self.chart is None or not (
            self.chart.count_in_start_s - SONG_MARGIN_S <= hit.time_s <= self.end_s + SONG_MARGIN_S
        ):
            self._refuse(f"hit {hit.seq} is outside the song")
            return
        try:
            if not self.inbox.add(hit):
                self.counters.duplicates += 1
        except LedgerError as error:
            self._refuse(str(error))
            return
        self.post("ack", seq=self.inbox.contiguous)

    # -- the local player ------------------------------------------------------------------
    def record_local_hit(
        self, time_s: float, voice: Voice, velocity: float = 1.0, source: str = "keyboard"
    ) -> NetHit | None:
        """Send a hit of this side's player. Not counted (None): a hit stamped after the song
        paused, or, once it runs again, one not after the pause point (the run-up replays a
        stretch that was already played)."""
        if self.chart is None or not math.isfinite(time_s) or time_s > self.end_s:
            return None
        if self.phase == Phase.PAUSED:
            if not self._pause_floor < time_s <= self._played_to:
                return None
        elif self.phase not in (Phase.COUNTDOWN, Phase.PLAYING) or time_s <= self._played_to:
            return None
        hit = self.outbox.add(time_s, voice, min(1.0, max(0.0, velocity)), source[:64])
        self._send_hit(hit)
        return hit

    def local_hits(self) -> list[NetHit]:
        return list(self.outbox.hits)

    def partner_hits(self) -> list[NetHit]:
        return self.inbox.hits()

    # -- pausing -----------------------------------------------------------------------------
    def pause(self) -> float:
        """The link dropped: freeze the song here (the local player's hits stop counting)."""
        if self.phase in (Phase.COUNTDOWN, Phase.PLAYING):
            self.phase = Phase.PAUSED
        if self.song.started and not self.song.paused:
            self.own_pause_s = self.song.pause(self.shared_now())
            self._pause_floor = self._played_to
            self._played_to = max(self._played_to, self.own_pause_s)
        self.counters.drops += 1
        return self.own_pause_s if self.own_pause_s is not None else -math.inf

    def after_reconnect(self) -> None:
        """Tell the partner where we paused and what we hold, and send what it may lack."""
        self.partner_pause_s = None
        self.post("paused", song_s=self.own_pause_s if self.own_pause_s is not None else 0.0)
        self.post("ack", seq=self.inbox.contiguous)
        self._resend_due(everything=True)
        if self.phase == Phase.FINISHING:
            self.post("done", count=self.outbox.count)

    def resume_point(self) -> float:
        """The host's choice: a run-up before the earlier of the two pause points."""
        points = [p for p in (self.own_pause_s, self.partner_pause_s) if p is not None]
        return min(points) - RUN_UP_S

    # -- waiting -----------------------------------------------------------------------------
    async def until(self, predicate: Callable[[], bool], timeout_s: float) -> bool:
        """Wait (at most ``timeout_s``) until ``predicate()`` holds after some message."""
        deadline = self.clock() + timeout_s
        while True:
            self.wake.clear()
            if predicate():
                return True
            remaining = deadline - self.clock()
            if remaining <= 0:
                return False
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(remaining, TICK_S * 4)):
                    await self.wake.wait()

    # -- the end -----------------------------------------------------------------------------
    def replay(self) -> Replay:
        hits = {self.local_player: self.local_hits(), self.local_player.other: self.partner_hits()}
        partner = self.partner or PlayerInfo("partner")
        infos = (self.me, partner) if self.is_host else (partner, self.me)
        return merged_replay(
            self.chart,
            hits,
            names=(infos[0].name, infos[1].name),
            offsets_ms=(infos[0].offset_ms, infos[1].offset_ms),
            windows=self.windows,
        )

    def ready_to_finish(self) -> bool:
        return self.inbox.complete and self.outbox.all_acked

    def result(self, complete: bool) -> NetResult:
        replay = self.replay()
        return NetResult(replay, score(self.chart, replay), complete, tuple(self.counters.notes))

    def digest(self) -> str:
        return replay_digest(self.replay())

    async def close(self) -> None:
        self.closed = True
        for link in (self.link, self.pending_link):
            if link is not None:
                await link.close()
        self.link = self.pending_link = None
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()


__all__ = ["NetResult", "NetSession", "Phase", "PlayerInfo", "Timeouts"]
