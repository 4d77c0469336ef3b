import hashlib
from pathlib import Path

import pytest
import yaml

from revkg.errors import SeedError
from revkg.sources.seeds import load_corpus

from .conftest import REPO

SEEDS = REPO / "seeds"


def test_the_three_essays_in_manifest_order():
    corpus = load_corpus(SEEDS)
    assert list(corpus) == ["state-and-revolution", "shadow-of-stalinism", "gavril-myasnikov"]
    assert corpus["gavril-myasnikov"].title == "Gavril Myasnikov: hero of the working class"
    assert corpus["state-and-revolution"].text.startswith("State and Revolution: 100")


def test_split_essays_concatenate_to_the_source_byte_for_byte():
    manifest = yaml.safe_load((SEEDS / "manifest.yaml").read_text())
    parts = [(SEEDS / e["file"]).read_bytes() for e in manifest["essays"]]
    whole = b"".join(parts)
    assert hashlib.sha256(whole).hexdigest() == manifest["source"]["sha256"]
    assert len(whole) == manifest["source"]["bytes"]
    for entry, part in zip(manifest["essays"], parts, strict=True):
        assert hashlib.sha256(part).hexdigest() == entry["sha256"]
        start, end = entry["source_bytes"]
        assert end - start == len(part)


def test_typography_is_kept_exactly():
    text = "".join(d.text for d in load_corpus(SEEDS).values())
    assert text.count("\u00a0") == 23
    assert "\u2019" in text and "\u201c" in text
    for variant in ("Miasnikov", "Zionviev", "Nardonik", "Ivonovo", "Czar"):
        assert variant in text


def test_a_new_essay_dropped_into_seeds_is_read(tmp_path: Path):
    (tmp_path / "kronstadt.txt").write_text("Kronstadt 1921\n\nThe sailors rose.\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus["kronstadt"].title == "Kronstadt 1921"
    assert corpus["kronstadt"].file == "seeds/kronstadt.txt"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\x00bad", "not UTF-8 text"), (b"  \n", "the file is empty")],
)
def test_unreadable_seed_names_the_file_and_the_fix(tmp_path: Path, content: bytes, message: str):
    (tmp_path / "broken.txt").write_bytes(content)
    with pytest.raises(SeedError, match=message) as err:
        load_corpus(tmp_path)
    assert "broken.txt" in str(err.value)
