"""AudioEngine with SDL's dummy driver, and without any audio device (check (c)).

Each case runs in a fresh process: SDL reads ``SDL_AUDIODRIVER`` once, when it starts.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from child_process import run_child


def test_no_audio_device_gives_a_silent_engine_and_a_wall_clock():
    result = run_child(
        """
        import json
        import numpy as np
        from drumsync.audio.mixer import AudioEngine
        from drumsync.audio.clock import SongClock
        from drumsync.audio.song_audio import SongAudio
        from drumsync.core.voices import Voice

        engine = AudioEngine()
        opened = engine.open(buffer_frames=256)
        audio = SongAudio(SongClock(), engine, np.zeros((4410, 2), np.float32))
        audio.start(100.0)
        start = audio.tick(100.0)
        hit = engine.play_hit(Voice.SNARE, 1.0)
        audio.play_hit(Voice.SNARE, 1.0)
        song = audio.tick(101.25)
        audio.pause(101.25); paused = audio.tick(150.0)
        audio.resume(150.0); resumed = audio.tick(150.5)
        engine.set_music_volume(0.5); engine.stop(); engine.close()
        print(json.dumps({
            "opened": opened, "available": engine.available, "reason": engine.reason,
            "status": engine.status().available, "hit": hit,
            "position": engine.position_s(), "start": start, "song": song,
            "paused": paused, "resumed": resumed, "wall": audio.clock.wall_clock,
        }))
        """,
        {"SDL_AUDIODRIVER": "no-such-driver"},
    )
    assert result["opened"] is False and result["available"] is False
    assert result["status"] is False and result["wall"] is True
    assert result["hit"] is None and result["position"] is None
    assert result["start"] == 0.0
    assert result["song"] == pytest.approx(1.25)
    assert result["paused"] == pytest.approx(1.25)
    assert result["resumed"] == pytest.approx(1.75)


def test_the_reason_of_a_failed_open_is_one_line():
    result = run_child(
        """
        import json
        from drumsync.audio.mixer import AudioEngine
        engine = AudioEngine()
        engine.open()
        print(json.dumps({"reason": engine.reason}))
        """,
        {"SDL_AUDIODRIVER": "no-such-driver"},
    )
    assert result["reason"].startswith("no audio device:")
    assert "\n" not in result["reason"]


def test_dummy_driver_hits_round_robin_and_song_position():
    result = run_child(
        """
        import json, time
        import numpy as np
        from drumsync.audio.mixer import AudioEngine, HIT_CHANNELS
        from drumsync.core.voices import Voice

        engine = AudioEngine()
        assert engine.open(buffer_frames=512), engine.reason
        channels = [engine.play_hit(Voice(i % 4), 0.3 + 0.04 * i) for i in range(HIT_CHANNELS + 2)]
        import pygame
        busy = sum(pygame.mixer.Channel(i).get_busy() for i in range(HIT_CHANNELS))
        engine.start_song(np.zeros((44100 * 5, 2), np.float32))
        first = engine.position_s()  # within the settle time: unknown
        positions = []
        for _ in range(30):
            time.sleep(0.01)
            positions.append(engine.position_s())
        engine.pause()
        paused = engine.position_s()
        time.sleep(0.2)
        engine.resume()
        time.sleep(0.1)
        after = engine.position_s()
        engine.close()
        print(json.dumps({
            "channels": channels, "busy": busy, "first": first, "positions": positions,
            "paused": paused, "after": after, "buffer_s": engine.buffer_s,
        }))
        """,
        {"SDL_AUDIODRIVER": "dummy"},
    )
    assert result["channels"] == [*range(16), 0, 1]
    assert result["busy"] >= 14  # a fast roll keeps ringing: no hit cut the previous ones
    assert result["first"] is None
    known = [p for p in result["positions"] if p is not None]
    assert len(known) >= 20
    assert all(b >= a - 0.002 for a, b in pairwise(known))
    assert 0.1 < known[-1] < 1.0
    assert result["paused"] is None
    # After a 0.2 s pause the song continues where it was, not 0.2 s later.
    assert known[-1] < result["after"] < known[-1] + 0.2
    assert result["buffer_s"] == pytest.approx(512 / 44100)


def test_buffer_size_is_checked():
    from drumsync.audio.mixer import AudioEngine

    with pytest.raises(ValueError, match="buffer_frames"):
        AudioEngine().open(buffer_frames=300)
