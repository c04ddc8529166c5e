"""The kits-and-controllers screen's rows, and how they read and change a device's profile.

Row keys name the profile field they edit (``player``, ``preset``, ``threshold``,
``debounce_ms``, ``hihat_pedal``, ``offset_ms``); ``device`` picks the device; the actions
are ``bind`` (the "hit the pad for ..." screen), ``rescan`` and ``back``.
"""

from __future__ import annotations

from typing import Any

from ....core.voices import Player
from ....devices import DeviceKind, DeviceProfile
from ....devices.controller_maps import CONTROLLER_MAPS
from ....devices.note_maps import NOTE_MAPS
from ....devices.pad_filter import DEBOUNCE_RANGE_MS, THRESHOLD_RANGE
from ....devices.profile import OFFSET_RANGE_MS
from ...widgets.form.rows import Action, Choice, Range, Row, Toggle

NOBODY = "nobody"
PLAYER_CHOICE = (NOBODY, "p1", "p2")
PLAYER_LABELS = ("Nobody", "Player 1", "Player 2")
NO_DEVICE = ""


def preset_choice(kind: DeviceKind) -> Choice:
    table = NOTE_MAPS if kind is DeviceKind.MIDI else CONTROLLER_MAPS
    return Choice(tuple(table), tuple(m.label for m in table.values()))


def device_rows(
    devices: list[tuple[str, str]], kind: DeviceKind, last_pad_label: str = ""
) -> list[Row]:
    """``devices``: (name, label) of each device; ``kind``: the selected one's kind;
    ``last_pad_label``: the pad of it struck last (its own threshold gets a row). Without
    any device there is only the device line and the actions that need none."""
    names = tuple(name for name, _ in devices) or (NO_DEVICE,)
    labels = tuple(label for _, label in devices) or ("no kit or controller found",)
    device = Row(
        "device",
        "Device",
        Choice(names, labels),
        group="device",
        hint="Left/Right: the next device (plugged in ones first).",
    )
    if not devices:
        return [device, *_actions()[1:]]
    low, high = OFFSET_RANGE_MS
    rows = [
        device,
        Row(
            "player",
            "Plays for",
            Choice(PLAYER_CHOICE, PLAYER_LABELS),
            group="device",
            hint="Who plays on this device. A player may use several (and the keyboard).",
        ),
        Row(
            "preset",
            "Pad map",
            preset_choice(kind),
            group="device",
            hint="Which pad plays which drum, before your own bindings (Bind pads).",
        ),
        Row(
            "threshold",
            "Velocity threshold",
            Range(*THRESHOLD_RANGE, 1, 10, name="velocity threshold"),
            group="device",
            hint="Softer strikes than this (1..127) are ignored: ghost hits, crosstalk.",
        ),
        Row(
            "pad_threshold",
            f"This pad: {last_pad_label}" if last_pad_label else "This pad: (hit one)",
            Range(*THRESHOLD_RANGE, 1, 10, name="pad threshold"),
            group="device",
            hint="This pad's own threshold, for the pad struck last (a hi-hat that sends "
            "ghost notes, a tom that picks up the kick).",
        ),
        Row(
            "debounce_ms",
            "Double-trigger window",
            Range(*DEBOUNCE_RANGE_MS, 1, 10, name="double-trigger window"),
            group="device",
            hint="A second strike of the same drum within this is dropped. The input "
            "test shows the interval of each double trigger: set it just above.",
            fmt=lambda v: f"{v:.0f} ms",
        ),
        Row(
            "offset_ms",
            "Latency offset",
            Range(low, high, 1, 10, name="latency offset"),
            group="device",
            hint="How much later than the keyboard this device's hits arrive (ms); judging "
            "takes it off. Calibrate on the device, or from a match's results (C).",
            fmt=lambda v: f"{v:+.0f} ms" if v else "0 ms",
        ),
    ]
    if kind is DeviceKind.MIDI:
        rows.append(
            Row(
                "hihat_pedal",
                "Hi-hat pedal",
                Toggle("Plays hi-hat", "Ignored"),
                group="device",
                hint="Whether the hi-hat pedal's chick counts as a hit.",
            )
        )
    return rows + _actions()


def _actions() -> list[Row]:
    return [
        Row(
            "bind",
            "Bind pads",
            Action(),
            group="actions",
            hint="Hit the pad for each drum in turn.",
        ),
        Row(
            "rescan",
            "Look for devices",
            Action(),
            group="actions",
            hint="Find kits plugged in since (controllers are found by themselves).",
        ),
        Row("back", "Back", Action(button=True), group="actions", hint="Esc does the same."),
    ]


def profile_values(
    device: str, profile: DeviceProfile | None, last_pad: str = ""
) -> dict[str, Any]:
    if profile is None:
        return {"device": device}
    return {
        "pad_threshold": profile.threshold_for(last_pad) if last_pad else profile.threshold,
        "device": device,
        "player": profile.player.label if profile.player is not None else NOBODY,
        "preset": profile.preset,
        "threshold": profile.threshold,
        "debounce_ms": profile.debounce_ms,
        "offset_ms": profile.offset_ms,
        "hihat_pedal": profile.hihat_pedal,
    }


def changed_profile(
    profile: DeviceProfile, key: str, value: Any, last_pad: str = ""
) -> DeviceProfile:
    """``profile`` with the row ``key`` set to ``value`` (ValueError if invalid);
    ``pad_threshold`` sets the threshold of ``last_pad``."""
    if key == "pad_threshold":
        if not last_pad:
            raise ValueError("Hit the pad first: its own threshold is set here.")
        return profile.with_changes(thresholds={**profile.thresholds, last_pad: int(value)})
    if key == "player":
        return profile.with_changes(player=None if value == NOBODY else Player.parse(value))
    if key in ("threshold",):
        return profile.with_changes(threshold=int(value))
    if key in ("debounce_ms", "offset_ms"):
        return profile.with_changes(**{key: float(value)})
    if key == "hihat_pedal":
        return profile.with_changes(hihat_pedal=bool(value))
    if key == "preset":
        return profile.with_changes(preset=str(value))
    raise ValueError(f"unknown device setting {key!r}")
