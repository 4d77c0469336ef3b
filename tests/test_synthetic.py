from revkg.graph.assemble import build_dataset
from revkg.graph.validate import check_records
from revkg.sources.synthetic import corpus_for_triples, synthetic_corpus


def test_synthetic_corpus_is_deterministic_and_its_offsets_are_exact():
    a = synthetic_corpus(3, 40, seed=7)
    b = synthetic_corpus(3, 40, seed=7)
    assert [d.text for d in a.documents] == [d.text for d in b.documents]
    assert a.statements == b.statements
    texts = {d.id: d.text for d in a.documents}
    for st in a.statements:
        ev = st.evidence[0]
        assert texts[ev.doc][ev.start : ev.end] == ev.quote


def test_synthetic_records_pass_the_same_checks_as_curated_ones():
    corpus = synthetic_corpus(2, 50, seed=1)
    report = check_records(corpus.entities, corpus.statements)
    assert report.errors == []


def test_corpus_for_triples_lands_near_the_requested_size():
    corpus = corpus_for_triples(10_000, seed=3)
    n = len(build_dataset(corpus.documents, corpus.entities, corpus.statements))
    assert 7_000 <= n <= 14_000
