"""Everything DrumSync keeps on disk: settings (TOML), scores (SQLite) and where they live.

This is shell code: it may read the clock (timestamps of matches) but takes it as an argument
where tests need to control it. Nothing here imports pygame.
"""
