"""The README's examples are true: its pycon blocks run as doctests, its python blocks run."""

from __future__ import annotations

import doctest
import re

import stalin_japan_china as sjc

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_tutorial_output_is_what_the_data_gives():
    blocks = re.findall(r"```pycon\n(.*?)```", README, re.S)
    assert len(blocks) >= 6, "the README's tutorial is missing"
    parser, runner = (
        doctest.DocTestParser(),
        doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE),
    )
    # One session, as a reader would type it: later blocks use names from earlier ones.
    test = parser.get_doctest("\n".join(blocks), {}, "README tutorial", "README.md", 0)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} README example(s) no longer hold"


def test_python_examples_run():
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_main_command_in_readme_uses_the_public_api():
    command = re.search(r"pip install \. && python -c \"(.*?)\"\n", README).group(1)
    namespace: dict = {}
    exec(command.replace("print(", "result = ("), namespace)
    assert "Assassination of Zhang Zuolin" in namespace["result"]


def test_readme_states_this_version_and_its_figures():
    assert f"Coverage of this release ({sjc.__version__})" in README
    counts = {t: sjc.load_table(t).num_rows for t in ("actors", "events", "evidence")}
    assert f"{counts['actors']:,} actors" in README or f"{counts['actors']} actors" in README
    assert f"{counts['events']:,} events" in README or f"{counts['events']} events" in README
    assert f"{counts['evidence']:,} evidence rows" in README
