"""Play online in the game: two sides in one process on loopback (dummy video driver, real
clock), scripted key presses. Both results screens show the same numbers, equal to
``drumsync score`` on the filed merged replay; a dropped link pauses and resumes; a partner
who leaves ends the match with this side's result; typed addresses fail in one line."""

from __future__ import annotations

import json

import pygame
import pytest
from game_support import dummy_screen
from online_support import CHART_CLI, Side, host_and_join, key, run_until

from drumsync.cli import main
from drumsync.game.screens.online import NetPlayScene, OnlineScene
from drumsync.game.screens.results import ResultsScene
from drumsync.game.screens.results.scene import INPUT_GRACE_S


@pytest.fixture
def screen():
    with dummy_screen() as surface:
        yield surface


def results_of(side: Side):
    top = side.stack.top
    return top if isinstance(top, ResultsScene) else None


def in_match(side: Side) -> bool:
    return isinstance(side.stack.top, NetPlayScene)


def test_a_duet_over_loopback_shows_the_same_result_on_both_screens(screen, tmp_path, capsys):
    host, joiner = Side("Ana", "steady", 1), Side("Ben", "clumsy", 2)
    host_and_join(host, joiner)
    assert run_until([host, joiner], lambda: in_match(host) and in_match(joiner), 20.0)
    host_play, join_play = host.stack.top, joiner.stack.top
    assert run_until([host, joiner], lambda: results_of(host) and results_of(joiner), 40.0)
    host_outcome, join_outcome = host_play.outcome, join_play.outcome
    report = host_outcome.report.to_json()
    assert report == join_outcome.report.to_json()
    assert host_outcome.replay == join_outcome.replay
    assert host_outcome.replay.header.players == ("Ana", "Ben")
    # each side's own player really played: hits of both in the one replay
    assert {int(e.player) for e in host_outcome.replay.events} == {0, 1}
    assert all(player["score"] > 0 for player in report["players"])
    # filed like any other match: the replay on disk scores to the same report
    replay_path = host_play.saved_replays[0]
    chart_path = tmp_path / "chart.json"
    assert main(["generate", *CHART_CLI, "-o", str(chart_path)]) == 0
    capsys.readouterr()
    assert main(["score", str(chart_path), str(replay_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == report
    assert host.flow.last_filed is not None and host.flow.last_filed.record_id is not None
    # "play again" after a net match: back to the online screen to host or join anew
    host.flow.online_again = lambda: host.stack.push(OnlineScene(host.ctx, host.session, print))
    run_until([host], lambda: False, INPUT_GRACE_S + 0.1)  # the results' grace period
    host.send(key(pygame.K_RETURN))
    host.frame()
    assert isinstance(host.stack.top, OnlineScene)


def test_a_dropped_link_pauses_both_and_the_match_goes_on(screen):
    host, joiner = Side("Ana", "steady", 3), Side("Ben", "steady", 4)
    host_and_join(host, joiner)
    assert run_until([host, joiner], lambda: in_match(host) and in_match(joiner), 20.0)
    host_play, join_play = host.stack.top, joiner.stack.top

    def playing_a_while() -> bool:
        song_s = join_play.song_time_s
        return song_s > join_play.chart.count_in_start_s + 1.5

    assert run_until([host, joiner], playing_a_while, 20.0)
    runner = join_play.runner
    link = runner.session.link
    runner._loop.call_soon_threadsafe(lambda: runner._loop.create_task(link.close()))
    assert run_until([host, joiner], lambda: host.paused_seen and joiner.paused_seen, 10.0)
    assert run_until([host, joiner], lambda: results_of(host) and results_of(joiner), 60.0)
    assert host_play.outcome.report.to_json() == join_play.outcome.report.to_json()
    assert host_play.runner.view.result.complete and join_play.runner.view.result.complete


def test_a_partner_who_leaves_ends_the_match_with_the_local_result(screen):
    host, joiner = Side("Ana", "steady", 5), Side("Ben", "steady", 6)
    host_and_join(host, joiner)
    assert run_until([host, joiner], lambda: in_match(host) and in_match(joiner), 20.0)
    host_play = host.stack.top
    assert run_until(
        [host, joiner], lambda: host_play.song_time_s > host_play.chart.count_in_start_s + 2, 20.0
    )
    joiner.send(key(pygame.K_ESCAPE), key(pygame.K_ESCAPE))  # Esc twice: leave
    assert run_until([joiner], lambda: not in_match(joiner), 5.0)
    assert run_until([host], lambda: host.paused_seen, 10.0)
    assert run_until([host], lambda: results_of(host) is not None, 30.0)
    outcome = host_play.outcome
    assert not host_play.runner.view.result.complete
    assert "did not come back" in (host_play.replay_problem or "")
    assert outcome.report.players[0].points > 0  # this side's hits are kept


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("no such host!", "bad address"), ("127.0.0.1:99999", "bad address")],
)
def test_a_bad_address_is_one_line(screen, typed, expected):
    joiner = Side("Ben", "steady", 7)
    joiner.send(key(pygame.K_DOWN), key(pygame.K_RETURN))
    joiner.type_text(typed)
    joiner.send(key(pygame.K_RETURN))
    run_until([joiner], lambda: bool(joiner.online.error), 2.0)
    assert joiner.online.error.startswith(expected)
    assert "\n" not in joiner.online.error


def test_a_refused_connection_is_one_line(screen):
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    joiner = Side("Ben", "steady", 8)
    joiner.send(key(pygame.K_DOWN), key(pygame.K_RETURN))
    joiner.type_text(f"127.0.0.1:{port}")
    joiner.send(key(pygame.K_RETURN))
    assert run_until([joiner], lambda: bool(joiner.online.error), 10.0)
    assert "refused" in joiner.online.error
    assert "\n" not in joiner.online.error


def test_the_host_is_shown_addresses_another_machine_can_dial():
    import ipaddress

    from drumsync.net.endpoints import local_addresses

    addresses = [ipaddress.IPv4Address(text) for text in local_addresses()]
    assert addresses
    assert addresses == [ipaddress.IPv4Address("127.0.0.1")] or not any(
        address.is_loopback or address.is_unspecified for address in addresses
    )
