"""How each format's instruments become DrumSync's four voices (kick, snare, hi-hat, crash).

These tables are the documented mapping (the README repeats them). Anything not listed is
dropped and counted in the import report.

Taiko (TJA, osu!taiko): don -> snare, ka -> hi-hat, big don -> kick, big ka -> crash.
  A drum's centre hit and rim hit become the two hands' voices; the big (two-handed) notes
  become the accented kick and crash, so every taiko note is one DrumSync note.
General MIDI percussion (channel 10): see ``GM_PERCUSSION``.
Rock Band / Clone Hero drums: kick (and 2x kick) -> kick; red -> snare; yellow cymbal ->
  hi-hat; blue cymbal (the ride) -> hi-hat; green cymbal -> crash; every tom -> snare.
"""

from __future__ import annotations

from ..voices import Voice

KICK, SNARE, HIHAT, CRASH = Voice.KICK, Voice.SNARE, Voice.HIHAT, Voice.CRASH

# Taiko note kinds -> (voice, velocity)
TAIKO_DON = (SNARE, 0.8)
TAIKO_KA = (HIHAT, 0.8)
TAIKO_BIG_DON = (KICK, 1.0)
TAIKO_BIG_KA = (CRASH, 1.0)

#: General MIDI level 1 percussion keys (channel 10) that DrumSync plays.
GM_PERCUSSION: dict[int, Voice] = {
    35: KICK,  # acoustic bass drum
    36: KICK,  # bass drum 1
    37: SNARE,  # side stick
    38: SNARE,  # acoustic snare
    39: SNARE,  # hand clap
    40: SNARE,  # electric snare
    41: SNARE,  # low floor tom
    43: SNARE,  # high floor tom
    45: SNARE,  # low tom
    47: SNARE,  # low-mid tom
    48: SNARE,  # hi-mid tom
    50: SNARE,  # high tom
    42: HIHAT,  # closed hi-hat
    44: HIHAT,  # pedal hi-hat
    46: HIHAT,  # open hi-hat
    51: HIHAT,  # ride cymbal 1
    53: HIHAT,  # ride bell
    59: HIHAT,  # ride cymbal 2
    49: CRASH,  # crash cymbal 1
    52: CRASH,  # chinese cymbal
    55: CRASH,  # splash cymbal
    57: CRASH,  # crash cymbal 2
}
GM_DRUM_CHANNEL = 9  # "channel 10" counted from 1

GM_PERCUSSION_NAMES = {
    54: "tambourine",
    56: "cowbell",
    58: "vibraslap",
    60: "hi bongo",
    61: "low bongo",
    62: "mute hi conga",
    63: "open hi conga",
    64: "low conga",
    65: "high timbale",
    66: "low timbale",
    67: "high agogo",
    68: "low agogo",
    69: "cabasa",
    70: "maracas",
    71: "short whistle",
    72: "long whistle",
    73: "short guiro",
    74: "long guiro",
    75: "claves",
    76: "hi wood block",
    77: "low wood block",
    78: "mute cuica",
    79: "open cuica",
    80: "mute triangle",
    81: "open triangle",
}


def gm_key_name(key: int) -> str:
    return GM_PERCUSSION_NAMES.get(key, f"percussion key {key}")


# Rock Band / Clone Hero pads: 0 kick, 1 red, 2 yellow, 3 blue, 4 green
PAD_KICK, PAD_RED, PAD_YELLOW, PAD_BLUE, PAD_GREEN = range(5)
PRO_CYMBAL_VOICE = {PAD_YELLOW: HIHAT, PAD_BLUE: HIHAT, PAD_GREEN: CRASH}
TOM_VOICE = SNARE


def pad_voice(pad: int, cymbal: bool) -> Voice:
    """The voice of a 4-lane pad hit (a tom unless ``cymbal``)."""
    if pad == PAD_KICK:
        return KICK
    if pad == PAD_RED:
        return SNARE
    return PRO_CYMBAL_VOICE[pad] if cymbal else TOM_VOICE


__all__ = [
    "GM_DRUM_CHANNEL",
    "GM_PERCUSSION",
    "TAIKO_BIG_DON",
    "TAIKO_BIG_KA",
    "TAIKO_DON",
    "TAIKO_KA",
    "gm_key_name",
    "pad_voice",
]
