"""The query page in a real browser (headless Chromium): the endpoint app answers every
request in-process through the browser's routing, with its real headers (the CSP too);
anything addressed elsewhere is aborted and recorded."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from werkzeug.test import Client

from revkg.graph.load import read_dataset
from revkg.project import Project
from revkg.site import read_site
from revkg.site.app import Pages
from revkg.sparql import query as q
from revkg.sparql.endpoint import Endpoint
from revkg.sparql.http import guarded
from revkg.sparql.store import RdflibStore
from revkg.sparql.workers import Direct

from .browser_fixtures import Page

pytestmark = pytest.mark.slow
HOST = "http://127.0.0.1:8917"


@pytest.fixture(scope="module")
def app(built_project: Project) -> Client:
    store = RdflibStore(read_dataset(built_project.trig))
    pages = Pages(read_site(built_project))
    saved = q.saved_queries(built_project.queries_dir)
    endpoint = Endpoint(Direct(store), saved=saved, pages=pages, page_of=pages.path_of)
    return Client(guarded(endpoint, host="127.0.0.1"))


def _open(chromium: Any, app: Client, path: str) -> Page:
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    result = Page(page)

    def route(r: Any) -> None:
        if not r.request.url.startswith(HOST + "/"):
            result.requests.append(r.request.url)
            r.abort()
            return
        parts = urlsplit(r.request.url)
        answer = app.get(parts.path, query_string=parts.query, headers={"Host": "127.0.0.1:8917"})
        r.fulfill(status=answer.status_code, headers=dict(answer.headers), body=answer.get_data())

    page.route("**/*", route)
    page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    page.goto(HOST + path)
    return result


def _cells(page: Any, column: int) -> list[str]:
    return page.eval_on_selector_all(
        f"table.answer tr td:nth-child({column})", "cells => cells.map(c => c.textContent)"
    )


def test_a_parameter_field_runs_the_question_and_the_address_restores_it(browser, app):
    opened = _open(browser, app, "/")
    page = opened.page
    assert not page.locator("#p-myasnikov-timeline-person").is_visible()
    page.select_option("#example", "myasnikov-timeline")
    assert "VALUES ?person" in page.input_value("#query")
    field = page.locator("#p-myasnikov-timeline-person")
    assert field.is_visible() and field.input_value() == "Gavril Myasnikov"
    field.fill("Lenin")
    page.click("#ask button[type=submit]")
    page.wait_for_url("**/?name=myasnikov-timeline&person=Lenin")
    subjects, objects = _cells(page, 2), _cells(page, 4)
    assert subjects and all(
        "Vladimir Lenin" in pair for pair in zip(subjects, objects, strict=True)
    )
    assert page.locator("svg.timeline g.mark").count() == len(subjects)
    address = page.url

    page.locator("table.answer td a", has_text="Karl Kautsky").first.click()
    page.wait_for_url("**/person/karl-kautsky.html")
    assert page.inner_text("h1") == "Karl Kautsky"

    page.goto(address)  # a shared link, or a reload, runs the same question again
    assert page.locator("#example").input_value() == "myasnikov-timeline"
    assert page.locator("#p-myasnikov-timeline-person").input_value() == "Lenin"
    assert _cells(page, 2) == subjects
    assert opened.errors == [] and opened.requests == []


def test_a_wrong_value_is_refused_on_the_page(browser, app):
    opened = _open(browser, app, "/?name=events-in-year")
    page = opened.page
    assert page.locator("#p-events-in-year-year").input_value() == "1921"
    assert _cells(page, 1) and all(c.startswith("1921") for c in _cells(page, 1))
    page.goto(HOST + "/?name=events-in-year&year=1917&decade=1910")
    assert "has no parameter 'decade'; it takes year." in page.inner_text("div.error")
    assert page.locator("table.answer").count() == 0
    page.click("a#to-index")
    page.wait_for_url("**/index.html")
    assert page.locator("ul.entities a").count() > 10
    assert opened.errors == [] and opened.requests == []


def test_the_search_box_lists_sentences_that_lead_to_their_paragraph(browser, app):
    opened = _open(browser, app, "/")
    page = opened.page
    page.fill("#search-q", "Brest-Litovsk")
    page.click("#search button[type=submit]")
    page.wait_for_url("**/search?q=Brest-Litovsk")
    hits = page.locator("ol.search-results > li")
    assert hits.count() == 4
    assert "Treaty of Brest-Litovsk Myasnikov" in hits.first.locator("p.sentence").inner_text()
    assert hits.first.locator("mark").all_inner_texts() == ["Brest-Litovsk"]
    assert page.input_value("#search-q") == "Brest-Litovsk"
    page.fill("#search-q", "<script>alert(1)</script>")  # refused, and shown as text
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    assert "cannot search for '<script>alert(1)</script>'" in page.inner_text("p.error")
    page.go_back()
    page.locator("ol.search-results > li a.hit").first.click()
    page.wait_for_url("**/essay/gavril-myasnikov.html#p-9")
    assert page.locator(":target").get_attribute("id") == "p-9"
    assert page.locator(":target mark.quote").count() > 0
    refused = "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    assert opened.errors == [refused] and opened.requests == []  # only the refused search
