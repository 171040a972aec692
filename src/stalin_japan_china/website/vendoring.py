"""Fetch the explore site's JavaScript libraries from the npm registry (maintainers only).

    python -m stalin_japan_china.website.vendoring

Users never run this: the files it writes ship inside the package, so ``sjc explore``
needs no network. For each package in ``vendor.json`` it downloads the registry tarball
``https://registry.npmjs.org/<name>/-/<name>-<version>.tgz``, refuses it unless its
sha512 equals the pinned npm ``integrity``, copies the listed files (library and licence)
into ``vendor/<name>/`` and records each file's sha256 in ``vendor.lock.json``, which
the test suite checks against the shipped files.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
MANIFEST = HERE / "vendor.json"
LOCK = HERE / "vendor.lock.json"
VENDOR = HERE / "vendor"
REGISTRY = "https://registry.npmjs.org"


def packages() -> list[dict]:
    """The pinned packages, as listed in ``vendor.json``."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["packages"]


def tarball_url(package: dict) -> str:
    name = package["name"]
    return f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{package['version']}.tgz"


def check_integrity(blob: bytes, integrity: str) -> None:
    """npm's ``sha512-<base64>``: a tarball that differs from the pin is refused."""
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, blob).digest()).decode()
    if actual != expected:
        raise SystemExit(f"integrity mismatch: got {algorithm}-{actual}, pinned {integrity}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(package: dict) -> dict[str, str]:
    """Download, verify and unpack one package; return the sha256 of each written file."""
    with urllib.request.urlopen(tarball_url(package), timeout=60) as response:
        blob = response.read()
    check_integrity(blob, package["integrity"])
    target = VENDOR / package["name"]
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as archive:
        for inner, outer in package["files"].items():
            member = archive.extractfile(f"package/{inner}")
            if member is None:
                raise SystemExit(f"{package['name']}: no file {inner} in the tarball")
            (target / outer).write_bytes(member.read())
            written[f"{package['name']}/{outer}"] = sha256(target / outer)
    return written


def main() -> int:
    lock: dict[str, str] = {}
    for package in packages():
        print(f"{package['name']}@{package['version']}", file=sys.stderr)
        lock.update(fetch(package))
    LOCK.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
