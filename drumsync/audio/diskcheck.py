"""Measure the real engine against what it actually wrote: SDL's ``disk`` audio driver.

``measure()`` starts a fresh Python process with ``SDL_AUDIODRIVER=disk`` and
``SDL_DISKAUDIOFILE`` pointing at a temporary file. There the real ``AudioEngine`` plays a
click track while a ``SongClock`` follows it, polled about every 0.5 ms; a snare hit is
triggered at song times between the clicks; the file's size is watched at every poll. The
engine and clock are driven by :class:`~drumsync.audio.song_audio.SongAudio`, the transport
the game plays through. Back in
the parent, the written audio is analysed:

* *Reference position.* SDL writes each mixed buffer with ``fwrite`` (stdio, 4 KiB buffer):
  with 512-frame (2 KiB) buffers the file grows by two buffers at every second write, and at
  that moment it holds every frame written except the buffer just mixed, i.e. exactly the
  *play head* (frames mixed minus the buffer being played: what ``AudioEngine.position_s``
  reports). So at each growth of the file, the reference song time is
  ``(file_frames - start_frame) / rate_hz`` (rate 1), where ``start_frame`` is the first
  non-zero frame (the song's first click starts at full level on its first sample).
  Between growths the reference is interpolated linearly.
* *Clock error* = song clock - reference, at each growth and at every poll; growths that the
  poller saw late (a gap of more than ``MAX_POLL_GAP_S`` between polls) are not compared, nor
  are the moments around an irregular write of the driver (more than ``IRREGULAR_S`` off its
  pace: a CPU busy elsewhere; the clock cannot foresee those), until ``RECOVERY_S`` after.
* *Hit delay* = where the hit's onset is in the file (song time) - the song time at which it
  was triggered.

``python -m drumsync.audio.diskcheck [seconds] [buffer_frames]`` prints the figures.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .onsets import detect_onsets

CLICK_PERIOD_S = 0.5
HIT_PHASE_S = 0.25  # hits fall half-way between clicks
POLL_S = 0.0005
MAX_POLL_GAP_S = 0.0012
IRREGULAR_S = 0.0015
RECOVERY_S = 0.15
TAIL_S = 0.4  # no hit is triggered this close to the end: it must be mixed and written first
STDIO_BLOCK_BYTES = 4096
FRAME_BYTES = 4  # 16-bit stereo


@dataclass(frozen=True, slots=True)
class DiskCheckResult:
    seconds: float
    buffer_frames: int
    rate_hz: int
    audio_speed: float  # frames written per wall second / rate_hz (the driver's drift)
    growths: int
    sharp_growths: int  # growths timed within MAX_POLL_GAP_S, after settle_s: the ones compared
    irregular_writes: int  # growths more than IRREGULAR_S off the driver's usual pace
    clock_error_ms: np.ndarray  # at each growth of the file, after settle_s
    clock_error_unfiltered_ms: np.ndarray  # at each growth after settle_s, irregular ones too
    clock_error_all_ms: np.ndarray  # at every poll (interpolated reference), after settle_s
    settle_s: float
    max_error_first_settle_ms: float  # during the first settle_s of the run
    monotonic: bool
    hit_delay_ms: np.ndarray
    hits_triggered: int
    hits_missing_s: tuple[float, ...]  # song times of triggered hits not found in the audio
    snaps: int

    def summary(self) -> dict:
        e, a, d = self.clock_error_ms, self.clock_error_all_ms, self.hit_delay_ms
        return {
            "seconds": self.seconds,
            "buffer_frames": self.buffer_frames,
            "buffer_ms": round(1000 * self.buffer_frames / self.rate_hz, 2),
            "audio_speed_vs_wall": round(self.audio_speed, 4),
            "file_growths": self.growths,
            "growths_compared": self.sharp_growths,
            "irregular_writes": self.irregular_writes,
            "clock_error_at_growths_ms": _stats(e),
            "clock_error_all_polls_ms": _stats(a),
            "clock_error_including_irregular_writes_ms": _stats(self.clock_error_unfiltered_ms),
            "settle_s": self.settle_s,
            "max_abs_error_while_settling_ms": round(self.max_error_first_settle_ms, 3),
            "monotonic": self.monotonic,
            "snaps": self.snaps,
            "hits": f"{len(d)} of {self.hits_triggered} found",
            "hits_missing_at_s": list(self.hits_missing_s),
            "hit_delay_ms": _stats(d),
        }


def _stats(x: np.ndarray) -> dict:
    if len(x) == 0:
        return {}
    return {
        "mean": round(float(np.mean(x)), 3),
        "sd": round(float(np.std(x)), 3),
        "min": round(float(np.min(x)), 3),
        "max": round(float(np.max(x)), 3),
        "max_abs": round(float(np.max(np.abs(x))), 3),
    }


def click_track(seconds: float, rate_hz: int) -> np.ndarray:
    """Accented click at sample 0, then a click every ``CLICK_PERIOD_S``: mono float32."""
    from .kit import get_kit

    kit = get_kit(rate_hz)
    out = np.zeros(round(seconds * rate_hz), dtype=np.float32)
    period = round(CLICK_PERIOD_S * rate_hz)
    for i, start in enumerate(range(0, len(out), period)):
        click = kit.layers["click_accent" if i == 0 else "click"][-1]
        end = min(len(out), start + len(click))
        out[start:end] += click[: end - start]
    return out


def _child(path: str, seconds: float, buffer_frames: int) -> dict:
    """Runs inside the subprocess (the disk driver must be chosen before SDL starts)."""
    from ..core.voices import Voice
    from .clock import SongClock
    from .mixer import AudioEngine
    from .song_audio import SongAudio

    with contextlib.suppress(OSError):  # measure the clock, not other processes' load
        os.nice(-10)
    engine = AudioEngine()
    if not engine.open(buffer_frames=buffer_frames):
        return {"error": engine.reason}
    song = click_track(seconds * 1.2 + 2.0, engine.rate_hz)  # outlasts a fast driver
    audio = SongAudio(SongClock(), engine, song)
    clock = audio.clock
    perf = time.perf_counter
    polls: list[tuple[float, float]] = []
    growths: list[tuple[float, float, int, float, float]] = []
    hits: list[float] = []
    next_hit = HIT_PHASE_S
    audio.start(perf(), perf)
    t_prev = perf()
    last_size = os.stat(path).st_size
    song_prev = clock.song_s
    end = t_prev + seconds
    while True:
        now = perf()
        if now >= end:
            break
        song_s = audio.tick(now)
        size = os.stat(path).st_size
        if size != last_size:
            growths.append((t_prev, now, size, song_prev, song_s))
            last_size = size
        if song_s >= next_hit and end - now > TAIL_S:
            trigger = perf()
            audio.play_hit(Voice.SNARE, 1.0)
            hits.append(audio.time_at(trigger))
            next_hit += CLICK_PERIOD_S
        polls.append((now, song_s))
        t_prev, song_prev = now, song_s
        time.sleep(POLL_S)
    engine.close()  # closes the file: the last buffers are flushed
    return {
        "rate_hz": engine.rate_hz,
        "buffer_frames": buffer_frames,
        "polls": polls,
        "growths": growths,
        "hits": hits,
        "snaps": clock.snaps,
    }


def measure(seconds: float = 30.0, buffer_frames: int = 512, settle_s: float = 0.5):
    """Run the engine on the disk driver for ``seconds`` and analyse what it wrote."""
    with tempfile.TemporaryDirectory(prefix="drumsync-disk-") as tmp:
        raw = Path(tmp) / "out.raw"
        env = dict(os.environ)
        env.update(
            SDL_AUDIODRIVER="disk",
            SDL_DISKAUDIOFILE=str(raw),
            SDL_VIDEODRIVER="dummy",
            PYGAME_HIDE_SUPPORT_PROMPT="1",
        )
        cmd = [
            sys.executable,
            "-m",
            "drumsync.audio.diskcheck",
            "--child",
            str(raw),
            str(seconds),
            str(buffer_frames),
        ]
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
        if proc.returncode != 0:
            raise RuntimeError(f"disk run failed: {proc.stderr.strip()[-2000:]}")
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        if "error" in data:
            raise RuntimeError(f"disk run could not open audio: {data['error']}")
        pcm = np.fromfile(raw, dtype="<i2").reshape(-1, 2)
    return analyse(pcm, data, seconds, settle_s)


def analyse(pcm: np.ndarray, data: dict, seconds: float, settle_s: float) -> DiskCheckResult:
    rate_hz = int(data["rate_hz"])
    buffer_frames = int(data["buffer_frames"])
    if buffer_frames * FRAME_BYTES >= STDIO_BLOCK_BYTES:
        raise ValueError("the reference needs mixer buffers smaller than the stdio block")
    nonzero = np.flatnonzero(np.any(pcm != 0, axis=1))
    if len(nonzero) == 0:
        raise RuntimeError("the disk driver wrote only silence")
    start_frame = int(nonzero[0])
    polls = np.array(data["polls"], dtype=np.float64)
    growths = np.array(data["growths"], dtype=np.float64)
    # Growth moment: between the two polls around it; clock value interpolated there.
    t_growth = (growths[:, 0] + growths[:, 1]) / 2
    clock_at_growth = (growths[:, 3] + growths[:, 4]) / 2
    ref = (growths[:, 2] / FRAME_BYTES - start_frame) / rate_hz
    # A growth seen only after a long gap between polls (the poller was descheduled) has an
    # uncertain time: such points measure the poller, not the clock, and are left out.
    sharp = (growths[:, 1] - growths[:, 0]) <= MAX_POLL_GAP_S
    # Where the driver's own pacing broke (a write late or early by more than IRREGULAR_S:
    # the CPU was busy elsewhere), nothing was being played at a defined position; the clock
    # is judged again once it has had RECOVERY_S to follow.
    interval = np.diff(t_growth)
    usual = float(np.median(interval))
    odd = np.flatnonzero(np.abs(interval - usual) > IRREGULAR_S) + 1
    regular = np.ones(len(t_growth), dtype=bool)
    for i in odd:
        regular[(t_growth >= t_growth[i - 1]) & (t_growth <= t_growth[i] + RECOVERY_S)] = False
    t0 = polls[0, 0]
    after = (t_growth - t0) >= settle_s
    error = (clock_at_growth - ref) * 1000
    played = ref > 0
    ok = after & played & sharp & regular
    # Every poll against the reference interpolated between (sharp) growths.
    t_ref, ref_sharp = t_growth[sharp & played], ref[sharp & played]
    inside = (polls[:, 0] > t_ref[0]) & (polls[:, 0] < t_ref[-1])
    ref_all = np.interp(polls[inside, 0], t_ref, ref_sharp)
    err_all = (polls[inside, 1] - ref_all) * 1000
    poll_regular = np.interp(polls[inside, 0], t_growth, regular.astype(float)) == 1.0
    err_all_after = err_all[((polls[inside, 0] - t0) >= settle_s) & poll_regular]
    settling = np.concatenate(
        [error[played & sharp & ~after], err_all[(polls[inside, 0] - t0) < settle_s]]
    )
    # Drift of the written audio against the wall clock.
    speed = float(np.polyfit(t_growth, growths[:, 2] / FRAME_BYTES, 1)[0]) / rate_hz
    # Hits: the first onset after each trigger (minus a margin), in song time.
    mono = pcm[start_frame:].astype(np.float32).mean(axis=1) / 32767.0
    delays, missing = [], []
    for t_hit in data["hits"]:
        lo = max(0, round((t_hit - 0.1) * rate_hz))
        hi = min(len(mono), round((t_hit + 0.2) * rate_hz))
        found = detect_onsets(mono[lo:hi], rate_hz)
        if len(found):
            delays.append((lo / rate_hz + float(found[0]) - t_hit) * 1000)
        else:
            missing.append(round(float(t_hit), 3))
    return DiskCheckResult(
        seconds=seconds,
        buffer_frames=buffer_frames,
        rate_hz=rate_hz,
        audio_speed=speed,
        growths=len(growths),
        sharp_growths=int(np.sum(ok)),
        irregular_writes=len(odd),
        clock_error_ms=error[ok],
        clock_error_unfiltered_ms=error[after & played & sharp],
        clock_error_all_ms=err_all_after,
        settle_s=settle_s,
        max_error_first_settle_ms=float(np.max(np.abs(settling))) if len(settling) else 0.0,
        monotonic=bool(np.all(np.diff(polls[:, 1]) >= 0)),
        hit_delay_ms=np.array(delays),
        hits_triggered=len(data["hits"]),
        hits_missing_s=tuple(missing),
        snaps=int(data["snaps"]),
    )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--child":
        path, seconds, buffer_frames = args[1], float(args[2]), int(args[3])
        print(json.dumps(_child(path, seconds, buffer_frames)))
        return 0
    seconds = float(args[0]) if args else 30.0
    buffer_frames = int(args[1]) if len(args) > 1 else 512
    result = measure(seconds, buffer_frames)
    print(json.dumps(result.summary(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
