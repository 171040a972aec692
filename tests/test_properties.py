"""Property-based tests: random valid records survive the round trip, dates stay ordered."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalin_japan_china import dates, models
from stalin_japan_china.curate.building import write_parquet

slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=30,
) | st.sampled_from(["Kōmoto Daisaku", "張作霖", "Чжан Цзолинь", "a “quoted” title"])
years = st.integers(1800, 2000)


@st.composite
def edtf(draw) -> str:
    year = draw(years)
    shape = draw(st.sampled_from(["year", "month", "day", "season", "decade", "interval", "open"]))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    qualifier = draw(st.sampled_from(["", "", "~", "?", "%"]))
    if shape == "year":
        return f"{year}{qualifier}"
    if shape == "month":
        return f"{year}-{month:02d}{qualifier}"
    if shape == "day":
        return f"{year}-{month:02d}-{day:02d}{qualifier}"
    if shape == "season":
        return f"{year}-{draw(st.integers(21, 24))}"
    if shape == "decade":
        return f"{str(year)[:3]}X"
    if shape == "interval":
        later = draw(st.integers(year, 2010))
        return f"{year}-{month:02d}/{later}"
    return draw(st.sampled_from([f"{year}/", f"/{year}-{month:02d}", f"{year}/.."]))


@given(edtf())
def test_edtf_bounds_are_never_reversed(text):
    bounds = dates.parse(text)
    if bounds.start is not None and bounds.end is not None:
        assert bounds.start <= bounds.end
    assert bounds.precision in dates.PRECISIONS


actors = st.builds(
    models.Actor,
    id=slugs,
    kind=st.sampled_from(models.vocabulary(models.ActorKind)),
    name=texts,
    name_native=st.none() | texts,
    aliases=st.lists(texts, max_size=3),
    born=st.none() | st.integers(1800, 1900),
    died=st.none() | st.integers(1901, 2000),
    nationality=st.none()
    | st.sampled_from(models.vocabulary_of(models.Actor.model_fields["nationality"].annotation)),
    description=texts,
    disambiguation=st.none() | texts,
)


@st.composite
def events(draw):
    return models.Event(
        id=draw(slugs),
        type=draw(st.sampled_from(models.vocabulary(models.EventType))),
        title=draw(texts),
        date=draw(st.none() | edtf()),
        place_id=draw(st.none() | slugs),
        summary=draw(texts),
        chapter=draw(st.integers(0, 6)),
        pages=draw(st.lists(st.integers(1, 450), min_size=1, max_size=4)),
        status="confirmed",
    )


def round_trip(records, model, path):
    write_parquet(records, model, path, "t", "0.0.0")
    return [model.model_validate(row) for row in pq.read_table(path).to_pylist()]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(actors, min_size=1, max_size=5))
def test_actors_survive_parquet_unchanged(tmp_path, records):
    assert round_trip(records, models.Actor, tmp_path / "a.parquet") == records


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(events(), min_size=1, max_size=5))
def test_events_survive_parquet_unchanged(tmp_path, records):
    back = round_trip(records, models.Event, tmp_path / "e.parquet")
    assert back == records
    for event in back:
        if event.date_start and event.date_end:
            assert isinstance(event.date_start, dt.date) and event.date_start <= event.date_end
