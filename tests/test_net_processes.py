"""Two ``drumsync net`` processes through the in-process rude relay (80 ms +- 20 ms one way,
reordering, duplicates, a dropped connection), and a hostile caller against a live host."""

from __future__ import annotations

import asyncio
import json
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from net_relay import Relay, send_garbage

from drumsync.core import generate_chart, load_replay, score, simulate
from drumsync.core.drummers import parse_spec

CHART_ARGS = ["--seed", "8", "--style", "rock", "--bpm", "140", "--bars", "3"]
LIMIT_S = 90


async def spawn(folder, *args: str) -> asyncio.subprocess.Process:
    folder.mkdir(parents=True, exist_ok=True)
    env = {"DRUMSYNC_DATA_DIR": str(folder / "data"), "DRUMSYNC_CONFIG_DIR": str(folder / "cfg")}
    import os

    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "drumsync", "net", *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def listening_port(host: asyncio.subprocess.Process) -> tuple[int, list[str]]:
    lines = []
    async with asyncio.timeout(30):
        while True:
            line = (await host.stderr.readline()).decode()
            lines.append(line)
            found = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
            if found:
                return int(found.group(1)), lines
            if not line:
                raise AssertionError("the host did not start: " + "".join(lines))


async def host_process(folder, wait_s="60"):
    host = await spawn(
        folder, "host", *CHART_ARGS, "--p1-bot", "steady", "--bind", "127.0.0.1", "--port", "0",
        "--wait-s", wait_s, "--json", "--replay-out", str(folder / "match.json"),
    )  # fmt: skip
    port, lines = await listening_port(host)
    return host, port, lines


async def outcome(process, early_err=()):
    async with asyncio.timeout(LIMIT_S):
        out, err = await process.communicate()
    return process.returncode, out.decode(), "".join(early_err) + err.decode()


def test_rude_relay_between_two_processes(tmp_path):
    async def main():
        host, port, early = await host_process(tmp_path / "host")
        relay = Relay(("127.0.0.1", port), delay_s=0.08, jitter_s=0.02, duplicate_p=0.08,
                      seed=11, drop_after_hits=30)  # fmt: skip
        relay_port = await relay.start()
        joiner = await spawn(
            tmp_path / "join", "join", f"127.0.0.1:{relay_port}", "--p2-bot", "clumsy",
            "--json", "--replay-out", str(tmp_path / "join" / "match.json"),
        )  # fmt: skip
        joined = await outcome(joiner)
        hosted = await outcome(host, early)
        await relay.close()
        return hosted, joined, relay.stats

    (host_code, host_out, host_err), (join_code, join_out, join_err), stats = asyncio.run(main())
    assert host_code == 0, host_err
    assert join_code == 0, join_err
    assert "Traceback" not in host_err + join_err
    # the network was rude, and the match went through a drop
    assert stats.drops == 1 and stats.connections == 2
    assert stats.reordered > 0 and stats.duplicated > 0
    assert "paused at" in host_err and "link back" in join_err
    # identical reports, equal to scoring the same hits locally and to side by side play
    assert host_out == join_out
    report = json.loads(host_out)
    chart = generate_chart(seed=8, style="rock", bpm=140.0, difficulty=3, bars=3)
    replay = load_replay(tmp_path / "host" / "match.json", chart=chart)
    assert replay == load_replay(tmp_path / "join" / "match.json", chart=chart)
    assert score(chart, replay).to_json() == report
    side_by_side = simulate(chart, parse_spec("steady"), parse_spec("clumsy"))
    assert score(chart, side_by_side).to_json() == report
    # clock alignment through 80 ms +- 20 ms: both processes share this machine's clock
    offset = re.search(r"host is ([-+]\d+\.\d+) ms from here", join_err)
    assert offset and abs(float(offset.group(1))) < 2.0, join_err


# --- a hostile caller against a live host process ----------------------------------------

#: A valid message that is not a hello: after the garbage, the host hangs up at once.
NOT_A_HELLO = b'{"v":1,"type":"bye"}\n'

garbage_line = st.one_of(
    st.binary(max_size=120).map(lambda b: b.replace(b"\n", b" ") + b"\n"),
    st.dictionaries(
        st.sampled_from(["v", "type", "seq", "time_s", "voice", "name", "role", "session"]),
        st.one_of(st.integers(), st.text(max_size=12), st.floats(), st.none(), st.booleans()),
        max_size=6,
    ).map(lambda d: json.dumps({"v": 1, **d}).encode() + b"\n"),
    st.just(b"{" * 3000 + b"\n"),
)


@pytest.fixture(scope="module")
def live_host(tmp_path_factory):
    """One host process for every fuzz example; it must still play a match afterwards."""
    folder = tmp_path_factory.mktemp("live-host")
    loop = asyncio.new_event_loop()
    host, port, early = loop.run_until_complete(host_process(folder, wait_s="600"))
    yield loop, host, port, early, folder
    if host.returncode is None:
        host.kill()
        loop.run_until_complete(host.wait())
    loop.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(garbage_line, min_size=1, max_size=6))
def test_fuzz_live_host_process(live_host, lines):
    loop, host, port, _, _ = live_host
    replies = loop.run_until_complete(send_garbage(port, [*lines, NOT_A_HELLO]))
    assert host.returncode is None, "the host process must stay up"
    assert replies and all(reply.type == "error" for reply in replies)


def test_live_host_still_plays_after_the_fuzz(live_host, tmp_path):
    loop, host, port, early, _ = live_host

    async def play():
        joiner = await spawn(tmp_path, "join", f"127.0.0.1:{port}", "--p2-bot", "steady",
                             "--json")  # fmt: skip
        return await outcome(joiner), await outcome(host, early)

    (join_code, join_out, join_err), (host_code, host_out, host_err) = loop.run_until_complete(
        play()
    )
    assert join_code == 0 and host_code == 0, host_err + join_err
    assert host_out == join_out and "Traceback" not in host_err
