"""The wheel really carries the data: build it, inspect it, install it apart, load from it.

``twine check`` and ``check-wheel-contents`` both pass a wheel whose data is
missing, so the test also lists the wheel and loads every table from a fresh
virtual environment that can only see the installed wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from stalin_japan_china.models import TABLES

from .conftest import REPO

pytestmark = pytest.mark.slow
DATA_FILES = [f"stalin_japan_china/data/{t}.parquet" for t in TABLES] + [
    "stalin_japan_china/data/datapackage.json",
    "stalin_japan_china/data/manifest.json",
    "stalin_japan_china/data/CITATION.cff",
    "stalin_japan_china/data/redirects.json",
    "stalin_japan_china/data/withdrawn.json",
    "stalin_japan_china/data/curation.json",
]
# ``sjc explore`` writes its site offline from these: our own assets and the vendored
# libraries with their licence files, as pinned in vendor.json.
SITE_FILES = [
    "stalin_japan_china/website/vendor.json",
    "stalin_japan_china/website/vendor.lock.json",
    "stalin_japan_china/website/static/site.css",
    "stalin_japan_china/website/static/index.js",
]


def run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, REPO)
    (path,) = out.glob("stalin_japan_china-*.whl")
    return path


def test_wheel_contains_every_table_and_the_descriptor(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    import json

    lock = json.loads((REPO / "src/stalin_japan_china/website/vendor.lock.json").read_text())
    vendored = [f"stalin_japan_china/website/vendor/{name}" for name in lock]
    missing = [f for f in DATA_FILES + SITE_FILES + vendored if f not in names]
    assert not missing, f"the wheel lacks {missing}"
    assert not [n for n in names if n.startswith(("data/", "tests/"))], (
        "curation files leaked into the wheel"
    )
    basemap = ["basemap/eurasia-50m.geojson", "basemap/NOTICE.md"]  # the map works offline
    assert all(f"stalin_japan_china/{f}" in names for f in basemap)
    size = zipfile.ZipFile(wheel).getinfo("stalin_japan_china/basemap/eurasia-50m.geojson")
    assert size.file_size <= 800_000


def test_wheel_passes_twine_and_check_wheel_contents(wheel):
    run(sys.executable, "-m", "twine", "check", "--strict", wheel)
    run(sys.executable, "-m", "check_wheel_contents", wheel)


def test_installed_wheel_loads_every_table(wheel, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # Reuse this environment's pyarrow/pandas/pydantic without its editable checkout:
    # a plain path entry in a .pth file adds the folder but runs none of its .pth hooks.
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel)
    code = (
        "import stalin_japan_china as sjc, sys\n"
        f"assert sjc.__file__.startswith({str(venv)!r}), sjc.__file__\n"
        "for name in sjc.TABLES:\n"
        "    frame = sjc.load(name)\n"
        "    assert len(frame) > 0, name\n"
        "    print(name, len(frame))\n"
        # integrity, look-ups, citation and the command line work from the installed wheel
        "assert sjc.verify().ok\n"
        "assert sjc.event('assassination-of-zhang-zuolin').date == '1928-06-04'\n"
        "assert sjc.__version__ in sjc.cite('bibtex')\n"
        "from stalin_japan_china.cli import main\n"
        "assert main(['relations', '--predicate', 'agent_of', '--format', 'csv']) == 0\n"
        # the explore site is written from the wheel's own files, with no network
        "index = sjc.explore(out='site')\n"
        "assert (index.parent / 'vendor/leaflet/leaflet.js').is_file(), index\n"
        "assert (index.parent / 'vendor/world-atlas/countries-50m.js').is_file(), index\n"
        # the curators' tools answer in one line that they need a source checkout
        "import subprocess\n"
        "for cmd in (['-m', 'stalin_japan_china.build'], ['-m', 'stalin_japan_china', 'curate', "
        "'format'], ['-m', 'stalin_japan_china', 'curate', 'lint']):\n"
        "    done = subprocess.run([sys.executable, *cmd], capture_output=True, text=True)\n"
        "    assert done.returncode == 2, (cmd, done.returncode, done.stderr)\n"
        "    lines = done.stderr.strip().splitlines()\n"
        "    assert len(lines) == 1 and 'source checkout' in lines[0], done.stderr\n"
        "print(sjc.__version__)\n"
    )
    out = run(python, "-c", code, cwd=tmp_path)
    assert (
        out.split()[-1]
        == run(sys.executable, "-c", "import stalin_japan_china as s; print(s.__version__)").strip()
    )
    printed = [line.split()[0] for line in out.splitlines()]
    assert printed[: len(TABLES)] == list(TABLES)
