"""End to end in a real window: real X key presses (XTEST) play a generated chart under Xvfb,
and the saved replay's hit times agree with the moments the keys went down.

The game runs as ``drumsync play CHART --replay-out R`` in its own process. This test presses
the keys of both players in turn (``a s d f`` / ``j k l ;``), at least 60 ms apart, noting
``time.perf_counter()`` around each press (the same CLOCK_MONOTONIC as the game's stamps).
Replay times are song times, so they are fitted to the press times by a straight line
(``replay = a + b * press``: the song clock's origin, and its rate if it follows an audio
device running off the wall clock); the residuals measure the input stamping itself.

The game runs with ``--no-sound``, so its song clock runs on the wall clock. With sound on
CI's only devices, SDL's ``dummy`` and ``disk`` audio drivers, the clock follows their coarse
play positions and wanders around a straight line by a few ms over a song (measured SD
1.6..2.4 ms, max 5..6.5 ms against the game's own stamps); that is the audio clock's doing,
not the input path's, and no real device paces itself that way.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from xvfb_support import XClient, xvfb  # noqa: F401  (xvfb is a fixture)

from drumsync.core import generate_chart, load_chart, load_replay
from drumsync.core.chart_io import save_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS

pytestmark = pytest.mark.xvfb

PRESSES = 140
MIN_MATCHED = 100
GAP_S = (0.060, 0.090)  # between presses: a human drum roll, not a machine-gun
HOLD_S = 0.025
#: The play scene waits READY_S (1.5 s) after the window opens before the song clock starts.
SETTLE_S = 3.0
MAX_SD_MS = 1.5
#: 95 % of presses within this; a rare press may be later when the shared machine runs the game
#: process late (seen: 4.2 ms with every core busy), so the worst one is held to half a
#: 60 Hz frame: stamping by frame instead of by poll would still fail all three bounds.
P95_ABS_MS = 3.0
MAX_ABS_MS = 8.0
#: A press whose XTEST round trip took longer is known only to within half of it: leave it
#: out of the fit (the test process was descheduled; nothing to do with the game).
MAX_ROUND_TRIP_S = 0.004
KEYSYMS = {";": "semicolon"}
# 120 bpm, 8 bars: a count-in from 1 s, music 3..19 s; the presses (about 10.5 s) fit well
# inside it even when the window took a while to open.
CHART_ARGS = {
    "seed": 7,
    "style": "rock",
    "bpm": 120.0,
    "difficulty": 3,
    "bars": 8,
    "parts": "unison",
}


@dataclass(frozen=True, slots=True)
class Press:
    player: Player
    voice: Voice
    sent_s: float  # perf_counter just before the XTEST request went out
    done_s: float  # perf_counter just after the server confirmed it (display.sync())

    @property
    def time_s(self) -> float:
        """The server turned the request into a key event between the two readings."""
        return (self.sent_s + self.done_s) / 2.0

    @property
    def round_trip_s(self) -> float:
        return self.done_s - self.sent_s


@dataclass(frozen=True, slots=True)
class Fit:
    intercept_s: float
    slope: float
    residuals_ms: np.ndarray

    @property
    def sd_ms(self) -> float:
        return float(np.std(self.residuals_ms, ddof=2))

    @property
    def max_abs_ms(self) -> float:
        return float(np.max(np.abs(self.residuals_ms)))

    @property
    def p95_abs_ms(self) -> float:
        return float(np.percentile(np.abs(self.residuals_ms), 95))

    def summary(self, n: int) -> str:
        r = self.residuals_ms
        return (
            f"{n} presses: residual SD {self.sd_ms:.2f} ms, 95 % within {self.p95_abs_ms:.2f} ms, "
            f"max |r| {self.max_abs_ms:.2f} ms "
            f"(range {r.min():+.2f}..{r.max():+.2f}), slope {self.slope:.6f}"
        )


def fit_line(press_s: np.ndarray, replay_s: np.ndarray) -> Fit:
    """Least squares ``replay = a + b * press`` (centred, for conditioning)."""
    x = press_s - press_s.mean()
    design = np.column_stack([np.ones_like(x), x])
    (a, b), *_ = np.linalg.lstsq(design, replay_s, rcond=None)
    residuals = replay_s - (a + b * x)
    return Fit(float(a - b * press_s.mean()), float(b), residuals * 1000.0)


def press_plan(count: int, seed: int = 4) -> list[tuple[Player, Voice, float]]:
    """(player, voice, gap before the press): players alternate, voices at random."""
    rng = random.Random(seed)
    plan = []
    for i in range(count):
        player = Player.P1 if i % 2 == 0 else Player.P2
        plan.append((player, rng.choice(list(Voice)), rng.uniform(*GAP_S)))
    return plan


def keysym_for(player: Player, voice: Voice) -> str:
    name = DEFAULT_BINDINGS.key_for(player, voice)
    return KEYSYMS.get(name, name)


def play_keys(x: XClient, plan) -> list[Press]:
    """Press (and release) each planned key through XTEST; the presses as sent."""
    codes = {(p, v): x.keycode(keysym_for(p, v)) for p, v, _ in plan}
    presses = []
    last_s = time.perf_counter()
    for player, voice, gap_s in plan:
        _sleep_until(last_s + gap_s)  # never closer than planned, however late the last one
        code = codes[(player, voice)]
        sent = time.perf_counter()
        x.key_down(code)
        done = time.perf_counter()
        presses.append(Press(player, voice, sent, done))
        _sleep_until(done + HOLD_S)
        x.key_up(code)
        last_s = sent
    return presses


def _sleep_until(t_s: float) -> None:
    left = t_s - time.perf_counter()
    if left > 0:
        time.sleep(left)


def match_presses(presses: list[Press], events) -> tuple[list[Press], list]:
    """Pair the replay's events with the presses, in order. Presses the game did not record
    can only be the first few (before the song clock started): drop those."""
    skipped = len(presses) - len(events)
    assert 0 <= skipped <= 10, (
        f"{len(presses)} presses but {len(events)} events in the replay "
        "(did the game pause, e.g. on a focus loss, or start late?)"
    )
    kept = presses[skipped:]
    for i, (press, event) in enumerate(zip(kept, events, strict=True)):
        assert (event.player, event.voice) == (press.player, press.voice), (
            f"event {i}: replay has {event.player.label} {event.voice.label}, "
            f"the key pressed was {press.player.label} {press.voice.label}"
        )
    return kept, list(events)


def run_game(xvfb_server, tmp_path: Path, sound: bool) -> tuple[list[Press], Path, Path, str]:
    """Play the chart in a window with real key presses; (presses, chart, replay, log)."""
    chart_path = tmp_path / "chart.json"
    replay_path = tmp_path / "replay.json"
    chart = generate_chart(**CHART_ARGS)
    save_chart(chart, chart_path)
    env = xvfb_server.env(
        SDL_AUDIODRIVER="dummy",
        DRUMSYNC_CONFIG_DIR=str(tmp_path / "config"),
        DRUMSYNC_DATA_DIR=str(tmp_path / "data"),
    )
    command = [sys.executable, "-m", "drumsync", "play", str(chart_path)]
    command += ["--replay-out", str(replay_path)]
    if not sound:
        command.append("--no-sound")
    log_path = tmp_path / "game.log"
    with open(log_path, "wb") as log:
        game = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        with XClient(xvfb_server.display) as x:
            window = x.wait_for_window(game.pid, 60.0, alive=lambda: game.poll() is None)
            assert window is not None, f"no game window: {log_path.read_text()}"
            x.focus(window)
            time.sleep(SETTLE_S)
            assert game.poll() is None, f"the game ended early: {log_path.read_text()}"
            presses = play_keys(x, press_plan(PRESSES))
            song_left_s = chart.duration_s + 10.0
            _wait_for(lambda: replay_path.exists() or game.poll() is not None, song_left_s)
            assert replay_path.exists(), f"no replay was written: {log_path.read_text()}"
            # The results scene stays up until the player leaves: close the window as a
            # window manager's close button would (without a results scene it closes itself).
            if not _wait_for(lambda: game.poll() is not None, 3.0):
                window = x.window_of_pid(game.pid)
                if window is not None:
                    x.request_close(window)
            code = game.wait(timeout=30)
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
    return presses, chart_path, replay_path, f"exit {code}: {log_path.read_text()}"


def _wait_for(condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_fit_line_recovers_a_line_and_its_residuals():
    press = np.linspace(100.0, 110.0, 48)
    noise = np.tile([0.001, -0.001, -0.001, 0.001], 12)  # orthogonal to a line
    fit = fit_line(press, 3.0 + 1.04 * (press - 100.0) + noise)
    assert fit.slope == pytest.approx(1.04, abs=1e-6)
    assert fit.intercept_s == pytest.approx(3.0 - 104.0, abs=1e-6)
    assert fit.max_abs_ms == pytest.approx(1.0, abs=1e-6)
    assert fit.p95_abs_ms == pytest.approx(1.0, abs=1e-6)
    assert fit.sd_ms == pytest.approx(np.sqrt(48 / 46), abs=1e-6)


def test_real_key_presses_land_in_the_replay_within_a_millisecond(xvfb, tmp_path):  # noqa: F811
    presses, chart_path, replay_path, log = run_game(xvfb, tmp_path, sound=False)
    assert log.startswith("exit 0:"), log
    chart = load_chart(chart_path)
    replay = load_replay(replay_path, chart=chart)
    recorded, events = match_presses(presses, replay.events)
    timed = [i for i, p in enumerate(recorded) if p.round_trip_s <= MAX_ROUND_TRIP_S]
    press_s = np.array([recorded[i].time_s for i in timed])
    replay_s = np.array([events[i].time_s for i in timed])
    fit = fit_line(press_s, replay_s)
    round_trip_ms = np.array([p.round_trip_s for p in presses]) * 1000.0
    report = (
        f"{fit.summary(len(timed))}; of {len(presses)} presses "
        f"{len(presses) - len(recorded)} came before the song clock started and "
        f"{len(recorded) - len(timed)} had an XTEST round trip over "
        f"{MAX_ROUND_TRIP_S * 1000:g} ms (mean {round_trip_ms.mean():.2f}, "
        f"max {round_trip_ms.max():.2f} ms)"
    )
    print("\n" + report)
    assert len(timed) >= MIN_MATCHED, report
    assert fit.sd_ms <= MAX_SD_MS, report
    assert fit.p95_abs_ms <= P95_ABS_MS, report
    assert fit.max_abs_ms <= MAX_ABS_MS, report
    assert 0.9 < fit.slope < 1.1, report
    scored = subprocess.run(
        [sys.executable, "-m", "drumsync", "score", str(chart_path), str(replay_path), "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ, DRUMSYNC_CONFIG_DIR=str(tmp_path / "config")),
    )
    assert scored.returncode == 0, scored.stderr
    players = json.loads(scored.stdout)["players"]
    assert [p["notes"] for p in players] == [len(chart.part(p)) for p in Player]
