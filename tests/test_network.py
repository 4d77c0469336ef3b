"""The networkx projection of the RDF graph and the analytics on it."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal

from revkg.errors import EntityNotFound
from revkg.network import projection as network
from revkg.vocab import RK, entity_iri

from .browser_fixtures import small_graph, synthetic_graph

MYASNIKOV = str(entity_iri("Person", "gavril-myasnikov"))
BOLSHEVIKS = str(entity_iri("Organization", "bolsheviks"))
LENIN = str(entity_iri("Person", "vladimir-lenin"))


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return network.to_networkx(small_graph())


def test_entities_are_the_only_nodes(g: nx.MultiDiGraph) -> None:
    assert g.number_of_nodes() == 8
    assert all("/statement/" not in n and "/evidence/" not in n for n in g)
    assert g.nodes[MYASNIKOV]["type"] == "person"
    assert g.nodes[MYASNIKOV]["aliases"] == ["Miasnikov", "Myasnikov"]


def test_literals_are_attributes_not_nodes(g: nx.MultiDiGraph) -> None:
    node = g.nodes[MYASNIKOV]
    assert node["dates"] == {"birth date": "1889"}
    assert node["facts"][0]["evidence"][0]["quote"] == "born in 1889"
    assert node["years"] == (1889, 1889)
    assert g.nodes[str(entity_iri("Event", "kronstadt"))]["years"] == (1921, 1921)


def test_parallel_relations_are_all_kept(g: nx.MultiDiGraph) -> None:
    relations = sorted(d["relation"] for d in g.get_edge_data(MYASNIKOV, BOLSHEVIKS).values())
    assert relations == ["expelled from", "member of"]


def test_edges_carry_time_layer_and_evidence(g: nx.MultiDiGraph) -> None:
    (member,) = [
        d for d in g.get_edge_data(MYASNIKOV, BOLSHEVIKS).values() if d["predicate"] == "memberOf"
    ]
    assert member["time"] == "1906–1922"
    assert member["years"] == (1906, 1922)
    assert member["layer"] == "curated"
    assert member["evidence"][0]["quote"] == "Myasnikov joined the Bolsheviks in 1906."
    assert member["evidence"][0]["essay"] == "Gavril Myasnikov and the Workers Group"
    group = str(entity_iri("Organization", "workers-group"))
    founded = next(iter(g.get_edge_data(MYASNIKOV, group).values()))
    assert (founded["layer"], founded["confidence"]) == ("extracted", 0.7)


def test_symmetric_mirror_triple_is_not_a_second_edge(g: nx.MultiDiGraph) -> None:
    both = [d for u, v, d in g.edges(data=True) if d["predicate"] == "correspondedWith"]
    assert len(both) == 1 and both[0]["time"] == "1921"


def test_direct_triple_without_statement_becomes_an_edge() -> None:
    rdf = Graph()
    a, b = entity_iri("Person", "a"), entity_iri("Person", "b")
    for iri, name in ((a, "A"), (b, "B")):
        rdf.add((iri, RDF.type, RK.Person))
        rdf.add((iri, RDFS.label, Literal(name)))
    rdf.add((a, RK.met, b))
    rdf.add((a, RK.deathDate, Literal("1937")))
    g = network.to_networkx(rdf)
    (edge,) = [d for *_, d in g.edges(data=True)]
    assert (edge["relation"], edge["evidence"]) == ("met", [])
    assert g.nodes[str(a)]["dates"] == {"death date": "1937"}


def test_ego_network(g: nx.MultiDiGraph) -> None:
    one = network.ego(g, str(entity_iri("Place", "urals")), hops=1)
    assert set(one) == {str(entity_iri("Place", "urals")), MYASNIKOV}
    assert len(network.ego(g, str(entity_iri("Place", "urals")), hops=2)) == 6


def test_filters(g: nx.MultiDiGraph) -> None:
    people = network.filter_graph(g, types=["person"])
    assert {d["type"] for _, d in people.nodes(data=True)} == {"person"}
    curated = network.filter_graph(g, layers=["curated"])
    assert {d["layer"] for *_, d in curated.edges(data=True)} == {"curated"}
    late = network.filter_graph(g, since=1923)
    assert sorted(d["relation"] for *_, d in late.edges(data=True) if d["years"]) == ["founded"]
    assert MYASNIKOV not in network.filter_graph(g, until=1880)


def test_essay_filter_keeps_what_the_essays_speak_of(g: nx.MultiDiGraph) -> None:
    one = network.filter_graph(g, essays=["State and Revolution: 100 years later"])
    assert {d["label"] for _, d in one.nodes(data=True)} == {
        "Vladimir Lenin",
        "Bolsheviks",
        "Kronstadt rebellion",
    }
    assert [d["relation"] for *_, d in one.edges(data=True)] == ["led"]
    both = network.filter_graph(
        g, essays=sorted({e for *_, d in g.edges(data=True) for e in d["essays"]})
    )
    assert (len(both), both.number_of_edges()) == (8, 8)  # every essay: nothing left out


def test_a_year_range_leaves_the_undated_out_unless_kept(g: nx.MultiDiGraph) -> None:
    everything = (len(g), g.number_of_edges())
    for kept in (network.filter_graph(g), network.filter_graph(g, since=1800, keep_undated=True)):
        assert (len(kept), kept.number_of_edges()) == everything
    dated = network.filter_graph(g, since=1800)
    assert sorted(d["relation"] for *_, d in dated.edges(data=True)) == [
        "corresponded with",
        "expelled from",
        "founded",
        "member of",
    ]
    assert len(dated) == 5  # Urals, the manifesto and the idea have no dates


def test_shortest_paths_carry_the_facts(g: nx.MultiDiGraph) -> None:
    urals = str(entity_iri("Place", "urals"))
    chains = network.shortest_paths(g, urals, LENIN)
    assert len(chains) == 1
    first, second = chains[0]
    assert (first.source, first.target, second.target) == (urals, MYASNIKOV, LENIN)
    assert first.facts[0][0] is False  # Myasnikov born in Urals points back
    assert second.facts[0][1]["evidence"][0]["quote"] == "Lenin wrote to Myasnikov"
    assert network.paths_graph(g, chains).number_of_nodes() == 3


def test_no_path_gives_no_chains(g: nx.MultiDiGraph) -> None:
    kronstadt = str(entity_iri("Event", "kronstadt"))
    assert network.shortest_paths(g, kronstadt, LENIN) == []


def test_resolve_names() -> None:
    rdf = small_graph()
    assert network.resolve(rdf, "myasnikov") == MYASNIKOV
    with pytest.raises(EntityNotFound):
        network.resolve(rdf, "Nobody at all")
    g = network.to_networkx(rdf)
    assert network.resolve_in(g, "Lenin") == LENIN
    assert network.resolve_in(g, " MIASNIKÓV ") == MYASNIKOV
    assert network.resolve_in(g, "vladimir-lenin") == LENIN
    with pytest.raises(EntityNotFound, match="Did you mean: Vladimir Lenin"):
        network.resolve_in(g, "Vladimir Lenine")


@pytest.mark.parametrize("n", [40, pytest.param(700, marks=pytest.mark.slow)])
def test_layout_is_deterministic_and_spread(n: int) -> None:
    g = network.to_networkx(synthetic_graph(n))
    first, second = network.layout(g), network.layout(g)
    assert first == second
    assert all(isinstance(x, int) and isinstance(y, int) for x, y in first.values())
    assert len(set(first.values())) > 0.95 * n  # hardly any node on top of another
