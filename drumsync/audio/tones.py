"""Pitched instruments of the backing: basses, pads, stabs, plucks, guitars, a riser.

``synth_note(instrument, pitches, frames, velocity, rate_hz)`` returns one mono float32 note
(or chord) of exactly ``frames`` samples, whose level at velocity 1 is about ``LEVEL`` and
never above 1. Notes are deterministic: the riser's noise comes from a fixed seed. Callers
cache notes (the same pitches, length and velocity render once per track).
"""

from __future__ import annotations

import numpy as np

from .dsp import band_filter, fade_in_out, midi_to_hz, oscillator, soft_clip, time_axis

INSTRUMENTS = (
    "bass",
    "bass_sub",
    "bass_drive",
    "pad",
    "stab",
    "pluck",
    "guitar",
    "chug",
    "riser",
)
# Mix level and stereo position of each instrument.
LEVEL = {
    "bass": 0.42,
    "bass_sub": 0.45,
    "bass_drive": 0.36,
    "pad": 0.17,
    "stab": 0.2,
    "pluck": 0.16,
    "guitar": 0.24,
    "chug": 0.26,
    "riser": 0.14,
}
_RISER_SEED = 0x715E


def _detune(note: int, cents: float) -> float:
    return midi_to_hz(note + cents / 100.0)


def _bass(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    f = midi_to_hz(pitches[0])
    t = time_axis(frames, rate_hz)
    bright = oscillator("saw", f, frames, rate_hz, max_hz=600.0 + 1800.0 * velocity)
    dark = oscillator("saw", f, frames, rate_hz, max_hz=400.0)
    sine = oscillator("sine", f, frames, rate_hz)
    fall = np.exp(-t / 0.09)
    wave = 0.5 * sine + 0.45 * (bright * fall + dark * (1.0 - fall))
    env = (0.65 + 0.35 * np.exp(-t / 0.15)) * fade_in_out(frames, rate_hz, 0.003, 0.02)
    return wave * env


def _bass_sub(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    f = midi_to_hz(pitches[0])
    t = time_axis(frames, rate_hz)
    wave = oscillator("sine", f, frames, rate_hz) + 0.25 * velocity * oscillator(
        "square", f, frames, rate_hz, max_hz=1200.0
    ) * np.exp(-t / 0.06)
    return wave * np.exp(-t / 0.5) * fade_in_out(frames, rate_hz, 0.002, 0.015)


def _bass_drive(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    f = midi_to_hz(pitches[0])
    t = time_axis(frames, rate_hz)
    wave = oscillator("saw", f, frames, rate_hz, max_hz=2500.0) + 0.6 * oscillator(
        "sine", f, frames, rate_hz
    )
    wave = soft_clip(0.6 * wave, 2.0 + 2.0 * velocity)
    env = (0.55 + 0.45 * np.exp(-t / 0.08)) * fade_in_out(frames, rate_hz, 0.002, 0.012)
    return wave * env


def _pad(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    wave = np.zeros(frames)
    for i, note in enumerate(pitches):
        for cents, phase in ((-9.0, 0.0), (7.0, 0.37)):
            wave += oscillator(
                "saw",
                _detune(note, cents),
                frames,
                rate_hz,
                max_hz=1800.0 + 2200.0 * velocity,
                phase=phase + 0.13 * i,
            )
    wave /= 2 * len(pitches)
    return wave * fade_in_out(frames, rate_hz, 0.06, min(0.25, frames / rate_hz / 3))


def _stab(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    t = time_axis(frames, rate_hz)
    wave = np.zeros(frames)
    for i, note in enumerate(pitches):
        wave += oscillator(
            "saw", _detune(note, 5.0 * (i % 2) - 2.5), frames, rate_hz, max_hz=5000.0
        )
    wave /= len(pitches)
    return wave * np.exp(-t / 0.12) * fade_in_out(frames, rate_hz, 0.002, 0.02)


def _pluck(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    t = time_axis(frames, rate_hz)
    wave = np.zeros(frames)
    for note in pitches:
        f = midi_to_hz(note)
        wave += oscillator("saw", f, frames, rate_hz, max_hz=6000.0) * np.exp(-t / 0.04)
        wave += oscillator("triangle", f, frames, rate_hz) * np.exp(-t / 0.3)
    wave /= 1.5 * len(pitches)
    return wave * fade_in_out(frames, rate_hz, 0.001, 0.02)


def _power(pitches, frames: int, rate_hz: int, drive: float, top_hz: float) -> np.ndarray:
    wave = np.zeros(frames)
    for i, note in enumerate(pitches):
        wave += oscillator("saw", _detune(note, 4.0 * i - 4.0), frames, rate_hz, max_hz=6000.0)
    wave = soft_clip(wave / len(pitches), drive)
    return band_filter(wave, rate_hz, 70.0, top_hz)


def _guitar(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    t = time_axis(frames, rate_hz)
    wave = _power(pitches, frames, rate_hz, 6.0, 3500.0 + 1500.0 * velocity)
    env = (0.6 + 0.4 * np.exp(-t / 0.25)) * fade_in_out(frames, rate_hz, 0.004, 0.06)
    return wave * env


def _chug(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    t = time_axis(frames, rate_hz)
    wave = _power(pitches, frames, rate_hz, 5.0, 1200.0 + 1000.0 * velocity)
    return wave * np.exp(-t / 0.05) * fade_in_out(frames, rate_hz, 0.002, 0.01)


def _riser(pitches, frames: int, rate_hz: int, velocity: float) -> np.ndarray:
    rng = np.random.default_rng(_RISER_SEED)
    noise = rng.standard_normal(frames)
    low = band_filter(noise, rate_hz, 200.0, 900.0)
    high = band_filter(noise, rate_hz, 2500.0, 9000.0)
    ramp = np.linspace(0.0, 1.0, frames)
    wave = (low * (1.0 - ramp) + high * ramp) * ramp**2
    top = np.max(np.abs(wave))
    wave = wave / top if top > 0 else wave
    return wave * fade_in_out(frames, rate_hz, 0.0, 0.01)


_SYNTHS = {
    "bass": _bass,
    "bass_sub": _bass_sub,
    "bass_drive": _bass_drive,
    "pad": _pad,
    "stab": _stab,
    "pluck": _pluck,
    "guitar": _guitar,
    "chug": _chug,
    "riser": _riser,
}


def synth_note(
    instrument: str, pitches: tuple[int, ...], frames: int, velocity: float, rate_hz: int
) -> np.ndarray:
    """One note or chord of ``instrument``: mono float32, ``frames`` long, peak <= LEVEL."""
    if instrument not in _SYNTHS:
        raise ValueError(f"unknown instrument {instrument!r}")
    wave = _SYNTHS[instrument](pitches, frames, rate_hz, velocity)
    top = float(np.max(np.abs(wave))) if frames else 0.0
    if top > 1.0:
        wave = wave / top
    gain = LEVEL[instrument] * (0.35 + 0.65 * velocity)
    return (wave * gain).astype(np.float32)
