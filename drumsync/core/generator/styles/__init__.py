"""One module per style; each builds a one-bar motif from a feel and a block of dice."""

from __future__ import annotations

from collections.abc import Callable

from ..dice import Dice
from ..feel import Feel
from ..grid import Bar
from . import dance_pop, euclidean, metal, rock

MotifBuilder = Callable[[Feel, Dice], Bar]

MOTIFS: dict[str, MotifBuilder] = {
    "dance-pop": dance_pop.motif,
    "rock": rock.motif,
    "metal": metal.motif,
    "euclidean": euclidean.motif,
}

__all__ = ["MOTIFS", "MotifBuilder"]
