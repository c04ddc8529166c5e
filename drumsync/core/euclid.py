"""Euclidean rhythms E(k, n) by Bjorklund's algorithm (Toussaint 2005)."""

from __future__ import annotations

import operator
from functools import lru_cache

MAX_STEPS = 4096


def _as_count(value: object, name: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"euclid: {name} must be a whole number, got {value!r}")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"euclid: {name} must be a whole number, got {value!r}") from None


def euclid(k: int, n: int, rotation: int = 0) -> tuple[bool, ...]:
    """``k`` onsets spread as evenly as possible over ``n`` steps, starting on an onset.

    ``euclid(3, 8)`` is ``x..x..x.`` (the tresillo), ``euclid(5, 8)`` is ``x.xx.xx.``
    (the cinquillo). ``rotation`` rotates the pattern left: step ``i`` of the result is
    step ``(i + rotation) % n`` of the unrotated pattern. ``k == 0`` gives all rests.
    Raises ValueError unless ``1 <= n <= 4096`` and ``0 <= k <= n``.
    """
    k = _as_count(k, "k")
    n = _as_count(n, "n")
    rotation = _as_count(rotation, "rotation")
    if not 1 <= n <= MAX_STEPS:
        raise ValueError(f"euclid: n must be in 1..{MAX_STEPS}, got {n}")
    if not 0 <= k <= n:
        raise ValueError(f"euclid: k must be in 0..{n}, got {k}")
    pattern = _bjorklund(k, n)
    shift = rotation % n
    return pattern[shift:] + pattern[:shift]


@lru_cache(maxsize=1024)
def _bjorklund(k: int, n: int) -> tuple[bool, ...]:
    if k == 0:
        return (False,) * n
    # Pair the onset groups with the remainder groups until at most one remainder group
    # is left (always pairing at least once).
    heads: list[list[bool]] = [[True] for _ in range(k)]
    tails: list[list[bool]] = [[False] for _ in range(n - k)]
    while tails:
        pairs = min(len(heads), len(tails))
        merged = [heads[i] + tails[i] for i in range(pairs)]
        rest = heads[pairs:] if len(heads) > pairs else tails[pairs:]
        heads, tails = merged, rest
        if len(tails) <= 1:
            break
    return tuple(step for group in heads + tails for step in group)


def onset_steps(pattern: tuple[bool, ...]) -> tuple[int, ...]:
    """Indices of the onsets of a boolean pattern."""
    return tuple(i for i, hit in enumerate(pattern) if hit)


__all__ = ["euclid", "onset_steps"]
