"""Developer tools run with ``python -m drumsync.tools.<name>`` (not part of the game)."""
