"""The pygame shell: window, scenes, input loop, highways. Start it with ``app.run_game``.

Importing this package (or ``app``/``options``) does not import pygame.
"""
