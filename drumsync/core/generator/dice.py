"""Dice: a fixed block of uniform draws, read by slot."""

from __future__ import annotations

import numpy as np


class Dice:
    """A fixed block of uniform draws, read by slot, so a pattern's randomness does not
    depend on the intensity level (the level search re-renders with the same dice)."""

    __slots__ = ("_u",)

    def __init__(self, rng: np.random.Generator, size: int = 96) -> None:
        self._u = rng.random(size)

    def u(self, slot: int) -> float:
        return float(self._u[slot % len(self._u)])

    def below(self, slot: int, probability: float) -> bool:
        return self.u(slot) < probability

    def index(self, slot: int, count: int) -> int:
        return min(count - 1, int(self.u(slot) * count))

    def pick(self, slot: int, candidates, weights, count: int) -> list[int]:
        """``count`` distinct candidates, weighted, without replacement (Gumbel top-k)."""
        candidates = list(candidates)
        if count <= 0 or not candidates:
            return []
        w = np.asarray(weights, dtype=np.float64)
        u = np.take(self._u, np.arange(slot, slot + len(candidates)), mode="wrap")
        keys = np.log(np.maximum(w, 1e-12)) - np.log(-np.log(np.clip(u, 1e-12, 1 - 1e-12)))
        order = np.argsort(-keys, kind="stable")[:count]
        return [candidates[i] for i in sorted(order.tolist()) if w[i] > 0]
