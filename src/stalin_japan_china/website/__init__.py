"""``sjc explore``: the dataset as a static website that opens from ``file://``.

    sjc explore --out site        # or, in Python: sjc.explore(out="site")

For readers who do not code: every actor, event, claim and cited source gets a page of
plain HTML that reads without JavaScript, at a URL derived from its id, so links stay
stable from one release to the next. The timeline, network, map and search add
JavaScript on top. The browser blocks ``fetch`` and ES modules on ``file://``, so the
data travels as one ``data.js`` script and every library as a plain ``<script>``; the
libraries are shipped inside this package (``vendor/``, pinned in ``vendor.json``), so
writing the site needs no network and neither does reading it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ..errors import InvalidValueError

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = HERE / "vendor"
MARKER = ".sjc-explore"
"""A file in every site we write: only such a folder may be overwritten."""

__all__ = ["explore"]


def explore(out: str | Path) -> Path:
    """Write the static site into ``out`` and return the path of its ``index.html``.

    ``out`` must be missing, empty, or a site written by an earlier ``explore``: any
    other folder is refused rather than overwritten.
    """
    from ..checks import path, shown

    folder = path(out, "out")
    if folder is None:
        raise InvalidValueError("out=None: give the folder to write the site into")
    from . import pages

    try:
        _prepare(folder, clear=False)  # refuse a wrong folder before the work of building
        site = pages.build()
        _prepare(folder, clear=True)
        for parent in {(folder / relative).parent for relative in site}:
            parent.mkdir(parents=True, exist_ok=True)
        # Ten thousand small files: writing them from a few threads overlaps the waits.
        from concurrent.futures import ThreadPoolExecutor

        def write(item: tuple[str, str]) -> None:
            (folder / item[0]).write_text(item[1], encoding="utf-8")

        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(write, site.items(), chunksize=256))
        _copy_assets(folder)
        (folder / MARKER).write_text("written by sjc explore\n", encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise InvalidValueError(
            f"cannot write the site to {shown(str(folder))}: {reason}"
        ) from None
    return folder / "index.html"


def _prepare(folder: Path, clear: bool) -> None:
    """Refuse a folder that holds anything but an earlier site; with ``clear``, empty it."""
    from ..checks import shown

    if folder.exists() and not folder.is_dir():
        raise InvalidValueError(f"out={shown(str(folder))} is a file, not a folder")
    if not folder.exists() or not any(folder.iterdir()):
        return
    if not (folder / MARKER).exists():
        raise InvalidValueError(
            f"out={shown(str(folder))} is not empty and was not written by sjc explore; "
            "give a new or empty folder"
        )
    if not clear:
        return
    for child in folder.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def _copy_assets(folder: Path) -> None:
    """Our own CSS and JavaScript, and the vendored libraries with their licences.

    The Natural Earth TopoJSON is wrapped in a script, since ``file://`` forbids fetching it.
    """
    shutil.copytree(STATIC, folder / "static")
    for package in vendored():
        source = VENDOR / package["name"]
        target = folder / "vendor" / package["name"]
        target.mkdir(parents=True, exist_ok=True)
        for name in package["files"].values():
            if name.endswith(".json"):
                text = (source / name).read_text(encoding="utf-8")
                (target / (name[: -len(".json")] + ".js")).write_text(
                    f"window.SJC_WORLD = {text};\n", encoding="utf-8"
                )
            else:
                shutil.copyfile(source / name, target / name)


def vendored() -> list[dict[str, Any]]:
    """The pinned JavaScript packages the site ships (``vendor.json``)."""
    return json.loads((HERE / "vendor.json").read_text(encoding="utf-8"))["packages"]
