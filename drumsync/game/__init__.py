"""The pygame shell. Read the folder as its table of contents:

- ``app``, ``front``, ``flow``: the composition (the window and its loop, the wiring of the
  menus, a match from the menus to its results);
- ``runtime/``: what every screen runs on (loop, scene stack, context, display, text,
  sprites, theme, options) and ``runtime/input/`` (the keyboard; further input devices go
  beside it);
- ``match/``: the running match without drawing (rules state, plan and filing, audio,
  simulated drummers, replay files, practice loops, the player's session);
- ``widgets/``: pieces that several screens draw (header, panels, hints, menus, forms,
  text fitting, chart preview, drummer art);
- ``screens/<name>/``: one folder per screen with its parts.

Importing this package (or ``runtime.options``) does not import pygame.
"""
