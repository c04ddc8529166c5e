"""A highway puts each note on the hit line exactly when song time reaches it, at any frame
rate; sprites and text are drawn once and cached."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.chart import Part
from drumsync.core.voices import Player, Voice
from drumsync.core.windows import Tier
from drumsync.game.runtime import theme
from drumsync.game.runtime.sprites import NoteSprites
from drumsync.game.runtime.text import TextCache
from drumsync.game.screens.play.highway import (
    NOTE_HIT,
    NOTE_MISSED,
    Highway,
    note_y,
    visible_span,
)


@pytest.fixture(scope="module")
def screen():
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode((1280, 720))
    yield surface
    pygame.display.quit()


def _part():
    beats = np.arange(0, 16, 0.5)
    voices = [int(Voice.KICK) if b % 1 == 0 else int(Voice.HIHAT) for b in beats]
    return Part(beat=beats, time_s=2.0 + beats * 0.5, voice=voices)


def _highway(part, speed=700.0):
    sprites = NoteSprites(theme.NOTE_SIZE, theme.PAD_SIZE)
    labels = {v: v.label[0].upper() for v in Voice}
    beats = 2.0 + np.arange(-4, 17) * 0.5
    return Highway(Player.P1, part, beats, 4, sprites, TextCache(), labels, speed)


def test_note_is_on_the_hit_line_when_song_time_equals_note_time():
    assert note_y(3.25, 3.25, 600, 700) == 600
    assert note_y(4.25, 3.25, 600, 700) == pytest.approx(600 - 700)  # a second early: above
    assert note_y(3.0, 3.25, 600, 700) == pytest.approx(600 + 175)  # past: below


@settings(max_examples=50)
@given(
    st.floats(0.0, 30.0),
    st.lists(st.floats(1 / 500, 1 / 20), min_size=1, max_size=200),
)
def test_position_depends_on_song_time_only_not_on_the_frames_taken(note_time_s, frame_times):
    """However the frames fall (any mix of frame lengths), the note is where song time says."""
    t = 0.0
    for dt in frame_times:
        t += dt
    y = float(note_y(note_time_s, t, 600, 700))
    assert y == pytest.approx(600 - (note_time_s - t) * 700, abs=1e-6)
    assert float(note_y(note_time_s, note_time_s, 600, 700)) == 600


def test_visible_span_covers_exactly_the_notes_on_screen():
    times = np.arange(0.0, 10.0, 0.1)
    lo, hi = visible_span(
        times, 5.0, top_y=84, bottom_y=704, hit_y=600, speed_px_per_s=700, margin_px=0
    )
    ys = note_y(times, 5.0, 600, 700)
    on_screen = np.flatnonzero((ys >= 84 - 1e-9) & (ys <= 704 + 1e-9))
    assert (lo, hi) == (on_screen[0], on_screen[-1] + 1)


def test_highway_note_positions_and_states(screen):
    part = _part()
    highway = _highway(part)
    for i in (0, 5, len(part) - 1):
        assert highway.note_y(i, float(part.time_s[i])) == theme.HIT_LINE_Y
    highway.set_speed(350.0)
    assert highway.note_y(3, float(part.time_s[3]) - 1.0) == pytest.approx(theme.HIT_LINE_Y - 350)
    highway.mark_hit(0, Tier.PERFECT, 2.0)
    highway.mark_missed(1)
    assert highway.state[0] == NOTE_HIT and highway.state[1] == NOTE_MISSED
    highway.reset()
    assert not highway.state.any()


def test_a_note_is_drawn_centred_on_the_hit_line_at_its_time(screen):
    part = Part(beat=[0.0], time_s=[3.0], voice=[int(Voice.KICK)])
    highway = _highway(part)
    lane = highway.lane_order.index(Voice.KICK)
    x = highway.lane_x[lane]
    colour = pygame.Color(*theme.VOICE_COLOURS[Voice.KICK])

    def drawn_at(song_time_s):
        screen.fill((0, 0, 0))
        highway.draw(screen, song_time_s)
        # the note's body colour shows a little off its centre (the centre is lighter)
        return screen.get_at((x, round(highway.note_y(0, song_time_s)) + 20))

    assert drawn_at(3.0) == colour
    assert drawn_at(2.5) == colour  # 350 px above the line
    screen.fill((0, 0, 0))
    highway.draw(screen, 3.0)
    above = screen.get_at((x, theme.HIT_LINE_Y - 60))
    assert above != colour  # nothing drawn where the note is not
    highway.mark_hit(0, Tier.PERFECT, 3.0)
    assert drawn_at(2.5) != colour  # a hit note disappears


def test_drawing_reuses_cached_text_and_sprites(screen):
    part = _part()
    highway = _highway(part)
    renders = highway.text.renders
    for k in range(100):
        highway.strike(Voice.KICK, 2.0 + k * 0.01)
        highway.draw(screen, 2.0 + k * 0.01)
    assert highway.text.renders == renders


def test_text_cache_renders_each_string_once(screen):
    cache = TextCache(max_entries=3)
    a = cache.render("PERFECT", 30, (255, 255, 255))
    assert cache.render("PERFECT", 30, (255, 255, 255)) is a
    assert cache.renders == 1
    for word in ("a", "b", "c"):
        cache.render(word, 30, (255, 255, 255))
    assert len(cache) == 3  # bounded: the oldest went
    assert cache.render("PERFECT", 30, (255, 255, 255)) is not a
