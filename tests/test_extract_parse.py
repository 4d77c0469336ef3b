"""The statistical pipeline: the checked model, the parse cache, dependency patterns,
new names from NER, calibration and provisional entities."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from revkg.errors import CuratedFileError, ModelError, RuleTableError
from revkg.extract import parse
from revkg.extract.calibration import Calibration, choose_threshold, load_calibration
from revkg.extract.newnames import plausible_name
from revkg.extract.pipeline import Extractor
from revkg.extract.provisional import provisional_entities
from revkg.extract.relations import load_relations, relation_table
from revkg.extract.review import select
from revkg.model import Entity
from revkg.project import Project
from revkg.sources import edit
from revkg.sources.curated import load_curated

from .extract_fixtures import REGISTRY


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> parse.Parser:
    return parse.Parser(tmp_path_factory.mktemp("parses"))


@pytest.fixture(scope="module")
def extractor(parser: parse.Parser) -> Extractor:
    return Extractor(REGISTRY, parser=parser, calibrated=False, rules=())  # the patterns alone


def facts(extractor: Extractor, text: str, rule_prefix: str = "dep:") -> set[tuple[str, str, str]]:
    found = extractor.run_one("t", text).candidates
    return {
        (
            c.subject.entity or c.subject.label,
            c.predicate,
            c.object.entity or c.object.label or str(c.object.date),
        )
        for c in found
        if c.rule.startswith(rule_prefix)
    }


def test_the_installed_model_matches_its_recorded_hashes() -> None:
    parse.check_model(parse.model_dir())


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(parse.model_dir(), copy)
    config = next(copy.rglob("config.cfg"))
    config.write_text(config.read_text() + "\n# changed\n")
    with pytest.raises(ModelError, match=r"config\.cfg: this model file is changed"):
        parse.check_model(copy)
    config.unlink()
    with pytest.raises(ModelError, match="is missing"):
        parse.check_model(copy)


def test_a_parse_is_read_back_from_the_cache_without_the_model(tmp_path: Path) -> None:
    paragraphs = ["Felix Dzerzhinsky led the Cheka.", "Lenin wrote State and Revolution."]
    first = parse.Parser(tmp_path)
    docs = first.parse(paragraphs)
    assert first.parsed == 2
    again = parse.Parser(tmp_path)
    cached = again.parse(paragraphs)
    assert again.parsed == 0 and again._nlp is None  # the model was never loaded
    assert [[(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for d in cached] == [
        [(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for d in docs
    ]
    changed = parse.Parser(tmp_path)
    changed.parse(["Felix Dzerzhinsky led the Cheka!", paragraphs[1]])
    assert changed.parsed == 2  # another text is another key


def test_a_damaged_cache_file_is_parsed_again(tmp_path: Path) -> None:
    p = parse.Parser(tmp_path)
    p.parse(["Lenin met Trotsky."])
    for f in tmp_path.rglob("*.spacy"):
        f.write_bytes(b"not a docbin")
    again = parse.Parser(tmp_path)
    assert [t.text for t in again.parse(["Lenin met Trotsky."])[0]] == [
        "Lenin",
        "met",
        "Trotsky",
        ".",
    ]
    assert again.parsed == 1


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Felix Dzerzhinsky led the Workers' Group.",
            ("felix-dzerzhinsky", "led", "workers-group"),
        ),
        (
            "The Workers' Group was led by Felix Dzerzhinsky.",
            ("felix-dzerzhinsky", "led", "workers-group"),
        ),
        (
            "The Workers' Group, led by Felix Dzerzhinsky, grew.",
            ("felix-dzerzhinsky", "led", "workers-group"),
        ),
        (
            "Bukharin emerged as the leader of the Left Communists.",
            ("nikolai-bukharin", "led", "left-communists"),
        ),
        (
            "The Workers' Group came under the leadership of Felix Dzerzhinsky.",
            ("felix-dzerzhinsky", "led", "workers-group"),
        ),
        (
            "Myasnikov was in bitter opposition to Zinoviev.",
            ("gavril-myasnikov", "opposed", "grigory-zinoviev"),
        ),
        (
            "Myasnikov was a member of the Workers' Group.",
            ("gavril-myasnikov", "memberOf", "workers-group"),
        ),
        (
            "Myasnikov joined the Bolsheviks in 1906.",
            ("gavril-myasnikov", "memberOf", "bolsheviks"),
        ),
        (
            "State and Revolution was written by Lenin.",
            ("vladimir-lenin", "authored", "state-and-revolution"),
        ),
    ],
)
def test_patterns_read_the_parse(extractor: Extractor, text: str, fact: tuple) -> None:
    assert fact in facts(extractor, text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a common noun stands for the name it is said of
        (
            "The Left Communists were a faction founded by Nikolai Bukharin.",
            ("nikolai-bukharin", "founded", "left-communists"),
        ),
        (
            "He praised the Left Communists, a faction founded by Nikolai Bukharin.",
            ("nikolai-bukharin", "founded", "left-communists"),
        ),
        (
            "Trotsky opposed the Workers' Group leadership.",
            ("leon-trotsky", "opposed", "workers-group"),
        ),
        (
            "Myasnikov was born in the province of Armenia.",
            ("gavril-myasnikov", "bornIn", "armenia"),
        ),
        # "X-led", "X's party", a member named with the party, the clause's subject
        (
            "The rising was crushed by the Lenin-led Bolsheviks.",
            ("vladimir-lenin", "led", "bolsheviks"),
        ),
        (
            "The split left Lenin's Bolsheviks and Zinoviev's Left Communists apart.",
            ("grigory-zinoviev", "led", "left-communists"),
        ),
        (
            "Gavril Myasnikov (a prominent Bolshevik) spoke first.",
            ("gavril-myasnikov", "memberOf", "Bolshevik"),  # a new name to this registry
        ),
        (
            "Bukharin was sentenced to exile in Siberia.",
            ("nikolai-bukharin", "exiledTo", "siberia"),
        ),
        # what happens during or in an event is taking part in it
        (
            "During the October Revolution, Myasnikov led a detachment.",
            ("gavril-myasnikov", "participatedIn", "october-revolution"),
        ),
        (
            "Trotsky fought in the October Revolution.",
            ("leon-trotsky", "participatedIn", "october-revolution"),
        ),
        (
            "Trotsky offered his support to Gavril Myasnikov.",
            ("leon-trotsky", "supported", "gavril-myasnikov"),
        ),
        (
            "Trotsky travelled to Germany to meet with Myasnikov.",
            ("leon-trotsky", "met", "gavril-myasnikov"),
        ),
        # a reason clause states its fact whatever its main clause denies
        (
            "Trotsky did not support the Left Communists, as he opposed the Workers' Group.",
            ("leon-trotsky", "opposed", "workers-group"),
        ),
        # "his" is the person the sentence is about
        (
            "In Finland, Lenin worked on his book State and Revolution.",
            ("vladimir-lenin", "authored", "state-and-revolution"),
        ),
        (
            "Trotsky, who had been living in exile in Siberia, wrote.",
            ("leon-trotsky", "exiledTo", "siberia"),
        ),
        (
            "It was a revolution led by the Workers' Group of Gavril Myasnikov.",
            ("gavril-myasnikov", "led", "workers-group"),
        ),
    ],
)
def test_patterns_reach_the_name_a_phrase_stands_for(
    extractor: Extractor, text: str, fact: tuple
) -> None:
    assert fact in facts(extractor, text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a name said of some of its members is not the whole
        (
            "Many Bolsheviks supported Trotsky.",
            ("bolsheviks", "supported", "leon-trotsky"),
        ),
        # a body of its own is not the body named in it
        (
            "The Left Communists formed their own Workers' Group faction.",
            ("left-communists", "founded", "workers-group"),
        ),
        # "X's party" is not every party listed after it
        (
            "The split left Lenin's Bolsheviks and the Left Communists apart.",
            ("vladimir-lenin", "led", "left-communists"),
        ),
    ],
)
def test_phrases_that_stand_for_less_give_nothing(
    extractor: Extractor, text: str, fact: tuple
) -> None:
    assert fact not in facts(extractor, text)


def test_a_new_person_named_again_by_surname_is_the_same_person(extractor: Extractor) -> None:
    text = (
        "Alexander Kerensky was born in 1881. His father Fyodor Kerensky taught Latin. "
        "Kerensky joined the Bolsheviks. Kerensky's speech was long."
    )
    result = extractor.run_one("t", text)
    named = [(m.text, m.label, m.type) for m in result.new_mentions]
    assert ("Kerensky", "Alexander Kerensky", "Person") in named  # the first one seen wins
    assert ("Kerensky", "Fyodor Kerensky", "Person") not in named
    assert ("Alexander Kerensky", "memberOf", "bolsheviks") in facts(extractor, text)
    early = extractor.run_one("t", "Kamenev joined the Bolsheviks. Lev Kamenev was in Moscow.")
    assert ("Kamenev", "Lev Kamenev", "Person") in [
        (m.text, m.label, m.type) for m in early.new_mentions
    ]  # the model names him in full later in the text


def test_a_registry_person_named_again_by_surname_links_to_the_registry(
    parser: parse.Parser,
) -> None:
    martov = Entity("julius-martov", "Person", "Julius Martov")  # no alias "Martov"
    extractor = Extractor([*REGISTRY, martov], parser=parser, calibrated=False, rules=())
    text = "Julius Martov wrote for Iskra. In 1917, Martov joined the Bolsheviks."
    result = extractor.run_one("t", text)
    assert ("julius-martov", "memberOf", "bolsheviks") in facts(extractor, text)
    assert "Martov" not in {m.text for m in result.new_mentions}  # not a new name


def test_both_names_of_a_coordination_are_subjects(extractor: Extractor) -> None:
    found = facts(extractor, "Bukharin and Dzerzhinsky joined the Left Communists.")
    assert ("nikolai-bukharin", "memberOf", "left-communists") in found
    assert ("felix-dzerzhinsky", "memberOf", "left-communists") in found


@pytest.mark.parametrize(
    "text",
    [
        "Lenin asked Trotsky to denounce Zinoviev.",
        "Trotsky did not denounce Zinoviev.",
        "Trotsky might have denounced Zinoviev.",
        "Lenin argued that Trotsky denounced Zinoviev.",
    ],
)
def test_what_is_not_asserted_gives_nothing(extractor: Extractor, text: str) -> None:
    found = facts(extractor, text)
    assert ("leon-trotsky", "criticized", "grigory-zinoviev") not in found


def test_a_joining_date_is_its_start(extractor: Extractor) -> None:
    found = extractor.run_one("t", "Myasnikov joined the Bolsheviks in 1906.").candidates
    joined = [c for c in found if c.rule == "dep:joined"]
    assert [(k, d.iso()) for k, d in joined[0].qualifiers] == [("start", "1906")]


def test_new_names_come_from_ner_with_types(extractor: Extractor) -> None:
    result = extractor.run_one("t", "Lev Kamenev and Grigory Sokolnikov met in Petrograd in 1917.")
    kinds = {m.label: m.type for m in result.new_mentions}
    assert kinds.get("Lev Kamenev") == "Person"
    assert kinds.get("Petrograd") == "Place"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("People's Commissars (Sovnarkom", "an unclosed bracket"),
        ('Nell" Tritton', "an unpaired quote"),
        ("Battle of", "an unfinished phrase"),
        ("N.S.", "initials alone"),
        ("AM the Military Revolutionary Committee", "a sentence piece before 'the'"),
        ("French and German", "a pair of single words"),
        ("Executive Committee", "generic words only"),
        ("Second Congress", "generic words only"),
        ("Armenians", "a people, not an organization"),
        ("Historian Ian Beckett", "an occupation before the name"),
    ],
)
def test_what_is_not_a_name_of_its_own_is_not_proposed(name: str, why: str) -> None:
    assert not plausible_name(name, f"In 1917 {name} was there."), why


@pytest.mark.parametrize(
    "name",
    [
        "Storming of the Winter Palace",
        "Decree on Peace",
        "Peter the Great",
        "Trudoviks",
        "Julius Martov",
        "Duma",
    ],
)
def test_names_with_inner_small_words_stay_names(name: str) -> None:
    assert plausible_name(name, f"In 1917 {name} was there.")


def test_a_new_names_type_comes_from_its_head_its_context_and_known_first_names(
    parser: parse.Parser,
) -> None:
    text = (
        "Kamenev read the newspaper Zvezda. The Battle of Tsaritsyn began. "
        "Julius Martov disagreed with Lenin. Kazimir Martov agreed. "
        "The emperor sent away the Empress Alexandra Feodorovna, Rasputin's steadfast patron."
    )
    plain = Extractor(REGISTRY, parser=parser, calibrated=False, rules=())
    kinds = {m.label: m.type for m in plain.run_one("t", text).new_mentions}
    assert kinds.get("Zvezda") == "Work"  # the model says ORG
    assert kinds.get("Battle of Tsaritsyn") == "Event"
    assert kinds.get("Julius Martov") == "Person"  # a common given name (given-names.txt)
    assert kinds.get("Empress Alexandra Feodorovna") == "Person"  # a title
    assert kinds.get("Kazimir Martov") == "Organization"  # the model's label, no first name known
    kazimir = Entity("kazimir-fucik", "Person", "Kazimir Fucik")
    knowing = Extractor([*REGISTRY, kazimir], parser=parser, calibrated=False, rules=())
    kinds = {m.label: m.type for m in knowing.run_one("t", text).new_mentions}
    assert kinds.get("Kazimir Martov") == "Person"  # a registry person's first name


def test_one_word_places_the_model_leaves_untagged_come_from_their_preposition(
    extractor: Extractor,
) -> None:
    text = (
        "Kerensky was born in Simbirsk in 1881. In March 1910 he went to the village of "
        "Solvychegodsk and wrote in Russian."
    )
    kinds = {m.label: m.type for m in extractor.run_one("t", text).new_mentions}
    assert kinds.get("Simbirsk") == "Place"  # the model says PRODUCT
    assert kinds.get("Solvychegodsk") == "Place"
    assert "March" not in kinds and "Russian" not in kinds


def test_the_packaged_table_is_checked() -> None:
    assert len(relation_table()) >= 30
    bad = (
        "patterns:\n  - {name: x, predicate: leadz, subject: [Person], "
        "object: [Organization], trigger: [lead], from: '@subject', to: '@object', "
        "confidence: 0.5}\n"
    )
    with pytest.raises(RuleTableError, match="did you mean 'led'"):
        load_relations(bad)
    step = bad.replace("leadz", "led").replace("'@object'", "'>dobj]'")
    with pytest.raises(RuleTableError, match="is not a step"):
        load_relations(step)
    anything = bad.replace("leadz", "led").replace("[lead]", "['*']")
    anything = anything.replace("confidence", "pos: NOUN, confidence")
    with pytest.raises(RuleTableError, match="needs `pos: PROPN` or `pos: VERB`"):
        load_relations(anything)


def test_calibration_draws_measured_precision_towards_the_table() -> None:
    cal = Calibration(0.6, {"r": (8, 2)})
    assert cal.confidence("r", 0.5) == pytest.approx((8 + 2 * 0.5) / 12, abs=1e-3)
    assert cal.confidence("unseen", 0.7) == 0.7
    with pytest.raises(RuleTableError, match="two whole numbers"):
        load_calibration("threshold: 0.5\nrules: {r: [1]}\n")
    with pytest.raises(RuleTableError, match="between 0 and 1"):
        load_calibration("threshold: 2\n")


def test_the_threshold_is_the_lowest_that_reaches_the_target() -> None:
    judged = [(0.9, True), (0.8, True), (0.7, False), (0.6, True), (0.5, False)]
    assert choose_threshold(judged, 0.75) == 0.6  # 3 of 4 at >= 0.6
    assert choose_threshold(judged, 1.0) == 0.8
    assert choose_threshold([(0.5, False)], 0.9) == 1.0


def test_a_new_name_in_an_admitted_fact_becomes_a_provisional_entity(extractor: Extractor) -> None:
    found = extractor.run_one("t", "Lev Kamenev joined the Bolsheviks in 1901.").candidates
    selection = select(found, {}, threshold=0.0)
    registry = {e.id: e for e in REGISTRY}
    made = provisional_entities([c for c, _ in selection.accepted], registry)
    kamenev = next(e for e in made.values() if e.label == "Lev Kamenev")
    assert (kamenev.id, kamenev.type, kamenev.provisional) == ("lev-kamenev", "Person", True)
    clash = provisional_entities(
        [c for c, _ in selection.accepted], {**registry, "lev-kamenev": kamenev}
    )
    assert "lev-kamenev-2" in {e.id for e in clash.values()}


def test_confirm_and_merge_write_canonical_curated_files(tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    shutil.copytree(Path(__file__).resolve().parents[1] / "graph" / "curated", curated)
    edit.add_entity(curated, Entity("lev-kamenev", "Person", "Lev Kamenev", "A Bolshevik."))
    edit.add_alias(curated, "lev-kamenev", "Kamenev")
    data = load_curated(curated)
    assert not data.report.errors
    kamenev = next(e for e in data.entities if e.id == "lev-kamenev")
    assert kamenev.aliases == ("Kamenev",)
    with pytest.raises(CuratedFileError, match="already names lev-kamenev"):
        edit.add_entity(curated, Entity("kamenev-2", "Person", "Kamenev", "x"))
    with pytest.raises(CuratedFileError, match="no curated entity"):
        edit.add_alias(curated, "nobody", "Nobody")
    edit.add_exclusion(curated, "Screen Shots", "an image name")
    with pytest.raises(CuratedFileError, match="already listed"):
        edit.add_exclusion(curated, "screen shots", "")


@pytest.mark.slow
def test_an_unseen_essay_adds_only_admitted_facts_and_provisional_entities(
    project_copy: Project,
) -> None:
    from rdflib import RDF, Literal

    from revkg.build import build
    from revkg.extract.calibration import admission_threshold
    from revkg.graph.load import read_dataset
    from revkg.vocab import GRAPH_CURATED, GRAPH_EXTRACTED, OA, RK, document_iri

    essay = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "bolsheviks.txt"
    shutil.copy(essay, project_copy.seeds_dir / "bolsheviks.txt")
    build(project_copy)
    ds = read_dataset(project_copy.trig)
    graph = ds.graph(GRAPH_EXTRACTED)
    provisional = set(graph.subjects(RK.provisional, Literal(True)))
    assert provisional, "the essay's new names in admitted facts are provisional entities"
    threshold = admission_threshold()
    confidences = [
        float(graph.value(ev, RK.confidence))
        for ev in graph.subjects(OA.hasSource, document_iri("bolsheviks"))
        if (ev, RDF.type, RK.Evidence) in graph  # not the annotations' targets
    ]
    assert confidences and min(confidences) >= threshold
    curated = ds.graph(GRAPH_CURATED)
    for entity in provisional:  # never in the curated layer
        assert (entity, None, None) not in curated


def test_facts_about_new_names_are_calibrated_on_their_own_count(extractor: Extractor) -> None:
    (c,) = [
        c
        for c in extractor.run_one("t", "Lev Kamenev joined the Bolsheviks.").candidates
        if c.rule == "dep:joined"
    ]
    base = next(r.confidence for r in relation_table() if r.name == "joined")
    assert c.confidence == pytest.approx(base * 0.8, abs=1e-3)  # the table's lowering
    apart = Calibration(0.5, {"dep:joined new": (9, 1), "dep:joined": (0, 10)})
    assert apart.apply(c, base).confidence == pytest.approx((9 + 2 * base) / 12, abs=1e-3)
    pooled = Calibration(0.5, {"dep:joined": (9, 1)})  # no count of its own: lowered still
    assert pooled.apply(c, base).confidence == pytest.approx(0.8 * (9 + 2 * base) / 12, abs=2e-3)


def test_an_excluded_name_is_never_proposed(parser: parse.Parser) -> None:
    text = "Lev Kamenev joined the Bolsheviks."
    plain = Extractor(REGISTRY, parser=parser, rules=())
    assert "Lev Kamenev" in {m.label for m in plain.run_one("t", text).new_mentions}
    excluding = Extractor(REGISTRY, parser=parser, rules=(), excluded=["lev  kamenev"])
    assert not excluding.run_one("t", text).new_mentions


_NEW_NAME = re.compile(r"new name  (\S+)  (.+?) \((\w+)\)")


def test_review_lists_an_essays_new_names_and_judges_them(project_copy: Project) -> None:
    from typer.testing import CliRunner

    from revkg.cli import app

    essay = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "bolsheviks.txt"
    shutil.copy(essay, project_copy.seeds_dir / "bolsheviks.txt")
    root = ["--project", str(project_copy.root)]

    def run(*args: str) -> str:
        result = CliRunner().invoke(app, [*root, *args])
        assert result.exit_code == 0, result.output
        return result.output

    listed = run("review", "--essay", "bolsheviks", "--limit", "100")
    assert "bolsheviks:" in listed and "shadow-of-stalinism:" not in listed
    named = _NEW_NAME.findall(listed)  # (id, label, type) of each provisional entity
    assert ("alexander-bogdanov", "Alexander Bogdanov", "person") in named
    run("review", "exclude", "alexander-bogdanov", "--note", "a test")
    assert "alexander-bogdanov" not in run("review", "--essay", "bolsheviks")
    bad = CliRunner().invoke(app, [*root, "review", "--essay", "nope"])
    assert bad.exit_code == 2 and "no candidates from an essay 'nope'" in bad.output


def test_a_provisional_entity_says_so_on_its_page(project_copy: Project, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from revkg.build import build
    from revkg.cli import app

    essay = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "bolsheviks.txt"
    shutil.copy(essay, project_copy.seeds_dir / "bolsheviks.txt")
    build(project_copy)
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["--project", str(project_copy.root), "site", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "person" / "alexander-bogdanov.html").read_text(encoding="utf-8")
    assert "not yet judged by a curator" in page
    curated = (out / "person" / "vladimir-lenin.html").read_text(encoding="utf-8")
    assert "not yet judged by a curator" not in curated


def test_a_name_of_several_words_links_with_its_capitals_anywhere() -> None:
    concept = Entity("socialism-in-one-country", "Concept", "Socialism in one country", "x")
    stalin = Entity("joseph-stalin", "Person", "Joseph Stalin", "x", aliases=("Stalin",))
    ex = Extractor([concept, stalin])
    for text in (
        "Stalin advocated Socialism in One Country.",
        "Stalin advocated SOCIALISM in one COUNTRY.",
    ):
        found = {(c.subject.entity, c.object.entity) for c in ex.run_one("t", text).candidates}
        assert ("joseph-stalin", "socialism-in-one-country") in found, text


@pytest.mark.parametrize(
    "text",
    [
        "Myasnikov arrived in October 1899.",
        "On 25 October Myasnikov left.",
        "In October, Myasnikov left.",
    ],
)
def test_a_month_in_a_date_is_not_the_event_named_by_it(parser: parse.Parser, text: str) -> None:
    october = Entity("october-revolution", "Event", "October Revolution", aliases=("October",))
    extractor = Extractor([*REGISTRY, october], parser=parser, calibrated=False)
    mentions = {
        (c.object.entity, c.subject.entity) for c in extractor.run_one("t", text).candidates
    }
    assert ("october-revolution", "gavril-myasnikov") not in mentions
    found = extractor.run_one("t", "After October, Myasnikov took part in the October.").candidates
    assert any(c.object.entity == "october-revolution" for c in found)  # the name itself


def test_a_member_named_after_the_party(parser: parse.Parser) -> None:
    mensheviks = Entity("mensheviks", "Organization", "Mensheviks", aliases=("Menshevik",))
    extractor = Extractor([*REGISTRY, mensheviks], parser=parser, calibrated=False, rules=())
    text = "He was succeeded by the Menshevik, Gavril Myasnikov."
    assert ("gavril-myasnikov", "memberOf", "mensheviks") in facts(extractor, text)


def test_a_noun_with_no_verb_above_it_has_no_clause_subject(extractor: Extractor) -> None:
    found = facts(extractor, "Years of exile in Siberia for Bukharin.")  # no verb: returns
    assert not [f for f in found if f[1] == "exiledTo"]


def test_a_new_names_type_comes_from_where_it_stands(extractor: Extractor) -> None:
    text = (
        "Strikes spread in Kiev, Kharkov, Nizhny Novgorod and Ekaterinburg. "
        "Lenin edited Gudok and wrote articles for Zvezda. "
        "Under Allied pressure the war went on. Alexander graduated."
    )
    kinds = {m.label: m.type for m in extractor.run_one("t", text).new_mentions}
    assert kinds.get("Nizhny Novgorod") == "Place"  # listed after "in Kiev"
    assert kinds.get("Gudok") == "Work" and kinds.get("Zvezda") == "Work"  # edited, written for
    assert "Allied" not in kinds  # an adjective
    assert "Alexander" not in kinds  # a given name alone says not who


def test_a_pronoun_for_a_new_person_is_a_mention_of_that_person(extractor: Extractor) -> None:
    text = "Alexander Kerensky was born in 1881. He joined the Bolsheviks."
    (joined,) = [c for c in extractor.run_one("t", text).candidates if c.predicate == "memberOf"]
    assert (joined.subject.text, joined.subject.label) == ("He", "Alexander Kerensky")
    assert joined.subject.via == "new" and joined.admissible  # its provisional entity's
