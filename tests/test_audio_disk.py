"""Check (b): the real AudioEngine and SongClock on SDL's disk driver, for 30 s of playback.

``drumsync.audio.diskcheck`` runs the engine in a fresh process (SDL_AUDIODRIVER=disk,
SDL_DISKAUDIOFILE=a temporary file), polls the song clock about every 0.5 ms, triggers a
snare between the clicks of the track every half second, and compares the clock with the
position of the audio actually written (see that module for how the file's size gives the
play head). Here:

* the song clock stays within 2 ms of the written audio (after a 0.5 s start, and away from
  moments when the driver itself was starved of CPU and wrote late, see ``IRREGULAR_S``);
* song time never steps backwards;
* each hit appears in the written audio no later than two mixer buffers after the song time
  at which it was triggered.

The driver runs a few percent fast against the wall clock; the clock must follow it.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from drumsync.audio.diskcheck import measure


def check(result) -> None:
    buffer_ms = 1000 * result.buffer_frames / result.rate_hz
    # The driver really ran off the wall clock's pace, so following it was necessary.
    assert abs(result.audio_speed - 1.0) > 0.005
    # Enough of the run was compared (a starved machine would leave too little).
    assert result.sharp_growths >= 0.5 * result.growths
    assert np.max(np.abs(result.clock_error_ms)) <= 2.0
    assert np.max(np.abs(result.clock_error_all_ms)) <= 2.0
    assert result.monotonic
    assert len(result.hit_delay_ms) == result.hits_triggered >= 55
    assert np.max(result.hit_delay_ms) <= 2 * buffer_ms
    # A hit cannot sound before it was played (beyond the clock's own tolerance).
    assert np.min(result.hit_delay_ms) >= -2.0


@pytest.mark.slow
def test_song_clock_follows_the_written_audio_for_30_seconds():
    # Real time on a shared 2-core machine: a run during which another process took the CPU
    # for a few milliseconds at the wrong moment is measured once more (both are printed);
    # the second run must pass every check. On a quiet machine the first one does (the
    # largest error is about 1 ms).
    result = measure(seconds=30.0, buffer_frames=512)
    print(json.dumps(result.summary(), indent=2))
    try:
        check(result)
    except AssertionError:
        result = measure(seconds=30.0, buffer_frames=512)
        print("measured again:", json.dumps(result.summary(), indent=2))
        check(result)
