"""The input layer's pure part: MIDI streams, device clocks, thresholds, debounce, routing."""

from __future__ import annotations

import random

import pytest

from drumsync.core.voices import Player, Voice
from drumsync.devices import DeviceClock, DeviceKind, DeviceProfile, InputRouter, PadHit
from drumsync.devices.midi_stream import MidiByteParser, note_ons_from_portmidi
from drumsync.devices.pad_filter import Verdict


def kit(**changes) -> DeviceProfile:
    values = {"name": "TD-17", "kind": DeviceKind.MIDI, "player": Player.P1, **changes}
    return DeviceProfile(**values)


# -- MIDI messages ----------------------------------------------------------------------------


def test_portmidi_event_list_gives_note_ons_only():
    events = [
        [[0x99, 38, 100, 0], 1000],  # note-on ch 10
        [[0x89, 38, 64, 0], 1010],  # note-off
        [[0x99, 36, 0, 0], 1020],  # note-on velocity 0 = note-off
        [[0xB9, 4, 90, 0], 1030],  # hi-hat pedal position (CC 4)
        [[0x90, 42, 1, 0], 1040],  # ch 1, softest strike
        [[0xFE, 0, 0, 0], 1050],  # active sensing
        ["garbage"],
        [[0x99, 200, 100, 0], 1060],  # out-of-range note
    ]
    notes = note_ons_from_portmidi(events)
    assert [(n.channel, n.note, n.velocity, n.time_ms) for n in notes] == [
        (9, 38, 100, 1000.0),
        (0, 42, 1, 1040.0),
    ]


def test_byte_stream_with_running_status_realtime_and_sysex():
    stream = bytes(
        [
            *(0x99, 36, 110, 38, 90),  # note-on kick, then snare by running status
            0xF8,  # timing clock in between
            *(42, 0xFE, 70),  # hi-hat, active sensing inside the message
            *(0xF0, 0x41, 0x10, 0x42, 0x7F, 0xF7),  # sysex: skipped
            *(46, 80),  # data after sysex: running status was cancelled -> ignored
            *(0x99, 49, 0),  # velocity 0: note-off
            *(0xC9, 5),  # program change (one data byte)
            *(0x99, 51, 64),
            *(0xF0, 0x7E, 0x99, 53, 99),  # a status byte ends an unterminated sysex
        ]
    )
    parser = MidiByteParser()
    notes = parser.feed(stream[:4], 5.0) + parser.feed(stream[4:], 6.0)
    expected = [(36, 110), (38, 90), (42, 70), (51, 64), (53, 99)]
    assert [(n.note, n.velocity) for n in notes] == expected
    assert notes[0].time_ms == 5.0 and notes[1].time_ms == 6.0


# -- the device clock -------------------------------------------------------------------------


def test_device_clock_offset_from_bracketed_readings_is_robust_to_jitter():
    rng = random.Random(7)
    true_offset = 1234.5678
    clock = DeviceClock()
    assert clock.offset_s is None
    for i in range(40):
        device_s = 10.0 + i * 0.5
        before = device_s + true_offset - rng.uniform(0, 0.0004)
        width = rng.uniform(0.00002, 0.0006)
        if i % 7 == 0:
            width = 0.004  # a descheduled read: wide bracket, off-centre
            before -= 0.003
        device_ms = round(device_s * 1000.0)  # whole-ms device clock
        clock.measure(before, device_ms, before + width)
    assert clock.offset_s == pytest.approx(true_offset, abs=0.0008)
    assert clock.uncertainty_s < 0.002
    assert not clock.measure(0.0, 0.0, 0.5)  # far too wide: refused


def test_device_clock_follows_drift():
    clock = DeviceClock(window=8)
    for i in range(40):  # the device clock runs 100 ppm slow
        perf_s = 100.0 + i
        clock.measure(perf_s, (perf_s - 100.0) * (1 - 1e-4) * 1000.0, perf_s)
    stamp, own = clock.to_perf(39_000 * (1 - 1e-4), arrived_s=139.002, fallback_s=139.0015)
    assert own and stamp == pytest.approx(139.0, abs=0.0005)


def test_device_stamps_are_clamped_to_arrival_and_unusable_ones_fall_back():
    clock = DeviceClock()
    stamp, own = clock.to_perf(500.0, arrived_s=10.0, fallback_s=9.9995)
    assert (stamp, own) == (9.9995, False)  # not measured yet
    clock.measure(9.0, 0.0, 9.0)  # device 0 ms == perf 9.0 s
    assert clock.to_perf(990.0, arrived_s=10.0, fallback_s=9.9995) == (pytest.approx(9.99), True)
    assert clock.to_perf(1005.0, arrived_s=10.0, fallback_s=9.9995) == (10.0, True)  # clamped
    assert clock.to_perf(0.0, arrived_s=10.0, fallback_s=9.9995) == (9.9995, False)  # stale


# -- routing: threshold, debounce, players, latency -------------------------------------------


def test_router_maps_thresholds_and_debounces_a_midi_stream():
    router = InputRouter([kit(threshold=10, thresholds={"note:42": 30}, debounce_ms=20.0)])
    clock = router.clock("TD-17")
    clock.measure(50.0, 0.0, 50.0)  # device ms 0 == perf 50 s
    events = [
        [[0x99, 38, 100, 0], 1000],  # snare at 51.000
        [[0x99, 40, 90, 0], 1008],  # its rim 8 ms later: a double trigger of the snare
        [[0x99, 36, 5, 0], 1010],  # ghost kick under the pad threshold (10)
        [[0x99, 42, 25, 0], 1012],  # hi-hat under its own threshold (30)
        [[0x99, 42, 31, 0], 1020],  # hi-hat just over it
        [[0x99, 38, 100, 0], 1030],  # snare 30 ms after the first: a real second stroke
        [[0x99, 44, 100, 0], 1040],  # pedal: off by default
        [[0x99, 60, 100, 0], 1050],  # unmapped note
    ]
    hits = router.midi("TD-17", events, arrived_s=51.06, fallback_s=51.0595)
    assert [(h.voice, h.velocity, round(h.stamp_s, 4)) for h in hits] == [
        (Voice.SNARE, 100, 51.0),
        (Voice.HIHAT, 31, 51.02),
        (Voice.SNARE, 100, 51.03),
    ]
    verdicts = [(r.verdict, r.interval_ms and round(r.interval_ms, 3)) for r in router.log]
    assert verdicts == [
        (Verdict.ACCEPTED, None),
        (Verdict.DOUBLE, 8.0),
        (Verdict.GHOST, None),
        (Verdict.GHOST, None),
        (Verdict.ACCEPTED, None),
        (Verdict.ACCEPTED, 30.0),
        (Verdict.PEDAL_OFF, None),
        (Verdict.UNMAPPED, None),
    ]
    assert router.log[1].label == "note 40 (snare rim)"
    assert all(h.player is Player.P1 and h.device == "TD-17" for h in hits)


def test_each_device_has_its_own_player_and_latency():
    router = InputRouter(
        [
            kit(offset_ms=12.0),
            DeviceProfile(name="Pad", kind=DeviceKind.CONTROLLER, player=Player.P2, offset_ms=-4.0),
        ]
    )
    a = router.strike(PadHit("TD-17", "note:36", 90, 2.0))
    b = router.strike(PadHit("Pad", "button:a", 127, 2.0))
    assert (a.player, a.voice, a.stamp_s) == (Player.P1, Voice.KICK, pytest.approx(1.988))
    assert (b.player, b.voice, b.stamp_s) == (Player.P2, Voice.KICK, pytest.approx(2.004))
    # the same voice on two devices is not a double trigger
    assert router.strike(PadHit("Pad", "button:x", 127, 2.001)).voice is Voice.SNARE
    assert router.devices_of(Player.P2) == ["Pad"]


def test_a_device_no_player_uses_is_logged_but_plays_nothing():
    router = InputRouter()
    hits = router.midi("New kit", [[[0x99, 38, 100, 0], 5]], arrived_s=1.0, fallback_s=0.9995)
    assert hits == []
    assert router.last_strike().verdict is Verdict.NO_PLAYER
    assert router.last_strike().hit.stamp_s == 0.9995  # no clock measured: the poll midpoint
    assert router.profile("New kit").kind is DeviceKind.MIDI


def test_raw_bytes_go_through_the_same_router():
    router = InputRouter([kit()])
    router.clock("TD-17").measure(0.0, 0.0, 0.0)
    first = router.midi_bytes("TD-17", bytes([0x99, 36]), 100.0, 0.2, 0.2)
    second = router.midi_bytes("TD-17", bytes([100, 38, 100]), 101.0, 0.2, 0.2)
    assert first == []
    assert [(h.voice, h.stamp_s) for h in second] == [(Voice.KICK, 0.101), (Voice.SNARE, 0.101)]


def test_the_devices_package_is_pure():
    """No pygame, no wall clock, no global random state: it runs the same headless."""
    import ast
    from pathlib import Path

    import drumsync.devices

    root = Path(drumsync.devices.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.name} imports {name}"
                for name in names
                if name.split(".")[0] in {"pygame", "time", "random"}
            ]
    assert offenders == []


def test_device_names_are_kept_printable_and_short():
    from drumsync.devices.pads import MAX_DEVICE_NAME_CHARS, clean_device_name

    assert clean_device_name(b"TD-17\x00 MIDI\t1\n") == "TD-17 MIDI 1"
    assert clean_device_name("  ") == "device"
    assert len(clean_device_name("x" * 300)) == MAX_DEVICE_NAME_CHARS
    assert clean_device_name(b"\xff\xfeKit") == "\ufffd\ufffdKit"
