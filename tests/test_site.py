"""Entity and essay pages: served by content negotiation, written as a static site."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from werkzeug.test import Client

from revkg import vocab
from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.site import Site, read_site
from revkg.site.app import Pages
from revkg.site.cite import Citation
from revkg.site.content import Essay
from revkg.site.render import entity_page, essay_page
from revkg.sources.seeds import citation_details
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct
from revkg.vocab import OA, RK

LOCAL = {"Host": "127.0.0.1:8917"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MYASNIKOV = URIRef("https://w3id.org/revkg/person/gavril-myasnikov")
BOLSHEVIKS = URIRef("https://w3id.org/revkg/organization/bolsheviks")


@pytest.fixture(scope="module")
def site(built_project: Project) -> Site:
    return read_site(built_project)


@pytest.fixture(scope="module")
def client(built_project: Project, site: Site) -> Client:
    store = RdflibStore(read_dataset(built_project.trig))
    endpoint = Endpoint(Direct(store), pages=Pages(site))
    return Client(guarded(endpoint, host="127.0.0.1"))


def get(client: Client, path: str, accept: str | None = None, **headers: str):
    if accept is not None:
        headers["Accept"] = accept
    return client.get(path, headers={**LOCAL, **headers})


# ---- content negotiation -------------------------------------------------------------


@pytest.mark.parametrize("accept", [BROWSER, None, "*/*", "text/html"])
def test_an_entity_path_answers_html_to_browsers(client, accept):
    r = get(client, "/person/gavril-myasnikov", accept)
    assert (r.status_code, r.content_type) == (200, "text/html; charset=utf-8")
    page = r.get_data(as_text=True)
    assert "<h1>Gavril Myasnikov</h1>" in page
    assert "Content-Security-Policy" in r.headers
    assert r.headers["Vary"] == "Accept"


def test_turtle_by_accept_parses_and_holds_the_facts(client):
    r = get(client, "/person/gavril-myasnikov", "text/turtle")
    assert (r.status_code, r.content_type) == (200, "text/turtle; charset=utf-8")
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    assert (MYASNIKOV, RK.memberOf, BOLSHEVIKS) in g
    statements = set(g.subjects(RDF.subject, MYASNIKOV)) & set(g.subjects(RDF.object, BOLSHEVIKS))
    assert statements, "the statement node of the membership is there"
    quotes = {
        str(q)
        for st in statements
        for ev in g.objects(st, RK.hasEvidence)
        for q in g.objects(ev, OA.exact)
    }
    assert any("joined the party in 1906" in q for q in quotes)
    assert (BOLSHEVIKS, vocab.RDFS.label, Literal("Bolsheviks")) in g  # the other end is named


def test_json_ld_by_accept(client):
    r = get(client, "/organization/bolsheviks", "application/ld+json")
    assert (r.status_code, r.content_type) == (200, "application/ld+json")
    g = Graph().parse(data=r.get_data(as_text=True), format="json-ld")
    assert (MYASNIKOV, RK.memberOf, BOLSHEVIKS) in g


@pytest.mark.parametrize(
    ("suffix", "ctype"),
    [
        ("html", "text/html; charset=utf-8"),
        ("ttl", "text/turtle; charset=utf-8"),
        ("jsonld", "application/ld+json"),
    ],
)
def test_suffixes_choose_the_format_whatever_the_accept(client, suffix, ctype):
    r = get(
        client, f"/person/gavril-myasnikov.{suffix}", BROWSER if suffix != "html" else "text/turtle"
    )
    assert (r.status_code, r.content_type) == (200, ctype)
    assert "Vary" not in r.headers


def test_essays_and_the_index_are_served(client):
    essay = get(client, "/essay/gavril-myasnikov", BROWSER)
    assert essay.status_code == 200 and 'id="q-' in essay.get_data(as_text=True)
    turtle = get(client, "/essay/gavril-myasnikov.ttl")
    g = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
    assert (vocab.document_iri("gavril-myasnikov"), RDF.type, RK.Document) in g
    index = get(client, "/index.html")
    assert index.status_code == 200 and 'href="person/gavril-myasnikov.html"' in index.get_data(
        as_text=True
    )
    css = get(client, "/assets/site.css")
    assert (css.status_code, css.content_type) == (200, "text/css; charset=utf-8")


def test_unknown_ids_get_a_helpful_404(client):
    r = get(client, "/person/myasnikov", BROWSER)
    assert (r.status_code, r.content_type) == (404, "text/html; charset=utf-8")
    page = r.get_data(as_text=True)
    assert 'href="../person/gavril-myasnikov.html">Gavril Myasnikov</a>' in page
    assert 'href="../index.html"' in page
    text = get(client, "/person/myasnikov.ttl", "text/turtle")
    assert text.status_code == 404 and "Gavril Myasnikov" in text.get_data(as_text=True)
    assert get(client, "/nowhere/at/all", BROWSER).status_code == 404
    assert get(client, "/work/gavril-myasnikov", BROWSER).status_code == 404  # wrong type


def test_nothing_acceptable_is_406(client):
    r = get(client, "/person/gavril-myasnikov", "image/png")
    assert r.status_code == 406
    assert "text/turtle" in r.get_data(as_text=True)


def test_the_endpoint_and_its_guard_still_come_first(client):
    assert get(client, "/sparql", "text/turtle").status_code == 200  # service description
    assert client.post("/person/gavril-myasnikov", headers=LOCAL).status_code == 405
    evil = client.get("/person/gavril-myasnikov", headers={"Host": "evil.example"})
    assert evil.status_code == 403
    head = client.head("/person/gavril-myasnikov", headers=LOCAL)
    assert head.status_code == 200 and head.get_data() == b""


# ---- the entity page ---------------------------------------------------------------


def test_the_entity_page_lists_facts_in_time_order_with_quotes(client):
    page = get(client, "/person/gavril-myasnikov.html").get_data(as_text=True)
    years = [int(y) for y in re.findall(r'<span class="when">(\d{4})', page)]
    assert years and years == sorted(years)
    assert 'href="../essay/gavril-myasnikov.html#q-' in page
    assert "Other names" in page and "Miasnikov" in page
    assert '<svg class="network"' in page and 'href="../organization/bolsheviks.html"' in page
    assert re.search(r'<li class="fact [a-z]+" id="f-[0-9a-f]{16}">', page)


def test_a_wikidata_link_only_where_the_graph_has_one(site):
    myasnikov = site.entity("person", "gavril-myasnikov")
    assert "wikidata.org" not in entity_page(site, myasnikov)
    g = site.graph + Graph()
    g.add((MYASNIKOV, vocab.OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4143413")))
    page = entity_page(Site(g, {}, records=site.records), myasnikov)
    assert 'href="https://www.wikidata.org/wiki/Q4143413"' in page


# ---- citations ----------------------------------------------------------------------


def test_citations_in_three_forms_with_the_manifest_details():
    essay = Essay(
        "e",
        "An {odd} essay & more",
        None,
        {"author": "Ann Smith and Bo Li", "date": "2019-05-01", "url": "https://example.org/e"},
    )
    c = Citation(essay, 13, "he said “no”", "https://w3id.org/revkg/statement/abc", "q-1-2")
    plain = c.plain()
    assert plain.startswith(
        "Ann Smith and Bo Li, “An {odd} essay & more”, 2019-05-01, https://example.org/e, ¶ 13"
    )
    assert plain.endswith("“he said “no””. Fact: https://w3id.org/revkg/statement/abc")
    bib = c.bibtex()
    assert bib.startswith("@misc{e:q-1-2:abc,") and r"title = {{An \{odd\} essay \& more}}" in bib
    assert "year = {2019}" in bib and "url = {https://example.org/e}" in bib
    item = json.loads(c.csl_json())[0]
    assert item["author"] == [{"literal": "Ann Smith"}, {"literal": "Bo Li"}]
    assert item["issued"] == {"date-parts": [[2019, 5, 1]]}
    assert (item["locator"], item["label"], item["URL"]) == (
        "13",
        "paragraph",
        "https://example.org/e",
    )


def test_citations_leave_out_what_the_manifest_does_not_give():
    c = Citation(Essay("e", "Title", None), None, "q", "https://w3id.org/revkg/statement/abc")
    assert c.plain() == "“Title”: “q”. Fact: https://w3id.org/revkg/statement/abc"
    assert "author" not in c.bibtex() and "author" not in c.csl()


def test_the_entity_page_carries_cite_blocks(client):
    page = get(client, "/person/gavril-myasnikov").get_data(as_text=True)
    assert page.count('<details class="cite">') >= 10
    assert "@misc{gavril-myasnikov:q-" in page and "&#34;locator&#34;" in page


def test_the_manifest_citation_keys_are_read_when_given(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "manifest.yaml").write_text(
        "essays:\n"
        "  - {id: a, title: A, file: a.txt, author: [Ann Smith, Bo Li], date: 2019-05-01,"
        " url: 'https://example.org/a', licence: CC-BY-4.0, language: en, other: x}\n"
        "  - {id: b, title: B, file: b.txt}\n",
        encoding="utf-8",
    )
    assert citation_details(seeds) == {
        "a": {
            "author": "Ann Smith and Bo Li",
            "date": "2019-05-01",
            "url": "https://example.org/a",
            "licence": "CC-BY-4.0",
            "language": "en",
        },
        "b": {},
    }
    assert citation_details(tmp_path / "nowhere") == {}


def test_an_essay_page_shows_its_details_and_cites_itself(site):
    details = {"gavril-myasnikov": {"author": "Ann Smith", "url": "https://example.org/g"}}
    other = Site(
        site.graph,
        {e.id: e.document for e in site.essays.values() if e.document},
        details,
        records=site.records,
    )
    page = essay_page(other, other.essays["gavril-myasnikov"])
    assert "<dt>Author</dt><dd>Ann Smith</dd>" in page
    assert 'href="https://example.org/g"' in page and "@misc{gavril-myasnikov:essay," in page
    assert 'id="p-1"' in page and 'class="number" href="#p-1"' in page
