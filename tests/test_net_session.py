"""Two sessions in one process, over loopback through a rude relay (80 ms +- 20 ms each way,
reordering, duplicates, a dropped connection), with the joiner's clock 5 s off."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import socket
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from net_relay import Relay, send_garbage

from drumsync.core import generate_chart, score, simulate
from drumsync.core.drummers import parse_spec
from drumsync.net.endpoints import NetError
from drumsync.net.headless import bot_info, host_with_bot, join_with_bot
from drumsync.net.session import Timeouts

CHART = generate_chart(seed=3, style="rock", bpm=150.0, difficulty=3, bars=3)
SKEW_S = 5.0
QUICK = Timeouts(handshake_s=5.0, wait_for_joiner_s=10.0, reconnect_s=10.0, start_delay_s=0.5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_host(port, chart=CHART, spec="steady", timeouts=QUICK, logs=None):
    model = parse_spec(spec)
    task = asyncio.create_task(
        host_with_bot(
            chart,
            "standard",
            model,
            0,
            bot_info(None, model, 0.0),
            "127.0.0.1",
            port,
            timeouts,
            (logs if logs is not None else []).append,
        )
    )
    for _ in range(100):  # until it listens (bounded)
        await asyncio.sleep(0.02)
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            continue
        writer.close()
        break
    return task


def join(port, spec="clumsy", library=(), clock=time.monotonic, logs=None, timeouts=QUICK):
    model = parse_spec(spec)
    return join_with_bot(
        "127.0.0.1",
        port,
        lambda: list(library),
        model,
        0,
        bot_info(None, model, 0.0),
        timeouts,
        (logs if logs is not None else []).append,
        clock=clock,
    )


def test_rude_network_same_result_as_side_by_side():
    async def main():
        port = free_port()
        host_logs, join_logs = [], []
        host = await start_host(port, logs=host_logs)
        relay = Relay(
            ("127.0.0.1", port),
            delay_s=0.08,
            jitter_s=0.02,
            duplicate_p=0.08,
            seed=7,
            drop_after_hits=25,
        )
        relay_port = await relay.start()
        skewed = lambda: time.monotonic() + SKEW_S  # noqa: E731
        joined = await join(relay_port, clock=skewed, logs=join_logs)
        hosted = await asyncio.wait_for(host, 60)
        await relay.close()
        return hosted, joined, relay.stats, host_logs, join_logs

    hosted, joined, stats, host_logs, join_logs = asyncio.run(main())
    # the network was rude
    assert stats.drops == 1 and stats.connections == 2
    assert stats.reordered > 0 and stats.duplicated > 0
    assert any("paused at" in line for line in host_logs + join_logs)
    # both sides completed and agree, and the result is the side-by-side one
    assert hosted.complete and joined.complete
    assert hosted.replay == joined.replay
    side_by_side = score(CHART, simulate(CHART, parse_spec("steady"), parse_spec("clumsy")))
    assert hosted.report.to_json() == joined.report.to_json() == side_by_side.to_json()
    assert hosted.replay.header.players == ("bot-steady", "bot-clumsy")


def test_clock_alignment_error_under_2_ms_through_the_jittery_relay():
    """The joiner's clock runs SKEW_S ahead; the estimate must find -SKEW_S within 2 ms."""

    async def main():
        port = free_port()
        host = await start_host(port)
        relay = Relay(("127.0.0.1", port), delay_s=0.08, jitter_s=0.02, duplicate_p=0.0, seed=3)
        relay_port = await relay.start()
        logs = []
        await join(relay_port, clock=lambda: time.monotonic() + SKEW_S, logs=logs)
        await asyncio.wait_for(host, 60)
        await relay.close()
        return logs

    logs = asyncio.run(main())
    line = next(line for line in logs if line.startswith("clock:"))
    offset_ms = float(line.split("host is ")[1].split(" ms")[0])
    assert abs(offset_ms + SKEW_S * 1000) < 2.0, line


def test_chart_the_joiner_lacks_is_refused_clearly_on_both_sides():
    edited = dataclasses.replace(CHART, meta=dataclasses.replace(CHART.meta, title="Home Song"))

    async def main():
        port = free_port()
        host = await start_host(port, chart=edited)
        with pytest.raises(NetError, match="you do not have the host's chart 'Home Song'"):
            await join(port, library=[CHART])
        with pytest.raises(NetError, match="cannot play this chart: you do not have"):
            await asyncio.wait_for(host, 20)

    asyncio.run(main())


def test_file_chart_the_joiner_holds_is_played():
    edited = dataclasses.replace(CHART, meta=dataclasses.replace(CHART.meta, title="Home Song"))

    async def main():
        port = free_port()
        host = await start_host(port, chart=edited)
        joined = await join(port, library=[CHART, edited])
        return await asyncio.wait_for(host, 60), joined

    hosted, joined = asyncio.run(main())
    assert hosted.complete and hosted.report.to_json() == joined.report.to_json()


def test_refused_and_silent_hosts_are_one_line_errors():
    async def main():
        port = free_port()
        with pytest.raises(NetError, match="refused the connection"):
            await join(port)

        async def silent(reader, writer):
            try:
                await asyncio.sleep(3)
            finally:  # also when the test ends first and this is cancelled
                writer.close()

        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        silent_port = server.sockets[0].getsockname()[1]
        quick = dataclasses.replace(QUICK, handshake_s=0.5)
        with pytest.raises(NetError, match="no greeting"):
            await join(silent_port, timeouts=quick)
        server.close()
        await server.wait_closed()

    asyncio.run(main())


def test_link_lost_for_good_ends_with_the_local_result():
    async def main():
        port = free_port()
        short = dataclasses.replace(QUICK, reconnect_s=1.0)
        host = await start_host(port, timeouts=short)
        relay = Relay(
            ("127.0.0.1", port), delay_s=0.01, jitter_s=0.0, duplicate_p=0.0, drop_after_hits=15
        )
        relay_port = await relay.start()
        joiner = asyncio.create_task(join(relay_port, timeouts=short))
        while relay.stats.drops == 0:  # bounded by the song: the drop comes after 15 hits
            await asyncio.sleep(0.05)
        await relay.close()  # and the relay is gone: no way back
        return await asyncio.wait_for(host, 30), await asyncio.wait_for(joiner, 30)

    hosted, joined = asyncio.run(main())
    for result in (hosted, joined):
        assert not result.complete
        assert any("did not come back" in note for note in result.notes)
        assert len(result.replay.events) > 0
    # each side kept every hit of its own player it played before the pause
    assert hosted.report.players[0].note_count == joined.report.players[0].note_count


# --- a hostile peer against a live host ---------------------------------------------------

garbage_line = st.one_of(
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ") + b"\n"),
    st.dictionaries(
        st.sampled_from(["v", "type", "seq", "t0", "name", "role", "x"]),
        st.one_of(st.integers(), st.text(max_size=20), st.floats(), st.none()),
        max_size=5,
    ).map(lambda d: json.dumps(d).encode() + b"\n"),
    st.just(b"x" * 5000 + b"\n"),
    st.just(
        b'{"v":1,"type":"hello","role":"host","name":"Eve","device":"k","offset_ms":0,'
        b'"session":""}\n'
    ),
)


IMPATIENT = dataclasses.replace(QUICK, handshake_s=0.5)


@settings(max_examples=25, deadline=None)
@given(st.lists(garbage_line, min_size=1, max_size=8))
def test_live_host_answers_garbage_with_errors_and_stays_up(lines):
    async def main():
        port = free_port()
        host = await start_host(port, timeouts=IMPATIENT)
        replies = await send_garbage(port, lines)
        up = not host.done()
        host.cancel()
        await asyncio.gather(host, return_exceptions=True)
        return replies, up

    replies, up = asyncio.run(main())
    assert up, "the host must stay up"
    assert replies and all(r.type == "error" for r in replies)


def test_after_a_hostile_caller_a_real_player_still_plays():
    async def main():
        port = free_port()
        host = await start_host(port)
        replies = await send_garbage(port, [b"\x00\xff\n", b'{"v":1,"type":"bye"}\n'] * 3)
        joined = await join(port)
        return replies, await asyncio.wait_for(host, 60), joined

    replies, hosted, joined = asyncio.run(main())
    # the bad bytes are answered, then a message that is not a hello: the host hangs up
    assert [r.type for r in replies] == ["error", "error"]
    assert hosted.complete and joined.complete
    assert hosted.report.to_json() == joined.report.to_json()
