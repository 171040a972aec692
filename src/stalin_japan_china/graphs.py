"""Actors as a graph: who is tied to whom, and how sure the book is of each tie.

Two kinds of edges, kept apart by the ``kind`` attribute so analyses can choose:

* ``relation`` edges, directed subject → object, one per relation row;
* ``co_participation`` edges between every two actors in the same event (stored
  in both directions, since taking part together has no direction).

Each edge carries ``status`` and the ``evidence`` ids behind it, so a drawing
or a centrality score can always be traced back to printed pages.

    >>> import stalin_japan_china as sjc
    >>> graph = sjc.network(min_status="likely", predicates=["agent_of"])
    >>> graph.has_edge("komoto-daisaku", "soviet-union")
    True
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import checks
from .errors import InvalidValueError
from .loading import load_table
from .query import CERTAINTY, _at_least, _check_vocabulary

if TYPE_CHECKING:
    import networkx as nx


def network(
    *,
    status: str | None = None,
    predicate: str | Iterable[str] | None = None,
    co_participation: bool = True,
    min_status: str | None = None,
    predicates: str | Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """A ``networkx.MultiDiGraph`` of actors (needs the ``network`` extra).

    ``status`` keeps ties at least that certain (default: possible, so
    alleged and refuted ties are left out); ``predicate`` limits relation
    edges to those kinds (one or a list), as in :func:`~stalin_japan_china.relations`;
    ``co_participation=False`` leaves out event edges. ``min_status`` and
    ``predicates`` are the older names of ``status`` and ``predicate``.
    Nodes carry every actor column.

    Its evidence lists and missing dates are Python values GraphML and GEXF cannot store;
    ``sjc.export(folder, format="graphml")`` (or ``"gexf"``) writes a typed copy for Gephi.
    """
    if status is not None and min_status is not None:
        raise InvalidValueError("give status= or its older name min_status=, not both")
    if predicate is not None and predicates is not None:
        raise InvalidValueError("give predicate= or its older name predicates=, not both")
    argument = "min_status" if min_status is not None else "status"
    min_status = min_status if min_status is not None else status
    if min_status is None:
        min_status = "possible"
    allowed = frozenset(_at_least(min_status, argument))
    argument = "predicates" if predicates is not None else "predicate"
    predicates = predicates if predicates is not None else predicate
    kinds = _check_vocabulary("relations", "predicate", predicates, argument)
    checks.flag(co_participation, "co_participation")
    try:
        import networkx as nx
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "sjc.network needs networkx: pip install 'stalin-japan-china[network]'"
        ) from error
    graph = nx.MultiDiGraph(min_status=min_status)
    edge_groups = [_relation_edges(allowed, frozenset(kinds or ()))]
    if co_participation:
        edge_groups.append(_co_participation_edges(allowed))
    # Thousands of small dicts and lists are made here; the collector's passes over them
    # were about 40% of the time, and none of them is garbage until the graph is.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _fill(graph, _nodes(), edge_groups)
    finally:
        if collecting:
            gc.enable()
    return graph


def _fill(graph: nx.MultiDiGraph, nodes: tuple, edge_groups: list[tuple]) -> None:
    """Add nodes and edges straight into the graph's adjacency dicts.

    This is what ``add_nodes_from`` and ``add_edges_from`` end up storing (node
    attributes, and one key dict per node pair shared by successors and
    predecessors), without their per-edge checks, which were half the time at full
    size; ``tests/test_graphs_and_plots.py`` holds the result equal to theirs. Every
    attribute dict and evidence list is new, so a caller's edits stay in their graph.
    """
    node, succ, pred = graph._node, graph._succ, graph._pred
    for ident, attrs in nodes:
        node[ident] = dict(attrs)
        succ[ident] = {}
        pred[ident] = {}
    for edges in edge_groups:
        for u, v, key, attrs, evidence in edges:
            keys = succ[u].get(v)
            if keys is None:
                keys = succ[u][v] = pred[v][u] = {}
            data = dict(attrs)
            data["evidence"] = list(evidence)
            keys[key] = data


@functools.cache
def _evidence_of() -> dict[str, tuple[str, ...]]:
    """Evidence ids per target, grouped once per process in Arrow."""
    grouped = load_table("evidence").group_by("target_id").aggregate([("id", "list")])
    columns = grouped.to_pydict()
    return {t: tuple(ids) for t, ids in zip(columns["target_id"], columns["id_list"], strict=True)}


@functools.cache
def _nodes() -> tuple[tuple[str, dict[str, Any]], ...]:
    return tuple((row["id"], row) for row in load_table("actors").to_pylist())


@functools.cache
def _relation_edges(allowed: frozenset[str], kinds: frozenset[str]) -> tuple:
    import pyarrow.compute as pc

    table = load_table("relations")
    condition = pc.field("status").isin(list(allowed))
    if kinds:
        condition = condition & pc.field("predicate").isin(list(kinds))
    rows = table.filter(condition).to_pydict()
    evidence_of = _evidence_of()
    return tuple(
        (
            subject,
            obj,
            ident,
            {
                "kind": "relation",
                "predicate": predicate,
                "status": status,
                "start": start,
                "end": end,
            },
            evidence_of.get(ident, ()),
        )
        for ident, subject, obj, predicate, status, start, end in zip(
            rows["id"],
            rows["subject_id"],
            rows["object_id"],
            rows["predicate"],
            rows["status"],
            rows["start"],
            rows["end"],
            strict=True,
        )
    )


@functools.cache
def _co_participation_edges(allowed: frozenset[str]) -> tuple:
    """Both directions of every pair of participant rows in one event, from a self-join."""
    import pyarrow.compute as pc

    cast = (
        load_table("participants")
        .filter(pc.field("status").isin(list(allowed)))
        .select(["id", "event_id", "actor_id", "status"])
    )
    pairs = cast.join(cast, keys="event_id", left_suffix="_a", right_suffix="_b")
    pairs = pairs.filter(pc.field("actor_id_a") != pc.field("actor_id_b")).to_pydict()
    evidence_of = _evidence_of()
    rank = {status: i for i, status in enumerate(CERTAINTY)}
    edges = []
    for one, other, a, b, event_id, sa, sb in zip(
        pairs["id_a"],
        pairs["id_b"],
        pairs["actor_id_a"],
        pairs["actor_id_b"],
        pairs["event_id"],
        pairs["status_a"],
        pairs["status_b"],
        strict=True,
    ):
        weakest = sa if rank[sa] >= rank[sb] else sb
        edges.append(
            (
                a,
                b,
                f"{one}~{other}",
                {"kind": "co_participation", "event_id": event_id, "status": weakest},
                evidence_of.get(one, ()) + evidence_of.get(other, ()),
            )
        )
    edges.sort(key=lambda edge: edge[2])  # the join's order is not fixed; the graph's is
    return tuple(edges)
