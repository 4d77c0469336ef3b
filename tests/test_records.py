"""The built graph read back as records: the same Entity and Evidence the build wrote."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal

from revkg.graph.assemble import build_dataset, union_graph
from revkg.graph.records import read_entities, read_records
from revkg.model import Date, Document, Entity, Evidence, Statement
from revkg.vocab import RK, entity_iri

DOC = Document("essay", "An essay", "seeds/essay.txt", "Myasnikov joined in 1906.")
PERSON = Entity("gavril-myasnikov", "Person", "Gavril Myasnikov", "A worker.", ("Myasnikov",))
PARTY = Entity("bolsheviks", "Organization", "Bolsheviks", misspellings=("Bolshevicks",))
CURATED = Evidence("essay", "Myasnikov joined in 1906.", 0, 25)
FOUND = Evidence("essay", "joined in 1906", 10, 24, "extracted", "joined", 0.7)


def _graph() -> Graph:
    member = Statement(PERSON.id, "memberOf", PARTY.id, start=Date(1906), evidence=(FOUND, CURATED))
    born = Statement(PERSON.id, "birthDate", value=Date(1889), evidence=(CURATED,))
    return union_graph(build_dataset([DOC], [PERSON, PARTY], [member, born]))


def test_entities_read_back_as_the_records_that_were_written() -> None:
    assert read_entities(_graph()) == (PARTY, PERSON)


def test_facts_carry_their_times_and_evidence_in_a_fixed_order() -> None:
    records = read_records(_graph())
    (member,) = [f for f in records.facts if f.predicate == "memberOf"]
    assert (member.subject, member.object) == (PERSON.iri, PARTY.iri)
    assert (member.start, member.time, member.years) == ("1906", "1906–", (1906, 1906))
    assert member.evidence == (CURATED, FOUND)  # curated first
    assert (member.layer, member.confidence) == ("curated", 1.0)
    assert member.key.startswith("https://w3id.org/revkg/statement/")
    assert records.title("essay") == "An essay"
    assert records.label(member.object) == "Bolsheviks"


def test_about_lists_an_entitys_facts_in_time_order() -> None:
    records = read_records(_graph())
    assert [f.relation for f in records.about(PERSON.iri)] == ["birth date", "member of"]
    assert [f.time for f in records.about(PERSON.iri)] == ["1889", "1906–"]
    assert [f.relation for f in records.about(PARTY.iri)] == ["member of"]


def test_a_direct_triple_without_a_statement_is_a_bare_fact() -> None:
    rdf = Graph()
    a, b = entity_iri("Person", "a"), entity_iri("Person", "b")
    for iri, name in ((a, "A"), (b, "B")):
        rdf.add((iri, RDF.type, RK.Person))
        rdf.add((iri, RDFS.label, Literal(name)))
    rdf.add((a, RK.met, b))
    rdf.add((b, RK.met, a))  # the mirror image of a symmetric relation is the same fact
    (fact,) = read_records(rdf).facts
    assert (fact.subject, fact.predicate, fact.object, fact.statement) == (a, "met", b, None)
    assert fact.key == f"{a} {RK.met} {b}"
    assert (fact.evidence, fact.layer) == ((), "curated")


def test_facts_carry_the_precision_of_their_times() -> None:
    led = Statement(
        PERSON.id, "led", PARTY.id, start=Date(1920, precision="decade"), evidence=(CURATED,)
    )
    graph = union_graph(build_dataset([DOC], [PERSON, PARTY], [led]))
    (fact,) = read_records(graph).facts
    assert (fact.start, fact.precision) == ("1920", "decade")
    assert {f.precision for f in read_records(_graph()).facts} == {"year"}
