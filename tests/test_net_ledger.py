"""Hit lists across a rude network: whatever order, loss and duplication, the same result."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core import generate_chart, score
from drumsync.core.replay import loads_replay
from drumsync.core.voices import Player, Voice
from drumsync.net.address import AddressError, parse_address
from drumsync.net.chart_offer import ChartOffer, ChartRefused, accept_offer, offer_for
from drumsync.net.ledger import (
    MAX_AHEAD,
    Inbox,
    LedgerError,
    NetHit,
    Outbox,
    merged_replay,
    replay_digest,
)

CHART = generate_chart(seed=4, style="dance-pop", bpm=120.0, difficulty=3, bars=2)


def played(n=30, seed=0) -> Outbox:
    rng = random.Random(seed)
    box = Outbox()
    t = 1.0
    for _ in range(n):
        t += rng.uniform(0.0, 0.3)
        box.add(t, Voice(rng.randrange(4)), rng.random(), "keyboard")
    return box


@settings(max_examples=100, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(1, 60))
def test_any_delivery_order_with_duplicates_gives_the_same_list(rng, n):
    sent = played(n).hits
    wire = sent + [rng.choice(sent) for _ in range(rng.randrange(n + 1))]  # duplicates
    rng.shuffle(wire)  # reordering
    inbox = Inbox()
    for hit in wire:
        inbox.add(hit)
    inbox.finish(n)
    assert inbox.complete and inbox.hits() == sent
    assert inbox.duplicates == len(wire) - n


def test_lost_hits_are_waited_for_then_resent():
    box = played(10)
    inbox = Inbox()
    for hit in box.hits:
        if hit.seq not in (4, 7):  # lost on the way
            inbox.add(hit)
    inbox.finish(box.count)
    assert inbox.contiguous == 3 and not inbox.complete
    box.ack(inbox.contiguous)
    assert [h.seq for h in box.unacked()][:2] == [4, 5]
    for hit in box.unacked():  # the re-send
        inbox.add(hit)
    assert inbox.complete
    box.ack(inbox.contiguous)
    assert box.all_acked
    box.ack(3)  # a late, stale ack never moves back
    assert box.all_acked


def test_hostile_hit_lists_are_refused():
    inbox = Inbox()
    hit = NetHit(1, 1.0, Voice.KICK)
    inbox.add(hit)
    with pytest.raises(LedgerError, match="different"):
        inbox.add(NetHit(1, 1.5, Voice.KICK))
    with pytest.raises(LedgerError, match="too far ahead"):
        inbox.add(NetHit(MAX_AHEAD + 5, 2.0, Voice.KICK))
    inbox.finish(1)
    with pytest.raises(LedgerError, match="after the partner's last hit"):
        inbox.add(NetHit(2, 2.0, Voice.KICK))
    with pytest.raises(LedgerError, match="changed"):
        inbox.finish(2)


def test_both_sides_merge_the_same_replay():
    p1, p2 = played(25, seed=1).hits, played(25, seed=2).hits
    args = {"names": ("Ann", "Ben"), "offsets_ms": (5.0, -3.0), "windows": "standard"}
    on_host = merged_replay(CHART, {Player.P1: p1, Player.P2: p2}, **args)
    on_join = merged_replay(CHART, {Player.P2: list(reversed(p2)), Player.P1: p1}, **args)
    assert on_host == on_join and replay_digest(on_host) == replay_digest(on_join)
    assert len(on_host.events_for(Player.P1)) == 25
    from drumsync.core.replay import dumps_replay

    again = loads_replay(dumps_replay(on_host))
    assert score(CHART, again).to_json() == score(CHART, on_host).to_json()


def test_generated_chart_travels_as_arguments():
    offer = offer_for(CHART, "strict")
    assert offer.kind == "generated" and offer.args["seed"] == 4 and offer.windows == "strict"
    assert accept_offer(ChartOffer.from_fields(offer.to_fields())) == CHART


def test_generated_chart_that_comes_out_differently_is_refused():
    offer = offer_for(CHART)
    forged = ChartOffer(offer.kind, "0" * 64, offer.title, offer.args)
    with pytest.raises(ChartRefused, match="comes out differently"):
        accept_offer(forged)


def test_file_chart_travels_by_hash_and_is_refused_when_missing():
    import dataclasses

    edited = dataclasses.replace(CHART, meta=dataclasses.replace(CHART.meta, title="My Song"))
    offer = offer_for(edited)
    assert offer.kind == "file" and offer.args is None
    assert accept_offer(offer, [CHART, edited]) is edited
    with pytest.raises(ChartRefused, match="you do not have the host's chart 'My Song'"):
        accept_offer(offer, [CHART])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", ("127.0.0.1", 47474)),
        ("127.0.0.1:5000", ("127.0.0.1", 5000)),
        ("drums.lan", ("drums.lan", 47474)),
        ("[::1]:6000", ("::1", 6000)),
        ("::1", ("::1", 47474)),
    ],
)
def test_addresses(text, expected):
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "host:0",
        "host:70000",
        "host:http",
        "[::1",
        "[::1]x",
        "bad host",
        "-x",
        "a/b:80",
        "x" * 300,
    ],
)
def test_bad_addresses(text):
    with pytest.raises(AddressError):
        parse_address(text)
