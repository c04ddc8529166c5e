"""Gamepads, taiko drums and Rock Band kits through SDL's joystick and game-controller API.

SDL announces each device with ``JOYDEVICEADDED`` (also for the ones present at start) and
its end with ``JOYDEVICEREMOVED``. A device SDL has a game-controller mapping for is opened as
a controller, and its ``CONTROLLERBUTTONDOWN`` / ``CONTROLLERAXISMOTION`` events name buttons
the same on every pad (``a``, ``leftshoulder``, ``dpleft``); SDL sends joystick events for it
too, which are then ignored. Other devices are read as raw joysticks: numbered buttons, hats
and axes. An axis is a pad that strikes when it passes :data:`AXIS_STRIKE_FRACTION` of its
travel and re-arms below half of that (triggers, analogue pedals).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pygame

from ....devices import DeviceKind, InputRouter, PadHit, RoutedHit
from ....devices.controller_maps import (
    AXIS_STRIKE_FRACTION,
    controller_axis_pad,
    controller_button_pad,
    joystick_axis_pad,
    joystick_button_pad,
    joystick_hat_pads,
)
from ....devices.pads import MAX_VELOCITY, clean_device_name

#: SDL game-controller axes run -32768..32767.
CONTROLLER_AXIS_MAX = 32767.0

JOY_EVENTS = (pygame.JOYBUTTONDOWN, pygame.JOYHATMOTION, pygame.JOYAXISMOTION)
CONTROLLER_EVENTS = (pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERAXISMOTION)
HOTPLUG_EVENTS = (pygame.JOYDEVICEADDED, pygame.JOYDEVICEREMOVED)
ALL_EVENTS = frozenset((*JOY_EVENTS, *CONTROLLER_EVENTS, *HOTPLUG_EVENTS))


@dataclass(frozen=True, slots=True)
class OpenedDevice:
    instance_id: int
    name: str
    kind: DeviceKind  # CONTROLLER (SDL mapping) or JOYSTICK
    handle: object = None


class SdlBackend:
    """Opens devices through pygame-ce; tests pass an object with the same methods."""

    def __init__(self) -> None:
        from pygame._sdl2 import controller

        self._controller = controller
        with contextlib.suppress(pygame.error):
            pygame.joystick.init()
            controller.init()

    def open(self, device_index: int) -> OpenedDevice | None:
        try:
            if self._controller.is_controller(device_index):
                pad = self._controller.Controller(device_index)
                joystick = pad.as_joystick()
                return OpenedDevice(
                    joystick.get_instance_id(), pad.name, DeviceKind.CONTROLLER, pad
                )
            joystick = pygame.joystick.Joystick(device_index)
            return OpenedDevice(
                joystick.get_instance_id(), joystick.get_name(), DeviceKind.JOYSTICK, joystick
            )
        except (pygame.error, IndexError, ValueError):
            return None

    def close(self, device: OpenedDevice) -> None:
        with contextlib.suppress(Exception):
            device.handle.quit()


@dataclass
class _Present:
    device: OpenedDevice
    name: str  # unique among present devices ("Gamepad", "Gamepad #2")
    hats: dict[int, tuple[int, int]] = field(default_factory=dict)
    axes_down: set[str] = field(default_factory=set)


class Controllers:
    """Turns SDL's joystick and controller events into hits through the router."""

    def __init__(self, router: InputRouter, backend=None) -> None:
        self.router = router
        self._backend = backend
        self._present: dict[int, _Present] = {}

    def start(self) -> None:
        """Start SDL's joystick and controller support: SDL then announces each pad present."""
        if self._backend is None:
            self._backend = SdlBackend()

    @property
    def names(self) -> list[str]:
        return [p.name for p in self._present.values()]

    def kind_of(self, name: str) -> DeviceKind | None:
        for present in self._present.values():
            if present.name == name:
                return present.device.kind
        return None

    def handle(self, event, stamp_s: float) -> tuple[list[RoutedHit], str, str]:
        """(hits, name added, name removed) for one SDL event (empty for others)."""
        kind = event.type
        if kind == pygame.JOYDEVICEADDED:
            return [], self._add(getattr(event, "device_index", -1)), ""
        if kind == pygame.JOYDEVICEREMOVED:
            return [], "", self._remove(getattr(event, "instance_id", -1))
        present = self._present.get(getattr(event, "instance_id", None))
        if present is None:
            return [], "", ""
        is_controller = present.device.kind is DeviceKind.CONTROLLER
        if (kind in CONTROLLER_EVENTS) != is_controller:
            return [], "", ""  # a controller's joystick echo, or a stray controller event
        hits = [
            hit
            for pad, velocity in self._strikes(present, event)
            if (hit := self.router.strike(PadHit(present.name, pad, velocity, stamp_s)))
        ]
        return hits, "", ""

    def _strikes(self, present: _Present, event) -> list[tuple[str, int]]:
        kind = event.type
        if kind == pygame.CONTROLLERBUTTONDOWN:
            return [(controller_button_pad(event.button), MAX_VELOCITY)]
        if kind == pygame.JOYBUTTONDOWN:
            return [(joystick_button_pad(event.button), MAX_VELOCITY)]
        if kind == pygame.JOYHATMOTION:
            value = tuple(event.value)
            before = set(joystick_hat_pads(event.hat, present.hats.get(event.hat, (0, 0))))
            present.hats[event.hat] = value
            return [(pad, MAX_VELOCITY) for pad in joystick_hat_pads(event.hat, value)
                    if pad not in before]  # fmt: skip
        if kind == pygame.CONTROLLERAXISMOTION:
            return self._axis(present, controller_axis_pad(event.axis),
                              event.value / CONTROLLER_AXIS_MAX)  # fmt: skip
        if kind == pygame.JOYAXISMOTION:
            return self._axis(present, joystick_axis_pad(event.axis, event.value), event.value)
        return []

    def _axis(self, present: _Present, pad: str, value: float) -> list[tuple[str, int]]:
        travel = abs(float(value))
        if pad.endswith((":+", ":-")):  # a raw axis: re-arm both directions together
            base = pad[:-2]
            if travel < AXIS_STRIKE_FRACTION / 2:
                present.axes_down -= {f"{base}:+", f"{base}:-"}
        elif travel < AXIS_STRIKE_FRACTION / 2:
            present.axes_down.discard(pad)
        if travel >= AXIS_STRIKE_FRACTION and pad not in present.axes_down:
            present.axes_down.add(pad)
            return [(pad, max(1, min(MAX_VELOCITY, round(travel * MAX_VELOCITY))))]
        return []

    def _add(self, device_index: int) -> str:
        self.start()
        opened = self._backend.open(device_index)
        if opened is None or opened.instance_id in self._present:
            return ""
        taken = set(self.names)
        base = clean_device_name(opened.name, "Controller")
        name, number = base, 2
        while name in taken:
            name, number = f"{base} #{number}", number + 1
        self._present[opened.instance_id] = _Present(opened, name)
        self.router.ensure_profile(name, opened.kind)
        return name

    def _remove(self, instance_id: int) -> str:
        present = self._present.pop(instance_id, None)
        if present is None:
            return ""
        if self._backend is not None:
            self._backend.close(present.device)
        return present.name

    def close(self) -> None:
        for instance_id in list(self._present):
            self._remove(instance_id)
