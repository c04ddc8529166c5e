"""One folder per screen. A screen uses another screen only through that screen's package
(its ``__init__`` names the entry point), never through its parts."""
