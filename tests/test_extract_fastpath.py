"""The fast path of extraction (revkg.extract.fastpath) gives what the plain definitions give.

Plainly, every rule whose slot types fit a sentence is tried on it, overlapping registry
names are resolved by spaCy's filter_spans and sentences split by its sentencizer; the
rule index must find exactly the same matches, and names and sentence bounds must be
spaCy's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from revkg.extract.fastpath import (
    RuleIndex,
    _first_letters,
    fold,
    registry_names,
    sentence_bounds,
    triggers,
)
from revkg.extract.masking import mask
from revkg.extract.patterns import AllRules
from revkg.extract.pipeline import Extractor
from revkg.extract.rules import compiled_rules, rule_table
from revkg.sources.curated import load_curated
from revkg.sources.seeds import load_corpus

from .extract_fixtures import REGISTRY

pytestmark = pytest.mark.slow  # writes pages / property runs over the rules

ROOT = Path(__file__).resolve().parents[1]
PLAIN, FAST = AllRules(compiled_rules()), RuleIndex(compiled_rules())

#: The words of the rule table, so that random masked sentences come near what rules need.
RULE_WORDS = sorted(
    {v for r in rule_table() for v in r.verbs if re.fullmatch(r"[a-z ]+", v)}
    | {
        w
        for r in rule_table()
        for w in re.findall(r"[a-z]+", re.sub(r"\{\w*\}|\\\w", " ", r.pattern))
    }
)
SLOTS = ["«P0»", "«O1»", "«W2»", "«D3»", "«L4»", "«E5»", "«C6»", "«P7»", "«O8»"]
VERBS = st.sampled_from([v for r in rule_table() for v in r.verbs]).flatmap(
    lambda verb: st.from_regex(re.compile(verb, re.IGNORECASE), fullmatch=True)
)
MASKED = st.lists(
    st.one_of(
        st.sampled_from(SLOTS),
        st.sampled_from([*RULE_WORDS, "İts", "ſet", ",", "'s", "Criticized", "(", "»'"]),
        VERBS,
        st.text(alphabet=" ,.'’ahistAHIST", max_size=4),
    ),
    max_size=16,
)


def _matches(rules: AllRules, text: str) -> dict[str, list[object]]:
    """Rule name -> its matches in ``text``, for the rules ``rules`` tries there."""
    letters = frozenset(re.findall(r"«([A-Z])\d+»", text))
    found = {
        r.rule.name: [(m.span(), m.groupdict()) for m in r.regex.finditer(text)]
        for r in rules.candidates(text, letters)
    }
    return {name: matches for name, matches in found.items() if matches}


def _check(text: str) -> None:
    letters = frozenset(re.findall(r"«([A-Z])\d+»", text))
    assert PLAIN.allows(letters) == FAST.allows(letters)
    assert _matches(FAST, text) == _matches(PLAIN, text), text


@settings(max_examples=400, deadline=None)
@given(MASKED)
@example(["its", "«W2»", "was", "works", "of", "«P0»"])
@example(["«O1»", "being", "founded", "by", "«P0»", "set up", "the", "«O1»"])
@example(["«P0»", "joined", "his", "«O1»", "in", "«D2»"])
@example(["«O1»", "«P0»", "and", "«P7»"])
@example(["«P0»", "was", "executed", "by", "«O1»"])
@example(["«P0»", "ſet up", "«O1»"])
def test_the_rule_index_finds_every_match_on_random_masked_sentences(parts: list[str]) -> None:
    _check(" ".join(parts))


def _masked_examples() -> list[str]:
    """The masked sentences of every rule's example sentence."""
    from .test_extract_rules import POSITIVE

    masked: list[str] = []

    class Recording(Extractor):
        def _candidates(self, sentence):  # type: ignore[no-untyped-def]
            masked.append(mask(sentence)[0])
            return super()._candidates(sentence)

    recorder = Recording(REGISTRY)
    for sentence, *_ in POSITIVE.values():
        recorder.run_one("t", sentence)
    return masked


EXAMPLES = _masked_examples()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(EXAMPLES), st.data())
def test_the_rule_index_finds_every_match_on_edited_rule_examples(
    base: str, data: st.DataObject
) -> None:
    words = base.split()
    vocabulary = st.one_of(st.sampled_from([*RULE_WORDS, *SLOTS]), VERBS)
    for _ in range(data.draw(st.integers(0, 3))):
        i = data.draw(st.integers(0, len(words)))
        edit = data.draw(st.sampled_from(["insert", "replace", "delete"]))
        if edit == "insert" or i == len(words):
            words.insert(i, data.draw(vocabulary))
        elif edit == "replace":
            words[i] = data.draw(vocabulary)
        else:
            del words[i]
    _check(" ".join(words))


def test_the_fast_expressions_are_the_plain_ones_with_look_aheads() -> None:
    look_ahead = re.compile(r"\(\?=\[[^\]]*\]\)")
    for plain, fast in zip(PLAIN.rules, FAST.rules, strict=True):
        assert look_ahead.sub("", fast.regex.pattern) == plain.regex.pattern
    member = next(r for r in FAST.rules if r.rule.name == "member-named-with-party")
    assert member.regex.pattern.startswith("(?=[«ahit])(?<!")


def test_nearly_every_rule_has_triggers() -> None:
    assert sum(bool(triggers(r)) for r in rule_table()) >= len(rule_table()) - 3
    named = {r.name: triggers(r) for r in rule_table()}
    assert named["joined"] == ("join",)
    assert named["member-named-with-party"] == ("» «",)


@pytest.mark.parametrize(
    "verbs",
    [("s?he",), ("(?:re)?joined",), ("a|b",), ("[ab]c",), ("(?P=S)",), ("joined", "s?he"), ()],
)
def test_no_verb_look_ahead_unless_every_verb_starts_with_a_letter(verbs: tuple[str, ...]) -> None:
    assert _first_letters(verbs) == ""
    assert _first_letters(("founded", "Set up")) == "(?=[Sf])"


def test_fold_covers_every_character_ignorecase_matches() -> None:
    chars = sorted({c for r in rule_table() for t in triggers(r) for c in t})
    any_trigger_char = re.compile("[" + re.escape("".join(chars)) + "]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        c = chr(code)
        if any_trigger_char.fullmatch(c):
            matched = [t for t in chars if re.fullmatch(re.escape(t), c, re.IGNORECASE)]
            assert all(t in fold(c) for t in matched), (hex(code), matched)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(REGISTRY)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=" .!?;:'\"’”“‘()-#_\n\tAaHhSsTtEeIiMmPpRrYy1\u00a0", max_size=12),
            st.sampled_from(["Lenin", "Workers' Group", "the party", "He", "...", "?!", "»."]),
        ),
        max_size=20,
    )
)
def test_names_and_sentences_are_found_as_spacy_finds_them(
    extractor: Extractor, parts: list[str]
) -> None:
    doc = extractor.tokenizer(" ".join(parts))
    assert registry_names(extractor.matcher, doc) == extractor.matcher(doc)
    expected = [(s.start, s.end - 1) for s in extractor.sentencizer(doc).sents]
    assert sentence_bounds(doc, extractor.sentence_ends) == expected


def test_the_seeds_give_the_same_results_both_ways() -> None:
    entities = load_curated(ROOT / "graph" / "curated").entities
    fast, plain = Extractor(entities), Extractor(entities, fast=False)
    for doc in load_corpus(ROOT / "seeds").values():
        assert fast.run_one(doc.id, doc.text) == plain.run_one(doc.id, doc.text)
