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

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING

from .loading import load_table
from .query import CERTAINTY, _at_least, _check_vocabulary

if TYPE_CHECKING:
    import networkx as nx


def network(
    min_status: str = "possible",
    predicates: str | Iterable[str] | None = None,
    co_participation: bool = True,
) -> nx.MultiDiGraph:
    """A ``networkx.MultiDiGraph`` of actors (needs the ``network`` extra).

    ``min_status`` keeps ties at least that certain (default: possible, so
    alleged and refuted ties are left out); ``predicates`` limits relation
    edges to those kinds; ``co_participation=False`` leaves out event edges.
    Nodes carry every actor column.
    """
    try:
        import networkx as nx
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            "sjc.network needs networkx: pip install 'stalin-japan-china[network]'"
        ) from error
    allowed = set(_at_least(min_status, "min_status"))
    kinds = _check_vocabulary("relations", "predicate", predicates, "predicates")
    evidence_of: dict[str, list[str]] = defaultdict(list)
    for row in load_table("evidence").select(["id", "target_id"]).to_pylist():
        evidence_of[row["target_id"]].append(row["id"])
    graph = nx.MultiDiGraph(min_status=min_status)
    for actor in load_table("actors").to_pylist():
        graph.add_node(actor["id"], **actor)
    for row in load_table("relations").to_pylist():
        if row["status"] in allowed and (kinds is None or row["predicate"] in kinds):
            graph.add_edge(
                row["subject_id"],
                row["object_id"],
                key=row["id"],
                kind="relation",
                predicate=row["predicate"],
                status=row["status"],
                start=row["start"],
                end=row["end"],
                evidence=evidence_of[row["id"]],
            )
    if co_participation:
        cast: dict[str, list[dict]] = defaultdict(list)
        for row in load_table("participants").to_pylist():
            if row["status"] in allowed:
                cast[row["event_id"]].append(row)
        for event_id, rows in cast.items():
            for a, b in combinations(rows, 2):
                if a["actor_id"] == b["actor_id"]:
                    continue
                weakest = max(a["status"], b["status"], key=CERTAINTY.index)
                for one, other in ((a, b), (b, a)):
                    graph.add_edge(
                        one["actor_id"],
                        other["actor_id"],
                        key=f"{one['id']}~{other['id']}",
                        kind="co_participation",
                        event_id=event_id,
                        status=weakest,
                        evidence=evidence_of[one["id"]] + evidence_of[other["id"]],
                    )
    return graph
