"""Type checkers see the real signatures: ``py.typed``, ``TYPE_CHECKING`` re-exports in
``__init__``, the overloads of ``load(backend=…)`` and the type aliases.

mypy runs on ``tests/typing/usage.py`` (must pass; CI runs this too) and on
``tests/typing/misuse.py`` (each wrong use must be flagged).
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from .conftest import REPO

pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")


def _mypy(path: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--follow-imports=silent", "--no-incremental", path],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_the_package_says_it_is_typed():
    assert (resources.files("stalin_japan_china") / "py.typed").is_file()


def test_typed_usage_passes_mypy():
    done = _mypy("tests/typing/usage.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_wrong_usage_is_flagged():
    out = _mypy("tests/typing/misuse.py").stdout
    assert 'Too many positional arguments for "events"' in out
    assert 'Argument "actor" to "events" has incompatible type "int"' in out
    assert 'Unexpected keyword argument "colour" for "events"' in out
    assert 'No overload variant of "load" matches' in out
    assert 'Unexpected keyword argument "colour" for "network"' in out
    assert "polars.dataframe.frame.DataFrame" in out
    assert "misuse.py:15: error: Incompatible types in assignment" in out
