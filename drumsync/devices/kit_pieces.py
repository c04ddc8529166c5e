"""The pieces of a drum kit (what a MIDI note means) and which DrumSync voice each one plays.

DrumSync has four voices: kick, snare, hi-hat, crash. A full kit has more pieces, folded in
by the role they play in a groove:

- snare head, rim shot, cross stick and the toms (hand drums that answer the backbeat) -> snare;
- hi-hat (closed, open, edge, bell) and the ride (bow, edge, bell: the time-keeping cymbal)
  -> hi-hat;
- crash, splash and china (accent cymbals) -> crash;
- kick -> kick;
- the hi-hat pedal (the foot's "chick") -> hi-hat, only when the player turns it on: many
  drummers keep time with the foot, which would otherwise be judged as stray hi-hat hits.
"""

from __future__ import annotations

from enum import Enum

from ..core.voices import Voice


class KitPiece(Enum):
    KICK = "kick"
    SNARE_HEAD = "snare head"
    SNARE_RIM = "snare rim"
    CROSS_STICK = "cross stick"
    TOM = "tom"
    HIHAT_CLOSED = "hi-hat closed"
    HIHAT_OPEN = "hi-hat open"
    HIHAT_PEDAL = "hi-hat pedal"
    HIHAT_SPLASH = "hi-hat foot splash"
    RIDE = "ride"
    RIDE_BELL = "ride bell"
    CRASH = "crash"

    @property
    def label(self) -> str:
        return self.value

    @property
    def is_pedal(self) -> bool:
        return self in (KitPiece.HIHAT_PEDAL, KitPiece.HIHAT_SPLASH)


_VOICE_OF_PIECE: dict[KitPiece, Voice] = {
    KitPiece.KICK: Voice.KICK,
    KitPiece.SNARE_HEAD: Voice.SNARE,
    KitPiece.SNARE_RIM: Voice.SNARE,
    KitPiece.CROSS_STICK: Voice.SNARE,
    KitPiece.TOM: Voice.SNARE,
    KitPiece.HIHAT_CLOSED: Voice.HIHAT,
    KitPiece.HIHAT_OPEN: Voice.HIHAT,
    KitPiece.HIHAT_PEDAL: Voice.HIHAT,
    KitPiece.HIHAT_SPLASH: Voice.HIHAT,
    KitPiece.RIDE: Voice.HIHAT,
    KitPiece.RIDE_BELL: Voice.HIHAT,
    KitPiece.CRASH: Voice.CRASH,
}


def voice_of_piece(piece: KitPiece, hihat_pedal: bool) -> Voice | None:
    """The voice ``piece`` plays; None for the hi-hat pedal while the pedal is off."""
    if piece.is_pedal and not hihat_pedal:
        return None
    return _VOICE_OF_PIECE[piece]
