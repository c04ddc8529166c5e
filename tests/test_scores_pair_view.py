"""The Scores screen's pair view and ``drumsync scores --pair``: a pair's matches, sync and
strategy, from a database filled with simulated matches whose strategies are known."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pygame
import pytest

from drumsync.cli import main
from drumsync.core import generate_chart, parse_spec, score, simulate
from drumsync.core.chart_identity import chart_hash
from drumsync.core.voices import Player
from drumsync.game.screens.scores import ScoresScene
from drumsync.game.screens.scores.pair_plot import STRATEGY_MARKS, plot_points
from drumsync.game.screens.scores.pair_summary import PairBrowser, read_pair
from drumsync.game.screens.scores.pair_view import PLOT_RECT, TABLE_ROWS
from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB
from drumsync.storage.settings import Settings
from tests.test_game_first_minutes import key

T0 = datetime(2026, 11, 1, 18, 0, tzinfo=UTC)
#: (P1 bot, P2 bot, seed, the strategy the analysis finds, Ben plays P1) on the chart below;
#: each match's strategy is checked before it is filed.
DUETS = (
    ("steady", "steady", 1, "both_lead", False),  # both on the music, deaf to each other
    ("steady", "ideal", 1, "p1_leads", True),  # the listening P2 (Ada) follows the deaf Ben
    ("musician", "ideal", 1, "mutual", True),  # both listen
    ("ideal", "steady", 1, "p2_leads", False),  # Ada follows Ben
    ("musician", "ideal", 2, "mutual", False),
    ("steady", "ideal", 2, "p1_leads", False),  # Ben follows Ada
)
#: The same, told from Ada's side.
ADA_SIDE = ("both_lead", "second_leads", "mutual", "second_leads", "mutual", "first_leads")
CHART_ARGS = {
    "seed": 7,
    "style": "rock",
    "bpm": 120.0,
    "difficulty": 4,
    "bars": 32,
    "parts": "unison",
}


def simulated(p1: str, p2: str, seed: int, names, minutes: int, mode: str = "duet"):
    chart = generate_chart(**CHART_ARGS)
    report = score(chart, simulate(chart, parse_spec(p1), parse_spec(p2), seed=seed))
    record = MatchRecord.from_report(
        report,
        mode=mode,
        chart_hash=chart_hash(chart),
        names=names,
        generator_args=CHART_ARGS,
        played_at=T0 + timedelta(minutes=minutes),
    )
    return record


@pytest.fixture
def filled(data_dir):
    """Ada & Ben's six duets (:data:`DUETS`), one of Cy & Di, and one of Ada & Cy; returns
    each Ada & Ben match's (sync, strategy), oldest first, told from Ada's side."""
    expected = []
    with ScoresDB() as db:
        for i, (p1, p2, seed, strategy, ben_first) in enumerate(DUETS):
            names = ("Ben", "Ada") if ben_first else ("Ada", "Ben")
            record = simulated(p1, p2, seed, names, minutes=10 * i)
            assert record.strategy == strategy  # the bots really play so
            db.record_match(record)
            expected.append((record.sync_percent, ADA_SIDE[i]))
        db.record_match(simulated("steady", "ideal", 9, ("Cy", "Di"), minutes=100, mode="versus"))
        db.record_match(simulated("steady", "steady", 9, ("Ada", "Cy"), minutes=5))
    return expected


def test_a_pairs_rows_line_and_plot_come_from_their_matches(filled):
    with ScoresDB() as db:
        view = read_pair(db, ("Ada", "Ben"))
        assert db.warnings == []
    assert [(r.sync_percent, r.strategy) for r in view.rows] == filled[::-1]  # newest first
    words = {r.strategy: r.words for r in view.rows}
    assert words["first_leads"] == "Ben followed Ada"
    assert words["second_leads"] == "Ada followed Ben"
    assert words["mutual"] == "You both adjusted to each other"
    assert all("rock, 120 BPM" in r.title and r.mode == "duet" for r in view.rows)
    first, last = filled[0][0], filled[-1][0]
    assert view.line == (
        f"Ada & Ben: 6 matches, sync {first:.0f}% to {last:.0f}%, "
        "most often mutual adaptation (2 of 6)"  # tied with "Ben led": the latest wins
    )
    # The plot: oldest left, one point per match at its sync, marked by its strategy.
    plotted = view.plotted
    assert [r.strategy for r in plotted] == [s for _, s in filled]
    points = plot_points(pygame.Rect(0, 0, 400, 100), [r.sync_percent for r in plotted])
    assert [x for x, _ in points] == [0, 80, 160, 240, 320, 400]
    assert [y for _, y in points] == [100 - round(s) for s, _ in filled]


def test_the_same_pair_told_from_the_other_side(filled):
    with ScoresDB() as db:
        ben = read_pair(db, ("Ben", "Ada"))
    flip = {"first_leads": "second_leads", "second_leads": "first_leads"}
    assert [r.strategy for r in ben.rows] == [flip.get(s, s) for _, s in filled[::-1]]
    assert {r.strategy: r.words for r in ben.rows}["second_leads"] == "Ben followed Ada"


def test_the_all_matches_view_lists_each_records_strategy(filled):
    with ScoresDB() as db:
        records = db.matches()
    by_names = [(tuple(p.name for p in r.players), r.strategy) for r in records]
    assert by_names[0] == (("Cy", "Di"), "p1_leads")
    assert all(strategy is not None for _, strategy in by_names)


def test_listing_reads_coordination_in_the_same_query(filled):
    with ScoresDB() as db:
        statements = []
        db._conn.set_trace_callback(statements.append)
        records = db.matches()
        db._conn.set_trace_callback(None)
    assert len(records) == 8 and len(statements) == 1


def session_for(db, p1="Ada", p2="Ben"):
    settings = Settings().with_name(Player.P1, p1).with_name(Player.P2, p2)
    return SimpleNamespace(db=db, settings=settings)


def open_pair_view(front, session) -> ScoresScene:
    """The Scores screen, drawn after Tab (the pair view)."""
    scene = ScoresScene(front.ctx, session)
    front.app.stack.push(scene)
    scene.handle(key(pygame.K_TAB), 0.0)
    scene.draw(front.app.display.canvas)
    return scene


def test_keys_switch_views_and_pairs(front, filled, tmp_path):
    with ScoresDB() as db:
        scene = ScoresScene(front.ctx, session_for(db))
        front.app.stack.push(scene)
        scene.draw(front.app.display.canvas)
        assert scene.view == "all"
        scene.handle(key(pygame.K_RIGHT), 0.0)  # nothing to pick in the all-matches view
        assert scene.pairs.index == 0
        scene.handle(key(pygame.K_TAB), 0.0)
        scene.draw(front.app.display.canvas)
        assert scene.view == "pair"
        # the current players first, then the latest pair to play, then the rest
        assert scene.pairs.choices == (("Ada", "Ben"), ("Cy", "Di"), ("Ada", "Cy"))
        assert scene.pairs.current().names == ("Ada", "Ben")
        scene.handle(key(pygame.K_RIGHT), 0.0)
        scene.draw(front.app.display.canvas)
        assert scene.pairs.current().names == ("Cy", "Di")
        assert scene.pairs.current().rows[0].strategy == "first_leads"
        scene.handle(key(pygame.K_LEFT), 0.0)
        scene.handle(key(pygame.K_LEFT), 0.0)  # wraps round
        assert scene.pairs.current().names == ("Ada", "Cy")
        pygame.image.save(front.app.display.canvas, str(tmp_path / "pair.png"))
        scene.handle(key(pygame.K_TAB), 0.0)
        assert scene.view == "all"
        scene.handle(key(pygame.K_ESCAPE), 0.0)
        assert not front.app.stack


def test_the_pair_view_plots_markers_in_each_strategys_colour(front, filled):
    with ScoresDB() as db:
        scene = open_pair_view(front, session_for(db))
    assert scene.pairs.current().names == ("Ada", "Ben")
    canvas = front.app.display.canvas
    pixels = {
        tuple(canvas.get_at((x, y)))[:3]
        for x in range(PLOT_RECT.x, PLOT_RECT.right, 2)
        for y in range(PLOT_RECT.y, PLOT_RECT.bottom, 2)
    }
    for strategy in ("mutual", "first_leads", "second_leads", "both_lead"):
        assert STRATEGY_MARKS[strategy][0] in pixels, strategy
    assert STRATEGY_MARKS["independent"][0] not in pixels  # no such match, no such legend


def test_current_players_without_matches_are_offered_last_with_an_honest_empty_state(filled):
    with ScoresDB() as db:
        browser = PairBrowser.open(db, ("Eve", "Fay"))
        assert browser.choices[0] == ("Cy", "Di") and browser.choices[-1] == ("Eve", "Fay")
        browser.step(-1)
        view = browser.current()
    assert view.rows == () and view.line == "no duets recorded yet for Eve & Fay"


def test_an_empty_database_and_no_database(front, data_dir):
    with ScoresDB() as db:
        scene = open_pair_view(front, session_for(db))
        assert scene.pairs.choices == (("Ada", "Ben"),)
        assert scene.pairs.current().line == "no duets recorded yet for Ada & Ben"
        scene.handle(key(pygame.K_RIGHT), 0.0)  # one pair: stays
        assert scene.pairs.index == 0
    front.app.stack.clear()
    scene = open_pair_view(front, None)
    assert "not saved" in scene.pairs.problem and scene.pairs.current() is None


BAD_ROWS = {
    "not a date": "UPDATE matches SET played_at = 'yesterday' WHERE id = 2",
    "unknown strategy": "UPDATE coordination SET strategy = 'telepathy' WHERE match_id = 2",
    "broken detail": "UPDATE coordination SET detail = '{broken' WHERE match_id = 2",
    "text sync": "UPDATE matches SET sync_percent = 'abc' WHERE id = 2",
}


@pytest.mark.parametrize("damage", BAD_ROWS)
def test_a_bad_row_is_skipped_with_a_warning(filled, data_dir, damage, front):
    conn = sqlite3.connect(data_dir / "scores.sqlite3")
    conn.execute(BAD_ROWS[damage])
    conn.commit()
    conn.close()
    with ScoresDB() as db:
        view = read_pair(db, ("Ada", "Ben"))
        warnings = list(db.warnings)
        scene = open_pair_view(front, session_for(db))  # drawn despite the bad row
        assert len(scene.pairs.current().rows) == 5
    assert len(view.rows) == 5
    assert len(warnings) == 1 and "match #2" in warnings[0] and "kept" in warnings[0]


def test_a_long_history_shows_the_latest_rows_and_says_so(data_dir):
    with ScoresDB() as db:
        for i in range(TABLE_ROWS + 3):
            players = (PlayerResult("Ada"), PlayerResult("Ben"))
            db.record_match(
                MatchRecord("duet", "ab" * 32, players, 50.0 + i, played_at=T0.replace(hour=i))
            )
        view = read_pair(db, ("Ada", "Ben"))
    assert len(view.rows) == TABLE_ROWS + 3
    assert view.line.endswith("how they played together was not recorded")


# --- drumsync scores --pair ----------------------------------------------------------------


def test_cli_pair_lists_the_pair_with_their_strategies(filled, capsys):
    assert main(["scores", "--pair", "Ada", "Ben"]) == 0
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert err == ""
    assert lines[0].startswith("Ada & Ben: 6 matches, sync ")
    assert lines[1].split()[:2] == ["#", "played"]
    assert len(lines) == 2 + 6
    assert "Ben followed Ada" in out and "Ada followed Ben" in out
    assert main(["scores", "--pair", "Ada", "Ben", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["names"] == ["Ada", "Ben"] and data["summary"] == lines[0]
    assert [(m["sync_percent"], m["strategy"]) for m in data["matches"]] == [
        tuple(pair) for pair in filled[::-1]
    ]
    assert data["matches"][0]["strategy_words"] == "Ben followed Ada"
    assert main(["scores", "--pair", "Ada", "Ben", "--limit", "2", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["matches"]) == 2


def test_cli_pair_without_matches_and_with_bad_names(data_dir, capsys):
    assert main(["scores", "--pair", "Ada", "Ben"]) == 0
    assert capsys.readouterr().out.strip() == "no duets recorded yet for Ada & Ben"
    assert not data_dir.exists()
    assert main(["scores", "--pair", "Ada", "x\x1b[31m"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("drumsync scores: error: --pair")
    with pytest.raises(SystemExit) as exit_info:
        main(["scores", "--pair", "Ada"])
    assert exit_info.value.code == 2
