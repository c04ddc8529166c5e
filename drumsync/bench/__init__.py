"""Benchmarks that print figures (``python -m drumsync.bench``); never timed asserts."""
