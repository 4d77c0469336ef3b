"""What the manifest says of an essay (author, date, url, licence, language), checked and
published on the essay's node."""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from revkg.errors import SeedError
from revkg.graph.assemble import build_dataset, union_graph
from revkg.sources.seeds import load_corpus
from revkg.vocab import SCHEMA, document_iri

ENTRY = "essays:\n  - id: commune\n    title: The Commune\n    file: commune.txt\n"


def corpus(tmp_path, extra: str):
    (tmp_path / "commune.txt").write_text("The Commune\n\nIt lasted 72 days.\n", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text(ENTRY + extra, encoding="utf-8")
    return load_corpus(tmp_path)


def test_metadata_is_read_and_published(tmp_path):
    extra = (
        "    author: Prosper-Olivier Lissagaray\n    date: '1876'\n"
        "    url: https://example.org/commune\n    licence: CC-BY-4.0\n    language: fr\n"
    )
    doc = corpus(tmp_path, extra)["commune"]
    assert (doc.author, doc.date, doc.language) == ("Prosper-Olivier Lissagaray", "1876", "fr")
    g = union_graph(build_dataset([doc], [], []))
    essay = document_iri("commune")
    author = g.value(essay, DCTERMS.creator)
    assert (author, RDF.type, PROV.Agent) in g
    assert g.value(author, RDFS.label) == Literal("Prosper-Olivier Lissagaray")
    assert g.value(essay, SCHEMA.author) == author
    assert g.value(essay, DCTERMS.date) == Literal("1876", datatype=XSD.gYear)
    assert g.value(essay, SCHEMA.url) == URIRef("https://example.org/commune")
    assert g.value(essay, DCTERMS.license) == URIRef("http://spdx.org/licenses/CC-BY-4.0")
    assert g.value(essay, DCTERMS.language) == Literal("fr", datatype=XSD.language)


def test_the_language_is_english_unless_said(tmp_path):
    doc = corpus(tmp_path, "")["commune"]
    assert (doc.language, doc.author, doc.date, doc.url, doc.licence) == ("en", "", "", "", "")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    date: 1871-13\n", "`date` '1871-13' is not an EDTF date (month 13 does not exist)"),
        ("    date: 1871-02-30\n", "is not an EDTF date (1871-02-30 does not exist)"),
        ("    date: March 1871\n", "is not an EDTF date"),
        ("    url: www.example.org\n", "`url` 'www.example.org' is not a web address"),
        ("    url: ftp://example.org/x\n", "is not a web address"),
        ("    licence: Creative Commons\n", "`licence` 'Creative Commons' is not an SPDX"),
        ("    language: English\n", "`language` 'English' is not a BCP 47 language tag"),
        ("    author: [A, B]\n", "`author` must be given as text"),
    ],
)
def test_bad_metadata_is_one_located_line(tmp_path, extra, message):
    with pytest.raises(SeedError) as caught:
        corpus(tmp_path, extra)
    text = str(caught.value)
    assert text.startswith("seeds/manifest.yaml: essay 1 (commune): ")
    assert message in text and "\n" not in text


def test_the_seed_essays_state_only_their_language(built_project):
    docs = load_corpus(built_project.seeds_dir)
    assert {d.language for d in docs.values()} == {"en"}
    assert not any(d.author or d.date or d.url or d.licence for d in docs.values())
