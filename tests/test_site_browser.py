"""The static site in a real browser (headless Chromium, opened from file://, network blocked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from revkg.project import Project
from revkg.site import read_site
from revkg.site.static import write_site

from .browser_fixtures import Page, open_offline

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def written(built_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("site") / "site"
    write_site(read_site(built_project), outdir, rdf=False)
    return outdir


def _open(chromium: Any, path: Path) -> Page:
    return open_offline(chromium, path, width=1200, height=800)


def test_a_quote_link_opens_the_quote_highlighted_in_its_essay(browser, written):
    opened = _open(browser, written / "person" / "gavril-myasnikov.html")
    page = opened.page
    assert page.inner_text("h1") == "Gavril Myasnikov"
    link = page.locator('blockquote.quote a[href*="#q-"]').first
    anchor = link.get_attribute("href").split("#", 1)[1]
    quote = page.locator("blockquote.quote p").first.inner_text().strip("“”")
    link.click()
    page.wait_for_url(f"**/essay/gavril-myasnikov.html#{anchor}")
    target = page.locator(":target")
    assert target.count() == 1
    assert target.get_attribute("id") == anchor
    assert target.evaluate("e => e.matches('mark.quote')")
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 800, "the quote is scrolled into view"
    shown = page.evaluate(
        "id => [...document.querySelectorAll(`[data-q='${id}']`)].map(m => m.textContent).join('')",
        anchor,
    )
    assert " ".join(shown.split())[:40] in " ".join(quote.split())  # the whole quote is marked
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(255, 201, 77)"  # the :target colour, not the plain mark's
    assert target.evaluate("e => e.closest('section.paragraph').id").startswith("p-")
    assert opened.errors == [] and opened.requests == []


def test_the_index_leads_to_every_type_and_essay(browser, written):
    opened = _open(browser, written / "index.html")
    page = opened.page
    page.click('ul.entities a[href="organization/bolsheviks.html"]')
    page.wait_for_url("**/organization/bolsheviks.html")
    assert page.inner_text("h1") == "Bolsheviks"
    assert page.locator("svg.network g.node").count() > 1
    page.locator("details.cite summary").first.click()
    assert page.locator("details.cite pre").first.is_visible()
    assert opened.errors == [] and opened.requests == []


def test_the_search_box_finds_a_sentence_offline_and_leads_to_its_paragraph(browser, written):
    opened = _open(browser, written / "person" / "gavril-myasnikov.html")
    page = opened.page
    page.fill("header form.search input[name=q]", "brest litov")  # prefixes, any case
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search.html?q=brest+litov")
    page.wait_for_function("window.revkgSearchReady === true")
    assert page.input_value("#search-q") == "brest litov"
    hits = page.locator("ol.search-results > li")
    assert hits.count() == 4
    first = hits.first
    assert "After opposing the Treaty of Brest-Litovsk" in first.locator("p.sentence").inner_text()
    assert first.locator("p.sentence mark").all_inner_texts() == ["Brest", "Litovsk"]
    assert "Treaty of Brest-Litovsk" in first.locator("p.names").inner_text()
    link = first.locator("a.hit")
    assert link.get_attribute("href") == "essay/gavril-myasnikov.html#p-9"
    page.fill("#search-q", "left\u2011communists zzz")  # typing searches again: nothing
    assert page.inner_text("#search-results p.count") == "0 sentences found"
    page.fill("#search-q", "\u201cLeft-Communist\u201d")  # typography and case folded
    assert page.locator("ol.search-results > li").count() > 0
    page.fill("#search-q", "Brest-Litovsk")
    page.locator("ol.search-results > li a.hit").first.click()
    page.wait_for_url("**/essay/gavril-myasnikov.html#p-9")
    target = page.locator(":target")
    assert target.get_attribute("id") == "p-9" and target.is_visible()
    assert "Brest-Litovsk" in target.inner_text()
    assert opened.errors == [] and opened.requests == []


def test_the_offline_search_shows_markup_as_text(browser, written):
    opened = _open(browser, written / "search.html")
    page = opened.page
    page.wait_for_function("window.revkgSearchReady === true")
    page.fill("#search-q", "<img src=x onerror=window.pwned=1> Lenin")
    assert page.locator("#search-results img").count() == 0
    page.fill("#search-q", "Lenin")
    count = page.locator("ol.search-results > li").count()
    assert count == 50 and "(the best 50 shown)" in page.inner_text("#search-results p.count")
    assert page.evaluate("window.pwned") is None
    assert opened.errors == [] and opened.requests == []
