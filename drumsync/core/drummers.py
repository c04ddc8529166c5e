"""Simulated drummers: a timing model per player, presets, and ``preset,field=value`` specs.

Asynchrony is the hit time minus the note time, in ms; negative means ahead of the beat,
as people tap ahead of a metronome (mean -20 to -80 ms untrained, less for musicians; SD
10-20 ms for musicians and 20-40 ms for others at 120 BPM: see the design guide, §6).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace

from .errors import SpecError

_NAME_RE = re.compile(r"[A-Za-z0-9_.+-]{1,32}")


@dataclass(frozen=True, slots=True)
class FieldRange:
    """Allowed values of one numeric model field, and what it means."""

    low: float
    high: float
    help: str


FIELD_RANGES: dict[str, FieldRange] = {
    "mean_ms": FieldRange(-500.0, 500.0, "mean asynchrony, ms (negative = ahead of the beat)"),
    "sd_ms": FieldRange(0.0, 250.0, "SD of the note-to-note timing noise, ms"),
    "drift_sd_ms": FieldRange(0.0, 250.0, "SD of the slow AR(1) drift, ms"),
    "drift_ar": FieldRange(0.0, 1.0, "AR(1) coefficient of the drift (1 = a fixed bias per take)"),
    "miss_p": FieldRange(0.0, 1.0, "probability of not hitting a note"),
    "stray_p": FieldRange(0.0, 1.0, "probability of a stray hit after a note"),
    "pull": FieldRange(0.0, 1.0, "how far each hit moves toward the partner's last asynchrony"),
    "hand_sd_ms": FieldRange(0.0, 100.0, "SD between the hands on simultaneous notes, ms"),
}


@dataclass(frozen=True, slots=True)
class DrummerModel:
    """How one simulated drummer times their hits. Validated on construction (SpecError)."""

    name: str
    mean_ms: float = 0.0
    sd_ms: float = 0.0
    drift_sd_ms: float = 0.0
    drift_ar: float = 0.0
    miss_p: float = 0.0
    stray_p: float = 0.0
    pull: float = 0.0
    hand_sd_ms: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME_RE.fullmatch(self.name):
            raise SpecError(
                f"drummer name must be 1-32 letters, digits or _.+- characters, got {self.name!r}"
            )
        for key, limits in FIELD_RANGES.items():
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise SpecError(f"drummer field {key} must be a number, got {value!r}")
            value = float(value)
            if not math.isfinite(value) or not limits.low <= value <= limits.high:
                raise SpecError(
                    f"drummer field {key} must be in {limits.low:g}..{limits.high:g}, got {value:g}"
                )
            object.__setattr__(self, key, value)

    @property
    def source(self) -> str:
        """The ``InputEvent.source`` of this drummer's hits."""
        return f"bot:{self.name}"

    def to_spec(self) -> str:
        """A spec string that :func:`parse_spec` turns back into this model."""
        base = PRESETS.get(self.name)
        items = [self.name if base is not None else "metronome"]
        if base is None:
            items.append(f"name={self.name}")
        reference = base if base is not None else PRESETS["metronome"]
        for key in FIELD_RANGES:
            value = getattr(self, key)
            if value != getattr(reference, key):
                items.append(f"{key}={value!r}")
        return ",".join(items)


PRESETS: dict[str, DrummerModel] = {
    model.name: model
    for model in (
        DrummerModel("metronome"),
        DrummerModel(
            "metal",
            mean_ms=-5.0,
            sd_ms=6.0,
            drift_sd_ms=2.0,
            drift_ar=0.9,
            miss_p=0.002,
            stray_p=0.001,
            hand_sd_ms=1.0,
        ),
        DrummerModel(
            "steady",
            mean_ms=-25.0,
            sd_ms=18.0,
            drift_sd_ms=6.0,
            drift_ar=0.9,
            miss_p=0.02,
            stray_p=0.01,
            hand_sd_ms=3.0,
        ),
        DrummerModel(
            "clumsy",
            mean_ms=-35.0,
            sd_ms=30.0,
            drift_sd_ms=10.0,
            drift_ar=0.95,
            miss_p=0.05,
            stray_p=0.03,
            hand_sd_ms=6.0,
        ),
        DrummerModel(
            "partner",
            mean_ms=-15.0,
            sd_ms=12.0,
            drift_sd_ms=4.0,
            drift_ar=0.9,
            miss_p=0.01,
            stray_p=0.005,
            pull=0.5,
            hand_sd_ms=2.0,
        ),
    )
}
PRESET_HELP: dict[str, str] = {
    "metronome": "exact: every note on time, no misses",
    "metal": "tight, a former heavy metal drummer",
    "steady": "a typical amateur, a little ahead of the beat",
    "clumsy": "loose and early, misses a few notes: 'a little clumsy'",
    "partner": "a little early; adapts to another bot's hits, not to yours",
}


def _parse_value(key: str, text: str, spec: str) -> float | str:
    if key == "name":
        return text
    try:
        value = float(text)
    except ValueError:
        raise SpecError(f"drummer field {key} must be a number, got {text!r} in {spec!r}") from None
    if not math.isfinite(value):
        raise SpecError(f"drummer field {key} must be a finite number, got {text!r}")
    return value


def parse_spec(spec: str) -> DrummerModel:
    """``"metronome,mean_ms=30,sd_ms=2"`` -> a preset with fields overridden.

    The first item names a preset; it may be left out (``"mean_ms=30"``), meaning
    ``metronome``. Every field, ``name`` included, can be overridden once.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise SpecError("empty drummer spec (expected e.g. 'metal' or 'metronome,mean_ms=30')")
    items = [item.strip() for item in spec.split(",")]
    preset_name = "metronome" if "=" in items[0] else items.pop(0).lower()
    if preset_name not in PRESETS:
        known = ", ".join(PRESETS)
        raise SpecError(f"unknown drummer preset {preset_name!r} (known: {known})")
    overrides: dict[str, float | str] = {}
    allowed = ("name", *FIELD_RANGES)
    for item in items:
        key, sep, text = item.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key:
            raise SpecError(f"drummer spec item {item!r} must look like field=value in {spec!r}")
        if key not in allowed:
            raise SpecError(f"unknown drummer field {key!r} (known: {', '.join(allowed)})")
        if key in overrides:
            raise SpecError(f"drummer field {key} given twice in {spec!r}")
        overrides[key] = _parse_value(key, text, spec)
    return replace(PRESETS[preset_name], **overrides)


def describe() -> str:
    """Help text: the spec syntax, the presets and the fields with their ranges."""
    lines = ["drummer spec: PRESET[,field=value...], e.g. metronome,mean_ms=30,sd_ms=2", "presets:"]
    for name, model in PRESETS.items():
        lines.append(
            f"  {name:<10} {PRESET_HELP.get(name, '')} (mean {model.mean_ms:g} ms, "
            f"sd {model.sd_ms:g} ms, miss {model.miss_p:.1%}, pull {model.pull:g})"
        )
    lines.append("fields:")
    for field_ in fields(DrummerModel):
        if field_.name in FIELD_RANGES:
            limits = FIELD_RANGES[field_.name]
            lines.append(f"  {field_.name:<12} {limits.help} [{limits.low:g}..{limits.high:g}]")
    lines.append("  name         label shown for the drummer (source 'bot:<name>')")
    return "\n".join(lines)


__all__ = ["FIELD_RANGES", "PRESETS", "DrummerModel", "describe", "parse_spec"]
