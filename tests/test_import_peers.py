"""Our importers against other people's readers of the same files (peer parsers), to the
millisecond: the values each peer gave are committed (songs/peer_expected.json), and where
the peer is installed it is asked again."""

from __future__ import annotations

import importlib.util

import pytest
from peer_support import CASES, expected_notes, ours, peer_notes

TOLERANCE_MS = 0.5


def _same(got: list[list], want: list[list]) -> None:
    if want and all(v == "gem" for _, v in want):  # a peer that gives times only
        got = [[t, "gem"] for t in sorted({t for t, _ in got})]
    assert len(got) == len(want)
    assert [v for _, v in got] == [v for _, v in want]
    worst = max((abs(a[0] - b[0]) for a, b in zip(got, want, strict=True)), default=0.0)
    assert worst <= TOLERANCE_MS


@pytest.mark.parametrize("case", sorted(CASES))
def test_notes_match_what_the_peer_gave(case):
    name, course, player, _ = CASES[case]
    _same(ours(name, course, player), expected_notes(case))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_peer_still_gives_the_committed_values(case):
    peer = CASES[case][3]
    if importlib.util.find_spec(peer) is None:
        pytest.skip(f"the peer parser {peer!r} is not installed (not a project dependency)")
    _same(peer_notes(case), expected_notes(case))
