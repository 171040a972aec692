"""The actor network and the two pictures, built from the real data."""

from __future__ import annotations

import pytest

import stalin_japan_china as sjc


def test_network_edges_carry_status_and_evidence():
    graph = sjc.network(min_status="possible")
    relations = sjc.relations(status="possible")
    relation_edges = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "relation"]
    assert len(relation_edges) == len(relations)
    evidence = set(sjc.load("evidence").id)
    for _, _, data in graph.edges(data=True):
        assert data["status"] in ("confirmed", "likely", "possible")
        assert data["evidence"] and set(data["evidence"]) <= evidence


def test_network_filters_by_status_and_predicate():
    graph = sjc.network(min_status="likely", predicates=["agent_of"], co_participation=False)
    assert {d["predicate"] for _, _, d in graph.edges(data=True)} == {"agent_of"}
    assert graph.has_edge("komoto-daisaku", "soviet-union")
    assert graph.nodes["komoto-daisaku"]["name"] == "Kōmoto Daisaku"
    with pytest.raises(sjc.InvalidValueError, match=r"predicates='spy' .*agent_of"):
        sjc.network(predicates=["spy"])


def test_co_participation_links_actors_of_one_event():
    graph = sjc.network(min_status="confirmed")
    edges = graph.get_edge_data("zhang-zuolin", "komoto-group") or {}
    assert any(d.get("event_id") == "assassination-of-zhang-zuolin" for d in edges.values())


def test_network_down_to_alleged_keeps_every_competing_claim():
    """Each participant pair is its own edge, so rival claims in one event never overwrite."""
    graph = sjc.network(min_status="alleged")
    edges = graph.get_edge_data("komoto-daisaku", "zhang-zuolin") or {}
    statuses = {d["status"] for d in edges.values() if d["kind"] == "co_participation"}
    assert "alleged" in statuses and "confirmed" in statuses


def test_network_equals_the_graph_networkx_builds_from_the_same_rows():
    """The network fills networkx's adjacency directly; it must equal the public-API graph."""
    import networkx as nx

    from stalin_japan_china import graphs

    fast = sjc.network(min_status="alleged")
    allowed = frozenset(sjc.query._at_least("alleged", "min_status"))
    slow = nx.MultiDiGraph(min_status="alleged")
    slow.add_nodes_from(graphs._nodes())
    for group in (
        graphs._relation_edges(allowed, frozenset()),
        graphs._co_participation_edges(allowed),
    ):
        slow.add_edges_from((u, v, k, {**a, "evidence": list(e)}) for u, v, k, a, e in group)
    assert nx.utils.graphs_equal(fast, slow)
    assert list(fast.edges(keys=True)) == list(slow.edges(keys=True))
    fast.edges[next(iter(fast.edges(keys=True)))]["status"] = "edited"
    assert "edited" not in {d["status"] for *_, d in sjc.network().edges(keys=True, data=True)}
