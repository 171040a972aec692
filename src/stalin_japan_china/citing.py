"""Cite the dataset release and the book it is built from.

``CITATION.cff`` at the repository root is the single source: the build copies
it into the package, and every style here is rendered from that copy, so the
citation a user prints always names the release they installed.

Until a DOI is minted for a release, the citation points at the release's page
on PyPI (``https://pypi.org/project/stalin-japan-china/<version>/``), which is
permanent for that version. When ``CITATION.cff`` gains a ``doi``, every style
uses it instead.

    >>> import stalin_japan_china as sjc
    >>> sjc.cite("apa").startswith("The stalin-japan-china curators (2026).")
    True
"""

from __future__ import annotations

import functools
from typing import Any

from . import checks
from .loading import DataFileError, data_dir

STYLES = ("bibtex", "apa", "cff")


@functools.cache
def citation_file() -> dict[str, Any]:
    """The packaged copy of CITATION.cff, parsed."""
    import yaml

    path = data_dir() / "CITATION.cff"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataFileError(
            f"{path} is missing; reinstall with `pip install --force-reinstall stalin-japan-china`"
        ) from error


def _url(cff: dict[str, Any]) -> str:
    if cff.get("doi"):
        return f"https://doi.org/{cff['doi']}"
    return f"https://pypi.org/project/stalin-japan-china/{cff['version']}/"


def _authors(people: list[dict[str, Any]], style: str) -> str:
    names = []
    for person in people:
        if "name" in person:
            names.append(person["name"] if style == "apa" else "{" + person["name"] + "}")
        elif style == "apa":
            names.append(f"{person['family-names']}, {person['given-names'][0]}.")
        else:
            names.append(f"{person['family-names']}, {person['given-names']}")
    return " and ".join(names) if style == "bibtex" else ", ".join(names)


def cite(style: str = "bibtex") -> str:
    """The citation of this release and of the book, in ``bibtex``, ``apa`` or ``cff``."""
    checks.choice(style, "style", STYLES)
    if style == "cff":
        return (data_dir() / "CITATION.cff").read_text(encoding="utf-8")
    cff = citation_file()
    book = cff["references"][0]
    year = str(cff["date-released"])[:4]
    if style == "apa":
        dataset = (
            f"{_authors(cff['authors'], 'apa')} ({year}). {cff['title']} "
            f"(Version {cff['version']}) [Data set]. {_url(cff)}"
        )
        source = (
            f"{_authors(book['authors'], 'apa')} ({book['year']}). {book['title']}. "
            f"{book['publisher']['name']}. https://doi.org/{book['doi']}"
        )
        return f"{dataset}\n{source}"
    version = cff["version"]
    dataset = "\n".join(
        [
            f"@misc{{stalin_japan_china_{version.replace('.', '_')},",
            f"  author = {{{_authors(cff['authors'], 'bibtex')}}},",
            f"  title = {{{cff['title']}}},",
            f"  year = {{{year}}},",
            f"  version = {{{version}}},",
            "  howpublished = {Data set},",
            f"  url = {{{_url(cff)}}},",
            *([f"  doi = {{{cff['doi']}}},"] if cff.get("doi") else []),
            f"  note = {{Built from {book['title']} (Kuromiya {book['year']})}}",
            "}",
        ]
    )
    source = "\n".join(
        [
            f"@book{{kuromiya_{book['year']},",
            f"  author = {{{_authors(book['authors'], 'bibtex')}}},",
            f"  title = {{{book['title']}}},",
            f"  publisher = {{{book['publisher']['name']}}},",
            f"  year = {{{book['year']}}},",
            f"  doi = {{{book['doi']}}}",
            "}",
        ]
    )
    return f"{dataset}\n\n{source}"
