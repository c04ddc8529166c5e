"""MIDI note maps: which kit piece a drum module's note number means, per kit family.

Sources (each module's own documentation of its default, factory note assignments):

- ``gm``: the General MIDI Level 1 percussion key map (channel 10): 35/36 bass drum,
  37 side stick, 38/40 snare (acoustic/electric), 41/43/45/47/48/50 toms (low floor to high),
  42/44/46 hi-hat closed/pedal/open, 49/57 crash 1/2, 52 Chinese cymbal, 55 splash,
  51/59 ride 1/2, 53 ride bell.
- ``roland-td``: Roland V-Drums TD modules (TD-17, TD-27, ...), PAD MIDI defaults with their
  rim and edge zones: 36 kick, 38/40 snare head/rim, 37 cross stick, 48/50 tom 1 head/rim,
  45/47 tom 2, 43/58 tom 3, 46/26 hi-hat open bow/edge, 42/22 closed bow/edge, 44 pedal,
  49/55 crash 1 bow/edge, 57/52 crash 2, 51/59/53 ride bow/edge/bell.
- ``alesis``: Alesis Nitro, Nitro Mesh, Surge and Strike modules send General MIDI numbers
  for the pads they have: 36 kick, 38/40 snare head/rim, 37 cross stick, 48/45/43/41 toms
  (the 4th tom on Surge/Strike), 46/42/44 hi-hat open/closed/pedal, 49/57 crashes,
  51/59 ride, 53 ride bell, 55 crash edge.
- ``yamaha-dtx``: Yamaha DTX modules (DTX502 preset kits; DTXPLORER): 36 kick (35 second
  kick; 33 on the DTXPLORER), 38/40/37 snare head/open rim/closed rim (31/34/27 with the
  snares off), 48/47/43 toms, 46/42 hi-hat open/closed, 78/79 their edges, 85/86 bell
  open/closed, 44 foot close, 83 (85 on the DTXPLORER) foot splash, 49/59/55 crash
  edge/bow/cup (57 second crash), 51/52/53 ride bow/edge/cup.

A note a map does not list is ignored (and shown as unmapped in the input test); the
binding screen can give any note any voice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .kit_pieces import KitPiece
from .presets import named_preset

K = KitPiece


@dataclass(frozen=True, slots=True)
class NoteMap:
    name: str
    label: str
    pieces: Mapping[int, KitPiece]

    def piece(self, note: int) -> KitPiece | None:
        return self.pieces.get(int(note))


def _map(name: str, label: str, groups: dict[KitPiece, tuple[int, ...]]) -> NoteMap:
    pieces: dict[int, KitPiece] = {}
    for piece, notes in groups.items():
        for note in notes:
            if note in pieces:
                raise ValueError(f"{name}: note {note} listed twice")
            pieces[note] = piece
    return NoteMap(name, label, MappingProxyType(dict(sorted(pieces.items()))))


GM = _map(
    "gm",
    "General MIDI",
    {
        K.KICK: (35, 36),
        K.CROSS_STICK: (37,),
        K.SNARE_HEAD: (38, 40),
        K.TOM: (41, 43, 45, 47, 48, 50),
        K.HIHAT_CLOSED: (42,),
        K.HIHAT_PEDAL: (44,),
        K.HIHAT_OPEN: (46,),
        K.CRASH: (49, 52, 55, 57),
        K.RIDE: (51, 59),
        K.RIDE_BELL: (53,),
    },
)

ROLAND_TD = _map(
    "roland-td",
    "Roland V-Drums (TD)",
    {
        K.KICK: (36,),
        K.SNARE_HEAD: (38,),
        K.SNARE_RIM: (40,),
        K.CROSS_STICK: (37,),
        K.TOM: (48, 50, 45, 47, 43, 58),
        K.HIHAT_OPEN: (46, 26),
        K.HIHAT_CLOSED: (42, 22),
        K.HIHAT_PEDAL: (44,),
        K.CRASH: (49, 55, 57, 52),
        K.RIDE: (51, 59),
        K.RIDE_BELL: (53,),
    },
)

ALESIS = _map(
    "alesis",
    "Alesis (Nitro, Surge, Strike)",
    {
        K.KICK: (36,),
        K.SNARE_HEAD: (38,),
        K.SNARE_RIM: (40,),
        K.CROSS_STICK: (37,),
        K.TOM: (48, 45, 43, 41),
        K.HIHAT_OPEN: (46,),
        K.HIHAT_CLOSED: (42,),
        K.HIHAT_PEDAL: (44,),
        K.CRASH: (49, 57, 55),
        K.RIDE: (51, 59),
        K.RIDE_BELL: (53,),
    },
)

YAMAHA_DTX = _map(
    "yamaha-dtx",
    "Yamaha DTX",
    {
        K.KICK: (36, 35, 33),
        K.SNARE_HEAD: (38, 31),
        K.SNARE_RIM: (40, 34),
        K.CROSS_STICK: (37, 27),
        K.TOM: (48, 47, 43),
        K.HIHAT_OPEN: (46, 78, 85),
        K.HIHAT_CLOSED: (42, 79, 86),
        K.HIHAT_PEDAL: (44,),
        K.HIHAT_SPLASH: (83,),
        K.CRASH: (49, 59, 55, 57),
        K.RIDE: (51, 52),
        K.RIDE_BELL: (53,),
    },
)

NOTE_MAPS: dict[str, NoteMap] = {m.name: m for m in (GM, ROLAND_TD, ALESIS, YAMAHA_DTX)}
DEFAULT_NOTE_MAP = "gm"


def note_map(name: str) -> NoteMap:
    """The preset called ``name``; ValueError listing the known ones otherwise."""
    return named_preset(NOTE_MAPS, name, "note map")


def guess_note_map(device_name: str) -> str:
    """The preset a MIDI device's port name suggests (``"TD-17 MIDI 1"`` -> roland-td)."""
    lowered = device_name.lower()
    if "roland" in lowered or lowered.startswith("td-") or " td-" in lowered:
        return ROLAND_TD.name
    if "alesis" in lowered or any(w in lowered for w in ("nitro", "surge", "strike")):
        return ALESIS.name
    if "yamaha" in lowered or "dtx" in lowered:
        return YAMAHA_DTX.name
    return DEFAULT_NOTE_MAP
