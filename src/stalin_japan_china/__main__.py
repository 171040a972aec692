"""``python -m stalin_japan_china``: a one-screen summary of the installed dataset."""

from .cli import main

raise SystemExit(main())
