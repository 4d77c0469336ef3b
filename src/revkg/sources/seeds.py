"""Read the corpus: the essays in seeds/ listed by seeds/manifest.yaml, plus any new .txt.

A user can drop a new essay into seeds/ without editing the manifest: its id is
the file name and its title the first non-empty line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import files
from ..errors import SeedError
from ..model import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    LICENCE_PATTERN,
    Document,
    edtf_problem,
    slugify,
    url_problem,
)
from ..text import CONTROL

MANIFEST = "manifest.yaml"
MAX_MANIFEST_BYTES = 1024 * 1024
#: What the manifest may say of an essay besides id, title and file (all optional).
METADATA = ("author", "date", "url", "licence", "language")


#: Largest essay read, in bytes: a bigger file is refused with a message, not read whole.
MAX_ESSAY_BYTES = 64 * 1024 * 1024


def read_text(path: Path, *, limit: int = MAX_ESSAY_BYTES) -> str:
    """A file's text as UTF-8, exactly; raises SeedError naming the file and the fix."""
    text = files.read_utf8(path, shown=str(path), limit=limit, error=SeedError)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SeedError(f"{path}:{line}: a NUL character; an essay is plain text, remove it.")
    if not text.strip():
        raise SeedError(f"{path}: the file is empty; add the essay's text or remove the file.")
    return text


def inside_seeds(seeds_dir: Path, name: str, shown: str) -> Path:
    """``seeds_dir / name``, refused unless it stays inside seeds/ (no absolute paths, no
    ``..``, no symlink leading out)."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise SeedError(f"{shown}: {name!r} must be a file name inside seeds/, not a path.")
    path = seeds_dir / relative
    if not path.resolve().is_relative_to(seeds_dir.resolve()):
        raise SeedError(
            f"{shown}: {name!r} leads outside seeds/ (a symbolic link?); "
            "copy the essay into seeds/ instead."
        )
    return path


def load_corpus(seeds_dir: Path) -> dict[str, Document]:
    """Every essay in ``seeds_dir``, in manifest order, then new files by name."""
    docs: dict[str, Document] = {}
    listed: set[Path] = set()  # resolved, so that ./a.txt and a.txt are one file
    manifest = seeds_dir / MANIFEST
    if manifest.exists():
        for entry in _manifest_entries(manifest):
            path = inside_seeds(seeds_dir, entry["file"], f"seeds/{MANIFEST}")
            text = read_text(path)
            metadata = {k: entry[k] for k in METADATA if entry.get(k)}
            docs[entry["id"]] = Document(
                entry["id"], entry["title"], f"seeds/{entry['file']}", text, **metadata
            )
            listed.add(path.resolve())
    for path in sorted(seeds_dir.glob("*.txt")):
        if path.resolve() not in listed:
            doc = _unlisted(seeds_dir, path, docs)
            docs[doc.id] = doc
    return docs


def _unlisted(seeds_dir: Path, path: Path, docs: dict[str, Document]) -> Document:
    """An essay not in the manifest: its id from the file name, its title its first line."""
    shown = f"seeds/{path.name}"
    text = read_text(inside_seeds(seeds_dir, path.name, shown))
    doc_id = slugify(path.stem)
    if not doc_id:
        raise SeedError(
            f"{shown}: no id can be made from this file name; list it in seeds/{MANIFEST} "
            "with an id of lower-case letters, digits and hyphens."
        )
    if doc_id in docs:
        raise SeedError(
            f"{shown}: its id {doc_id!r} is already used by {docs[doc_id].file}; rename the "
            f"file or list it in seeds/{MANIFEST} with an id of its own."
        )
    title = next(line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip())
    return Document(doc_id, title, shown, text)


def _manifest_entries(path: Path) -> list[dict[str, str]]:
    shown = f"seeds/{MANIFEST}"
    try:
        data = files.safe_load(read_text(path, limit=MAX_MANIFEST_BYTES))
    except yaml.YAMLError as e:
        fix = "the line" if getattr(e, "problem_mark", None) else "the file"
        raise SeedError(f"{files.not_valid_yaml(shown, e)}; fix {fix}.") from e
    essays = data.get("essays") if isinstance(data, dict) else None
    if not isinstance(essays, list):
        raise SeedError(f"{shown}: needs an `essays:` list; compare it with the README.")
    entries: list[dict[str, str]] = []
    for number, essay in enumerate(essays, 1):
        where = f"{shown}: essay {number}"
        if isinstance(essay, dict) and ID_PATTERN.match(str(essay.get("id"))):
            where += f" ({essay['id']})"
        entries.append(_manifest_entry(essay, where))
    ids = [e["id"] for e in entries]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise SeedError(f"{shown}: ids listed twice: {', '.join(twice)}; give each its own.")
    return entries


def _manifest_entry(essay: object, where: str) -> dict[str, str]:
    if not isinstance(essay, dict):
        raise SeedError(f"{where}: expected a mapping with id, title and file.")
    for key in ("id", "title", "file"):
        if not isinstance(essay.get(key), str) or not essay[key].strip():
            raise SeedError(f"{where}: `{key}` must be given as text.")
    if not ID_PATTERN.match(essay["id"]):
        raise SeedError(
            f"{where}: id {essay['id']!r} must be lower-case letters, digits and hyphens."
        )
    entry = {k: essay[k] for k in ("id", "title", "file")}
    for key in METADATA:
        value = essay.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise SeedError(f"{where}: `{key}` must be given as text, or left out.")
        entry[key] = _checked_metadata(key, value.strip(), where)
    return entry


def _checked_metadata(key: str, value: str, where: str) -> str:
    """One metadata value of the manifest, checked for its form; SeedError says the fix."""
    problem = None
    if CONTROL.search(value):
        problem = "holds a control character; remove it"
    elif key == "date" and (why := edtf_problem(value)):
        problem = f"is not an EDTF date ({why}); write e.g. 2017, 2017-11-07, 2017? or 1917/1921"
    elif key == "url" and (why := url_problem(value)):
        problem = f"is not a web address ({why}), e.g. https://example.org/essay"
    elif key == "licence" and not LICENCE_PATTERN.fullmatch(value):
        problem = "is not an SPDX identifier; write e.g. CC-BY-4.0 or CC-BY-SA-4.0"
    elif key == "language" and not LANGUAGE_PATTERN.fullmatch(value):
        problem = "is not a BCP 47 language tag; write e.g. en, ru or en-GB"
    if problem:
        raise SeedError(f"{where}: `{key}` {value!r} {problem}.")
    return value


#: Optional keys of a manifest entry that say how to cite the essay.
CITATION_KEYS = ("author", "date", "url", "licence", "language")


def citation_details(seeds_dir: Path) -> dict[str, dict[str, str]]:
    """Essay id -> the optional citation keys its manifest entry gives (``author``,
    ``date``, ``url``, ``licence``, ``language``), as text; a list (several authors) is
    joined with " and ". Essays without them, or without a manifest, get nothing."""
    manifest = seeds_dir / MANIFEST
    if not manifest.exists():
        return {}
    try:
        data = files.safe_load(read_text(manifest, limit=MAX_MANIFEST_BYTES))
    except yaml.YAMLError:
        return {}  # load_corpus reports it
    essays = data.get("essays") if isinstance(data, dict) else None
    found: dict[str, dict[str, str]] = {}
    for essay in essays if isinstance(essays, list) else []:
        if not isinstance(essay, dict) or not isinstance(essay.get("id"), str):
            continue
        details = {k: _detail(essay[k]) for k in CITATION_KEYS if essay.get(k) not in (None, "")}
        found[essay["id"]] = {k: v for k, v in details.items() if v}
    return found


def _detail(value: object) -> str:
    if isinstance(value, list):
        return " and ".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()
