"""Default key bindings and the one place a key becomes a drum hit (player, voice).

One keyboard, two players. Each player gets a separate half of the home row, mirrored so the
two kicks sit under the index fingers on the keys with the tactile bumps (F and J), and the
rare crash under the little fingers:

    P1 (left hand)          P2 (right hand)
    A      S     D     F    J     K     L      ;
    crash  snare hihat kick kick  hihat snare  crash

No key is shared. The home-row halves are what most keyboards handle best for rhythm games
(up to two simultaneous notes per player means at most four keys down, within the six keys
of the USB boot protocol); the settings screen's key test finds combinations a particular
keyboard ghosts on. The lanes of each highway are laid out in the same left-to-right order as
its player's keys (see ``LANE_ORDER``).

Bindings are stored as key *names* (``pygame.key.name`` spelling) so they can be saved and
shown; :class:`KeyMap` resolves them to key codes once, after pygame has started.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ....core.events import InputEvent
from ....core.voices import PLAYERS, Player, Voice
from ....storage.settings import DEFAULT_KEYS

#: Left-to-right lane (and key) order of each player's highway; mirrored around the centre.
LANE_ORDER: dict[Player, tuple[Voice, ...]] = {
    Player.P1: (Voice.CRASH, Voice.SNARE, Voice.HIHAT, Voice.KICK),
    Player.P2: (Voice.KICK, Voice.HIHAT, Voice.SNARE, Voice.CRASH),
}


class BindingConflict(ValueError):
    """A key bound twice, or a voice left without a key."""


@dataclass(frozen=True, slots=True)
class Bindings:
    """Key name per (player, voice): ``keys[player][voice]``."""

    keys: tuple[tuple[str, ...], tuple[str, ...]]

    def __post_init__(self) -> None:
        if len(self.keys) != len(PLAYERS) or any(len(row) != len(Voice) for row in self.keys):
            raise BindingConflict("every player needs one key per voice")
        seen: dict[str, tuple[Player, Voice]] = {}
        for player, voice, name in self.items():
            if not name:
                raise BindingConflict(f"{player.label} {voice.label} has no key")
            if name in seen:
                other_player, other_voice = seen[name]
                raise BindingConflict(
                    f"key {name!r} is bound to both {other_player.label} {other_voice.label} "
                    f"and {player.label} {voice.label}"
                )
            seen[name] = (player, voice)

    def key_for(self, player: Player, voice: Voice) -> str:
        return self.keys[int(player)][int(voice)]

    def items(self) -> Iterator[tuple[Player, Voice, str]]:
        for player in PLAYERS:
            for voice in Voice:
                yield player, voice, self.keys[int(player)][int(voice)]

    def with_key(self, player: Player, voice: Voice, name: str) -> Bindings:
        """A copy with one key changed; :class:`BindingConflict` if the key is taken."""
        rows = [list(row) for row in self.keys]
        rows[int(player)][int(voice)] = name.lower()
        return Bindings((tuple(rows[0]), tuple(rows[1])))

    @classmethod
    def from_lanes(cls, p1: str, p2: str) -> Bindings:
        """Bindings from each player's keys written left to right in :data:`LANE_ORDER`."""
        rows = []
        for player, keys in ((Player.P1, p1), (Player.P2, p2)):
            names = keys.split()
            if len(names) != len(Voice):
                raise BindingConflict(f"{player.label} needs {len(Voice)} keys, got {keys!r}")
            row = [""] * len(Voice)
            for voice, name in zip(LANE_ORDER[player], names, strict=True):
                row[int(voice)] = name.lower()
            rows.append(tuple(row))
        return cls((rows[0], rows[1]))


DEFAULT_BINDINGS = Bindings((DEFAULT_KEYS[Player.P1], DEFAULT_KEYS[Player.P2]))


class KeyMap:
    """Key code -> (player, voice), built once; turns key presses into :class:`InputEvent`."""

    def __init__(self, bindings: Bindings, key_code: Callable[[str], int] | None = None) -> None:
        if key_code is None:
            # pygame only here: the options (and the command line that reads them) use the
            # bindings without loading pygame.
            import pygame

            key_code = pygame.key.key_code
        self.bindings = bindings
        self._by_code: dict[int, tuple[Player, Voice]] = {}
        for player, voice, name in bindings.items():
            self._by_code[key_code(name)] = (player, voice)

    def __len__(self) -> int:
        return len(self._by_code)

    def lookup(self, key: int) -> tuple[Player, Voice] | None:
        return self._by_code.get(key)

    def codes(self) -> dict[int, tuple[Player, Voice]]:
        return dict(self._by_code)

    def event(self, key: int, time_s: float, source: str = "keyboard") -> InputEvent | None:
        """The drum hit a key press means, at song time ``time_s``; None for other keys."""
        hit = self._by_code.get(key)
        if hit is None:
            return None
        return InputEvent(time_s, hit[0], hit[1], source)


def key_label(name: str) -> str:
    """How a key name is printed on a pad: ``"a"`` -> ``"A"``, ``"left"`` -> ``"LEFT"``."""
    return name.upper()
