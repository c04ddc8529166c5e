"""Duet practice: from a duet's results, loop the section where the pair was least together
at the chosen speed, a card after each pass with the pair's sync there, until the target."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from types import SimpleNamespace

import pygame
import pytest
from game_support import front_frames as frames
from song_files import SONGS
from test_game_results import build_outcome

from drumsync.core.voices import Player
from drumsync.game.match.bots import BotKeyboard
from drumsync.game.match.plan import PAIR_TARGET_PERCENT, MatchPlan
from drumsync.game.match.practice_chart import LoopRange
from drumsync.game.screens.play.scene import Phase, PlayScene
from drumsync.game.screens.practice.lap import PracticeLapScene
from drumsync.game.screens.results import ResultsScene
from drumsync.storage.scores_db import ScoresDB

ARGS = {"seed": 4, "style": "rock", "bpm": 120.0, "difficulty": 2, "bars": 12, "parts": "unison"}


def people_drumming(front, play, players):
    """Exact drummers at the keyboard for ``players``: plain key presses, as people make."""
    keys = BotKeyboard.for_players(
        play.chart,
        {p: "metronome" for p in players},
        play.ctx.options.players.bindings,
        pygame.key.key_code,
        lambda code, source, song_time_s: pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)
        ),
    )
    front.ctx.pre_poll.append(
        lambda now: keys.post_due(play.audio.time_at(now)) if play.phase is Phase.PLAYING else 0
    )


def run_pass(front, players):
    while not isinstance(front.stack.top, PlayScene):
        frames(front, 0.25)
    play = front.stack.top
    assert play.ctx.options.match.mode == "duet" and not play.ctx.options.match.bots()
    people_drumming(front, play, players)
    while not isinstance(front.stack.top, PracticeLapScene):
        frames(front, 0.25)
    front.ctx.pre_poll.clear()
    return play, front.stack.top


def test_the_pair_loops_the_section_until_their_sync_reaches_the_target(front):
    loop = LoopRange(4, 4)
    front.start_pair_practice(MatchPlan("duet", ARGS), loop, 0.75)
    play, lap = run_pass(front, [Player.P1])  # only one of them plays: no sync
    assert play.chart.meta.bars == 4 and play.ctx.options.match.rate == 0.75
    assert lap.passes[-1].accuracy_percent == 0.0 and not lap.done
    assert "points to the target" in lap.passes[-1].line
    while front.stack.top is lap:  # the next pass starts by itself
        frames(front, 0.25)
    play, lap = run_pass(front, [Player.P1, Player.P2])  # together: the target is met
    assert lap.passes[-1].accuracy_percent >= PAIR_TARGET_PERCENT and lap.done
    while front.stack.top is lap:
        frames(front, 0.25)
    assert not isinstance(front.stack.top, PlayScene)  # done: the practice ends
    assert ScoresDB().count() == 0  # practice is not recorded


@pytest.mark.parametrize(("mode", "offered"), [("duet", True), ("versus", False), ("solo", False)])
def test_only_a_duets_results_offer_duet_practice(front, mode, offered):
    plan = MatchPlan(mode, ARGS)
    outcome = build_outcome(plan.chart(), "musician", "ideal", mode=mode)
    finished = SimpleNamespace(ctx=front.ctx, saved_replays=())  # the finished play scene
    front.flow.after_match(plan, finished, outcome)
    results = front.stack.top
    assert isinstance(results, ResultsScene)
    assert (results.practice_section() is not None) is offered


def test_duet_practice_on_an_imported_song_loops_the_whole_song(front):
    """P on a song file's duet results: an imported song is one recording, so the pair
    practises it whole (with its own music), never a generated chart."""
    song = str(SONGS / "taiko.osu")
    plan = MatchPlan("duet", song=song)
    outcome = build_outcome(plan.chart(), "musician", "ideal")
    finished = SimpleNamespace(ctx=front.ctx, saved_replays=())
    front.flow.after_match(plan, finished, outcome)
    results = front.stack.top
    section = results.practice_section()
    assert (section.name, section.start_bar, section.bars) == (
        "the whole song",
        0,
        plan.chart().meta.bars,
    )
    results.practise()
    while not isinstance(front.stack.top, PlayScene):
        frames(front, 0.25)
    play = front.stack.top
    assert play.ctx.options.match.mode == "duet" and play.ctx.options.match.rate == 0.75
    assert play.chart.meta.title == plan.chart().meta.title
