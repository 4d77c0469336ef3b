from pathlib import Path

import pytest

from revkg.errors import CuratedFileError
from revkg.sources.canonical import canonical_files
from revkg.sources.curated import load_curated, read_records
from revkg.sources.seeds import load_corpus

from .conftest import REPO


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_curated_file_is_in_canonical_form():
    corpus = load_corpus(REPO / "seeds")
    for path, text in canonical_files(REPO / "graph" / "curated", corpus).items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(REPO)} is not in canonical form; run `make format` "
            "(or `revkg format`) and commit the result"
        )


def test_broken_yaml_names_file_and_line(tmp_path: Path):
    path = write(tmp_path / "people.yaml", "- id: a\n  label: [unclosed\n")
    with pytest.raises(CuratedFileError, match=r"people.yaml:\d+: not valid YAML"):
        read_records(path, "people.yaml")


def test_a_file_that_is_not_a_list_says_how_it_should_look(tmp_path: Path):
    path = write(tmp_path / "people.yaml", "id: a\nlabel: A\n")
    with pytest.raises(CuratedFileError, match="expected a list of records"):
        read_records(path, "people.yaml")


def test_tags_that_construct_objects_are_refused(tmp_path: Path):
    path = write(tmp_path / "people.yaml", "- !!python/object/apply:os.system ['true']\n")
    with pytest.raises(CuratedFileError):
        read_records(path, "people.yaml")


def test_record_problems_carry_file_and_line(tmp_path: Path):
    curated = tmp_path / "graph" / "curated"
    write(
        curated / "people.yaml",
        "- id: lenin\n  label: Lenin\n  description: x\n"
        "- id: Bad Id\n  label: B\n- id: trotsky\n  label: Trotsky\n  colour: red\n"
        "  description: y\n",
    )
    write(
        curated / "statements" / "essay.yaml",
        "- subject: lenin\n  predicate: memberof\n  object: bolsheviks\n  quote: q\n"
        "- subject: lenin\n  predicate: birthDate\n  value: 1870-13\n  quote: q\n"
        "- subject: lenin\n  predicate: memberOf\n  object: bolsheviks\n",
    )
    lines = load_curated(curated).report.lines()
    assert any("people.yaml:4 person 'Bad Id': id must be lower-case" in x for x in lines)
    assert any("people.yaml:6 person 'trotsky': unknown field 'colour'" in x for x in lines)
    assert any("essay.yaml:1" in x and "did you mean memberOf" in x for x in lines)
    assert any("essay.yaml:5" in x and "month 13 does not exist" in x for x in lines)
    assert any("essay.yaml:9" in x and "has no quote" in x for x in lines)


def test_a_type_may_be_split_over_several_files(tmp_path: Path):
    curated = tmp_path / "graph" / "curated"
    write(curated / "people.yaml", "- id: lenin\n  label: Lenin\n  description: x\n")
    write(curated / "people.more.yaml", "- id: stalin\n  label: Stalin\n  description: y\n")
    data = load_curated(curated)
    assert [(e.id, e.type) for e in data.entities] == [("lenin", "Person"), ("stalin", "Person")]


def test_canonical_form_sorts_entities_and_orders_statements_by_quote(tmp_path: Path):
    curated = tmp_path / "graph" / "curated"
    write(
        curated / "people.yaml",
        "- label: Zed\n  id: zed\n  description: z\n- id: abe\n  description: a\n  label: Abe\n",
    )
    write(
        curated / "statements" / "gavril-myasnikov.yaml",
        "- subject: zed\n  predicate: met\n  object: abe\n  quote: Victor Serge\n"
        "- subject: abe\n  predicate: met\n  object: zed\n  quote: Myasnikov was born\n",
    )
    corpus = load_corpus(REPO / "seeds")
    files = canonical_files(curated, corpus)
    assert files[curated / "people.yaml"] == (
        "- id: abe\n  label: Abe\n  description: a\n- id: zed\n  label: Zed\n  description: z\n"
    )
    statements = files[curated / "statements" / "gavril-myasnikov.yaml"]
    assert statements.index("Myasnikov was born") < statements.index("Victor Serge")


def test_canonical_order_follows_the_occurrence_a_statement_names():
    from revkg.model import Document, Evidence, Statement
    from revkg.sources.canonical import canonical_statements

    doc = Document("essay", "Essay", "seeds/essay.txt", "Lenin. Trotsky. Lenin again.")
    second = Statement("a", "met", "b", evidence=(Evidence("essay", "Lenin", occurrence=2),))
    middle = Statement("c", "met", "d", evidence=(Evidence("essay", "Trotsky"),))
    text = canonical_statements([second, middle], doc)
    assert text.index("subject: c") < text.index("subject: a")
