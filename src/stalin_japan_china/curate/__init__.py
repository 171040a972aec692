"""The curators' side of the package: from ``data/`` (YAML) to the shipped tables.

Users never need this subpackage: loading, queries, the command line, plots,
graphs, citing and ``verify`` live one level up. It is shipped only so that a
source checkout can run it; from an installed wheel every entry point answers
with one line (:class:`CheckoutError`) instead of failing somewhere deep.

Modules: ``reading`` (the layout of ``data/``; strict YAML in, flat rows out),
``rules`` (every check across records), ``formatting`` (the one canonical YAML
form), ``building`` (rows out to Parquet, schemas and descriptor), ``lint``
(consistency of claims) and ``dated`` (dated mentions in the book against the
events).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
"""The source checkout this module sits in, if it does (``src/stalin_japan_china/curate``)."""


class CheckoutError(Exception):
    """A curators' tool was run from an installed package rather than a source checkout."""


def require_checkout(root: Path = ROOT) -> Path:
    """Return the checkout's root, or raise CheckoutError with a one-line explanation."""
    if not (root / "pyproject.toml").is_file() or not (root / "data").is_dir():
        raise CheckoutError(
            "the curators' tools need a source checkout (a clone with pyproject.toml and "
            "data/), not an installed package: clone the repository and run them there"
        )
    return root
