"""Strict YAML reading and atomic writes (revkg.files)."""

from __future__ import annotations

import stat

import pytest
import yaml

from revkg import files


def test_only_plain_decimal_numbers_are_numbers():
    data = files.safe_load("a: 12:30\nb: 0123\nc: 0x1F\nd: 1_000\ne: 1921\nf: 0.75\ng: -3\n")
    assert data == {
        "a": "12:30",
        "b": "0123",
        "c": "0x1F",
        "d": "1_000",
        "e": 1921,
        "f": 0.75,
        "g": -3,
    }


def test_dates_stay_text_so_revkg_checks_them():
    data = files.safe_load("a: 1921-03-18\nb: 1921-13-45\nc: 1921\n")
    assert data == {"a": "1921-03-18", "b": "1921-13-45", "c": 1921}


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        ("a: &x [1]\nb: *x\n", "alias", 1),
        ("a: &a [lol, lol]\nb: &b [*a, *a]\nc: [*b, *b]\n", "alias", 1),
        ("id: lenin\nlabel: Lenin\nid: trotsky\n", "'id' is given twice (lines 1 and 3)", 3),
        ("- id: x\n  note: one\n  note: two\n", "'note' is given twice (lines 2 and 3)", 3),
    ],
)
def test_aliases_and_repeated_keys_are_refused_with_their_line(text, fragment, line):
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        files.safe_load(text)
    assert fragment in str(caught.value.problem)
    assert caught.value.problem_mark is not None
    assert caught.value.problem_mark.line + 1 == line


def test_written_files_are_shared_and_leave_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    files.write_atomic(target, "text\n")
    assert target.read_text() == "text\n"
    assert stat.S_IMODE(target.stat().st_mode) == files.FILE_MODE
    with files.atomic_binary(tmp_path / "out.bin") as out:
        out.write(b"\x00")
    assert stat.S_IMODE((tmp_path / "out.bin").stat().st_mode) == files.FILE_MODE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin", "out.txt"]


def test_a_failed_write_changes_nothing_and_cleans_up(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    files.write_all_atomic({first: "old a\n", second: "old b\n"})
    with pytest.raises(RuntimeError), files.staged([first, second]) as (a, _b):
        a.write("new a\n")
        raise RuntimeError("stopped half way")
    assert (first.read_text(), second.read_text()) == ("old a\n", "old b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_repeated_key_in_a_curated_file_is_a_located_error(project_copy, run_cli):
    people = project_copy.curated_dir / "people.yaml"
    text = people.read_text(encoding="utf-8")
    first_label = text.index("\n  label:")
    people.write_text(text[:first_label] + "\n  label: Twice" + text[first_label:])
    result = run_cli("--project", str(project_copy.root), "validate")
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    assert "graph/curated/people.yaml:" in output
    assert "'label' is given twice" in output
    assert "Traceback" not in output
