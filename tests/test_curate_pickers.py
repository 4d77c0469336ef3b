"""revkg curate's pickers and date fields: the page carries each predicate's domain and
range and every entity's type, so the type-ahead offers only what fits; the app says
what precision a date field's text will be recorded with; and whatever is typed in full
is still checked by the app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from revkg import vocab

from .curate_fixtures import ESSAY, Curating, curating, project_with_essay


@pytest.fixture
def cur(tmp_path: Path) -> Curating:
    return curating(project_with_essay(tmp_path))


def _page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="curate-data">(.*?)</script>', html)
    assert found
    return json.loads(found.group(1))


def test_the_page_carries_each_predicates_ends_and_each_entitys_type(cur: Curating):
    html = cur.get(f"/essay/{ESSAY}").get_data(as_text=True)
    ends = _page_data(html)["properties"]
    assert set(ends) == {p.name for p in vocab.PROPERTIES}
    authored = vocab.PROPERTIES_BY_NAME["authored"]
    assert ends["authored"] == {
        "domain": list(authored.domain),
        "range": list(authored.range),
        "date": False,
    }
    dated = next(p for p in vocab.PROPERTIES if p.range == (vocab.DATE,))
    assert ends[dated.name]["range"] == [] and ends[dated.name]["date"] is True
    assert '<option value="vladimir-lenin" data-type="Person">' in html
    for picker in ("fact-subjects", "fact-objects", "correct-subjects", "correct-objects"):
        assert f'list="{picker}"' in html and f'<datalist id="{picker}">' in html


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("1921", {"precision": "year", "iso": "1921"}),
        (" 1921-03 ", {"precision": "month", "iso": "1921-03"}),
        ("1921-03-08", {"precision": "day", "iso": "1921-03-08"}),
        ("1920s", {"precision": "decade", "iso": "1920s"}),
        ("", {}),
    ],
)
def test_the_app_says_what_precision_a_date_gets(cur: Curating, typed: str, answer: dict):
    assert cur.get(f"/date?value={typed}").get_json() == answer


@pytest.mark.parametrize(
    ("typed", "said"),
    [("1921-13", "month 13 does not exist"), ("March 1921", "is not a date"), ("1921\x07", "")],
)
def test_a_wrong_date_is_named_beside_the_field(cur: Curating, typed: str, said: str):
    answer = cur.client.get("/date", query_string={"value": typed}, headers={"Host": "127.0.0.1"})
    assert answer.status_code == 200 and said in answer.get_json()["error"]


def test_the_date_preview_needs_the_token(cur: Curating):
    from werkzeug.test import Client

    assert Client(cur.app).get("/date?value=1921", headers={"Host": "127.0.0.1"}).status_code == 403


def test_a_name_typed_in_full_is_still_checked_against_the_predicate(cur: Curating):
    text = cur.app.workspace.snapshot().corpus[ESSAY].text
    quote = "founded by Vladimir Lenin and Alexander Bogdanov"
    start = text.index(quote)
    form = {"essay": ESSAY, "from": start, "to": start + len(quote), "selected": quote}
    form |= {"subject": "Bolsheviks", "predicate": "authored", "object": "Vladimir Lenin"}
    answer = cur.post("/fact", form)
    assert answer.status_code == 400 and "must be a" in answer.get_json()["error"]
