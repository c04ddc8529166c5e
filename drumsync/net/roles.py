"""The two roles: the host waits for a joiner, offers the chart and sets the start; the
joiner dials, aligns its clock and accepts the chart. Then both play through
(:func:`play_through`), reconnecting after a drop: the joiner dials again, the host takes
the connection that presents this match's secret token."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable, Iterable

from ..core.chart import Chart
from .chart_offer import ChartOffer, ChartRefused, accept_offer, offer_for
from .clock import ROUND_TRIPS, estimate_offset
from .endpoints import CONNECT_TIMEOUT_S, Listener, NetError, dial
from .link import Link, Received
from .session import TICK_S, NetResult, NetSession, Phase, PlayerInfo

#: Spacing of the alignment burst's pings (120 of them take under two seconds).
BURST_SPACING_S = 0.015
RETRY_DIAL_S = 0.5
#: Messages kept that overtook the host's hello (the rest of a greeting burst).
MAX_EARLY_MESSAGES = 64


def _hello(session: NetSession, token: str) -> dict:
    me = session.me
    role = "host" if session.is_host else "join"
    return {
        "role": role,
        "name": me.name,
        "device": me.device,
        "offset_ms": me.offset_ms,
        "session": token,
    }


def _info(message) -> PlayerInfo:
    return PlayerInfo(message["name"], message["device"], message["offset_ms"])


# --- host -------------------------------------------------------------------------------


async def _greet_joiner(session: NetSession, link: Link, token: str, resuming: bool):
    """The joiner's PlayerInfo after a good hello (and our hello back); None otherwise."""
    try:
        got = await link.receive(session.timeouts.handshake_s)
    except BaseException:  # cancelled: the match ended meanwhile
        await link.close()
        raise
    if got is None:
        return None
    message = got.message
    problem = ""
    if message.type != "hello" or message["role"] != "join":
        problem = "expected a hello from a joining player"
    elif resuming and message["session"] != token:
        problem = "a match is already being played here"
    elif not resuming and message["session"]:
        problem = "that match is over"
    if problem:
        await link.send("error", reason=problem)
        await link.close()
        return None
    if not await link.send("hello", **_hello(session, token)):
        return None
    return _info(message)


async def _gatekeeper(session: NetSession, listener: Listener, token: str) -> None:
    """During the match: greet every new connection; the real joiner's comes back as
    ``session.pending_link`` (strangers are told no and closed)."""
    while session.phase not in (Phase.FINISHED, Phase.ENDED):
        link = await listener.next_link(1.0)
        if link is None:
            continue
        if await _greet_joiner(session, link, token, resuming=True) is not None:
            if session.pending_link is not None:
                await session.pending_link.close()
            session.pending_link = link
            session.wake.set()


async def _host_reconnect(session: NetSession) -> bool:
    """Take the joiner's new connection (if it comes in time) and set the resume."""
    if not await session.until(
        lambda: session.pending_link is not None, session.timeouts.reconnect_s
    ):
        return False
    link, session.pending_link = session.pending_link, None
    session.attach(link)
    session.after_reconnect()
    if (
        not await session.until(
            lambda: session.partner_pause_s is not None or session.link is None,
            session.timeouts.handshake_s,
        )
        or session.link is None
    ):
        return await _host_reconnect(session)
    song_s = session.resume_point()
    delay_s = max(session.timeouts.start_delay_s, 4.0 * (session.link_delay_ms or 0.0) / 1000.0)
    at = session.shared_now() + delay_s
    session.song.start(at, song_s)
    session.post("resume", at=at, song_s=song_s)
    if session.phase == Phase.PAUSED:
        session.phase = Phase.PLAYING
    session.log(f"link back: the song goes on from {song_s:.2f} s in {delay_s:.1f} s")
    return True


async def host_match(
    session: NetSession, listener: Listener, chart: Chart, windows: str, token: str = ""
) -> NetResult:
    """Wait for a joiner on ``listener``, play ``chart`` with it; ``token`` (the match's
    secret, a fresh one by default) is what a reconnecting joiner must present."""
    token = token or secrets.token_hex(16)
    session.chart, session.windows = chart, windows
    offer = offer_for(chart, windows)
    timeouts = session.timeouts
    deadline = session.clock() + timeouts.wait_for_joiner_s
    while True:
        link = await listener.next_link(max(0.0, deadline - session.clock()))
        if link is None:
            raise NetError(f"no one joined within {timeouts.wait_for_joiner_s:g} s")
        partner = await _greet_joiner(session, link, token, resuming=False)
        if partner is not None:
            break
    session.partner = partner
    session.attach(link)
    session.log(
        f"lobby: {session.me.name} ({session.me.device}) hosts "
        f"{partner.name} ({partner.device}) from {link.peer}"
    )
    session.post("chart", **offer.to_fields())
    inbound = session.inbound
    answered = await session.until(
        lambda: "chart_ok" in inbound or "chart_refused" in inbound or session.link is None,
        timeouts.handshake_s,
    )
    if "chart_refused" in inbound:
        raise NetError(
            f"{partner.name} cannot play this chart: {inbound['chart_refused'].message['reason']}"
        )
    if not answered or session.link is None:
        raise NetError(f"{partner.name} did not answer the chart offer")
    if not await session.until(
        lambda: "ready" in inbound or session.link is None,
        timeouts.handshake_s + ROUND_TRIPS * BURST_SPACING_S,
    ):
        raise NetError(f"{partner.name} did not get ready in time")
    if session.link is None:
        raise NetError(f"{partner.name} left the lobby")
    rtt_ms = inbound["ready"].message["rtt_ms"]
    session.log(f"link: {rtt_ms / 2:.1f} ms one way (as {partner.name} measured it)")
    at = session.shared_now() + timeouts.start_delay_s + 2.0 * rtt_ms / 1000.0
    session.song.start(at, chart.count_in_start_s)
    session.phase = Phase.COUNTDOWN
    session.post("start", at=at, song_s=chart.count_in_start_s)
    gate = asyncio.create_task(_gatekeeper(session, listener, token))
    try:
        return await play_through(session, lambda: _host_reconnect(session))
    finally:
        gate.cancel()
        await asyncio.gather(gate, return_exceptions=True)


# --- joiner -----------------------------------------------------------------------------


async def _dial_and_greet(session: NetSession, host: str, port: int, token: str, timeout_s):
    """A greeted link to the host, the host's hello, and what arrived ahead of that hello
    (a network may reorder); NetError with one line otherwise."""
    link = await dial(host, port, session.clock, timeout_s)
    try:
        return await _greeting(session, link, token, f"{host}:{port}")
    except BaseException:
        await link.close()
        raise


async def _greeting(session: NetSession, link: Link, token: str, where: str):
    await link.send("hello", **_hello(session, token))
    early: list[Received] = []
    while True:
        got = await link.receive(session.timeouts.handshake_s)
        if got is None:
            raise NetError(f"no greeting from {where} ({link.last_error})")
        kind = got.message.type
        if kind == "error":
            raise NetError(f"the host says: {got.message['reason']}")
        if kind == "hello" and got.message["role"] == "host":
            return link, got.message, early
        if kind == "hello" or len(early) >= MAX_EARLY_MESSAGES:
            raise NetError(f"{where} is not a DrumSync host waiting for a player")
        early.append(got)


async def _align_clock(session: NetSession) -> None:
    for _ in range(ROUND_TRIPS):
        session.send_ping()
        await asyncio.sleep(BURST_SPACING_S)
    await session.until(lambda: len(session.samples) >= ROUND_TRIPS, session.timeouts.handshake_s)
    try:
        estimate = estimate_offset(session.samples)
    except ValueError as error:
        raise NetError(f"cannot align the clocks: {error}") from None
    session.estimate, session.offset_s = estimate, estimate.offset_s
    session.log(
        f"clock: host is {estimate.offset_s * 1000:+.3f} ms from here; link "
        f"{estimate.one_way_ms:.1f} ms one way (best round trip "
        f"{estimate.best_rtt_s * 1000:.1f} ms, {estimate.used} of {estimate.total} kept)"
    )


async def _join_reconnect(session: NetSession, host: str, port: int, token: str) -> bool:
    deadline = session.clock() + session.timeouts.reconnect_s
    while session.clock() < deadline:
        resumes = session.resumes
        try:
            link, _, early = await _dial_and_greet(
                session, host, port, token, min(2.0, CONNECT_TIMEOUT_S)
            )
        except NetError:
            await asyncio.sleep(RETRY_DIAL_S)
            continue
        session.attach(link, early)
        session.after_reconnect()
        if (
            await session.until(
                lambda before=resumes: session.resumes > before or session.link is None,
                session.timeouts.handshake_s,
            )
            and session.link is not None
        ):
            session.log("link back: resuming with the host")
            return True
    return False


async def join_match(
    session: NetSession, host: str, port: int, library: Callable[[], Iterable[Chart]]
) -> NetResult:
    link, hello, early = await _dial_and_greet(session, host, port, "", CONNECT_TIMEOUT_S)
    token = hello["session"]
    session.partner = _info(hello)
    session.attach(link, early)
    session.log(
        f"lobby: {session.me.name} ({session.me.device}) joins "
        f"{session.partner.name} ({session.partner.device}) at {host}:{port}"
    )
    await _align_clock(session)
    inbound = session.inbound
    if not await session.until(
        lambda: "chart" in inbound or session.link is None, session.timeouts.handshake_s
    ):
        raise NetError("the host did not offer a chart")
    if session.link is None:
        raise NetError("the host left the lobby")
    offer = ChartOffer.from_fields(inbound["chart"].message.fields)
    try:
        chart = accept_offer(offer, library() if offer.kind == "file" else ())
    except ChartRefused as error:
        session.post("chart_refused", hash=offer.hash, reason=str(error)[:200])
        await session.link.flush()
        await session.close()
        raise NetError(str(error)) from None
    session.chart, session.windows = chart, offer.windows
    session.post("chart_ok", hash=offer.hash)
    session.post("ready", rtt_ms=session.estimate.median_rtt_s * 1000.0)
    session.log(f"chart: {chart.meta.title!r} ({offer.kind}, {offer.hash[:12]}...)")
    if not await session.until(
        lambda: session.song.started or session.link is None, session.timeouts.handshake_s
    ):
        raise NetError("the host did not start the song")
    return await play_through(session, lambda: _join_reconnect(session, host, port, token))


# --- both -------------------------------------------------------------------------------


async def play_through(session: NetSession, reconnect: Callable[[], Awaitable[bool]]) -> NetResult:
    """Run the song to its end, through drops, then complete both hit lists and compare."""
    timeouts = session.timeouts
    finish_deadline = None
    final_sent_on: Link | None = None
    agreed = False
    while session.phase not in (Phase.FINISHED, Phase.ENDED):
        if session.phase == Phase.FINISHING and session.ready_to_finish():
            digest = session.digest()
            if final_sent_on is not session.link:
                session.post("final", digest=digest)
                final_sent_on = session.link
            if session.partner_final is not None:
                agreed = session.partner_final == digest
                if not agreed:
                    session.counters.notes.append("the two sides built different replays")
                session.post("bye")
                if session.link is not None:
                    await session.link.flush()
                session.phase = Phase.FINISHED
                break
        if session.pending_link is not None and session.link is not None:
            await session.link.close()  # the joiner came back on a new connection
            session.link = None
        if session.link is None:
            point = session.pause()
            session.log(f"paused at {point:.2f} s: waiting for the other side to come back")
            if not await reconnect():
                session.phase = Phase.ENDED
                session.counters.notes.append(
                    f"the link was lost at {point:.2f} s and did not come back within "
                    f"{timeouts.reconnect_s:g} s: the result holds the hits received until then"
                )
                break
            finish_deadline = None
            continue
        if (
            session.phase in (Phase.COUNTDOWN, Phase.PLAYING)
            and session.song_time() >= session.end_s
        ):
            session.phase = Phase.FINISHING
        if session.phase == Phase.FINISHING:
            if finish_deadline is None:
                finish_deadline = session.clock() + timeouts.finish_s
                session.post("done", count=session.outbox.count)
            elif session.clock() > finish_deadline:
                session.phase = Phase.ENDED
                session.counters.notes.append("the other side did not complete the match in time")
                break
        await session.until(lambda: session.link is None, TICK_S)
    await session.close()
    return session.result(complete=agreed)


__all__ = ["host_match", "join_match", "play_through"]
