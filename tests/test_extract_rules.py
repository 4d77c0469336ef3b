"""The rule table: checked as it is loaded; each rule, alone, finds the fact of its one
example sentence; near misses find nothing."""

from __future__ import annotations

import re

import pytest

from revkg.errors import RuleTableError
from revkg.extract.pipeline import Extractor
from revkg.extract.rules import load_rules, rule_table

from .extract_fixtures import REGISTRY

#: rule name -> (sentence, subject id, predicate, object id or date value)
POSITIVE = {
    "work-by": ("He read Civil War in France by Marx.", "karl-marx", "civil-war-in-france"),
    "possessive-work-noun": (
        "Lenin's famous pamphlet State and Revolution was read.",
        "vladimir-lenin",
        "state-and-revolution",
    ),
    "possessive-work": (
        "We read Lenin’s State and Revolution.",
        "vladimir-lenin",
        "state-and-revolution",
    ),
    "wrote": ("Myasnikov wrote The Latest Deception.", "gavril-myasnikov", "the-latest-deception"),
    "in-own-work": (
        "Marx in his work The Civil War in France praised the Commune.",
        "karl-marx",
        "civil-war-in-france",
    ),
    "works-of": (
        "State and Revolution is one of the works of Lenin.",
        "vladimir-lenin",
        "state-and-revolution",
    ),
    "member-of": (
        "Myasnikov was a member of the Workers' Group.",
        "gavril-myasnikov",
        "workers-group",
    ),
    "joined": ("Myasnikov joined the Bolshevik Party in 1906.", "gavril-myasnikov", "bolsheviks"),
    "and-joined": (
        "Myasnikov was impressed by Siberia and the Workers' Opposition and joined the Bolsheviks.",
        "gavril-myasnikov",
        "bolsheviks",
    ),
    "included": (
        "The Left Communists included Bukharin and Dzerzhinsky.",
        "felix-dzerzhinsky",
        "left-communists",
    ),
    "member-named-with-party": (
        "The prominent Bolsheviks Bukharin and Dzerzhinsky disagreed.",
        "felix-dzerzhinsky",
        "bolsheviks",
    ),
    "faction-within": (
        "The Left Communists as a faction within the Bolsheviks grew.",
        "left-communists",
        "bolsheviks",
    ),
    "founded": ("Myasnikov founded the Workers Group.", "gavril-myasnikov", "workers-group"),
    "founder-of": (
        "Myasnikov, the founder of the Workers Group, wrote.",
        "gavril-myasnikov",
        "workers-group",
    ),
    "role-in": (
        "Myasnikov played an active role in the October Revolution.",
        "gavril-myasnikov",
        "october-revolution",
    ),
    "participant": (
        "Myasnikov participated in the October Revolution.",
        "gavril-myasnikov",
        "october-revolution",
    ),
    "born-in": ("Myasnikov was born in the Urals.", "gavril-myasnikov", "urals"),
    "born-date": ("Myasnikov was born in the Urals in 1889.", "gavril-myasnikov", "1889"),
    "lifespan-birth": ("Myasnikov (1889–1945) wrote.", "gavril-myasnikov", "1889"),
    "lifespan-death": ("Myasnikov (1889–1945) wrote.", "gavril-myasnikov", "1945"),
    "died-in": ("Trotsky died in France.", "leon-trotsky", "france"),
    "died-date": ("Trotsky died in 1940.", "leon-trotsky", "1940"),
    "disappeared-in": ("In 1946 Myasnikov disappeared.", "gavril-myasnikov", "1946"),
    "disappeared": ("Myasnikov suddenly disappeared in 1946.", "gavril-myasnikov", "1946"),
    "imprisoned-in": ("Myasnikov was imprisoned in Siberia.", "gavril-myasnikov", "siberia"),
    "imprisoned-object": (
        "The police imprisoned Myasnikov in Siberia.",
        "gavril-myasnikov",
        "siberia",
    ),
    "prison-in": ("Myasnikov spent years in prison in Siberia.", "gavril-myasnikov", "siberia"),
    "exiled-to": ("Trotsky was exiled to France.", "leon-trotsky", "france"),
    "exile-in": (
        "Myasnikov returned from exile in Siberia in 1917.",
        "gavril-myasnikov",
        "siberia",
    ),
    "sent-to": ("Myasnikov was sent to Armenia, then Persia.", "gavril-myasnikov", "persia"),
    "send-object": ("They decided to send Myasnikov to Germany.", "gavril-myasnikov", "germany"),
    "settled-in": ("Myasnikov settled in France.", "gavril-myasnikov", "france"),
    "worked-in": ("Myasnikov would work in factories in France.", "gavril-myasnikov", "france"),
    "expelled-from": (
        "Myasnikov was expelled from the Bolsheviks in 1922.",
        "gavril-myasnikov",
        "bolsheviks",
    ),
    "expel-object": (
        "Zinoviev expelled Myasnikov from the Bolshevik Party.",
        "gavril-myasnikov",
        "bolsheviks",
    ),
    "opposed": (
        "Bukharin opposed the Treaty of Brest-Litovsk.",
        "nikolai-bukharin",
        "treaty-of-brest-litovsk",
    ),
    "after-opposing": (
        "After opposing the Treaty of Brest-Litovsk, Myasnikov stayed.",
        "gavril-myasnikov",
        "treaty-of-brest-litovsk",
    ),
    "supported": ("Myasnikov stood by Lenin.", "gavril-myasnikov", "vladimir-lenin"),
    "supported-by": ("The Bolsheviks were backed by Trotsky.", "leon-trotsky", "bolsheviks"),
    "advocated": ("Myasnikov called for free speech.", "gavril-myasnikov", "freedom-of-speech"),
    "arguments-for": (
        "Lenin read Myasnikov's arguments for free speech.",
        "gavril-myasnikov",
        "freedom-of-speech",
    ),
    "criticized": ("Myasnikov criticized the Bolsheviks.", "gavril-myasnikov", "bolsheviks"),
    "criticized-views": (
        "Lenin critiqued Myasnikov's arguments.",
        "vladimir-lenin",
        "gavril-myasnikov",
    ),
    "criticized-by": (
        "The Left Communists were attacked by Lenin.",
        "vladimir-lenin",
        "left-communists",
    ),
    "critique-of": (
        "The Workers Group critique of the Bolsheviks spread.",
        "workers-group",
        "bolsheviks",
    ),
    "corresponded": ("Myasnikov corresponded with Trotsky.", "gavril-myasnikov", "leon-trotsky"),
    "letter-to": ("Myasnikov wrote a letter to Lenin.", "gavril-myasnikov", "vladimir-lenin"),
    "in-letter-to": (
        "So said Lenin in a 1921 letter to Myasnikov.",
        "vladimir-lenin",
        "gavril-myasnikov",
    ),
    "met": ("In France Myasnikov met Trotsky.", "gavril-myasnikov", "leon-trotsky"),
    "influenced": ("Bukharin convinced Lenin.", "nikolai-bukharin", "vladimir-lenin"),
    "executed": (
        "Myasnikov executed the Czar's younger brother the Grand Duke Michael.",
        "gavril-myasnikov",
        "grand-duke-michael",
    ),
    "executed-by": (
        "The Grand Duke Michael was executed by Myasnikov.",
        "gavril-myasnikov",
        "grand-duke-michael",
    ),
    "suppressed": (
        "Trotsky helped repress and purge the Workers Group.",
        "leon-trotsky",
        "workers-group",
    ),
    "led-suppression": (
        "Trotsky led the suppression of the Kronstadt rebellion.",
        "leon-trotsky",
        "kronstadt-rebellion",
    ),
    "possessive-suppression": (
        "Lenin's suppression of the Workers' Opposition followed.",
        "vladimir-lenin",
        "workers-opposition",
    ),
    "suppressed-by": (
        "The Kronstadt rebellion was crushed by Trotsky.",
        "leon-trotsky",
        "kronstadt-rebellion",
    ),
    "theory-of": (
        "Myasnikov developed a theory of state capitalism.",
        "gavril-myasnikov",
        "state-capitalism",
    ),
    "possessive-theory": (
        "Myasnikov's theory of state capitalism.",
        "gavril-myasnikov",
        "state-capitalism",
    ),
    "theory-expounded-by": (
        "The state-capitalism theories expounded by the likes of Myasnikov.",
        "gavril-myasnikov",
        "state-capitalism",
    ),
    "calling-it": (
        "Trotsky refused to agree, instead calling it a degenerated workers state.",
        "leon-trotsky",
        "degenerated-workers-state",
    ),
    "date-in-brackets": (
        "He cites The Latest Deception (1931) often.",
        "the-latest-deception",
        "1931",
    ),
    "happened-in": (
        "The Kronstadt rebellion broke out in March 1921.",
        "kronstadt-rebellion",
        "1921-03",
    ),
    "event-in-year": ("We recall the Kronstadt rebellion in 1921.", "kronstadt-rebellion", "1921"),
    "in-year-with": (
        "Was it in 1918 with the signing of the Treaty of Brest-Litovsk?",
        "treaty-of-brest-litovsk",
        "1918",
    ),
    "year-before": (
        "The 1917 October Revolution changed everything.",
        "october-revolution",
        "1917",
    ),
}

#: (sentence, subject, predicate, object) that no rule may find.
NEGATIVE = [
    ("Against the Bolsheviks, Bukharin argued.", "nikolai-bukharin", "memberOf", "bolsheviks"),
    ("Against the Bolsheviks Bukharin argued.", "nikolai-bukharin", "memberOf", "bolsheviks"),
    ("Unlike the Bolsheviks Marx never held power.", "karl-marx", "memberOf", "bolsheviks"),
    (
        "In a letter to the Workers' Group Lenin complained.",
        "vladimir-lenin",
        "memberOf",
        "workers-group",
    ),
    ("To the Left Communists Lenin replied.", "vladimir-lenin", "memberOf", "left-communists"),
    (
        "Bukharin wrote to the Bolsheviks and Dzerzhinsky.",
        "felix-dzerzhinsky",
        "memberOf",
        "bolsheviks",
    ),
    (
        "He refused to condemn the Kronstadt rebellion, said Myasnikov.",
        "gavril-myasnikov",
        "criticized",
        "kronstadt-rebellion",
    ),
    (
        "Myasnikov also refused to condemn the Kronstadt rebellion.",
        "gavril-myasnikov",
        "criticized",
        "kronstadt-rebellion",
    ),
    (
        "Lenin backs up this reading using the piece Civil War in France by Marx.",
        "vladimir-lenin",
        "authored",
        "civil-war-in-france",
    ),
    ("Myasnikov did not join the Bolsheviks.", "gavril-myasnikov", "memberOf", "bolsheviks"),
    (
        "Zinoviev threatened to expel Myasnikov from the Bolsheviks.",
        "gavril-myasnikov",
        "expelledFrom",
        "bolsheviks",
    ),
    ("Lenin was attacked by Trotsky.", "vladimir-lenin", "criticized", "leon-trotsky"),
    (
        "Myasnikov executed the Czar's younger brother the Grand Duke Michael.",
        "gavril-myasnikov",
        "executed",
        "nicholas-ii",
    ),
    (
        "Lenin's banning of the Workers' Opposition was a blow.",
        "vladimir-lenin",
        "authored",
        "workers-opposition",
    ),
    (
        "The outline is primarily an attack on the Bolsheviks by Marx.",
        "karl-marx",
        "criticized",
        "bolsheviks",
    ),
    ("Myasnikov was never sent to Germany.", "gavril-myasnikov", "sentTo", "germany"),
    # the party named just before a name by "the party", not by its own name
    (
        "Lenin criticized the Workers' Group. He wanted to reform the party Myasnikov said.",
        "gavril-myasnikov",
        "memberOf",
        "workers-group",
    ),
    ("Bukharin (born 1888–1938) wrote.", "nikolai-bukharin", "deathDate", "1888"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(REGISTRY)


def _facts(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    result = extractor.run_one("t", text)
    return {
        (str(c.subject.entity), c.predicate, str(c.object.entity or c.object.date))
        for c in result.candidates
    }


def test_every_rule_has_a_one_sentence_test() -> None:
    assert sorted(POSITIVE) == sorted(r.name for r in rule_table())


@pytest.mark.parametrize("rule", rule_table(), ids=lambda r: r.name)
def test_rule_finds_its_fact_alone(extractor: Extractor, rule: object) -> None:
    sentence, subject, obj = POSITIVE[rule.name]  # type: ignore[attr-defined]
    alone = extractor.with_rules((rule,))  # type: ignore[arg-type]
    assert (subject, rule.predicate, obj) in _facts(alone, sentence)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("sentence", "subject", "predicate", "obj"), NEGATIVE)
def test_near_misses_find_nothing(
    extractor: Extractor, sentence: str, subject: str, predicate: str, obj: str
) -> None:
    assert (subject, predicate, obj) not in _facts(extractor, sentence)


def test_joined_carries_its_year_as_start(extractor: Extractor) -> None:
    result = extractor.run_one("t", "Myasnikov joined the Bolshevik Party in 1906.")
    (cand,) = [c for c in result.candidates if c.predicate == "memberOf"]
    assert [(k, v.iso()) for k, v in cand.qualifiers] == [("start", "1906")]


def test_pronoun_resolves_to_the_sentence_topic(extractor: Extractor) -> None:
    text = "Myasnikov was born in the Urals. He later settled in France."
    facts = _facts(extractor, text)
    assert ("gavril-myasnikov", "settledIn", "france") in facts


def test_the_party_resolves_to_the_last_party_named(extractor: Extractor) -> None:
    text = "Myasnikov admired the Bolshevik Party. He was expelled from the party in 1922."
    assert ("gavril-myasnikov", "expelledFrom", "bolsheviks") in _facts(extractor, text)


def _table(**fields: str) -> str:
    rule = {
        "name": "x",
        "predicate": "memberOf",
        "subject": "[Person]",
        "object": "[Organization]",
        "pattern": "'{S} joined {O}'",
        "confidence": "0.8",
    } | fields
    return "rules:\n  - {" + ", ".join(f"{k}: {v}" for k, v in rule.items()) + "}\n"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("rules: [", "not valid YAML"),
        ("groups: {}", "needs a `rules:` list"),
        ("rules:\n  - name: x\n    predicate: met\n", "missing fields"),
        (_table(subject="people"), "'people' is not a group"),
        (_table(pattern="'{S} joined ({O}'"), "`pattern` is not a valid expression"),
        (_table(pattern="'{S} joined'"), "`pattern` needs both {S} and {O}"),
        (_table(pattern="'{S} {verb} {O}'"), "`verbs`"),
        (_table(confidence="2"), "confidence"),
        (_table(predicate="memberof"), "rule 1 (x): `predicate` 'memberof' is not a property"),
        (_table(subject="[Work]"), "rule 1 (x): `subject` types ['Work'] are outside the domain"),
        (_table(object="[Date]"), "rule 1 (x): `object` types ['Date'] are outside the range"),
    ],
)
def test_malformed_rule_tables_say_which_rule_and_field_to_fix(table: str, message: str) -> None:
    with pytest.raises(RuleTableError, match=re.escape(message)):
        load_rules(table, source="test.yaml")


def test_a_misspelt_predicate_is_named_with_the_property_meant() -> None:
    with pytest.raises(RuleTableError, match="did you mean 'memberOf'"):
        load_rules(_table(predicate="memberof"))


def test_a_rule_written_over_several_lines_is_joined() -> None:
    (rule,) = load_rules(
        "rules:\n  - name: x\n    predicate: met\n    subject: [Person]\n    object: [Person]\n"
        "    pattern: |-\n      {S} (?:met|\n      befriended) {O}\n    confidence: 0.8\n"
    )
    assert rule.pattern == "{S} (?:met|befriended) {O}"


def test_the_table_is_read_on_first_use_not_on_import() -> None:
    import subprocess
    import sys

    code = (
        "import revkg.extract.pipeline, revkg.extract.rules as r; "
        "print(r.rule_table.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
