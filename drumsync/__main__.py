"""``python -m drumsync`` is the ``drumsync`` command."""

from .cli import main

raise SystemExit(main())
