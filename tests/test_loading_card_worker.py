"""The loading card stays live while an imported song's audio is decoded: that part runs on
a worker thread (Esc leaves at once), the rest of the match is built on the game's thread."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import shutil
import threading
from pathlib import Path

import pygame
import pytest
from game_support import front_frames as frames

from drumsync.game.match import audio_link
from drumsync.game.match.plan import MatchPlan
from drumsync.game.screens.loading.tip_card import TipCardScene
from drumsync.game.screens.play.scene import PlayScene


def press(front, code):
    front.stack.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0), front.app.timer.now())


def _card(front, prepare, work_calls):
    def work():
        work_calls.append(threading.current_thread())
        return "built"

    card = TipCardScene(front.ctx, "a tip", "Loading", work, lambda result: None, prepare=prepare)
    front.stack.push(card)
    return card


def test_the_card_keeps_drawing_while_the_worker_prepares(front):
    release, started = threading.Event(), threading.Event()

    def prepare():
        started.set()
        release.wait(10)

    work_calls = []
    card = _card(front, prepare, work_calls)
    frames(front, 0.5)
    assert started.wait(5) and card.preparing
    drawn = card.frames
    frames(front, 0.5)
    assert card.frames > drawn and not work_calls and not card.done  # live, not waiting
    release.set()
    card._preparing.join(5)
    frames(front, 2 / 60)
    assert card.ready and card.result == "built"
    assert work_calls == [threading.main_thread()]  # the rest runs on the game's thread


def test_esc_leaves_at_once_while_the_worker_prepares(front):
    release = threading.Event()
    work_calls = []
    card = _card(front, lambda: release.wait(10), work_calls)
    frames(front, 0.2)
    assert card.preparing
    press(front, pygame.K_ESCAPE)
    assert front.stack.top is not card
    release.set()
    card._preparing.join(5)
    frames(front, 0.2)
    assert not work_calls  # left before the match was built: it never is


def test_a_failing_preparation_is_reported_by_the_work(front):
    def prepare():
        raise ValueError("no such song")

    def work():
        raise ValueError("no such song")

    card = TipCardScene(front.ctx, "", "Loading", work, lambda result: None, prepare=prepare)
    front.stack.push(card)
    frames(front, 0.5)
    assert card.error == "no such song" and not card.ready


def _house_loop() -> Path:
    data = Path(pygame.__file__).parent / "examples" / "data" / "house_lo.ogg"
    if not data.is_file():
        pytest.skip("this pygame-ce wheel ships no examples/data/house_lo.ogg")
    return data


def test_an_imported_songs_audio_is_decoded_on_a_worker_thread(front, tmp_path, monkeypatch):
    shutil.copy(_house_loop(), tmp_path / "house_lo.ogg")
    song = tmp_path / "house.tja"
    song.write_text(
        "TITLE:House\nBPM:135\nOFFSET:0\nWAVE:house_lo.ogg\nCOURSE:Oni\nLEVEL:3\n\n"
        "#START\n1010,\n1010,\n#END\n",
        encoding="utf-8",
    )
    threads = []
    warm = audio_link.warm_song_audio

    def recording(chart, rate):
        threads.append(threading.current_thread())
        warm(chart, rate)

    monkeypatch.setattr(audio_link, "warm_song_audio", recording)
    front.start_practice(MatchPlan("practice", song=str(song), rate=0.5))
    card = front.stack.top
    assert isinstance(card, TipCardScene) and card.prepare is not None
    for _ in range(20 * 60):
        frames(front, 1 / 60)
        if isinstance(front.stack.top, PlayScene):
            break
        if card.preparing:
            card._preparing.join(0.05)  # the worker runs on real time, the card on virtual
    assert isinstance(front.stack.top, PlayScene), card.error
    assert front.stack.top.chart.audio_file.endswith("house_lo.ogg")
    assert threads and threads[0] is not threading.main_thread()
