from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef

from revkg import vocab
from revkg.graph.assemble import build_dataset, union_graph
from revkg.graph.serialize import to_trig, to_turtle
from revkg.model import Date, Document, Entity, Evidence, Statement
from revkg.vocab import OA, RK

from .rdf_compare import assert_same_graph

DOC = Document("essay", "An essay", "seeds/essay.txt", "Myasnikov was born in 1889.")
PERSON = Entity(
    "gavril-myasnikov",
    "Person",
    "Gavril Myasnikov",
    "worker",
    aliases=("Miasnikov",),
    misspellings=("Myasnikof",),
)
PLACE = Entity("urals", "Place", "Urals", "region")


def test_a_fact_is_a_direct_triple_and_a_statement_with_evidence():
    fact = Statement(
        "gavril-myasnikov",
        "bornIn",
        "urals",
        point_in_time=Date(1889),
        evidence=(Evidence("essay", "Myasnikov was born", 0, 18),),
    )
    g = union_graph(build_dataset([DOC], [PERSON, PLACE], [fact]))
    assert (PERSON.iri, RK.bornIn, PLACE.iri) in g
    (node,) = g.subjects(RDF.type, RK.Statement)
    assert g.value(node, RDF.subject) == PERSON.iri
    assert g.value(node, RDF.object) == PLACE.iri
    assert g.value(node, RK.pointInTime) == Literal("1889", datatype=vocab.XSD.gYear)
    ev = g.value(node, RK.hasEvidence)
    assert g.value(ev, OA.exact) == Literal("Myasnikov was born")
    assert (g.value(ev, OA.start).toPython(), g.value(ev, OA.end).toPython()) == (0, 18)
    assert g.value(ev, RK.method) == RK.curated
    assert g.value(ev, OA.hasSource) == vocab.document_iri("essay")
    assert (PERSON.iri, vocab.SKOS.hiddenLabel, Literal("Myasnikof")) in g
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_curated_and_extracted_support_make_one_fact_in_both_layers():
    curated = Statement(
        "gavril-myasnikov", "bornIn", "urals", evidence=(Evidence("essay", "born", 10, 14),)
    )
    extracted = Statement(
        "gavril-myasnikov",
        "bornIn",
        "urals",
        evidence=(
            Evidence("essay", "born", 10, 14, method="extracted", rule="born-in", confidence=0.9),
        ),
    )
    ds = build_dataset([DOC], [PERSON, PLACE], [curated, extracted])
    g = union_graph(ds)
    assert len(set(g.subjects(RDF.type, RK.Statement))) == 1
    assert len(set(g.subjects(RDF.type, RK.Evidence))) == 2
    for layer in (vocab.GRAPH_CURATED, vocab.GRAPH_EXTRACTED):
        assert (PERSON.iri, RK.bornIn, PLACE.iri) in ds.graph(layer)


def test_serialization_is_deterministic():
    fact = Statement(
        "gavril-myasnikov", "bornIn", "urals", evidence=(Evidence("essay", "born", 10, 14),)
    )
    texts = {to_turtle(build_dataset([DOC], [PERSON, PLACE], [fact])) for _ in range(3)}
    assert len(texts) == 1
    assert len({to_trig(build_dataset([DOC], [PLACE, PERSON], [fact])) for _ in range(3)}) == 1


def test_serialization_orders_subjects_and_keeps_line_breaks_inside_literals():
    note = "one\x85two\u2028three\nfour"
    fact = Statement(
        "gavril-myasnikov",
        "bornIn",
        "urals",
        evidence=(Evidence("essay", "born", 10, 14, note=note),),
    )
    ds = build_dataset([DOC], [PLACE, PERSON], [fact])
    text = to_turtle(ds)
    prefixes = [line for line in text.split("\n") if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes)
    assert text.index("person:gavril-myasnikov a rk:Person") < text.index("place:urals a")
    assert Literal(note) in set(Graph().parse(data=text, format="turtle").objects())
    trig = Dataset()
    trig.parse(data=to_trig(ds), format="trig")
    assert Literal(note) in set(trig.graph(vocab.GRAPH_CURATED).objects())


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
quotes = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    min_size=1,
    max_size=60,
)
dates = st.builds(
    lambda y, m: Date(y, m, precision="month" if m else "year"),
    st.integers(1800, 2000),
    st.none() | st.integers(1, 12),
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(label=names, alias=names, quote=quotes, date=dates, note=quotes)
def test_records_survive_turtle_and_back(label, alias, quote, date, note):
    person = Entity("someone", "Person", label, note, aliases=(alias,))
    fact = Statement(
        "someone",
        "birthDate",
        value=date,
        point_in_time=date,
        evidence=(Evidence("essay", quote, 3, 3 + len(quote), note=note),),
    )
    original = union_graph(build_dataset([DOC], [person], [fact]))
    parsed = Graph().parse(data=to_turtle(build_dataset([DOC], [person], [fact])), format="turtle")
    assert_same_graph(original, parsed)
    assert parsed.value(person.iri, vocab.RDFS.label) == Literal(label)


def test_turtle_parses_in_an_independent_parser_with_the_same_triples():
    import pyoxigraph

    fact = Statement(
        "gavril-myasnikov",
        "bornIn",
        "urals",
        evidence=(Evidence("essay", 'a "quoted"\nline', 10, 14),),
    )
    text = to_turtle(build_dataset([DOC], [PERSON, PLACE], [fact]))
    triples = list(pyoxigraph.parse(text.encode(), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(data=text, format="turtle"))


def test_entity_iris_are_readable_slugs():
    assert PERSON.iri == URIRef(vocab.BASE_IRI + "person/gavril-myasnikov")


def test_symmetric_relations_hold_in_both_directions():
    other = Entity("victor-serge", "Person", "Victor Serge", "writer")
    fact = Statement(
        "gavril-myasnikov", "met", "victor-serge", evidence=(Evidence("essay", "met", 1, 4),)
    )
    g = union_graph(build_dataset([DOC], [PERSON, other], [fact]))
    assert (PERSON.iri, RK.met, other.iri) in g and (other.iri, RK.met, PERSON.iri) in g
    assert len(set(g.subjects(RDF.type, RK.Statement))) == 1


def test_extracted_support_joins_the_curated_fact_it_is_compatible_with():
    party = Entity("bolsheviks", "Organization", "Bolsheviks", "party")
    curated = Statement(
        "gavril-myasnikov",
        "memberOf",
        "bolsheviks",
        start=Date(1906),
        end=Date(1922),
        evidence=(Evidence("essay", "joined", 1, 7),),
    )
    found = Evidence(
        "essay", "joined in 1906", 1, 15, method="extracted", rule="joined", confidence=0.85
    )
    compatible = Statement(
        "gavril-myasnikov", "memberOf", "bolsheviks", start=Date(1906), evidence=(found,)
    )
    clashing = Statement(
        "gavril-myasnikov",
        "memberOf",
        "bolsheviks",
        start=Date(1910),
        evidence=(replace(found, start=20, end=30),),
    )
    g = union_graph(build_dataset([DOC], [PERSON, party], [curated, compatible, clashing]))
    statements = set(g.subjects(RDF.type, RK.Statement))
    assert len(statements) == 2
    merged = next(s for s in statements if g.value(s, RK.endTime) is not None)
    methods = {g.value(ev, RK.method) for ev in g.objects(merged, RK.hasEvidence)}
    assert methods == {RK.curated, RK.extracted}


def test_the_curated_layers_can_be_built_before_extraction_has_finished():
    from revkg.build import load_records
    from revkg.graph.assemble import add_extracted_layer, curated_dataset
    from revkg.project import Project

    from .conftest import REPO

    records = load_records(Project(REPO))
    curated = [s for s in records.statements if s.evidence[0].method == "curated"]
    assert 0 < len(curated) < len(records.statements)
    whole = build_dataset(
        records.corpus.values(), records.entities, records.statements, records.prov
    )
    early = curated_dataset(records.corpus.values(), records.entities, curated, records.prov)
    late = add_extracted_layer(early, records.entities, records.statements, records.prov)
    assert_same_graph(whole, late)


def test_the_string_sort_key_orders_triples_as_the_tuple_key_does(built_project):
    import random

    from revkg.graph.bulk import quad_texts
    from revkg.graph.load import read_dataset
    from revkg.graph.serialize import sort_key

    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    triples = list({(s, p, o) for s, p, o, _ in quad_texts(read_dataset(built_project.trig))})
    random.Random(1).shuffle(triples)
    by_tuple = sorted(triples, key=lambda t: (t[0], t[1] != rdf_type, t[1], t[2]))
    assert sorted(triples, key=lambda t: sort_key(*t)) == by_tuple
    assert by_tuple[0][1] == rdf_type  # a subject's type comes before its other triples


def _starts_block(line: str, indent: str) -> bool:
    """A subject's first line (indented by ``indent`` alone) or a graph's opening line."""
    block = line.startswith(indent) and line[len(indent) : len(indent) + 1] not in ("\t", "")
    return block or line.endswith("{")


def test_each_subject_and_each_graph_is_set_apart_by_one_blank_line(built_project):
    import itertools

    import pyoxigraph as ox

    from revkg import vocab
    from revkg.graph.load import read_dataset, union_graph
    from revkg.graph.serialize import to_trig, to_turtle

    ds = read_dataset(built_project.trig)
    quads = sum(len(ds.graph(iri)) for iri in vocab.LAYERS.values())
    for text, fmt, indent, size in (
        (to_turtle(ds), ox.RdfFormat.TURTLE, "", len(union_graph(ds))),
        (to_trig(ds), ox.RdfFormat.TRIG, "\t", quads),
    ):
        lines = text.split("\n")
        n = sum(line.startswith("@prefix") for line in lines)
        assert lines[:n] == sorted(lines[:n]) and lines[n] == "" and lines[-1] == ""
        body = lines[n + 1 : -1]
        assert _starts_block(body[0], indent)
        for before, line in itertools.pairwise(body):
            if line == "":
                assert before != "", "two blank lines"
            elif _starts_block(line, indent):
                assert before == "" or before.endswith("{"), f"no blank line before {line!r}"
            else:
                assert before != "", f"a blank line inside a block, before {line!r}"
        assert sum(_starts_block(line, indent) for line in body) > 100
        assert len(list(ox.parse(text.encode(), format=fmt))) == size
