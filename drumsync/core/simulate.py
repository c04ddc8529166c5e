"""Simulated drummers playing a chart: seeded, deterministic input events and replays.

Scripted drummers (:mod:`.scripted_play`) have their hits worked out in advance, each
pulled toward the partner's last asynchrony; when either drummer is adaptive the pair plays
step by step in song time (:mod:`.pair_play`), each hearing the other's actual hits.
"""

from __future__ import annotations

import numpy as np

from .chart import Chart
from .drummers import DrummerModel
from .events import EventArrays, InputEvent
from .pair_play import play_pair
from .replay import Replay, replay_for
from .scripted_play import bot_events, check_seed, merge_players, scripted_arrays
from .voices import PLAYERS, Player, Voice


def simulate_arrays(chart: Chart, p1: DrummerModel, p2: DrummerModel, seed: int = 0) -> EventArrays:
    """Both players' hits as time-sorted columns (ties: by player, then voice).

    When either drummer is adaptive the pair plays step by step in song time
    (:func:`.pair_play.play_pair`), each hearing the other's actual hits.
    """
    seed = check_seed(seed)
    if not (p1.adaptive or p2.adaptive):
        return scripted_arrays(chart, p1, p2, seed)
    events = play_pair(chart, p1, p2, seed)
    per_player = [
        (
            np.array([e.time_s for e in events if e.player == p], dtype=np.float64),
            np.array([int(e.voice) for e in events if e.player == p], dtype=np.int8),
        )
        for p in PLAYERS
    ]
    return merge_players(per_player)


def _to_events(arrays: EventArrays, models: tuple[DrummerModel, DrummerModel]) -> list[InputEvent]:
    sources = [m.source for m in models]
    players, voices = list(Player), list(Voice)
    return [
        InputEvent(t, players[p], voices[v], sources[p])
        for t, p, v in zip(
            arrays.time_s.tolist(), arrays.player.tolist(), arrays.voice.tolist(), strict=True
        )
    ]


def simulate(
    chart: Chart,
    p1: DrummerModel,
    p2: DrummerModel,
    seed: int = 0,
    windows: str = "standard",
    mode: str = "duet",
) -> Replay:
    """A replay of two simulated drummers playing ``chart``; the same seed, the same replay."""
    arrays = simulate_arrays(chart, p1, p2, seed)
    events = _to_events(arrays, (p1, p2))
    return replay_for(chart, events, windows=windows, players=(p1.name, p2.name), mode=mode)


__all__ = ["bot_events", "simulate", "simulate_arrays"]
