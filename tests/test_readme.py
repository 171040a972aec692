"""The README's Python examples run against the installed data."""

from __future__ import annotations

import re

from .conftest import REPO


def test_python_examples_run():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "the README has no Python example"
    for block in blocks:
        namespace: dict = {}
        exec(compile(block, "README.md", "exec"), namespace)
    assert len(namespace["in_1928"]) > 0
    assert {"target_id", "page", "status"} <= set(namespace["claims"].columns)
