"""Where a revkg project keeps its files (seeds/, graph/, graph/curated/), and its
settings (revkg.toml: title, description, licence, authors, curator, base IRI)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from . import vocab
from .errors import ConfigError, ProjectExists, ProjectNotFound
from .model import LICENCE_PATTERN, edtf_problem

CONFIG_FILE = "revkg.toml"
#: Overrides the config's ``base_iri`` for build and query alike.
BASE_IRI_VARIABLE = "REVKG_BASE_IRI"
_BASE_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+[/#]")
_KEYS: tuple[str, ...] = ("title", "description", "licence", "authors", "curator", "issued")
_KEYS += ("base_iri",)
_KEYS += ("network_title", "query_title")


@dataclass(frozen=True)
class Config:
    """A project's settings from revkg.toml; without the file, revkg's own."""

    title: str = "revkg: the Russian Revolution"
    description: str = (
        "A knowledge graph of the people, works, organizations, events and ideas of the "
        "Russian Revolution and its aftermath, built from essays; every fact points back "
        "to the sentence it rests on."
    )
    licence: str = ""  # an SPDX identifier or expression, e.g. CC-BY-4.0
    authors: tuple[str, ...] = ()
    curator: str = ""  # who curates graph/curated/: credited on curated evidence
    issued: str = ""  # when the graph was first published: YYYY-MM-DD
    base_iri: str = vocab.BASE_IRI  # instances only; the vocabulary's namespace is fixed
    network_title: str = ""  # the network page's title (default: from the title)
    query_title: str = ""  # the query page's heading (default: from the title)

    @property
    def network_page_title(self) -> str:
        return self.network_title or f"{self.title}: the network"

    @property
    def query_page_title(self) -> str:
        return self.query_title or f"Ask {self.title}"


def read_config(path: Path) -> Config:
    """The settings in ``path``; ConfigError names the line and the fix."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{CONFIG_FILE}: cannot read it ({e}); save it as UTF-8.") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{CONFIG_FILE}: not valid TOML: {e}; fix the line.") from e
    values: dict[str, object] = {}
    for key, value in data.items():
        where = f"{CONFIG_FILE}:{_line_of(text, key)}"
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown setting {key!r}; allowed: {', '.join(_KEYS)}.")
        values[key] = _checked(key, value, where)
    return Config(**values)  # type: ignore[arg-type]


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _checked(key: str, value: object, where: str) -> object:
    if key == "authors":
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            raise ConfigError(f'{where}: authors must be a list of names, e.g. ["Ada", "Bo"].')
        return tuple(a.strip() for a in value)
    if not isinstance(value, str):
        raise ConfigError(f'{where}: {key} must be text in double quotes, e.g. {key} = "...".')
    value = value.strip()
    if key == "base_iri":
        return check_base_iri(value, where)
    if (
        key == "issued"
        and value
        and (not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or edtf_problem(value))
    ):
        raise ConfigError(f"{where}: issued {value!r} must be a date that exists, as YYYY-MM-DD.")
    if key == "licence" and value and not LICENCE_PATTERN.fullmatch(value):
        raise ConfigError(
            f"{where}: licence {value!r} is not an SPDX identifier; write e.g. CC-BY-4.0 or MIT."
        )
    return value


def check_base_iri(value: str, where: str) -> str:
    """``value`` if it can be the base of instance IRIs, else ConfigError naming ``where``."""
    if not _BASE_IRI.fullmatch(value):
        raise ConfigError(
            f"{where}: base IRI {value!r} must be an http(s) IRI ending in / or #, "
            "e.g. https://example.org/my-graph/."
        )
    if value.startswith(vocab.VOCAB_IRI):
        raise ConfigError(
            f"{where}: base IRI {value!r} would put instances in revkg's vocabulary "
            "namespace; choose another."
        )
    return value


@dataclass(frozen=True)
class Project:
    """Paths of one project, all derived from its root."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @cached_property
    def config(self) -> Config:
        """The settings in revkg.toml, or revkg's own when there is no such file."""
        return read_config(self.config_file) if self.config_file.exists() else Config()

    @property
    def base_iri(self) -> str:
        """Where instance IRIs start: $REVKG_BASE_IRI if set, else the config's."""
        override = os.environ.get(BASE_IRI_VARIABLE)
        if override:
            return check_base_iri(override.strip(), BASE_IRI_VARIABLE)
        return self.config.base_iri

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def curated_dir(self) -> Path:
        return self.graph_dir / "curated"

    @property
    def queries_dir(self) -> Path:
        return self.graph_dir / "queries"

    @property
    def gold_dir(self) -> Path:
        """The gold set ``revkg evaluate`` measures extraction against: hand-made, like
        the curated data, and one YAML file per essay."""
        return self.graph_dir / "gold"

    @property
    def turtle(self) -> Path:
        return self.graph_dir / "revkg.ttl"

    @property
    def trig(self) -> Path:
        return self.graph_dir / "revkg.trig"

    @property
    def ontology(self) -> Path:
        return self.graph_dir / "ontology.ttl"

    @property
    def shapes(self) -> Path:
        return self.graph_dir / "shapes.ttl"

    @property
    def void(self) -> Path:
        """The dataset's description (VoID and DCAT), served at /.well-known/void."""
        return self.graph_dir / "void.ttl"

    @property
    def html(self) -> Path:
        return self.graph_dir / "revkg.html"

    @property
    def lock(self) -> Path:
        """Held by a build while it runs, so that two builds never interleave."""
        return self.graph_dir / ".revkg.lock"  # graph.load.BUILD_LOCK, which readers share

    @property
    def journal(self) -> Path:
        """The renames of a build's outputs, recorded until all of them are done."""
        return self.graph_dir / ".revkg.renames"

    def relative(self, path: Path) -> str:
        """A path as shown to people: relative to the project root where possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def is_project(path: Path) -> bool:
    """True when ``path`` holds a revkg project (seeds/ and graph/curated/)."""
    return (path / "seeds").is_dir() and (path / "graph" / "curated").is_dir()


def open_project(path: Path) -> Project:
    """The project at exactly ``path`` (``--project DIR``), never one enclosing it."""
    if not is_project(path):
        raise ProjectNotFound(
            f"{path} is not a revkg project (it needs seeds/ and graph/curated/); "
            "check the --project path."
        )
    project = Project(path.resolve())
    _ = project.config  # a bad revkg.toml is reported before anything runs
    return project


def find_project(start: Path | None = None) -> Project:
    """The project enclosing ``start`` (``--project``); without it, $REVKG_HOME if set,
    then the project enclosing the working directory."""
    env = os.environ.get("REVKG_HOME") if start is None else None
    candidates = [Path(env)] if env else []
    here = (start or Path.cwd()).resolve()
    candidates += [here, *here.parents]
    for path in candidates:
        if is_project(path):
            project = Project(path)
            _ = project.config
            return project
    raise ProjectNotFound(
        f"no revkg project found at or above {here}: run this inside the revkg checkout "
        "(the folder with seeds/ and graph/), pass --project DIR, or set REVKG_HOME."
    )


#: The files ``revkg init`` writes for each entity type (empty lists, canonical form).
_TYPE_FILES = ("people", "works", "organizations", "events", "places", "concepts")


def create_project(path: Path, *, title: str | None = None) -> Project:
    """A new project in ``path`` (created, or empty): revkg.toml, seeds/ with a manifest,
    graph/curated/ with an empty file per type and an example, saved questions in
    graph/queries/ with an example of expected answers (commented out), and a README
    with the commands to build, check and query it."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ProjectExists(
            f"{path} is not empty; give `revkg init` a new or empty folder for the project."
        )
    title = (title or path.resolve().name).strip() or "My revkg project"
    if re.search(r"[\x00-\x1f\x7f]", title):
        raise ConfigError("the title holds a control character; give it as one line of text.")
    starter = resources.files("revkg") / "starter"
    project = Project(path.resolve())
    curated = project.curated_dir
    for folder in (project.seeds_dir, curated / "statements", project.queries_dir):
        folder.mkdir(parents=True, exist_ok=True)
    files_written = {
        project.config_file: _starter_config(title),
        project.root / "README.md": starter.joinpath("README.md").read_text("utf-8"),
        project.seeds_dir / "manifest.yaml": starter.joinpath("manifest.yaml").read_text("utf-8"),
        curated / "README.md": starter.joinpath("curated-README.md").read_text("utf-8"),
        **{curated / f"{name}.yaml": "[]\n" for name in _TYPE_FILES},
    }
    for query in sorted(starter.joinpath("queries").iterdir(), key=lambda q: q.name):
        files_written[project.queries_dir / query.name] = query.read_text("utf-8")
    for file, text in files_written.items():
        file.write_text(text.replace("@TITLE@", title), encoding="utf-8")
    return project


def _starter_config(title: str) -> str:
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "graph"
    return f"""# revkg project settings (see revkg's README, "Starting your own project").
title = {quoted}
description = ""
# An SPDX identifier for the graph's data, e.g. CC-BY-4.0.
licence = ""
authors = []
# Who curates graph/curated/: credited on every curated fact.
curator = ""
# When the graph was first published (YYYY-MM-DD), for the dataset description.
issued = ""
# Your entities' IRIs start here: change it to an IRI you control. revkg's vocabulary
# (rk:) stays at https://w3id.org/revkg/vocab#. REVKG_BASE_IRI overrides it.
base_iri = "https://example.org/{slug}/"
"""
