"""The ``sjc`` command line: a thin layer over the public API."""

from __future__ import annotations

import argparse
import sys

from . import __version__


def info() -> str:
    """Version, table sizes and licences of the installed dataset."""
    from . import book
    from .loading import TABLES, load_table

    lines = [
        f"stalin-japan-china {__version__} (code MIT, data CC BY 4.0)",
        f"built from {book.AUTHOR}, {book.TITLE} ({book.PUBLISHER}, {book.YEAR}), doi:{book.DOI}",
        "",
    ]
    width = max(map(len, TABLES))
    lines += [f"  {name:<{width}}  {load_table(name).num_rows:>6} rows" for name in TABLES]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sjc", description="stalin-japan-china dataset")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("info", help="version, table sizes and licences")
    parser.parse_args(argv)  # "info" is the only command, and the default
    print(info())
    return 0


if __name__ == "__main__":
    sys.exit(main())
