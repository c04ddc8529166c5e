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
    "kick_ms": FieldRange(-100.0, 100.0, "limb offset of the kick (foot), ms"),
    "snare_ms": FieldRange(-100.0, 100.0, "limb offset of the snare (left hand), ms"),
    "hihat_ms": FieldRange(-100.0, 100.0, "limb offset of the hi-hat (right hand), ms"),
    "alpha": FieldRange(0.0, 1.9, "adaptive: phase-correction gain toward the partner's hits"),
    "chart_alpha": FieldRange(0.0, 1.9, "adaptive: phase-correction gain toward the music"),
    "beta": FieldRange(0.0, 1.0, "adaptive: period-correction gain (tempo follows the partner)"),
    "anticipation": FieldRange(0.0, 1.0, "adaptive: weight of the partner's extrapolated tempo"),
    "motor_sd_ms": FieldRange(
        0.0, 100.0, "adaptive: motor noise SD, ms (sd_ms is the timekeeper's)"
    ),
}
#: Fields that make a drummer adaptive (listening to the partner's actual hits).
ADAPTIVE_FIELDS = ("alpha", "chart_alpha", "beta", "anticipation")
#: The start of the ``InputEvent.source`` of a simulated drummer's hits (``bot:<name>``).
BOT_SOURCE_PREFIX = "bot:"


def is_simulated(source: str) -> bool:
    """Whether hits from ``source`` were played by a simulated drummer."""
    return source.startswith(BOT_SOURCE_PREFIX)


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
    kick_ms: float = 0.0
    snare_ms: float = 0.0
    hihat_ms: float = 0.0
    alpha: float = 0.0
    chart_alpha: float = 0.0
    beta: float = 0.0
    anticipation: float = 0.0
    motor_sd_ms: float = 0.0

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
    def adaptive(self) -> bool:
        """True when the drummer reacts to the partner's hits as they happen (ADAM-style)."""
        return any(getattr(self, key) > 0 for key in ADAPTIVE_FIELDS)

    def limb_offsets_ms(self) -> tuple[float, float, float, float]:
        """Offset per voice (kick, snare, hi-hat, crash: the crash takes the right hand's)."""
        return (self.kick_ms, self.snare_ms, self.hihat_ms, self.hihat_ms)

    @property
    def source(self) -> str:
        """The ``InputEvent.source`` of this drummer's hits."""
        return f"{BOT_SOURCE_PREFIX}{self.name}"

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
        # Adaptive drummers (drumsync.core.adaptive): they hear the partner's actual hits.
        # Shared by all four: a quarter gain toward the partner, the gain Wing, Endo, Bradbury
        # & Vorberg (2014, J R Soc Interface 11:20131125) find keeps asynchrony smallest;
        # a slow period correction (Repp & Keller 2004 find it small and mostly deliberate)
        # and half-weight anticipation of the partner's tempo (van der Steen & Keller 2013).
        # The timekeeper SDs are set so that each drummer playing with the music alone shows
        # the published asynchrony SD (tests/test_adaptive_presets.py checks it).
        DrummerModel(
            "ideal",  # the "ideal partner": quarter gain, light noise, no bias
            alpha=0.25,
            chart_alpha=0.1,
            beta=0.05,
            anticipation=0.5,
            sd_ms=6.0,
            motor_sd_ms=3.0,
        ),
        DrummerModel(
            # Musicians tapping to a beat: asynchrony SD about 10-20 ms at 120 BPM and a
            # small negative mean asynchrony (Repp 2005, Psychon Bull Rev 12:969-992; Repp &
            # Su 2013, Psychon Bull Rev 20:403-452): we aim at SD 15 ms, mean -15 ms.
            "musician",
            mean_ms=-15.0,
            alpha=0.25,
            chart_alpha=0.3,
            beta=0.05,
            anticipation=0.5,
            sd_ms=13.0,
            motor_sd_ms=5.0,
            miss_p=0.005,
            hand_sd_ms=3.0,
        ),
        DrummerModel(
            # Non-musicians: asynchrony SD about 20-40 ms, mean asynchrony -20 to -80 ms
            # (same reviews): we aim at SD 30 ms, mean -40 ms.
            "nonmusician",
            mean_ms=-40.0,
            alpha=0.25,
            chart_alpha=0.3,
            beta=0.05,
            anticipation=0.5,
            sd_ms=26.0,
            motor_sd_ms=8.0,
            miss_p=0.02,
            hand_sd_ms=6.0,
        ),
        DrummerModel(
            # Professional drummers on a kit with a metronome at 120 BPM (Fujii, Hirashima,
            # Kudo, Ohtsuki, Nakamura & Oda 2011, Music Perception 28:491-503): right hand
            # (hi-hat) about -2 ms, left hand (snare) and right foot (kick) about -10 ms, with
            # smaller spread than tapping studies: we aim at SD 10 ms, the musicians' floor.
            "drummer",
            kick_ms=-10.0,
            snare_ms=-10.0,
            hihat_ms=-2.0,
            alpha=0.25,
            chart_alpha=0.3,
            beta=0.05,
            anticipation=0.5,
            sd_ms=8.0,
            motor_sd_ms=3.0,
            hand_sd_ms=1.0,
        ),
    )
}
PRESET_HELP: dict[str, str] = {
    "metronome": "exact: every note on time, no misses",
    "metal": "tight, a former heavy metal drummer",
    "steady": "a typical amateur, a little ahead of the beat",
    "clumsy": "loose and early, misses a few notes: 'a little clumsy'",
    "partner": "a little early; moves halfway toward another bot's hits, not yours",
    "ideal": "listens: the quarter-gain ideal partner (Wing et al. 2014)",
    "musician": "listens: a musician's timing (asynchrony SD 15 ms, 15 ms early)",
    "nonmusician": "listens: a non-musician's timing (SD 30 ms, 40 ms early)",
    "drummer": "listens: a professional drummer, limbs offset as measured (Fujii et al. 2011)",
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
            f"sd {model.sd_ms:g} ms, miss {model.miss_p:.1%}, "
            + (f"alpha {model.alpha:g})" if model.adaptive else f"pull {model.pull:g})")
        )
    lines.append("fields:")
    for field_ in fields(DrummerModel):
        if field_.name in FIELD_RANGES:
            limits = FIELD_RANGES[field_.name]
            lines.append(f"  {field_.name:<12} {limits.help} [{limits.low:g}..{limits.high:g}]")
    lines.append("  name         label shown for the drummer (source 'bot:<name>')")
    return "\n".join(lines)


__all__ = [
    "ADAPTIVE_FIELDS",
    "BOT_SOURCE_PREFIX",
    "FIELD_RANGES",
    "PRESETS",
    "DrummerModel",
    "describe",
    "is_simulated",
    "parse_spec",
]
