"""The fast paths of extraction agree with the plain definitions they replace.

Sentence splitting and registry-name matching are compared with spaCy's own
sentencizer and entity ruler; the rewritten expressions and the date finder with
their plain forms; rule triggers with the rules' expressions, and those expressions
with their forms without look-aheads. The rule table's loader is checked for clear
errors.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from revkg.extract import dates, rules
from revkg.extract import mentions as names
from revkg.extract import pipeline as extract
from revkg.extract.pipeline import Extractor, mask, sentence_bounds
from revkg.extract.rules import RULES, RuleIndex, RuleTableError, compile_rules, fold, load_rules
from revkg.sources.seeds import load_corpus

from .extract_fixtures import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
PIECES = st.lists(
    st.one_of(
        st.text(alphabet=" .!?;:'\"’”“‘()-#_\n\tAaHhSsTtEeIiMmPpRrYy1\u00a0", max_size=12),
        st.sampled_from(
            ["Lenin", "Workers' Group", "Workers’ Opposition", "the party", "He", "him", "..."]
        ),
        st.sampled_from(["she", "She", "The treaty", "the party's", "Him", "_he", "éhe", "sh"]),
        st.sampled_from(["Myasnikov", "Gavril Myasnikov", "V.I. Lenin", "Civil War in France"]),
    ),
    max_size=20,
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(REGISTRY)


@pytest.fixture(scope="module")
def spacy_pipeline(extractor: Extractor) -> object:
    """The pipeline extraction used to run: sentencizer plus entity ruler."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
    patterns = []
    seen: set[str] = set()
    for entity in sorted(REGISTRY, key=lambda e: e.id):
        for name in entity.names():
            for variant in names.name_variants(name, lower=entity.type == "Concept"):
                if variant not in seen:
                    seen.add(variant)
                    patterns.append({"label": entity.type, "pattern": variant, "id": entity.id})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def _compare(extractor: Extractor, nlp: object, text: str) -> None:
    from spacy.attrs import ORTH

    doc = nlp(text)  # type: ignore[operator]
    ours = extractor.tokenizer(text)
    orth = [int(o) for o in ours.to_array(ORTH)] if len(ours) else []
    assert all(bool(t.is_punct) == extractor._is_punct(t.orth) for t in ours)
    assert sentence_bounds(orth, extractor._is_punct, extractor.punct) == [
        (s.start, s.end - 1) for s in doc.sents
    ]
    assert extractor.matcher(ours) == [(e.start, e.end, e.ent_id_) for e in doc.ents]


def test_seed_paragraphs_split_and_match_as_spacy_does(
    extractor: Extractor, spacy_pipeline: object
) -> None:
    for doc in load_corpus(ROOT / "seeds").values():
        for paragraph in doc.text.splitlines():
            if paragraph.strip():
                _compare(extractor, spacy_pipeline, paragraph)


@settings(max_examples=200, deadline=None)
@given(PIECES)
def test_random_text_splits_and_matches_as_spacy_does(
    extractor: Extractor, spacy_pipeline: object, parts: list[str]
) -> None:
    text = " ".join(parts).replace("\n", " ")
    if text.strip():
        _compare(extractor, spacy_pipeline, text)


_WORD = r"(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)"
PLAIN = {
    "name": re.compile(rf"(?<![\w'’#-]){_WORD}(?:{names._LINK}{_WORD})*(?![\w#])"),
    "pronoun": re.compile(r"\b(?:[Hh]e|[Hh]im|[Ss]he)\b|\b[Tt]he (party|treaty)\b"),
}
SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)]*\s+|[\"“‘(]\s*)$")


@settings(max_examples=300, deadline=None)
@given(PIECES)
@example(["Ashe", "xthe party", "éshe", "_He", "tHe", "3him", "Hhe", "sthe treaty"])
def test_rewritten_expressions_find_what_the_plain_ones_find(parts: list[str]) -> None:
    text = " ".join(parts)
    assert [(m.span(), m.groups()) for m in names._NAME.finditer(text)] == [
        (m.span(), m.groups()) for m in PLAIN["name"].finditer(text)
    ]
    assert [(m.start, m.end, m.label) for m in names.pronoun_mentions(text, 0, text)] == [
        (m.start(), m.end(), (m.group(1) or "").lower()) for m in PLAIN["pronoun"].finditer(text)
    ]
    for end in range(len(text) + 1):
        prefix = text[:end]
        assert names._sentence_starts_after(prefix) == bool(SENTENCE_START.search(prefix))


DATE_TEXT = st.lists(
    st.sampled_from(
        [
            *("1917", "1920s", "2001", "17", "20", "19", "1", "the", "mid", "late", "March"),
            *(" ", "  ", "-", ".", ",", "'s", "x", "\u00a0", "\u2028", "1848-49", "1917.5"),
        ]
    ),
    max_size=14,
)


@settings(max_examples=500, deadline=None)
@given(DATE_TEXT)
@example(["171819", " ", "2001"])
def test_dates_are_what_the_plain_expression_finds(parts: list[str]) -> None:
    text = "".join(parts)
    plain = [(m.start(), m.end(), dates._date(m)) for m in dates._DATE.finditer(text)]
    assert [(d.start, d.end, d.date) for d in dates.find_dates(text)] == [
        found for found in plain if found[2] is not None
    ]


COMPILED = compile_rules(RULES)
#: The words of the rule table (whole verbs and the words of the patterns), so that random
#: masked sentences come near what the rules look for.
RULE_WORDS = sorted(
    {v for r in RULES for v in r.verbs if re.fullmatch(r"[a-z ]+", v)}
    | {w for r in RULES for w in re.findall(r"[a-z]+", re.sub(r"\{\w*\}|\\\w", " ", r.pattern))}
)
SLOTS = ["«P0»", "«O1»", "«W2»", "«D3»", "«L4»", "«E5»", "«C6»", "«P7»", "«O8»"]
MASKED = st.lists(
    st.one_of(
        st.sampled_from(SLOTS),
        st.sampled_from([*RULE_WORDS, "İts", "ſet", ",", "'s", "Criticized"]),
        st.text(alphabet=" ,.'’ahistAHIST", max_size=4),
    ),
    max_size=16,
)
#: The look-aheads compile_rule adds before verbs and slots, which only make failing faster
#: (the rule table itself writes none).
_LOOK_AHEAD = re.compile(r"\(\?=\[[^\]]*\]\)")
PLAIN_RULES = {
    c.rule.name: re.compile(_LOOK_AHEAD.sub("", c.regex.pattern), c.regex.flags) for c in COMPILED
}


def _check_rules_on(text: str) -> None:
    """The look-aheads change no match, and the rule index offers every rule that matches."""
    letters = frozenset(re.findall(r"«([A-Z])\d+»", text))
    offered = {r.rule.name for r in RuleIndex(COMPILED).candidates(text, letters)}
    for compiled in COMPILED:
        found = [(m.span(), m.groupdict()) for m in compiled.regex.finditer(text)]
        plain = PLAIN_RULES[compiled.rule.name]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)], compiled
        assert not found or compiled.rule.name in offered, (text, compiled.triggers)


@settings(max_examples=300, deadline=None)
@given(MASKED)
@example(["its", "«W2»", "was", "works", "of", "«P0»"])
@example(["«O1»", "being", "founded", "by", "«P0»", "set up", "the", "«O1»"])
@example(["«P0»", "joined", "his", "«O1»", "in", "«D2»"])
@example(["«O1»", "«P0»", "and", "«P7»"])
@example(["«P0»", "was", "executed", "by", "«O1»"])
def test_rules_on_random_masked_sentences(parts: list[str]) -> None:
    _check_rules_on(" ".join(parts))


def _masked_examples() -> dict[str, list[str]]:
    """The masked sentences of each rule's example sentence, by rule name."""
    from .test_extract_rules import POSITIVE

    masked: list[str] = []

    class Recording(Extractor):
        def _candidates(self, sentence):  # type: ignore[no-untyped-def]
            masked.append(mask(sentence)[0])
            return super()._candidates(sentence)

    recorder, found = Recording(REGISTRY), {}
    for name, (sentence, *_) in POSITIVE.items():
        masked.clear()
        recorder.run_one("t", sentence)
        found[name] = list(masked)
    return found


def _sample(items: object, rng: random.Random) -> str:
    """A string an expression's parse tree may match (look-arounds left out)."""
    out = []
    for op, av in items:  # type: ignore[attr-defined]
        if op is rules._c.LITERAL:
            out.append(chr(av))
        elif op is rules._c.IN:
            chars = [chr(a) for o, a in av if o is rules._c.LITERAL]
            out.append(rng.choice(chars) if chars else "a")
        elif op is rules._c.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
        elif op is rules._c.SUBPATTERN:
            out.append(_sample(av[-1], rng))
        elif op in (rules._c.MAX_REPEAT, rules._c.MIN_REPEAT):
            low, high = av[0], min(av[1], av[0] + 2)
            out += [_sample(av[2], rng) for _ in range(rng.randint(low, high))]
        elif op is rules._c.ANY:
            out.append("a")
    return "".join(out)


@pytest.mark.slow
def test_rules_on_edited_examples() -> None:
    """Each rule's example sentence, masked: with each of the rule's verbs in place of the
    one it uses, with a word put in at each place, and with random edits."""
    rng, vocabulary = random.Random(7), [*RULE_WORDS, *SLOTS]
    examples = _masked_examples()
    for compiled in COMPILED:
        for base in examples[compiled.rule.name]:
            match = compiled.regex.search(base)
            if match is None or "verb" not in match.re.groupindex:
                continue
            for verb in compiled.rule.verbs:
                for _ in range(3):
                    form = _sample(rules._parser.parse(verb), rng)
                    _check_rules_on(base[: match.start("verb")] + form + base[match.end("verb") :])
    for base in (b for found in examples.values() for b in found):
        words = base.split()
        for i in range(len(words) + 1):
            for word in rng.sample(vocabulary, 2):
                _check_rules_on(" ".join([*words[:i], word, *words[i:]]))
        for _ in range(10):
            edited = list(words)
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(edited))
                choice = rng.random()
                if choice < 0.5:
                    edited.insert(i, rng.choice(vocabulary))
                elif choice < 0.8:
                    edited[i] = rng.choice(vocabulary)
                elif len(edited) > 2:
                    del edited[i]
            _check_rules_on(" ".join(edited))


@pytest.mark.parametrize(
    "verbs",
    [("s?he",), ("(?:re)?joined",), ("a|b",), ("[ab]c",), ("(?P=S)",), ("joined", "s?he"), ()],
)
def test_no_verb_look_ahead_unless_every_verb_starts_with_a_letter(verbs: tuple[str, ...]) -> None:
    assert rules._first_letters(verbs) == ""
    assert rules._first_letters(("founded", "Set up")) == "(?=[Sf])"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\r\t\u00a0\x0b\x85\u2028", max_size=30))
@example("Gavril\rMyasnikov\r\njoined")
def test_paragraphs_are_the_lines_between_line_breaks(text: str) -> None:
    plain = [
        (m.start(), names.plain_spaces(m.group()))
        for m in re.finditer(r"[^\n\r]+", text)
        if m.group().strip()
    ]
    assert extract._paragraphs(text) == plain


def test_every_positive_example_passes_its_rule_triggers() -> None:
    from .test_extract_rules import POSITIVE

    small = Extractor(REGISTRY)
    for compiled in compile_rules(RULES):
        sentence = POSITIVE[compiled.rule.name][0]
        result = small.with_rules((compiled.rule,)).run_one("t", sentence)
        assert result.candidates, compiled.rule.name
    assert sum(bool(c.triggers) for c in compile_rules(RULES)) >= len(RULES) - 3


def test_fold_covers_every_character_ignorecase_matches() -> None:
    chars = sorted({c for rule in compile_rules(RULES) for t in rule.triggers for c in t})
    any_trigger_char = re.compile("[" + re.escape("".join(chars)) + "]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        c = chr(code)
        if any_trigger_char.fullmatch(c):
            matched = [t for t in chars if re.fullmatch(re.escape(t), c, re.IGNORECASE)]
            assert all(t in fold(c) for t in matched), (hex(code), matched)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("rules: [", "not valid YAML"),
        ("groups: {}", "needs a `rules:` list"),
        ("rules:\n  - name: x\n    predicate: met\n", "missing fields"),
        (
            "rules:\n  - {name: x, predicate: met, subject: people, object: [Person],"
            " pattern: '{S} met {O}', confidence: 0.8}",
            "'people' is not a group",
        ),
        (
            "rules:\n  - {name: x, predicate: met, subject: [Person], object: [Person],"
            " pattern: '{S} met ({O}', confidence: 0.8}",
            "not a valid expression",
        ),
        (
            "rules:\n  - {name: x, predicate: met, subject: [Person], object: [Person],"
            " pattern: '{S} {verb} {O}', confidence: 0.8}",
            "`verbs`",
        ),
        (
            "rules:\n  - {name: x, predicate: met, subject: [Person], object: [Person],"
            " pattern: '{S} met {O}', confidence: 2}",
            "confidence",
        ),
    ],
)
def test_malformed_rule_tables_say_what_to_fix(table: str, message: str) -> None:
    with pytest.raises(RuleTableError, match=re.escape(message)):
        load_rules(table, source="test.yaml")


def test_a_rule_written_over_several_lines_is_joined() -> None:
    (rule,) = load_rules(
        "rules:\n  - name: x\n    predicate: met\n    subject: [Person]\n    object: [Person]\n"
        "    pattern: |-\n      {S} (?:met|\n      befriended) {O}\n    confidence: 0.8\n"
    )
    assert rule.pattern == "{S} (?:met|befriended) {O}"
