"""Bad input, as a careless user or a hostile file supplies it: each case gets a located
one-line message and exit 1, and the previous graph is left as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from revkg.errors import SeedError
from revkg.project import Project
from revkg.sources.seeds import read_text


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def symlink_to_passwd(p: Project) -> None:
    os.symlink("/etc/passwd", p.seeds_dir / "passwd.txt")


def symlink_to_dev_zero(p: Project) -> None:
    os.symlink("/dev/zero", p.seeds_dir / "zero.txt")


def manifest_absolute_path(p: Project) -> None:
    _replace_in(p.seeds_dir / "manifest.yaml", "file: gavril-myasnikov.txt", "file: /etc/hostname")


def manifest_parent_path(p: Project) -> None:
    _replace_in(p.seeds_dir / "manifest.yaml", "file: gavril-myasnikov.txt", "file: ../README.md")


def manifest_bad_id(p: Project) -> None:
    _replace_in(p.seeds_dir / "manifest.yaml", "id: gavril-myasnikov", "id: Gavril Myasnikov")


def manifest_id_twice(p: Project) -> None:
    _replace_in(p.seeds_dir / "manifest.yaml", "id: gavril-myasnikov", "id: shadow-of-stalinism")


def manifest_title_as_list(p: Project) -> None:
    _replace_in(
        p.seeds_dir / "manifest.yaml",
        'title: "Gavril Myasnikov: hero of the working class"',
        "title: [one, two]",
    )


def non_latin_file_name(p: Project) -> None:
    (p.seeds_dir / "революция.txt").write_text("Революция\n\nТекст.\n", encoding="utf-8")


def name_taken_by_the_manifest(p: Project) -> None:
    (p.seeds_dir / "Shadow of Stalinism.txt").write_text("A title\n\nText.\n", encoding="utf-8")


def nul_in_an_essay(p: Project) -> None:
    (p.seeds_dir / "new-essay.txt").write_text("A title\n\nText\x00 more.\n", encoding="utf-8")


def not_utf8(p: Project) -> None:
    (p.seeds_dir / "latin1.txt").write_bytes("Título\n\nTexto en latín\n".encode("latin-1"))


def repeated_key_in_manifest(p: Project) -> None:
    _replace_in(
        p.seeds_dir / "manifest.yaml",
        "file: gavril-myasnikov.txt",
        "file: gavril-myasnikov.txt\n    file: other.txt",
    )


def _people(p: Project) -> Path:
    return p.curated_dir / "people.yaml"


def _facts(p: Project) -> Path:
    return p.curated_dir / "statements" / "gavril-myasnikov.yaml"


def impossible_date(p: Project) -> None:
    _append(
        _facts(p),
        "- subject: gavril-myasnikov\n  predicate: diedIn\n  object: moscow\n"
        "  date: 1921-13-45\n  note: a curator's addition\n",
    )


def impossible_start(p: Project) -> None:
    _append(
        _facts(p),
        "- subject: gavril-myasnikov\n  predicate: memberOf\n  object: bolsheviks\n"
        "  start: 1921-02-30\n  note: a curator's addition\n",
    )


def description_as_list(p: Project) -> None:
    _replace_in(
        _people(p),
        "description: Dutch Marxist astronomer, a founder of council communism.",
        "description: [one, two]",
    )


def label_as_list(p: Project) -> None:
    _replace_in(_people(p), "label: Anton Pannekoek", "label: [Anton, Pannekoek]")


def control_character_in_a_label(p: Project) -> None:
    _replace_in(_people(p), "label: Anton Pannekoek", 'label: "Anton \\e[31mPannekoek"')


def wikidata_malformed(p: Project) -> None:
    _replace_in(_people(p), "wikidata: Q1394", "wikidata: 1394")


def wikidata_twice(p: Project) -> None:
    _replace_in(_people(p), "wikidata: Q855", "wikidata: Q1394")


def manifest_impossible_date(p: Project) -> None:
    _replace_in(
        p.seeds_dir / "manifest.yaml",
        "    file: gavril-myasnikov.txt\n",
        "    file: gavril-myasnikov.txt\n    date: 1921-02-30\n",
    )


def config_unknown_setting(p: Project) -> None:
    _append(p.config_file, 'license = "MIT"\n')


def alias_bomb(p: Project) -> None:
    lines = ["- id: bomb", '  label: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  l{i}: &a{i} [*a, *a, *a, *a, *a, *a, *a, *a]" for i in range(9)]
    _append(_people(p), "\n".join(lines) + "\n")


def curated_not_utf8(p: Project) -> None:
    with _people(p).open("ab") as f:
        f.write("- id: jose\n  label: José\n".encode("latin-1"))


def quote_twice(p: Project) -> None:
    _append(
        _facts(p),
        "- subject: gavril-myasnikov\n  predicate: memberOf\n"
        "  object: bolsheviks\n  quote: Myasnikov\n",
    )


def occurrence_past_the_end(p: Project) -> None:
    _append(
        _facts(p),
        "- subject: gavril-myasnikov\n  predicate: memberOf\n"
        "  object: bolsheviks\n  quote: Workers Group\n  occurrence: 999\n",
    )


def occurrence_not_a_number(p: Project) -> None:
    _append(
        _facts(p),
        "- subject: gavril-myasnikov\n  predicate: memberOf\n"
        "  object: bolsheviks\n  quote: Workers Group\n  occurrence: first\n",
    )


def _review(p: Project) -> Path:
    return p.graph_dir / "review.yaml"


def review_id_as_number(p: Project) -> None:
    _append(_review(p), "  1234567890123456:\n    decision: reject\n")


def review_note_as_list(p: Project) -> None:
    _append(_review(p), "  ffffffffffffffff:\n    decision: reject\n    note: [a, b]\n")


def review_impossible_value(p: Project) -> None:
    _append(_review(p), "  ffffffffffffffff:\n    decision: correct\n    value: 1921-13\n")


def review_unknown_field(p: Project) -> None:
    _append(_review(p), "  ffffffffffffffff:\n    decision: reject\n    reason: no\n")


CASES: list[tuple[Callable[[Project], None], str]] = [
    (review_id_as_number, "the id 1234567890123456 is read as a number; put it in quotes"),
    (review_note_as_list, "`note` must be text, not list"),
    (review_impossible_value, "`value:` month 13 does not exist"),
    (review_unknown_field, "unknown fields ['reason']"),
    (quote_twice, "add `occurrence: N` to say which"),
    (occurrence_past_the_end, "occurrence 999, but 'Workers Group' occurs"),
    (occurrence_not_a_number, "`occurrence` must be 1, 2, ..."),
    (impossible_date, "date: month 13 does not exist"),
    (impossible_start, "start: 1921-02-30 does not exist"),
    (description_as_list, "`description` must be text, not a list"),
    (label_as_list, "`label` must be text, not a list"),
    (control_character_in_a_label, "`label` contains the control character U+001B"),
    (alias_bomb, "an alias (*name) repeats the value anchored here"),
    (wikidata_malformed, "wikidata '1394' is not a Wikidata item; write it as Q1394"),
    (wikidata_twice, "wikidata Q1394 is already given to person 'joseph-stalin' at"),
    (manifest_impossible_date, "essay 3 (gavril-myasnikov): `date` '1921-02-30' is not an EDTF"),
    (config_unknown_setting, "revkg.toml:14: unknown setting 'license'"),
    (curated_not_utf8, "not UTF-8 text (bad byte at offset"),
    (symlink_to_passwd, "seeds/passwd.txt: 'passwd.txt' leads outside seeds/"),
    (symlink_to_dev_zero, "seeds/zero.txt: 'zero.txt' leads outside seeds/"),
    (manifest_absolute_path, "'/etc/hostname' must be a file name inside seeds/"),
    (manifest_parent_path, "'../README.md' must be a file name inside seeds/"),
    (manifest_bad_id, "essay 3: id 'Gavril Myasnikov' must be lower-case"),
    (manifest_id_twice, "ids listed twice: shadow-of-stalinism"),
    (manifest_title_as_list, "essay 3 (gavril-myasnikov): `title` must be given as text"),
    (non_latin_file_name, "no id can be made from this file name"),
    (name_taken_by_the_manifest, "its id 'shadow-of-stalinism' is already used by"),
    (nul_in_an_essay, "seeds/new-essay.txt:3: a NUL character"),
    (not_utf8, "latin1.txt:1: not UTF-8 text (bad byte at offset 1)"),
    (
        repeated_key_in_manifest,
        "manifest.yaml:27: not valid YAML (the key 'file' is given twice (lines 26 and 27)",
    ),
]


@pytest.mark.slow  # each case runs a build
@pytest.mark.parametrize(("spoil", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_seeds_get_a_located_message_and_the_graph_stays(built_copy, run_cli, spoil, message):
    before = {p.name: p.read_bytes() for p in built_copy.graph_dir.glob("revkg.*")}
    spoil(built_copy)
    result = run_cli("--project", str(built_copy.root), "build")
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert message in output
    assert "Traceback" not in output
    assert len([line for line in output.splitlines() if "[ERROR]" not in line]) == 1, output
    assert {p.name: p.read_bytes() for p in built_copy.graph_dir.glob("revkg.*")} == before


def test_an_endless_or_huge_file_is_not_read_whole(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300)
    with pytest.raises(SeedError, match="larger than 0 MiB"):
        read_text(big, limit=1000)
    with pytest.raises(SeedError, match="not a regular file"):
        read_text(Path("/dev/zero"))


def test_an_explicit_project_path_is_used_as_given(built_project, run_cli):
    inner = built_project.root / "seeds"
    result = run_cli("--project", str(inner), "stats")
    assert result.exit_code == 1
    assert "is not a revkg project" in result.stdout + result.stderr


@pytest.mark.slow
def test_an_occurrence_binds_a_repeated_quote_to_that_place(built_copy, run_cli):
    from revkg.graph.load import read_graph
    from revkg.vocab import OA

    essay = (built_copy.seeds_dir / "gavril-myasnikov.txt").read_text(encoding="utf-8")
    second = essay.index("Workers Group", essay.index("Workers Group") + 1)
    _append(
        _facts(built_copy),
        "- subject: gavril-myasnikov\n  predicate: memberOf\n"
        "  object: workers-group\n  quote: Workers Group\n  occurrence: 2\n",
    )
    assert run_cli("--project", str(built_copy.root), "build").exit_code == 0
    graph = read_graph(built_copy.turtle)
    starts = {
        int(s)
        for ev in graph.subjects(OA.exact, None)
        if str(graph.value(ev, OA.exact)) == "Workers Group"
        for s in graph.objects(ev, OA.start)
    }
    assert second in starts


def test_a_manifest_path_with_dot_slash_is_the_same_essay(project_copy):
    from revkg.sources.seeds import load_corpus

    _replace_in(
        project_copy.seeds_dir / "manifest.yaml",
        "file: gavril-myasnikov.txt",
        "file: ./gavril-myasnikov.txt",
    )
    assert sorted(load_corpus(project_copy.seeds_dir)) == [
        "gavril-myasnikov",
        "shadow-of-stalinism",
        "state-and-revolution",
    ]


def test_a_byte_order_mark_is_not_part_of_a_title(project_copy):
    from revkg.sources.seeds import load_corpus

    (project_copy.seeds_dir / "new.txt").write_text("\ufeffThe Title\n\nText.\n", encoding="utf-8")
    assert load_corpus(project_copy.seeds_dir)["new"].title == "The Title"
