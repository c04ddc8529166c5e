"""Euclidean rhythms: Toussaint's table, evenness, rotation, bad arguments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drumsync.core.euclid import euclid, onset_steps


def pattern(text: str) -> tuple[bool, ...]:
    return tuple(ch == "x" for ch in text)


# Toussaint (2005), "The Euclidean Algorithm Generates Traditional Musical Rhythms".
TOUSSAINT = {
    (1, 2): "x.",
    (1, 3): "x..",
    (1, 4): "x...",
    (2, 3): "x.x",
    (2, 5): "x.x..",
    (3, 4): "x.xx",
    (3, 5): "x.x.x",
    (3, 7): "x.x.x..",
    (3, 8): "x..x..x.",
    (4, 7): "x.x.x.x",
    (4, 9): "x.x.x.x..",
    (4, 11): "x..x..x..x.",
    (5, 6): "x.xxxx",
    (5, 7): "x.xx.xx",
    (5, 8): "x.xx.xx.",
    (5, 9): "x.x.x.x.x",
    (5, 11): "x.x.x.x.x..",
    (5, 12): "x..x.x..x.x.",
    (5, 13): "x..x.x..x.x..",
    (5, 16): "x..x..x..x..x...",
    (7, 8): "x.xxxxxx",
    (7, 12): "x.xx.x.xx.x.",
    (7, 16): "x..x.x.x..x.x.x.",
    (9, 16): "x.xx.x.x.xx.x.x.",
    (11, 24): "x..x.x.x.x.x..x.x.x.x.x.",
    (13, 24): "x.xx.x.x.x.x.xx.x.x.x.x.",
}


@pytest.mark.parametrize(("k", "n"), sorted(TOUSSAINT))
def test_toussaint_table(k, n):
    assert euclid(k, n) == pattern(TOUSSAINT[(k, n)])


def test_tresillo_and_cinquillo():
    assert euclid(3, 8) == pattern("x..x..x.")
    assert euclid(5, 8) == pattern("x.xx.xx.")


def cyclic_gaps(p: tuple[bool, ...]) -> list[int]:
    on = onset_steps(p)
    return [(on[(i + 1) % len(on)] - on[i]) % len(p) or len(p) for i in range(len(on))]


@given(st.integers(1, 64).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_k_onsets_spread_evenly_starting_on_an_onset(kn):
    k, n = kn
    p = euclid(k, n)
    assert len(p) == n
    assert sum(p) == k
    assert p[0] is True
    gaps = cyclic_gaps(p)
    assert max(gaps) - min(gaps) <= 1
    assert sum(gaps) == n


@given(
    st.integers(1, 40).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(-100, 100),
)
def test_rotation_rotates_left(kn, rotation):
    k, n = kn
    base = euclid(k, n)
    rotated = euclid(k, n, rotation)
    assert rotated == tuple(base[(i + rotation) % n] for i in range(n))
    assert euclid(k, n, rotation + n) == rotated


def test_edge_counts():
    assert euclid(0, 5) == (False,) * 5
    assert euclid(4, 4) == (True,) * 4
    assert euclid(1, 1) == (True,)


@pytest.mark.parametrize(
    ("k", "n"),
    [
        (-1, 8),
        (9, 8),
        (0, 0),
        (1, 0),
        (3, -8),
        (3, 10**9),
        (True, 8),
        (3, 8.0),
        ("3", 8),
        (None, 8),
    ],
)
def test_bad_arguments_raise_value_error(k, n):
    with pytest.raises(ValueError):
        euclid(k, n)


def test_bad_rotation_raises_value_error():
    with pytest.raises(ValueError):
        euclid(3, 8, 1.5)
