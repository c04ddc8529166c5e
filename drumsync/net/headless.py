"""A net match played by a bot on each side, in real time, for ``drumsync net host/join``.

The bot's hits come from the core's drummer model (``bot_events``), as in ``drumsync play
--headless``. Each is handed to the session when the shared song clock reaches it, stamped
with the song time the model chose (as an input device that timestamps its own events), so
the same bots and seed give the same hits however slow or rude the network is. While the
song is paused the bot waits; hits it was due to play before the pause still count.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable

from ..core.chart import Chart
from ..core.drummers import DrummerModel
from ..core.events import InputEvent
from ..core.simulate import bot_events
from .endpoints import Listener
from .roles import host_match, join_match
from .session import TICK_S, NetResult, NetSession, Phase, PlayerInfo, Timeouts

ENDINGS = (Phase.FINISHED, Phase.ENDED)


async def play_bot(session: NetSession, model: DrummerModel, seed: int) -> int:
    """Play the drummer's part of the session's chart on its song clock, once the start is
    agreed; returns how many hits were counted."""
    while not session.song.started:
        if session.closed or session.phase in ENDINGS:
            return 0
        await session.until(lambda: session.song.started, TICK_S * 4)
    events: list[InputEvent] = bot_events(session.chart, session.local_player, model, seed)
    counted = 0
    index = 0
    while index < len(events) and not session.closed and session.phase not in ENDINGS:
        event = events[index]
        if session.song.paused:
            pause_s = session.own_pause_s
            if pause_s is not None and event.time_s <= pause_s:
                counted += (
                    session.record_local_hit(event.time_s, event.voice, 1.0, event.source)
                    is not None
                )
                index += 1
                continue
            await session.until(lambda: not session.song.paused, TICK_S * 4)
            continue
        due_at = session.song.shared_time_of(event.time_s)
        if due_at is None:
            await session.until(lambda: session.song.started, TICK_S * 4)
            continue
        wait_s = due_at - session.shared_now()
        if wait_s > 0:
            await asyncio.sleep(min(wait_s, TICK_S * 4))
            continue
        counted += (
            session.record_local_hit(event.time_s, event.voice, 1.0, event.source) is not None
        )
        index += 1
    return counted


async def _with_bot(session: NetSession, match, model: DrummerModel, seed: int) -> NetResult:
    bot = asyncio.create_task(play_bot(session, model, seed))
    try:
        return await match
    finally:
        bot.cancel()
        await asyncio.gather(bot, return_exceptions=True)


def bot_info(name: str | None, model: DrummerModel, offset_ms: float) -> PlayerInfo:
    return PlayerInfo(name or f"bot-{model.name}"[:32], model.source, offset_ms)


async def host_with_bot(
    chart: Chart,
    windows: str,
    model: DrummerModel,
    seed: int,
    me: PlayerInfo,
    bind: str,
    port: int,
    timeouts: Timeouts,
    log: Callable[[str], None],
    clock: Callable[[], float] = time.monotonic,
) -> NetResult:
    session = NetSession(True, me, clock=clock, timeouts=timeouts, log=log)
    listener = Listener(clock)
    address, bound_port = await listener.start(bind, port)
    if address in ("0.0.0.0", "::"):
        log(
            f"listening on {address}:{bound_port} (every interface): the other player joins "
            f"this machine's address with port {bound_port}"
        )
    else:
        log(f"listening on {address}:{bound_port} (the other player joins this address)")
    try:
        match = host_match(session, listener, chart, windows)
        return await _with_bot(session, match, model, seed)
    finally:
        await session.close()
        await listener.close()


async def join_with_bot(
    host: str,
    port: int,
    library: Callable[[], Iterable[Chart]],
    model: DrummerModel,
    seed: int,
    me: PlayerInfo,
    timeouts: Timeouts,
    log: Callable[[str], None],
    clock: Callable[[], float] = time.monotonic,
) -> NetResult:
    session = NetSession(False, me, clock=clock, timeouts=timeouts, log=log)
    try:
        return await _with_bot(session, join_match(session, host, port, library), model, seed)
    finally:
        await session.close()


__all__ = ["bot_info", "host_with_bot", "join_with_bot", "play_bot"]
