"""Musical structure: phrases repeat a motif, fills end phrases, crashes open the next."""

from __future__ import annotations

import itertools
from collections import Counter
from functools import cache

import numpy as np
import pytest

from drumsync.core.chart import STYLES
from drumsync.core.generator import fill_bars, generate_chart, phrases
from drumsync.core.voices import Voice

KICK, SNARE, HIHAT, CRASH = (int(v) for v in Voice)

CASES = list(itertools.product(STYLES, (2, 5, 8, 10), (90.0, 120.0, 170.0), ("unison", "split")))


@cache
def chart(style, difficulty, bpm, parts, bars=32, seed=None):
    seed = difficulty * 1000 + int(bpm) if seed is None else seed
    return generate_chart(seed, style, bpm, difficulty, bars, parts)


def cells(part, bar):
    """The bar's notes as (step in 32nds, voice) pairs."""
    start = bar * 4
    mask = (part.beat >= start) & (part.beat < start + 4)
    return {
        (round(float(b - start) * 8), int(v))
        for b, v in zip(part.beat[mask], part.voice[mask], strict=True)
    }


def groove(part, bar):
    """A bar's notes apart from cymbal accents: crashes, and the hi-hat a crash replaces."""
    return frozenset(c for c in cells(part, bar) if c[1] != CRASH and c != (0, HIHAT))


@pytest.mark.parametrize(("style", "difficulty", "bpm", "parts"), CASES)
def test_phrases_repeat_their_motif_with_small_variations(style, difficulty, bpm, parts):
    c = chart(style, difficulty, bpm, parts)
    fills = set(fill_bars(c))
    for phrase in phrases(c):
        bars = [b for b in range(phrase.start_bar, phrase.fill_bar + 1) if b not in fills]
        if len(bars) < 2:
            continue
        for part in c.parts:
            grooves = [groove(part, b) for b in bars]
            votes = Counter(note for g in grooves for note in g)
            motif = frozenset(n for n, count in votes.items() if 2 * count > len(grooves))
            assert motif, "a phrase needs a motif"
            same = sum(g == motif for g in grooves)
            assert same / len(grooves) >= 0.6, (phrase, [sorted(g ^ motif) for g in grooves])
            assert max(len(g ^ motif) for g in grooves) <= 3


@pytest.mark.parametrize(("style", "difficulty", "bpm", "parts"), CASES)
def test_every_phrase_ends_with_a_fill_and_the_next_opens_with_a_crash(
    style, difficulty, bpm, parts
):
    c = chart(style, difficulty, bpm, parts)
    drummer = c.parts[0]  # in split parts P1 plays kick and snare, hence the fill
    cymbals = c.parts[1] if parts == "split" else c.parts[0]
    for phrase in phrases(c):
        fill = phrase.fill_bar
        fill_cells = cells(drummer, fill)
        last_beat = {(s, v) for s, v in fill_cells if s >= 24}
        assert last_beat, f"bar {fill}: the fill's last beat is empty"
        assert all(v in (KICK, SNARE) for _, v in last_beat)
        late_cymbals = {(s, v) for s, v in cells(cymbals, fill) if s >= 24 and v in (HIHAT, CRASH)}
        assert not late_cymbals, "no cymbals in a fill"
        if phrase.bars > 1:
            assert groove(drummer, fill) != groove(drummer, phrase.start_bar)
        if fill + 1 < c.meta.bars:
            assert (0, CRASH) in cells(cymbals, fill + 1), f"no crash after bar {fill}"
            assert (0, KICK) in cells(drummer, fill + 1)


@pytest.mark.parametrize("style", STYLES)
def test_the_song_opens_with_a_crash_and_accents_are_loud(style):
    c = chart(style, 6, 120.0, "unison")
    part = c.parts[0]
    first = part.beat == 0.0
    assert set(part.voice[first].tolist()) == {KICK, CRASH}
    assert part.velocity[first].min() == 1.0
    crashes = part.velocity[part.voice == CRASH]
    assert crashes.min() >= 0.8
    on_downbeat = part.beat % 4 == 0
    off_beat = part.beat % 1 != 0
    assert part.velocity[on_downbeat].mean() > part.velocity[off_beat].mean() + 0.1


def test_rock_backbeat_is_accented():
    c = chart("rock", 5, 120.0, "unison")
    part = c.parts[0]
    in_fill = np.isin(part.beat // 4, fill_bars(c))
    backbeat = (part.voice == SNARE) & (part.beat % 2 == 1) & ~in_fill
    ghosts = (part.voice == SNARE) & (part.beat % 1 != 0)
    assert part.velocity[backbeat].min() >= 0.9
    if ghosts.any():
        assert part.velocity[ghosts].mean() < part.velocity[backbeat].mean()


@pytest.mark.parametrize("bars", [1, 2, 3, 5, 7])
def test_tiny_songs_still_have_structure(bars):
    c = generate_chart(4, "rock", 120.0, 4, bars)
    assert fill_bars(c)[-1] == bars - 1
    assert len(c.parts[0]) > 0
    assert (0, CRASH) in cells(c.parts[0], 0)


def test_sections_share_motifs_across_the_song():
    """Verses sound alike: the second verse's first bar matches the first verse's."""
    c = chart("rock", 5, 120.0, "unison", bars=96, seed=5)
    verses = [s for s in c.sections if s.name == "verse"]
    assert len(verses) >= 2
    first, second = (groove(c.parts[0], s.start_bar + 1) for s in verses[:2])
    assert len(first ^ second) <= 3
