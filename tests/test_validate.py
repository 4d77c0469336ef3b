from decimal import Decimal

from rdflib import RDF, Literal

from revkg import vocab
from revkg.graph.assemble import build_dataset
from revkg.graph.validate import check_records, check_shacl, shapes_turtle
from revkg.model import Date, Document, Entity, Evidence, Origin, Statement
from revkg.vocab import RK

LENIN = Entity("lenin", "Person", "Lenin", "Bolshevik leader", origin=Origin("people.yaml", 1))
PARTY = Entity("bolsheviks", "Organization", "Bolsheviks", "party", origin=Origin("orgs.yaml", 1))
WORK = Entity(
    "state-and-revolution", "Work", "State and Revolution", "book", origin=Origin("works.yaml", 1)
)
EV = (Evidence("essay", "quote", 0, 5),)


def st(subject, predicate, obj=None, **kw):
    return Statement(subject, predicate, obj, evidence=EV, origin=Origin("essay.yaml", 7), **kw)


def lines(entities, statements):
    return check_records(entities, statements).lines()


def test_clean_records_give_an_empty_report():
    report = check_records(
        [LENIN, PARTY, WORK],
        [st("lenin", "memberOf", "bolsheviks"), st("lenin", "authored", "state-and-revolution")],
    )
    assert report.problems == []


def test_duplicate_ids_name_both_places():
    dup = Entity("lenin", "Person", "V. I. Lenin", "x", origin=Origin("people.more.yaml", 3))
    out = lines([LENIN, dup, PARTY], [st("lenin", "memberOf", "bolsheviks")])
    assert (
        "[ERROR] people.more.yaml:3 person 'lenin': duplicate id; already defined at "
        "people.yaml:1. Give one a new id or merge the two" in out
    )


def test_dangling_reference_suggests_the_near_id():
    out = lines([LENIN, PARTY], [st("lenin", "memberOf", "bolshevik")])
    assert any(
        "essay.yaml:7" in x and "unknown object 'bolshevik'; did you mean bolsheviks?" in x
        for x in out
    )


def test_wrong_types_at_either_end_are_errors():
    out = lines(
        [LENIN, PARTY, WORK],
        [st("bolsheviks", "birthDate", value=Date(1900)), st("lenin", "authored", "bolsheviks")],
    )
    assert any(
        "the subject of birthDate must be a person, but 'bolsheviks' is a organization" in x
        for x in out
    )
    assert any("the object of authored must be a work, but 'bolsheviks'" in x for x in out)


def test_impossible_time_spans_and_facts_before_birth():
    out = lines(
        [LENIN, PARTY],
        [
            st("lenin", "memberOf", "bolsheviks", start=Date(1920), end=Date(1910)),
            st("lenin", "birthDate", value=Date(1870)),
            st("lenin", "memberOf", "bolsheviks", point_in_time=Date(1860)),
        ],
    )
    assert any("starts (1920) after it ends (1910)" in x for x in out)
    assert any("is dated 1860, before 'lenin' was born (1870)" in x for x in out)


def test_an_entity_in_no_fact_is_a_warning_not_an_error():
    report = check_records([LENIN, PARTY, WORK], [st("lenin", "memberOf", "bolsheviks")])
    assert report.ok
    assert [p.subject for p in report.warnings] == ["work 'state-and-revolution'"]


def test_shapes_accept_a_good_graph_and_catch_a_statement_without_evidence():
    doc = Document("essay", "An essay", "seeds/essay.txt", "quote")
    ds = build_dataset([doc], [LENIN, PARTY], [st("lenin", "memberOf", "bolsheviks")])
    assert check_shacl(ds).problems == []
    bad = vocab.BASE_IRI + "statement/bad"
    from rdflib import URIRef

    ds.graph(vocab.GRAPH_CURATED).add((URIRef(bad), RDF.type, RK.Statement))
    ds.graph(vocab.GRAPH_CURATED).add((LENIN.iri, RK.birthDate, Literal("soon")))
    messages = " ".join(check_shacl(ds).lines())
    assert "every statement needs evidence" in messages
    assert "the object of birthDate must be a date" in messages


def test_shapes_parse_as_turtle():
    from rdflib import Graph

    assert len(Graph().parse(data=shapes_turtle(), format="turtle")) > 100


def test_shapes_catch_bad_evidence_a_second_label_and_a_wrong_subject_type():
    from rdflib import URIRef

    doc = Document("essay", "An essay", "seeds/essay.txt", "quote")
    ds = build_dataset([doc], [LENIN, PARTY, WORK], [st("lenin", "memberOf", "bolsheviks")])
    curated = ds.graph(vocab.GRAPH_CURATED)
    evidence = next(curated.subjects(RDF.type, RK.Evidence))
    curated.set((evidence, RK.confidence, Literal(Decimal("1.5"))))
    curated.set((evidence, RK.method, URIRef(vocab.VOCAB_IRI + "guessed")))
    curated.remove((evidence, vocab.OA.hasSource, None))
    curated.add((LENIN.iri, vocab.RDFS.label, Literal("Ulyanov")))
    curated.add((PARTY.iri, RK.authored, WORK.iri))  # a party may author a work...
    curated.add((WORK.iri, RK.memberOf, PARTY.iri))  # ...but a work is nobody's member
    problems = check_shacl(ds).problems
    about = {p.subject: [] for p in problems}
    for p in problems:
        about[p.subject].append(p.message)
    ev = " ".join(about[f"<{evidence}>"])
    assert "guessed" in ev and "is not <=" in ev and "hasSource" in ev
    assert any("every person needs exactly one label" in m for m in about[f"<{LENIN.iri}>"])
    assert about[f"<{WORK.iri}>"] == [
        "SHACL: the subject of memberOf must be a person or organization"
    ]
    assert f"<{PARTY.iri}>" not in about
