"""A match is never lost to storage: results, report and scores row survive (issue 10)."""

from __future__ import annotations

import json

from drumsync.cli import main
from drumsync.storage import paths
from drumsync.storage.scores_db import ScoresDB

HEADLESS = ["play", "--bars", "2", "--headless", "--p1-bot", "steady", "--p2-bot", "steady"]


def _play(capsys, *extra):
    code = main([*HEADLESS, "--json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["team"]["percent"] > 0  # the report printed
    return [line for line in err.splitlines() if "replay not saved" in line]


def test_a_blocked_replays_folder_still_gives_the_report_and_the_scores_row(capsys, data_dir):
    data_dir.mkdir(parents=True)
    paths.replays_dir().write_text("a file where the folder should be")
    warnings = _play(capsys)
    assert len(warnings) == 1 and "cannot make" in warnings[0]
    with ScoresDB() as db:
        (row,) = db.matches()
    assert row.replay_path is None


def test_a_full_disk_for_replay_out_still_gives_the_report(capsys, data_dir):
    warnings = _play(capsys, "--replay-out", "/dev/full")
    assert len(warnings) == 1 and "No space left on device" in warnings[0]
    with ScoresDB() as db:
        (row,) = db.matches()
    assert row.replay_path is not None  # the copy in the replays folder was written


def test_the_results_screen_appears_and_says_the_replay_was_not_saved(data_dir):
    """In the game: the replay cannot be written, the results still come up, with one line."""
    import pygame

    from drumsync.core import generate_chart
    from drumsync.game.app import GameApp
    from drumsync.game.runtime.loop import VirtualTimer
    from drumsync.game.runtime.options import GameOptions
    from drumsync.game.screens.results import ResultsScene
    from tests.test_game_results import play_to_the_end

    data_dir.mkdir(parents=True)
    paths.replays_dir().write_text("a file where the folder should be")
    chart = generate_chart(11, "rock", 120.0, 5, 4)
    app = GameApp(GameOptions.build(chart, sound=False, vsync=False), VirtualTimer(100.0))
    try:
        play = play_to_the_end(app)
        results = app.stack.top
        assert isinstance(results, ResultsScene) and results.outcome is play.outcome
        assert results.notice.startswith("replay not saved: cannot make")
        results.draw(app.display.canvas)
        assert app.result.replay_problem == results.notice
    finally:
        app.stack.clear()
        app.close()
        pygame.quit()
