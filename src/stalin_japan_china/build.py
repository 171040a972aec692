"""``python -m stalin_japan_china.build``: the curators' build, from a source checkout.

The build itself lives in :mod:`stalin_japan_china.curate.building`; this module
keeps the documented command working, and from an installed wheel it answers in
one line that it needs a checkout.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .curate import CheckoutError, require_checkout

    try:
        require_checkout()
    except CheckoutError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from .curate.building import main as build_main

    return build_main(argv)


if __name__ == "__main__":
    sys.exit(main())
