"""Name keys: how two spellings of one name are recognised as the same.

The book romanizes Japanese with macrons (Ōkawa Shūmei), Chinese in pinyin
with older forms as aliases (Jiang Jieshi / Chiang Kai-shek), and Russian in
transliteration. Users type whatever they know, so look-ups compare keys, not
strings. Two keys exist because they serve different checks:

* :func:`key` folds case, accents, punctuation and spacing only. The build uses
  it to find actors that share a name, so it must not merge distinct names.
* :func:`loose_key` also folds Japanese long-vowel spellings (``Ōkawa`` =
  ``Okawa`` = ``Ookawa`` = ``Ohkawa``) and ``m``/``n`` before ``b``/``p``
  (``Shimpei`` = ``Shinpei``) for look-ups, where a collision only
  means asking the user to choose.

    >>> key("Kōmoto  Daisaku") == key("komoto daisaku")
    True
    >>> loose_key("Ookawa Shuumei") == loose_key("Ōkawa Shūmei")
    True
    >>> key("Chiang Kai-shek")
    'chiang kai shek'
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")
_LONG_O = re.compile(r"oo|o[uh](?![aeiou])")
_M_BEFORE_BP = re.compile(r"m(?=[bp])")


def key(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name; CJK left as is."""
    if name.isascii():  # nothing to decompose: the same key, without the per-letter pass
        stripped = name
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", stripped.casefold()).replace("_", " ").strip()


def loose_key(name: str) -> str:
    """:func:`key` with long vowels folded (oo, ou, oh, uu → o, u) and spaces removed."""
    return fold(key(name))


def fold(keyed: str) -> str:
    """The :func:`loose_key` of a string that is already a :func:`key`.

    >>> fold(key("Ōkawa Shūmei")) == loose_key("Ōkawa Shūmei")
    True
    """
    folded = _LONG_O.sub("o", keyed)
    folded = folded.replace("uu", "u")
    folded = _M_BEFORE_BP.sub("n", folded)  # Shimpei = Shinpei
    return folded.replace(" ", "")
