import pytest
from hypothesis import given
from hypothesis import strategies as st

from revkg.model import Date, slugify
from revkg.text import find_quote, normalize

ESSAY = "Lenin\u2019s \u201cState and\u00a0Revolution\u201d  was written in 1917."


def test_straight_quotes_find_curly_ones_and_offsets_point_into_the_original():
    span = find_quote(normalize(ESSAY), 'Lenin\'s "State and Revolution" was')
    assert span is not None
    start, end = span
    assert ESSAY[start:end] == "Lenin\u2019s \u201cState and\u00a0Revolution\u201d  was"


def test_a_quote_that_is_not_there_is_not_found():
    assert find_quote(normalize(ESSAY), "written in 1918") is None
    assert find_quote(normalize(ESSAY), "   ") is None


@given(st.text(alphabet="ab \u00a0\u2019'\n\u201c\"", min_size=1, max_size=40), st.data())
def test_any_substring_is_found_at_an_equivalent_span(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    span = find_quote(normalize(text), quote)
    if not quote.strip():
        assert span is None
        return
    assert span is not None
    start, end = span
    assert 0 <= start < end <= len(text)
    assert normalize(text[start:end]).text.strip() == normalize(quote).text.strip()


@pytest.mark.parametrize(
    ("raw", "iso", "precision"),
    [
        (1921, "1921", "year"),
        ("1918-07", "1918-07", "month"),
        ("1921-03-08", "1921-03-08", "day"),
        ("1920s", "1920s", "decade"),
    ],
)
def test_dates_keep_their_precision(raw, iso, precision):
    date = Date.parse(raw)
    assert (date.iso(), date.precision) == (iso, precision)


@pytest.mark.parametrize("raw", ["1921-13", "1921-02-30", "21", "March 1921", "1500", "1921-3"])
def test_impossible_or_malformed_dates_are_rejected_with_the_accepted_forms(raw):
    with pytest.raises(ValueError):
        Date.parse(raw)


def test_slugs_are_readable():
    assert slugify("Gavril Myasnikov") == "gavril-myasnikov"
    assert slugify("Workers\u2019 Opposition") == "workers-opposition"
