"""The events a drum kit or controller puts in front of the scenes, beside the keyboard's.

A device hit arrives as a ``DRUM_HIT`` event carrying what the input layer decided (player,
voice, velocity, device, pad) and its own stamp: the device's timestamp where it gives one.
``DEVICE_LOST`` / ``DEVICE_FOUND`` tell the scenes a device went away or came (back).
These events are handed to the scene stack directly, never posted to SDL's queue.
"""

from __future__ import annotations

import pygame

from ....devices import RoutedHit

DRUM_HIT = pygame.event.custom_type()
DEVICE_LOST = pygame.event.custom_type()
DEVICE_FOUND = pygame.event.custom_type()


def drum_hit_event(hit: RoutedHit) -> pygame.event.Event:
    return pygame.event.Event(
        DRUM_HIT,
        player=hit.player,
        voice=hit.voice,
        velocity=hit.velocity,
        device=hit.device,
        pad=hit.pad,
        stamp_s=hit.stamp_s,
    )


def device_event(kind: int, device: str, note: str = "") -> pygame.event.Event:
    return pygame.event.Event(kind, device=device, note=note)
