"""Read the corpus: the essays in seeds/ listed by seeds/manifest.yaml, plus any new .txt.

A user can drop a new essay into seeds/ without editing the manifest: its id is
the file name and its title the first non-empty line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import files
from ..errors import SeedError
from ..model import Document, slugify

MANIFEST = "manifest.yaml"


def read_text(path: Path) -> str:
    """A file's text as UTF-8, exactly; raises SeedError naming the file and the fix."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SeedError(f"{path}: cannot read the file ({e.strerror}).") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SeedError(
            f"{path}: not UTF-8 text (bad byte at offset {e.start}); "
            "save the essay as UTF-8 and run the command again."
        ) from e
    if not text.strip():
        raise SeedError(f"{path}: the file is empty; add the essay's text or remove the file.")
    return text


def load_corpus(seeds_dir: Path) -> dict[str, Document]:
    """Every essay in ``seeds_dir``, in manifest order, then new files by name."""
    docs: dict[str, Document] = {}
    listed: set[str] = set()
    manifest = seeds_dir / MANIFEST
    if manifest.exists():
        for entry in _manifest_entries(manifest):
            path = seeds_dir / entry["file"]
            docs[entry["id"]] = Document(
                entry["id"], entry["title"], f"seeds/{entry['file']}", read_text(path)
            )
            listed.add(entry["file"])
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.name in listed:
            continue
        text = read_text(path)
        doc_id = slugify(path.stem)
        title = next(line.strip() for line in text.splitlines() if line.strip())
        docs[doc_id] = Document(doc_id, title, f"seeds/{path.name}", text)
    return docs


def _manifest_entries(path: Path) -> list[dict[str, str]]:
    try:
        data = files.safe_load(path.read_text(encoding="utf-8"))
        entries = data["essays"]
        return [{k: str(e[k]) for k in ("id", "title", "file")} for e in entries]
    except (yaml.YAMLError, KeyError, TypeError) as e:
        raise SeedError(
            f"{path}: the manifest must list essays with id, title and file ({files.one_line(e)}); "
            "compare it with the example in the README."
        ) from e
