from revkg.build import load_records
from revkg.model import Document, Entity
from revkg.project import Project
from revkg.sources.coverage import candidates, coverage, load_exclusions

from .conftest import REPO

TEXT = (
    "Yet the Workers Group met. Myasnikov met Ruth Fischer in Paris. "
    "He wrote “The Latest Deception” and joined a Civil Servant strike."
)


def test_candidates_skip_sentence_openers_and_keep_names_and_titles():
    names = [name for name, _ in candidates(TEXT)]
    assert "Yet" not in names and "He" not in names
    expected = {"Workers Group", "Myasnikov", "Ruth Fischer in Paris", "The Latest Deception"}
    assert expected <= set(names)


def test_uncovered_names_are_listed_once_per_essay_with_a_count():
    doc = Document("essay", "Essay", "seeds/essay.txt", TEXT + " Ruth Fischer left.")
    registry = [
        Entity("m", "Person", "Gavril Myasnikov", "x", aliases=("Myasnikov",)),
        Entity("s", "Event", "Civil servants' strike", "x", aliases=("Civil Servant strike",)),
    ]
    report = coverage({"essay": doc}, registry, {"Paris": "named in passing"})
    uncovered = {m.name: m.count for m in report.uncovered}
    assert uncovered == {"Workers Group": 1, "Ruth Fischer": 2, "Latest Deception": 1}
    assert report.excluded == 1 and report.unused_exclusions == []


def test_every_name_in_the_essays_is_an_entity_or_excluded_with_a_reason():
    project = Project(REPO)
    records = load_records(project)
    exclusions = load_exclusions(project.curated_dir)
    report = coverage(records.corpus, records.entities, exclusions)
    assert [(m.doc, m.name) for m in report.uncovered] == []
    assert report.unused_exclusions == []
    assert all(reason.strip() for reason in exclusions.values())


def test_stats_coverage_command(run_cli, project_copy):
    result = run_cli("--project", str(project_copy.root), "stats", "--coverage")
    assert result.exit_code == 0, result.stdout
    assert "0 uncovered names" in result.stderr
