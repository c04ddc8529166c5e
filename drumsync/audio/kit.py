"""The drum kit, synthesized at start-up: kick, snare, closed/open hi-hat, crash, count-in clicks.

Each sound exists in ``VELOCITY_LAYERS`` brightness layers (harder hits open the filters, add
click and drive); on top of the layer, loudness follows the exact velocity through
``velocity_gain``. Every layer is peak-normalised to its sound's level (never above 1.0), so
nothing clips. The whole kit builds in a few tens of milliseconds and is cached per sample rate
(``get_kit``).

Hi-hat rule: a ``Voice.HIHAT`` note plays the *open* hat when its velocity is at least
``OPEN_HAT_VELOCITY`` and the part's next hi-hat is at least one beat later (an accent with
room to ring, typically the end of a phrase); the next hi-hat chokes it. Live hits have no
look-ahead and always play the closed hat.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from ..core.voices import Voice
from .dsp import (
    band_filter,
    band_filter_many,
    exp_decay,
    fade_in_out,
    oscillator,
    peak_normalise,
    soft_clip,
    swept_sine,
)
from .dsp import time_axis as _t
from .timebase import RATE_HZ

VELOCITY_LAYERS = 4
OPEN_HAT_VELOCITY = 0.9
SOUNDS = ("kick", "snare", "hihat_closed", "hihat_open", "crash", "click", "click_accent")

# Peak level of each sound at full velocity, and its stereo position (-1 left .. +1 right).
LEVEL = {
    "kick": 1.0,
    "snare": 0.9,
    "hihat_closed": 0.6,
    "hihat_open": 0.5,
    "crash": 0.6,
    "click": 0.5,
    "click_accent": 0.8,
}
PAN = {
    "kick": 0.0,
    "snare": 0.05,
    "hihat_closed": 0.3,
    "hihat_open": 0.3,
    "crash": -0.3,
    "click": 0.0,
    "click_accent": 0.0,
}
_VOICE_SOUND = {
    Voice.KICK: "kick",
    Voice.SNARE: "snare",
    Voice.HIHAT: "hihat_closed",
    Voice.CRASH: "crash",
}
# The TR-808's six square-wave oscillators behind its hats and cymbal (Hz).
_METAL_HZ = (205.3, 304.4, 369.6, 522.7, 540.0, 800.0)
_END_FADE_S = 0.02  # every sound fades out: no click where its sample ends
_SEED = 0x0D5C  # the kit's own fixed noise seed: the kit is identical in every process


def velocity_gain(velocity: float) -> float:
    """Loudness factor for a velocity in 0..1: -7.6 dB at 0.3, -4.9 dB at 0.5, 0 dB at 1.0."""
    v = min(1.0, max(0.0, float(velocity)))
    return (0.3 + 0.7 * v) ** 1.3


def layer_index(velocity: float) -> int:
    """Which brightness layer (0 = softest) a velocity in 0..1 uses."""
    v = min(1.0, max(0.0, float(velocity)))
    return min(VELOCITY_LAYERS - 1, int(v * VELOCITY_LAYERS))


def layer_brightness(index: int) -> float:
    """Brightness 0..1 that layer ``index`` is synthesized with."""
    return (index + 1) / VELOCITY_LAYERS


def sound_for(voice: Voice, velocity: float = 0.8, open_hat: bool = False) -> str:
    """Kit sound that plays ``voice`` (see the module note on the open hi-hat)."""
    if voice == Voice.HIHAT and open_hat and velocity >= OPEN_HAT_VELOCITY:
        return "hihat_open"
    return _VOICE_SOUND[Voice(voice)]


@dataclass(frozen=True, eq=False)
class Kit:
    """Mono float32 samples: ``layers[sound][layer]``, each at peak ``LEVEL[sound]``."""

    rate_hz: int
    layers: dict[str, tuple[np.ndarray, ...]]

    def layer(self, sound: str, velocity: float) -> np.ndarray:
        """The brightness layer for ``velocity`` (read-only, not yet scaled by velocity)."""
        return self.layers[sound][layer_index(velocity)]

    def sample(self, sound: str, velocity: float) -> np.ndarray:
        """The hit as heard: brightness layer times ``velocity_gain``."""
        return (self.layer(sound, velocity) * np.float32(velocity_gain(velocity))).astype(
            np.float32
        )


_BRIGHT = tuple(layer_brightness(i) for i in range(VELOCITY_LAYERS))


def _blend(dark: np.ndarray, bright: np.ndarray, brightness: float) -> np.ndarray:
    """Brightness layer between two filterings of the same noise (0.25 -> dark, 1 -> bright)."""
    w = (brightness - _BRIGHT[0]) / (_BRIGHT[-1] - _BRIGHT[0])
    return (1.0 - w) * dark + w * bright


def _kick(rate_hz: int, rng: np.random.Generator) -> list[np.ndarray]:
    n = round(0.6 * rate_hz)
    t = _t(n, rate_hz)
    amp = 0.75 * np.exp(-t / 0.2) + 0.25 * np.exp(-t / 0.05)
    amp *= np.minimum(1.0, t * rate_hz / 8.0)  # 0.2 ms ramp: the click below is the attack
    click = band_filter(rng.standard_normal(n), rate_hz, 1500.0, 9000.0) * exp_decay(
        n, rate_hz, 0.0015
    )
    click /= np.max(np.abs(click))
    out = []
    for b in _BRIGHT:
        freq = 47.0 + (110.0 + 110.0 * b) * np.exp(-t / 0.04)
        body = swept_sine(freq, rate_hz) * amp
        out.append(soft_clip(body + (0.25 + 0.45 * b) * click, 1.2 + 1.3 * b))
    return out


def _snare(rate_hz: int, rng: np.random.Generator) -> list[np.ndarray]:
    n = round(0.35 * rate_hz)
    t = _t(n, rate_hz)
    tone = (
        np.sin(2 * np.pi * 185.0 * t) * np.exp(-t / 0.05)
        + 0.6 * np.sin(2 * np.pi * 330.0 * t) * np.exp(-t / 0.035)
    ) * 0.55
    bands = [(1200.0, 4500.0), (1200.0, 7500.0), (3000.0, None)]
    dark, bright, snap = band_filter_many(rng.standard_normal(n), rate_hz, bands)
    snap = snap / np.max(np.abs(snap)) * np.exp(-t / 0.004)
    out = []
    for b in _BRIGHT:
        noise = _blend(dark, bright, b)
        decay = 0.85 * np.exp(-t / (0.035 + 0.02 * b)) + 0.15 * np.exp(-t / 0.1)
        body = noise / np.max(np.abs(noise)) * decay
        out.append(soft_clip(tone + (0.7 + 0.3 * b) * body + (0.3 + 0.4 * b) * snap, 1.5))
    # The drive adds harmonics above the wires' range: keep the top octave for the hats.
    return [
        band_filter(wave, rate_hz, None, 7000.0 + 4000.0 * b)
        for wave, b in zip(out, _BRIGHT, strict=True)
    ]


def _metal(rate_hz: int, n: int, scale: float) -> np.ndarray:
    return sum(
        oscillator("square", f * scale, n, rate_hz, max_hz=0.45 * rate_hz, phase=0.25 * i)
        for i, f in enumerate(_METAL_HZ)
    )


def _hat(rate_hz: int, rng: np.random.Generator, decay_s: float, dur_s: float):
    n = round(dur_s * rate_hz)
    raw = 0.6 * _metal(rate_hz, n, 1.0) / len(_METAL_HZ) + 0.5 * rng.standard_normal(n)
    env = np.exp(-_t(n, rate_hz) / decay_s)
    tail = round(0.01 * rate_hz)
    env[-tail:] *= np.linspace(1.0, 0.0, tail)
    dark, bright = band_filter_many(
        raw, rate_hz, [(6000.0, 10000.0), (5000.0, min(0.45 * rate_hz, 18000.0))], order=3
    )
    return [_blend(dark, bright, b) * env for b in _BRIGHT]


def _crash(rate_hz: int, rng: np.random.Generator) -> list[np.ndarray]:
    n = round(1.8 * rate_hz)
    t = _t(n, rate_hz)
    raw = 0.25 * _metal(rate_hz, n, 1.47) / len(_METAL_HZ) + rng.standard_normal(n)
    env = 0.75 * np.exp(-t / 0.045) + 0.25 * np.exp(-t / 0.6)
    tail = round(0.05 * rate_hz)
    env[-tail:] *= np.linspace(1.0, 0.0, tail)
    dark, bright = band_filter_many(
        raw, rate_hz, [(2800.0, 8000.0), (2200.0, min(0.45 * rate_hz, 13000.0))]
    )
    return [_blend(dark, bright, b) * env for b in _BRIGHT]


def _click(rate_hz: int, freq_hz: float) -> list[np.ndarray]:
    n = round(0.03 * rate_hz)
    t = _t(n, rate_hz)
    # A cosine starts at full level: the click's first sample marks its time exactly.
    wave = np.cos(2 * np.pi * freq_hz * t) * np.exp(-t / 0.008)
    return [wave] * VELOCITY_LAYERS


def build_kit(rate_hz: int = RATE_HZ) -> Kit:
    """Synthesize every sound and layer (uncached; ``get_kit`` caches it)."""
    rng = np.random.default_rng(_SEED)
    made = {
        "kick": _kick(rate_hz, rng),
        "snare": _snare(rate_hz, rng),
        "hihat_closed": _hat(rate_hz, rng, 0.03, 0.12),
        "hihat_open": _hat(rate_hz, rng, 0.28, 0.8),
        "crash": _crash(rate_hz, rng),
        "click": _click(rate_hz, 1000.0),
        "click_accent": _click(rate_hz, 1600.0),
    }
    layers: dict[str, tuple[np.ndarray, ...]] = {}
    for name in SOUNDS:
        waves = []
        for wave in made[name]:
            wave = wave * fade_in_out(len(wave), rate_hz, 0.0, _END_FADE_S)
            wave = peak_normalise(wave, LEVEL[name]).astype(np.float32)
            wave.flags.writeable = False
            waves.append(wave)
        layers[name] = tuple(waves)
    return Kit(rate_hz=rate_hz, layers=layers)


@cache
def get_kit(rate_hz: int = RATE_HZ) -> Kit:
    """The kit for ``rate_hz``, built once per process."""
    return build_kit(rate_hz)
