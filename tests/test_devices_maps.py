"""Note maps and controller maps: kit pieces to DrumSync's four voices."""

from __future__ import annotations

import pytest

from drumsync.core.voices import Player, Voice
from drumsync.devices import DeviceKind, DeviceProfile, KitPiece
from drumsync.devices.controller_maps import (
    CONTROLLER_MAPS,
    controller_axis_pad,
    controller_button_pad,
    guess_controller_map,
    joystick_hat_pads,
)
from drumsync.devices.kit_pieces import voice_of_piece
from drumsync.devices.note_maps import NOTE_MAPS, guess_note_map, note_map
from drumsync.devices.pad_filter import Verdict

GM_EXPECTED = {
    35: Voice.KICK,
    36: Voice.KICK,
    37: Voice.SNARE,
    38: Voice.SNARE,
    40: Voice.SNARE,
    42: Voice.HIHAT,
    46: Voice.HIHAT,
    49: Voice.CRASH,
    52: Voice.CRASH,
    55: Voice.CRASH,
    57: Voice.CRASH,
    51: Voice.HIHAT,
    53: Voice.HIHAT,
    59: Voice.HIHAT,
    **{tom: Voice.SNARE for tom in (41, 43, 45, 47, 48, 50)},
}


def midi_profile(preset: str, **changes) -> DeviceProfile:
    values = {"name": "kit", "kind": DeviceKind.MIDI, "player": Player.P1, "preset": preset}
    return DeviceProfile(**values, **changes)


def test_general_midi_percussion_map_gives_the_four_voices():
    profile = midi_profile("gm")
    for note, voice in GM_EXPECTED.items():
        assert profile.voice_for(f"note:{note}") == (voice, Verdict.ACCEPTED), note


def test_hihat_pedal_is_its_own_choice():
    off = midi_profile("gm")
    on = midi_profile("gm", hihat_pedal=True)
    assert off.voice_for("note:44") == (None, Verdict.PEDAL_OFF)
    assert on.voice_for("note:44") == (Voice.HIHAT, Verdict.ACCEPTED)
    assert voice_of_piece(KitPiece.HIHAT_SPLASH, hihat_pedal=False) is None


def test_roland_td_rims_and_edges_follow_their_pads():
    roland = note_map("roland-td")
    expected = {
        38: KitPiece.SNARE_HEAD,
        40: KitPiece.SNARE_RIM,
        48: KitPiece.TOM,
        50: KitPiece.TOM,
        45: KitPiece.TOM,
        47: KitPiece.TOM,
        43: KitPiece.TOM,
        58: KitPiece.TOM,
        46: KitPiece.HIHAT_OPEN,
        26: KitPiece.HIHAT_OPEN,
        42: KitPiece.HIHAT_CLOSED,
        22: KitPiece.HIHAT_CLOSED,
        44: KitPiece.HIHAT_PEDAL,
        49: KitPiece.CRASH,
        55: KitPiece.CRASH,
        57: KitPiece.CRASH,
        52: KitPiece.CRASH,
        51: KitPiece.RIDE,
        59: KitPiece.RIDE,
        53: KitPiece.RIDE_BELL,
        36: KitPiece.KICK,
    }
    for note, piece in expected.items():
        assert roland.piece(note) is piece, note
    profile = midi_profile("roland-td")
    assert profile.voice_for("note:26")[0] is Voice.HIHAT  # open hi-hat edge
    assert profile.voice_for("note:22")[0] is Voice.HIHAT  # closed hi-hat edge
    assert profile.voice_for("note:58")[0] is Voice.SNARE  # tom 3 rim


def test_yamaha_dtx_snare_zones_and_second_kick():
    dtx = midi_profile("yamaha-dtx")
    for note in (38, 40, 37, 31, 34, 27):
        assert dtx.voice_for(f"note:{note}")[0] is Voice.SNARE, note
    for note in (36, 35, 33):
        assert dtx.voice_for(f"note:{note}")[0] is Voice.KICK, note
    assert dtx.voice_for("note:83") == (None, Verdict.PEDAL_OFF)  # foot splash


def test_every_preset_plays_all_four_voices_and_nothing_else_is_silent():
    for name in NOTE_MAPS:
        profile = midi_profile(name, hihat_pedal=True)
        played = {profile.voice_for(f"note:{n}")[0] for n in note_map(name).pieces}
        assert played == set(Voice), name
    for name, preset in CONTROLLER_MAPS.items():
        assert set(preset.voices.values()) == set(Voice), name


def test_unlisted_note_is_unmapped_and_bindings_override_the_preset():
    profile = midi_profile("gm")
    assert profile.voice_for("note:60") == (None, Verdict.UNMAPPED)
    bound = profile.with_binding("note:60", Voice.CRASH).with_binding("note:38", None)
    assert bound.voice_for("note:60") == (Voice.CRASH, Verdict.ACCEPTED)
    assert bound.voice_for("note:38") == (None, Verdict.UNMAPPED)
    assert profile.voice_for("note:38")[0] is Voice.SNARE  # the original is unchanged


def test_hit_the_pad_for_binds_that_pad_alone():
    profile = midi_profile("gm").with_only_pad_for(Voice.KICK, "note:60")
    assert profile.pads_of(Voice.KICK) == ["note:60"]
    assert profile.voice_for("note:36") == (None, Verdict.UNMAPPED)
    assert profile.voice_for("note:38")[0] is Voice.SNARE  # other voices untouched


def test_preset_guesses_from_port_names():
    assert guess_note_map("TD-17 MIDI 1") == "roland-td"
    assert guess_note_map("Roland TD-27") == "roland-td"
    assert guess_note_map("Alesis Nitro Max") == "alesis"
    assert guess_note_map("DTX-PRO MIDI 1") == "yamaha-dtx"
    assert guess_note_map("USB MIDI Interface") == "gm"
    assert guess_controller_map("Taiko Drum Controller", mapped=True) == "taiko"
    assert guess_controller_map("Rock Band Drums", mapped=False) == "rock-band"
    assert guess_controller_map("Xbox 360 Controller", mapped=True) == "gamepad"
    assert guess_controller_map("Generic USB Joystick", mapped=False) == "joystick"


def test_sdl_controller_names_and_joystick_pads():
    assert controller_button_pad(0) == "button:a"
    assert controller_button_pad(9) == "button:leftshoulder"
    assert controller_button_pad(13) == "button:dpleft"
    assert controller_axis_pad(4) == "axis:lefttrigger"
    assert joystick_hat_pads(0, (-1, 1)) == ("hat:0:up", "hat:0:left")
    assert joystick_hat_pads(1, (0, 0)) == ()


def test_pad_labels_name_the_kit_piece():
    assert midi_profile("roland-td").pad_label("note:40") == "note 40 (snare rim)"
    gamepad = DeviceProfile(name="pad", kind=DeviceKind.CONTROLLER)
    assert gamepad.preset == "gamepad"
    assert gamepad.pad_label("button:a") == "button a"


@pytest.mark.parametrize(
    "changes",
    [
        {"threshold": 0},
        {"threshold": 200},
        {"debounce_ms": -1.0},
        {"debounce_ms": float("nan")},
        {"offset_ms": 1000.0},
        {"preset": "casio"},
        {"thresholds": {"note:38": 500}},
        {"name": ""},
    ],
)
def test_bad_profile_values_are_one_clear_error(changes):
    with pytest.raises(ValueError):
        midi_profile("gm").with_changes(**changes)
