"""The query page, called in-process: saved questions with their parameters, links from
names to their pages, the address that reruns a question, downloads and the pictures."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.test import Client

from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.site import read_site
from revkg.site.app import Pages
from revkg.sparql import query as q
from revkg.sparql import views
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct

LOCAL = {"Host": "127.0.0.1:8917"}
CONSTRUCT = "CONSTRUCT { person:gavril-myasnikov ?p ?o } WHERE { person:gavril-myasnikov ?p ?o }"


@pytest.fixture(scope="module")
def client(built_project: Project) -> Client:
    store = RdflibStore(read_dataset(built_project.trig))
    pages = Pages(read_site(built_project))
    saved = q.saved_queries(built_project.queries_dir)
    return Client(Endpoint(Direct(store), saved=saved, pages=pages, page_of=pages.path_of))


def page(client: Client, **args: str) -> str:
    r = client.get("/", query_string=args, headers=LOCAL)
    assert (r.status_code, r.content_type) == (200, "text/html; charset=utf-8")
    return r.get_data(as_text=True)


def rows(body: str) -> list[list[str]]:
    """The answer table's rows as the reader sees them (tags stripped)."""
    table = re.search(r'<table class="answer">(.*?)</table>', body, re.S)
    assert table, "no answer table"
    found = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)[1:]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", r)]
        for r in found
    ]


def error(body: str) -> str:
    found = re.search(r'<div class="error">(.*?)</div>', body, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_events_in_a_year_answer_for_the_year_asked(client):
    answer = rows(page(client, name="events-in-year", year="1917"))
    assert answer and all(r[0].startswith("1917") for r in answer)
    default = rows(page(client, name="events-in-year"))
    assert default and all(r[0].startswith("1921") for r in default)


def test_a_person_parameter_is_used(client):
    answer = rows(page(client, name="myasnikov-timeline", person="Lenin"))
    assert answer and all("Vladimir Lenin" in (r[1], r[3]) for r in answer)
    assert not any(r[1] == "Gavril Myasnikov" for r in answer)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            {"name": "events-in-year", "yeer": "1917"},
            "the question 'events-in-year' has no parameter 'yeer'; it takes year.",
        ),
        (
            {"name": "memberships", "year": "1917"},
            "the question 'memberships' has no parameter 'year'; it takes no parameters.",
        ),
        (
            {"name": "events-in-year", "year": "nineteen"},
            "parameter year: 'nineteen' is not a whole number.",
        ),
        (
            {"name": "myasnikov-timeline", "person": "Lennin"},
            "no entity is called 'Lennin'. Did you mean: Lenin",
        ),
        ({"name": "no-such-question"}, "no saved question is called 'no-such-question'"),
        ({"year": "1917"}, "parameters need a question"),
    ],
)
def test_refused_parameters_say_why_and_nothing_runs(client, args, message):
    body = page(client, **args)
    assert message in error(body)
    assert '<table class="answer">' not in body


def test_a_parameter_given_twice_is_refused(client):
    r = client.get("/?name=events-in-year&year=1917&year=1918", headers=LOCAL)
    body = r.get_data(as_text=True)
    assert "the parameter 'year' is given 2 times; give it once." in error(body)


def test_parameter_fields_are_typed_and_prefilled(client):
    body = page(client, name="myasnikov-timeline")
    person = re.search(r'<input id="p-myasnikov-timeline-person"[^>]*>', body).group()
    assert 'value="Gavril Myasnikov"' in person and 'list="entity-names"' in person
    year = re.search(r'<input id="p-events-in-year-year"[^>]*>', body).group()
    assert 'type="number"' in year and 'value="1921"' in year
    assert '<option value="Vladimir Lenin">' in body
    asked = page(client, name="events-in-year", year="1905")
    field = re.search(
        r'<fieldset class="params" data-for="events-in-year">.*?</fieldset>', asked, re.S
    )
    assert 'value="1905"' in field.group() and "hidden" not in field.group().split(">")[0]


def test_names_link_to_their_pages_and_the_pages_answer(client):
    body = page(client, name="brest-litovsk-opponents")
    links = re.findall(r'<td><a href="([^"]+)">Gavril Myasnikov</a></td>', body)
    assert links and links[0] == "person/gavril-myasnikov.html"
    r = client.get("/" + links[0], headers=LOCAL)
    assert r.status_code == 200 and "<h1>Gavril Myasnikov</h1>" in r.get_data(as_text=True)
    assert 'href="index.html"' in body


def test_the_address_reruns_the_question(client):
    body = page(client, name="events-in-year", year="1917")
    share = html.unescape(re.search(r'<a href="([^"]+)" class="share">', body).group(1))
    assert share == "./?name=events-in-year&year=1917"
    assert re.search(r'<option value="events-in-year" selected>', body)
    edited = client.application._by_name["events-in-year"].text.replace("DISTINCT ", "")
    body = page(client, name="events-in-year", query=edited, year="1918")
    share = html.unescape(re.search(r'<a href="([^"]+)" class="share">', body).group(1))
    asked = parse_qs(urlsplit(share).query)
    assert asked == {"name": ["events-in-year"], "query": [edited], "year": ["1918"]}
    assert rows(body) and all(r[0].startswith("1918") for r in rows(body))


def test_downloads_are_the_answer_in_csv_and_json(client):
    body = page(client, name="events-in-year", year="1917")
    found = {
        label: html.unescape(href)
        for href, label in re.findall(
            r'<a href="([^"]+)" download="[^"]+" class="download">(\w+)</a>', body
        )
    }
    assert set(found) == {"CSV", "JSON"}
    csv = client.get("/" + found["CSV"], headers=LOCAL)
    assert csv.content_type.startswith("text/csv")
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0].startswith("when,") and len(lines) == len(rows(body)) + 1
    assert all(line.startswith("1917") for line in lines[1:])
    assert client.get("/" + found["JSON"], headers=LOCAL).content_type == (
        "application/sparql-results+json"
    )
    graph = page(client, query=CONSTRUCT)
    assert re.findall(r'class="download">([\w-]+)</a>', graph) == ["Turtle", "JSON-LD"]


def test_a_dated_answer_gets_a_timeline_with_open_spans(client):
    body = page(client, name="memberships")
    svg = re.search(r'<svg class="timeline".*?</svg>', body, re.S).group()
    assert svg.count('<g class="mark">') >= 2
    assert 'class="span open" marker-end="url(#open-end)"' in svg  # Soviets: from 1917, no end
    assert "Gavril Myasnikov · Soviets" in svg
    assert '<svg class="timeline"' not in page(client, name="brest-litovsk-opponents")


def test_a_construct_answer_gets_a_small_graph_in_the_palette(client):
    body = page(client, query=CONSTRUCT)
    svg = re.search(r'<svg class="picture".*?</svg>', body, re.S).group()
    assert 'fill="#E69F00"' in svg  # people in the palette's colour
    assert '<a href="person/gavril-myasnikov.html">' in svg
    assert "member of" in svg


def test_views_read_types_from_iris_and_skip_undated_answers():
    assert views.kind_of("https://w3id.org/revkg/person/x") == "person"
    assert views.kind_of("https://w3id.org/revkg/vocab#memberOf") == ""
    table = {"kind": "select", "header": ["who"], "rows": [[["Lenin", None]]]}
    assert views.timeline(table, lambda iri: None) is None
    assert views.graph(table, lambda iri: None) is None
