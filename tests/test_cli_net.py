"""``drumsync net host`` and ``drumsync net join`` as two processes on loopback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest

from drumsync.cli import main

CHART_ARGS = ["--seed", "5", "--style", "dance-pop", "--bpm", "150", "--bars", "3"]
LIMIT_S = 90
LOOPBACK_HOST = ["net", "host", "--p1-bot", "steady", "--bind", "127.0.0.1"]


def drumsync(*args: str) -> list[str]:
    return [sys.executable, "-m", "drumsync", *args]


def child_env(folder) -> dict:
    return {
        **os.environ,
        "DRUMSYNC_DATA_DIR": str(folder / "data"),
        "DRUMSYNC_CONFIG_DIR": str(folder / "config"),
    }


def start_host(folder, *extra: str) -> tuple[subprocess.Popen, int]:
    """A host process listening on a free loopback port, and that port."""
    folder.mkdir(parents=True, exist_ok=True)
    host = subprocess.Popen(
        drumsync(
            *LOOPBACK_HOST,
            *CHART_ARGS,
            "--port",
            "0",
            "--wait-s",
            "30",
            "--json",
            "--replay-out",
            str(folder / "match.json"),
            *extra,
        ),
        env=child_env(folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = host.stderr.readline()
        found = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if found:
            return host, int(found.group(1))
        if not line and host.poll() is not None:
            break
    host.kill()
    raise AssertionError(f"the host did not start listening: {host.stderr.read()}")


def run_join(folder, address: str, *extra: str) -> subprocess.CompletedProcess:
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        drumsync(
            "net",
            "join",
            address,
            "--p2-bot",
            "clumsy",
            "--json",
            "--replay-out",
            str(folder / "match.json"),
            *extra,
        ),
        env=child_env(folder),
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
        check=False,
    )


def finish(host: subprocess.Popen) -> tuple[int, str, str]:
    out, err = host.communicate(timeout=LIMIT_S)
    return host.returncode, out, err


def test_two_processes_print_the_same_report_as_score_and_simulate(tmp_path, capsys):
    host, port = start_host(tmp_path / "host")
    joined = run_join(tmp_path / "join", f"127.0.0.1:{port}")
    code, host_out, host_err = finish(host)
    assert code == 0, host_err
    assert joined.returncode == 0, joined.stderr
    assert "Traceback" not in host_err + joined.stderr
    assert host_out == joined.stdout
    report = json.loads(host_out)
    # both saved the same merged replay, and `drumsync score` on it prints the same report
    host_replay = (tmp_path / "host" / "match.json").read_text()
    assert host_replay == (tmp_path / "join" / "match.json").read_text()
    chart = tmp_path / "chart.json"
    assert main(["generate", *CHART_ARGS, "-o", str(chart)]) == 0
    capsys.readouterr()
    assert main(["score", str(chart), str(tmp_path / "host" / "match.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report
    # ... which is the side-by-side result of the same drummers
    assert main(["simulate", *CHART_ARGS, "--p1", "steady", "--p2", "clumsy", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report
    # the replay is also filed in each side's data folder
    assert list((tmp_path / "join" / "data" / "replays").glob("*.json"))
    # the joiner says how well the clocks agree (the same machine: no true offset)
    clock = re.search(r"host is ([-+]\d+\.\d+) ms from here", joined.stderr)
    assert clock and abs(float(clock.group(1))) < 2.0


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("127.0.0.1:0", "port must be a number 1..65535"),
        ("bad host!", "not a host name or address"),
        ("[::1", "missing ']'"),
    ],
)
def test_bad_addresses_are_one_line_exit_2(tmp_path, address, says):
    joined = run_join(tmp_path, address)
    assert joined.returncode == 2
    lines = joined.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and lines[0].startswith("drumsync net: error:")


def test_refused_connection_is_one_line_exit_2(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    joined = run_join(tmp_path, f"127.0.0.1:{port}")
    assert joined.returncode == 2
    assert (
        joined.stderr.strip()
        .splitlines()[-1]
        .endswith("refused the connection (is the host waiting, on that port?)")
    )
    assert "Traceback" not in joined.stderr


def test_host_nobody_joins_is_one_line_exit_2(tmp_path, capsys):
    code = main(
        [
            "net",
            "host",
            "--bars",
            "1",
            "--p1-bot",
            "steady",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--wait-s",
            "1",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines()[-1] == "drumsync net: error: no one joined within 1 s"


def test_host_port_in_use_is_one_line_exit_2(capsys):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(
            [
                *LOOPBACK_HOST,
                "--port",
                str(port),
                "--wait-s",
                "1",
            ]
        )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"drumsync net: error: cannot listen on 127.0.0.1:{port}:")


def test_missing_bot_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["net", "join", "127.0.0.1"])
    assert info.value.code == 2
    assert "--p2-bot" in capsys.readouterr().err
