"""Short deterministic song titles from style and seed."""

from __future__ import annotations

import numpy as np

_WORDS = {
    "dance-pop": (
        ("Neon", "Sugar", "Velvet", "Midnight", "Candy", "Electric", "Golden", "Starlight"),
        ("Heartbeat", "Signal", "Party", "Rush", "Glow", "Crush", "Fever", "Motion"),
    ),
    "rock": (
        ("Highway", "Broken", "Wild", "Rolling", "Iron", "Dusty", "Loud", "Restless"),
        ("Road", "Engine", "Thunder", "Stone", "Riot", "Garage", "Fire", "Anthem"),
    ),
    "metal": (
        ("Black", "Molten", "Savage", "Frozen", "Burning", "Grim", "Steel", "Eternal"),
        ("Hammer", "Inferno", "Abyss", "Storm", "Blade", "Throne", "Vortex", "Tyrant"),
    ),
    "euclidean": (
        ("Prime", "Golden", "Spiral", "Even", "Circular", "Hidden", "Binary", "Silent"),
        ("Necklace", "Ratio", "Orbit", "Cycle", "Pattern", "Lattice", "Pulse", "Clave"),
    ),
}


def make_title(style: str, rng: np.random.Generator) -> str:
    """E.g. ``"Neon Heartbeat"``: one adjective and one noun picked for the style."""
    first, second = _WORDS[style]
    a, b = rng.integers(0, len(first)), rng.integers(0, len(second))
    return f"{first[int(a)]} {second[int(b)]}"
