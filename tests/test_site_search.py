"""The search box: ``/search`` served beside the pages (HTML and JSON), reached from the
query page, and the static site's index for the same search offline."""

from __future__ import annotations

import json
import threading

import pytest
from werkzeug.test import Client

from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.site import Site, read_site
from revkg.site import search as site_search
from revkg.site.app import Pages
from revkg.site.searchindex import GLOBAL, index_data, index_script
from revkg.site.static import site_files
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct

LOCAL = {"Host": "127.0.0.1:8917"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON = "application/json"
#: The sentence of Myasnikov's essay that names the treaty, and its paragraph.
TREATY = "After opposing the Treaty of Brest-Litovsk Myasnikov recognized"
TREATY_HREF = "essay/gavril-myasnikov.html#p-9"


@pytest.fixture(scope="module")
def site(built_project: Project) -> Site:
    return read_site(built_project)


@pytest.fixture(scope="module")
def pages(site: Site) -> Pages:
    return Pages(site)


@pytest.fixture(scope="module")
def client(built_project: Project, pages: Pages) -> Client:
    store = RdflibStore(read_dataset(built_project.trig))
    endpoint = Endpoint(Direct(store), pages=pages, page_of=pages.path_of)
    return Client(guarded(endpoint, host="127.0.0.1"))


def search(client: Client, q: str | None, accept: str = BROWSER, path: str = "/search"):
    query = {} if q is None else {"q": q}
    return client.get(path, query_string=query, headers={**LOCAL, "Accept": accept})


# ---- served ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/search", "/search.html"])
def test_a_browser_gets_the_hits_as_a_page_linking_paragraphs_and_entities(client, path):
    r = search(client, "Brest-Litovsk", path=path)
    assert (r.status_code, r.content_type) == (200, "text/html; charset=utf-8")
    assert "Content-Security-Policy" in r.headers and r.headers["Vary"] == "Accept"
    page = r.get_data(as_text=True)
    assert f'<a class="hit" href="{TREATY_HREF}">' in page
    assert "Treaty of <mark>Brest-Litovsk</mark> Myasnikov" in page
    assert '<a href="event/treaty-of-brest-litovsk.html">Treaty of Brest-Litovsk</a>' in page
    assert 'class="quoted" href="essay/gavril-myasnikov.html#q-' in page
    assert 'value="Brest-Litovsk"' in page
    assert "4 sentences found" in page


def test_json_gives_the_hits_best_first_with_their_links(client):
    r = search(client, "Brest-Litovsk", JSON)
    assert (r.status_code, r.content_type) == (200, JSON)
    hits = r.json["hits"]
    assert r.json["search"] == "Brest-Litovsk" and len(hits) == 4
    first = hits[0]
    assert first["sentence"].startswith(TREATY) and first["href"] == TREATY_HREF
    assert first["quote_href"].startswith("essay/gavril-myasnikov.html#q-")
    treaty = next(e for e in first["entities"] if e["label"] == "Treaty of Brest-Litovsk")
    assert treaty["href"] == "event/treaty-of-brest-litovsk.html"
    assert treaty["iri"] == "https://w3id.org/revkg/event/treaty-of-brest-litovsk"
    assert {h["essay"] for h in hits} == {
        "gavril-myasnikov",
        "shadow-of-stalinism",
        "state-and-revolution",
    }


def test_the_linked_paragraph_and_quote_exist_on_the_essay_page(client):
    first = search(client, "Brest-Litovsk", JSON).json["hits"][0]
    essay = client.get("/" + first["href"].split("#")[0], headers=LOCAL).get_data(as_text=True)
    assert f'id="{first["href"].split("#")[1]}"' in essay
    assert f'id="{first["quote_href"].split("#")[1]}"' in essay


def test_hits_are_bounded(client):
    hits = search(client, "the", JSON).json["hits"]
    assert len(hits) == site_search.LIMIT
    assert "(the best 50)" in search(client, "the").get_data(as_text=True)


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("x" * 1001, "the search text is 1,001 characters long; search for at most 1,000"),
        ("free\x01speech", "the search text holds a control character (U+0001) at position 5"),
        ('"free speech', "cannot search for '\"free speech': unterminated string"),
        ("free AND", "cannot search for 'free AND': fts5: syntax error"),
    ],
)
def test_a_search_that_cannot_run_is_400_with_one_line(client, q, message):
    as_json = search(client, q, JSON)
    assert (as_json.status_code, as_json.content_type) == (400, JSON)
    error = as_json.json["error"]
    assert error.startswith(message) and "\n" not in error and "Traceback" not in error
    page = search(client, q)
    assert (page.status_code, page.content_type) == (400, "text/html; charset=utf-8")
    assert '<p class="error">' in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)


def test_without_words_a_browser_gets_the_box_and_a_program_a_400(client):
    page = search(client, None)
    assert page.status_code == 200 and 'id="search-q"' in page.get_data(as_text=True)
    assert "sentences found" not in page.get_data(as_text=True)
    assert search(client, "  ", JSON).status_code == 400
    assert search(client, "!?", JSON).json["error"].startswith("give a word to search for")


@pytest.mark.parametrize(
    "q", ["<script>alert(1)</script>", "<script>", '"><img src=x onerror=alert(1)> Lenin']
)
def test_a_search_with_markup_is_shown_as_text(client, q):
    page = search(client, q).get_data(as_text=True)
    assert "<script>alert" not in page and "<img" not in page and '<script>"' not in page
    assert "&lt;script&gt;" in page or "&lt;img" in page
    assert page.count("<script") == 1  # the pages' own script


def test_the_query_page_and_every_page_have_the_box(client):
    query_page = client.get("/", headers=LOCAL).get_data(as_text=True)
    assert '<form class="search" role="search" action="search" method="get"' in query_page
    entity = client.get("/person/gavril-myasnikov", headers=LOCAL).get_data(as_text=True)
    assert 'action="../search.html"' in entity and 'name="q"' in entity
    index = client.get("/index.html", headers=LOCAL).get_data(as_text=True)
    assert 'action="search.html"' in index


def test_the_query_page_has_no_box_without_the_pages(built_project):
    store = RdflibStore(read_dataset(built_project.trig))
    alone = Client(guarded(Endpoint(Direct(store)), host="127.0.0.1"))
    assert 'action="search"' not in alone.get("/", headers=LOCAL).get_data(as_text=True)


def test_the_index_is_built_once_and_searched_from_many_threads(site, monkeypatch):
    built = []
    real = site_search.search_index
    monkeypatch.setattr(site_search, "search_index", lambda s: built.append(1) or real(s))
    pages = Pages(site)
    app = Client(pages)
    assert built == []  # nothing until the first search
    found: list[int] = []

    def ask() -> None:
        for _ in range(5):
            found.append(len(app.get("/search?q=Lenin", headers={"Accept": JSON}).json["hits"]))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [1] and len(found) == 20 and len(set(found)) == 1 and found[0] > 0


# ---- the static site's index -------------------------------------------------------------


def test_the_static_site_has_the_search_page_and_its_index(site):
    files = site_files(site, rdf=False)
    page = files["search.html"]
    assert '<script src="assets/search-index.js" defer></script>' in page
    assert '<script src="assets/search.js" defer></script>' in page
    assert 'id="search-results"' in page
    assert "assets/search.js" in files and "search-index.js" not in files["assets/site.js"]
    assert 'action="../search.html"' in files["person/gavril-myasnikov.html"]


def test_the_index_holds_each_sentence_with_its_paragraph_and_names(site):
    script = index_script(site)
    head, _, body = script.partition(f"window.{GLOBAL} = ")
    assert head.startswith("//") and body.endswith(";\n") and "<" not in body
    data = json.loads(body.removesuffix(";\n"))
    assert data == json.loads(json.dumps(index_data(site)))
    essays = [e[0] for e in data["essays"]]
    row = next(r for r in data["sentences"] if r[2].startswith(TREATY))
    assert essays[row[0]] + f"#p-{row[1]}" == TREATY_HREF
    named = [data["entities"][n] for n in row[3]]
    assert ["Treaty of Brest-Litovsk", "event/treaty-of-brest-litovsk.html"] in named
    assert row[4].startswith("q-") and row[5] > 0
    assert data["fold"]["\u2019"] == "'"
    assert len(script.encode()) < 150_000  # about 90 KB for the three essays


class _NoFts5:
    """A connection whose SQLite has no FTS5."""

    def execute(self, *args: object) -> None:
        import sqlite3

        raise sqlite3.OperationalError("no such module: fts5")

    def close(self) -> None:
        pass


def test_without_fts5_the_search_says_so_with_503(site, monkeypatch):
    from revkg.sources import search as library

    monkeypatch.setattr(library.sqlite3, "connect", lambda *a, **k: _NoFts5())
    app = Client(Pages(site))
    r = app.get("/search?q=Lenin", headers={"Accept": JSON})
    assert r.status_code == 503 and "needs SQLite with FTS5" in r.json["error"]
    assert app.get("/search?q=Lenin").status_code == 503
