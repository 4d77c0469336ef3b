"""``revkg site``: a static site whose links all resolve, written whole or not at all;
labels and quotes with markup in them stay text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from werkzeug.test import Client

from revkg.build import build
from revkg.errors import OutputError
from revkg.files import replace_folder
from revkg.project import Project
from revkg.site import read_site
from revkg.site.app import Pages
from revkg.site.static import MARK

from .conftest import copy_project

EVIL = "Evil <script>alert(1)</script> Myasnikov"


class Links(HTMLParser):
    """The links (href, src) and ids of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> Links:
    found = Links()
    found.feed(path.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def written(built_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("site") / "site"
    from revkg.site.static import write_site

    write_site(read_site(built_project), outdir)
    return outdir


def test_the_site_has_an_index_and_a_page_per_entity_and_essay(written, built_project):
    site = read_site(built_project)
    assert (written / "index.html").is_file() and (written / MARK).is_file()
    for entity in site.records.entities:
        slug = entity.iri.split("/")[-2]
        for suffix in ("html", "ttl", "jsonld"):
            assert (written / slug / f"{entity.id}.{suffix}").is_file()
    essays = sorted(p.stem for p in (written / "essay").glob("*.html"))
    assert essays == sorted(["gavril-myasnikov", "shadow-of-stalinism", "state-and-revolution"])


def test_every_link_resolves_to_a_file_and_every_anchor_exists(written):
    pages = {p: parse(p) for p in written.rglob("*.html")}
    checked = 0
    for page, found in pages.items():
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "data"):
                continue
            assert not parts.scheme and not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(written)}: {link} leads nowhere"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{page}: no #{parts.fragment}"
            checked += 1
    assert checked > 5000


def test_quote_links_open_the_quote_in_its_paragraph(written):
    page = (written / "person" / "gavril-myasnikov.html").read_text(encoding="utf-8")
    anchor = re.search(r'href="\.\./essay/gavril-myasnikov\.html#(q-\d+-\d+)"', page)
    assert anchor is not None
    essay = (written / "essay" / "gavril-myasnikov.html").read_text(encoding="utf-8")
    paragraph = re.search(
        rf'<section class="paragraph" id="p-(\d+)">(?:(?!</section>).)*id="{anchor[1]}"',
        essay,
        re.S,
    )
    assert paragraph is not None, "the quote sits in a numbered paragraph"


def test_names_in_the_essays_link_to_entity_pages(written):
    essay = (written / "essay" / "gavril-myasnikov.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="mention" href="\.\./person/gavril-myasnikov\.html"', essay)
    assert re.search(r'<a class="mention" href="\.\./organization/bolsheviks\.html"', essay)


def test_the_cli_writes_the_site_and_replaces_its_own(built_project, run_cli, tmp_path):
    outdir = tmp_path / "out"
    first = run_cli("--project", str(built_project.root), "site", str(outdir), "--no-rdf")
    assert first.exit_code == 0, first.stderr
    assert "entity pages" in first.stderr and (outdir / "index.html").is_file()
    assert not list(outdir.rglob("*.ttl"))
    assert ".ttl" not in (outdir / "person" / "gavril-myasnikov.html").read_text(encoding="utf-8")
    (outdir / "stale.html").write_text("old", encoding="utf-8")
    again = run_cli("--project", str(built_project.root), "site", str(outdir))
    assert again.exit_code == 0, again.stderr
    assert not (outdir / "stale.html").exists() and list(outdir.rglob("*.ttl"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left over


def test_a_folder_of_other_files_is_refused(built_project, run_cli, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("--project", str(built_project.root), "site", str(tmp_path))
    assert result.exit_code == 1
    assert "already holds other files" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_failed_write_leaves_the_previous_site(tmp_path):
    outdir = tmp_path / "site"
    replace_folder(outdir, {"index.html": "first"}, mark=MARK)
    with pytest.raises(OutputError, match="cannot write"):
        replace_folder(outdir, {"index.html": "second", "index.html/x": "?"}, mark=MARK)
    assert (outdir / "index.html").read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# ---- markup in the data stays text -----------------------------------------------------


@pytest.fixture(scope="module")
def evil_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("evil"))
    people = project.curated_dir / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace("  label: Gavril Myasnikov\n", f"  label: '{EVIL}'\n"), encoding="utf-8"
    )
    build(project)
    return project


def test_a_label_with_a_script_stays_text_on_every_page(evil_project, tmp_path):
    from revkg.site.static import write_site

    site = read_site(evil_project)
    files = write_site(site, tmp_path / "site")
    for name, text in files.items():
        if name.endswith(".html"):
            assert "<script>alert" not in text, name
    entity = files["person/gavril-myasnikov.html"]
    assert "<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; Myasnikov</h1>" in entity
    assert 'title="Evil &lt;script&gt;' in files["essay/gavril-myasnikov.html"]  # a mention
    client = Client(Pages(site))
    for path in ("/person/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/person/evil"):
        missing = client.get(path, headers={"Accept": "text/html"})
        assert missing.status_code == 404
        assert "<script>alert" not in missing.get_data(as_text=True)
    near = client.get("/person/evil-script-alert-1-script-myasnikov").get_data(as_text=True)
    assert "Evil &lt;script&gt;" in near


def test_revkg_cite_prints_the_page_citations_in_each_form(built_project, run_cli):
    where = ("--project", str(built_project.root))
    text = run_cli(*where, "cite", "myasnikov")
    assert text.exit_code == 0 and "Fact: https://w3id.org/revkg/statement/" in text.stdout
    bib = run_cli(*where, "cite", "myasnikov", "--format", "bibtex")
    assert bib.stdout.count("@misc{gavril-myasnikov:q-") >= 10
    csl = run_cli(*where, "cite", "myasnikov", "-f", "csl")
    items = json.loads(csl.stdout)
    assert len({i["id"] for i in items}) == len(items) and items[0]["label"] == "paragraph"
    unknown = run_cli(*where, "cite", "nobody at all")
    assert unknown.exit_code == 1 and "no entity is called" in unknown.stderr
