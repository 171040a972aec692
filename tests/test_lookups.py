"""Look-ups never pick the wrong person silently: exact names win, shared surnames ask."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tanaka Giichi", "tanaka-giichi"),
        ("Tanaka Ryūkichi", "tanaka-ryukichi"),
        ("tanaka-ryukichi", "tanaka-ryukichi"),
        ("Jiang Jieshi", "chiang-kai-shek"),
        ("Stalin", "iosif-stalin"),
        ("Suzuki Teiichi", "suzuki-teiichi"),
        ("V.K. Samoilov", "v-k-samoilov"),
    ],
)
def test_an_exact_name_alias_or_id_wins(name, expected):
    assert sjc.resolve_actor(name) == expected


@pytest.mark.parametrize(
    ("name", "must_list"),
    [
        ("Tanaka", {"tanaka-giichi", "tanaka-ryukichi"}),
        ("Suzuki", {"kuhara-fusanosuke", "suzuki-teiichi"}),
        ("Samoilov", {"samoilo", "v-k-samoilov"}),
    ],
)
def test_a_bare_surname_two_people_share_asks_which(name, must_list):
    """A one-word alias of one actor must not hide a namesake (the Tanaka case)."""
    with pytest.raises(sjc.AmbiguousNameError) as caught:
        sjc.actor(name)
    assert must_list <= set(caught.value.candidates)


def test_a_name_described_by_a_surname_is_no_namesake():
    """'Kuhara's interpreter' does not make "Kuhara" ambiguous."""
    assert sjc.resolve_actor("Kuhara") == "kuhara-fusanosuke"


def test_a_fuzzy_match_is_only_ever_a_suggestion():
    with pytest.raises(sjc.NotFoundError) as caught:
        sjc.actor("Stallin")
    assert caught.value.suggestions[0] == "Iosif V. Stalin (iosif-stalin)"


def test_places_resolve_by_their_modern_name():
    assert set(sjc.events(place="Shenyang").id) == set(sjc.events(place="mukden").id) != set()
