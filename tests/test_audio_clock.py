"""SongClock: follows a drifting, jittery audio position; monotonic; pause; wall clock; rate."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.audio.clock import SNAP_S, SongClock
from drumsync.audio.song_audio import SongAudio
from drumsync.core.voices import Voice

BUFFER_S = 512 / 44100


class FakeDevice:
    """An audio device whose clock runs ``speed`` x real time, read like ``get_pos``:
    whole milliseconds of frames mixed plus whole milliseconds since the last buffer."""

    def __init__(self, speed: float = 1.0, jitter_s: float = 0.0, seed: int = 0):
        rng = np.random.default_rng(seed)
        period = BUFFER_S / speed
        self.callbacks = np.cumsum(rng.normal(period, jitter_s, 20000)) + 0.003

    def play_head(self, t: float) -> float:
        """The true play head (seconds of track) at time t: linear between buffers."""
        k = int(np.searchsorted(self.callbacks, t, side="right"))
        if k == 0:
            return -BUFFER_S
        frac = (t - self.callbacks[k - 1]) / (self.callbacks[k] - self.callbacks[k - 1])
        return (k - 1 + frac) * BUFFER_S

    def reading(self, t: float) -> float:
        k = int(np.searchsorted(self.callbacks, t, side="right"))
        mixed_ms = math.floor(1000 * k * BUFFER_S)
        since_ms = math.floor(1000 * t) - math.floor(1000 * self.callbacks[k - 1])
        return (mixed_ms + since_ms) / 1000 + 0.0005 - BUFFER_S


def run(device: FakeDevice, seconds: float, poll_s: float = 0.001, seed: int = 1, clock=None):
    rng = np.random.default_rng(seed)
    clock = clock or SongClock()
    t = 0.0
    clock.start(t, -BUFFER_S / 2)
    times, songs, truth = [], [], []
    while t < seconds:
        t += rng.uniform(0.5, 1.5) * poll_s
        audio = device.reading(t) if t > 0.05 else None  # AudioEngine's settle time
        songs.append(clock.update(t, audio))
        times.append(t)
        truth.append(device.play_head(t))
    return np.array(times), np.array(songs), np.array(truth), clock


@pytest.mark.parametrize("speed", [0.96, 1.0, 1.042])
def test_follows_a_fast_or_slow_device_within_a_millisecond(speed):
    times, songs, truth, clock = run(FakeDevice(speed), 20.0)
    error_ms = (songs - truth)[times > 0.5] * 1000
    print(f"speed {speed}: error mean {error_ms.mean():+.3f} ms, max {np.abs(error_ms).max():.3f}")
    assert np.max(np.abs(error_ms)) < 1.0
    assert clock.speed == pytest.approx(speed, abs=0.002)
    assert np.all(np.diff(songs) >= 0)
    assert clock.snaps == 0


def test_follows_a_jittery_device_and_never_steps_back():
    times, songs, truth, _ = run(FakeDevice(1.04, jitter_s=0.0001), 20.0)
    error_ms = (songs - truth)[times > 0.5] * 1000
    assert np.max(np.abs(error_ms)) < 2.0
    assert np.all(np.diff(songs) >= 0)


def test_sixty_hz_polling_is_enough():
    times, songs, truth, _ = run(FakeDevice(1.03), 20.0, poll_s=1 / 60)
    error_ms = (songs - truth)[times > 1.0] * 1000
    assert np.max(np.abs(error_ms)) < 2.0


def test_snaps_forward_and_holds_instead_of_going_back():
    clock = SongClock()
    clock.start(0.0, 0.0)
    clock.update(0.001, 0.001)  # first reading taken as it is
    assert clock.update(0.010, 0.010) == pytest.approx(0.010, abs=1e-4)
    # The audio jumps 100 ms ahead (a seek, a driver hiccup): snap.
    assert clock.update(0.011, 0.111) == pytest.approx(0.111)
    assert clock.snaps == 1
    # The audio falls 100 ms behind: hold still, never go back ...
    held = clock.update(0.012, 0.012)
    assert held >= 0.111
    later = [clock.update(0.012 + 0.001 * i, 0.012 + 0.001 * i) for i in range(1, 90)]
    assert all(b >= a for a, b in zip([held, *later], later, strict=False))
    # ... until the audio has caught up; then follow it again.
    for i in range(90, 400):
        song = clock.update(0.012 + 0.001 * i, 0.012 + 0.001 * i)
    assert song == pytest.approx(0.012 + 0.399, abs=0.002)


def test_small_errors_are_smoothed_not_snapped():
    clock = SongClock()
    clock.start(0.0, 0.0)
    clock.update(0.001, 0.001)
    song = clock.update(0.002, 0.002 + 0.8 * SNAP_S)
    assert clock.snaps == 0
    assert 0.002 < song < 0.002 + 0.1 * SNAP_S  # pulled a little, with a 50 ms half-life
    for i in range(3, 400):
        song = clock.update(0.001 * i, 0.001 * i + 0.8 * SNAP_S)
    assert song == pytest.approx(0.399 + 0.8 * SNAP_S, abs=0.001)


def test_pause_freezes_and_resume_continues():
    clock = SongClock()
    clock.start(10.0, 0.0)
    clock.update(10.1, 0.1)
    paused = clock.pause(10.2)
    assert paused == pytest.approx(0.2, abs=0.002)
    assert clock.update(15.0, None) == paused  # updates while paused change nothing
    assert clock.time_at(16.0) == paused
    clock.resume(20.0)
    # The audio resumes where it stopped; the clock continues from the frozen time.
    assert clock.update(20.05, 0.25) == pytest.approx(0.25, abs=0.002)
    assert clock.update(20.15, 0.35) == pytest.approx(0.35, abs=0.002)


def test_wall_clock_mode_without_audio():
    clock = SongClock()
    clock.start(100.0, None)
    assert clock.wall_clock
    assert clock.update(101.5) == pytest.approx(1.5)
    clock.pause(102.0)
    clock.resume(110.0)
    assert clock.update(111.0) == pytest.approx(3.0)
    assert clock.time_at(111.5) == pytest.approx(3.5)


def test_rate_and_output_offset():
    # Rendered at half speed: one audio second is half a second of chart (song) time.
    clock = SongClock(rate=0.5, output_offset_s=0.02)
    clock.start(0.0, 0.0)
    for i in range(1, 2001):
        song = clock.update(0.001 * i, 0.001 * i)
    assert song == pytest.approx((2.0 - 0.02) * 0.5, abs=1e-6)
    assert clock.time_at(2.1) == pytest.approx((2.1 - 0.02) * 0.5, abs=1e-4)
    with pytest.raises(ValueError):
        SongClock(rate=2.0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0.0, 0.05),
            st.one_of(st.none(), st.floats(-1.0, 1.0)),
            st.sampled_from(["update", "update", "update", "pause", "resume"]),
        ),
        max_size=200,
    )
)
def test_song_time_never_goes_backwards(steps):
    clock = SongClock()
    now = 0.0
    clock.start(now, 0.0)
    last = clock.song_s
    for dt, audio_offset, action in steps:
        now += dt
        if action == "pause":
            song = clock.pause(now)
        elif action == "resume":
            song = clock.resume(now)
        else:
            song = clock.update(now, None if audio_offset is None else now + audio_offset)
        assert song >= last
        assert clock.time_at(now) >= last
        last = song


class SilentEngine:
    available = False
    buffer_s = BUFFER_S

    def __init__(self):
        self.calls = []

    def start_song(self, buffer):
        self.calls.append("start")

    def position_s(self):
        return None

    def pause(self):
        self.calls.append("pause")

    def resume(self):
        self.calls.append("resume")

    def stop(self):
        self.calls.append("stop")


def test_the_song_audio_runs_on_the_timer_without_an_audio_position():
    engine = SilentEngine()
    audio = SongAudio(SongClock(), engine, np.zeros((10, 2), np.float32))
    audio.start(5.0)
    assert audio.tick(5.0) == 0.0
    assert audio.clock.wall_clock
    assert audio.tick(6.0) == pytest.approx(1.0)
    audio.pause(6.0)
    assert audio.tick(9.0) == pytest.approx(1.0)
    audio.resume(9.0)
    assert audio.tick(9.25) == pytest.approx(1.25)
    assert audio.time_at(9.5) == pytest.approx(1.5)
    audio.stop()
    assert engine.calls == ["start", "pause", "resume", "stop"]
    assert audio.time_at(10.0) == 0.0  # stopped: the next start begins the song again


def test_loading_the_track_does_not_count_as_played():
    engine = SilentEngine()
    engine.available = True  # a device whose play head is not read yet
    engine.position_s = lambda: None
    clock_now = iter([5.04])  # starting the track took 40 ms
    audio = SongAudio(SongClock(), engine, np.zeros((10, 2), np.float32))
    audio.start(5.0, lambda: next(clock_now))
    assert audio.time_at(5.04) == pytest.approx(-BUFFER_S / 2)  # zero after the load
    assert audio.time_at(5.10) == pytest.approx(0.06 - BUFFER_S / 2)


def test_the_song_audio_without_an_engine_is_silent_and_counts_hits():
    audio = SongAudio(SongClock())
    assert audio.time_at(1.0) == 0.0  # not started
    audio.start(1.0)
    audio.play_hit(Voice.SNARE, 1.0)
    assert audio.hits_played == 1
    assert audio.tick(1.5) == pytest.approx(0.5)
    audio.close()
