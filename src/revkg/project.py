"""Where a revkg project keeps its files: seeds/, graph/ and graph/curated/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectNotFound


@dataclass(frozen=True)
class Project:
    """Paths of one project, all derived from its root."""

    root: Path

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
    return Project(path.resolve())


def find_project(start: Path | None = None) -> Project:
    """The project enclosing ``start`` (``--project``); without it, $REVKG_HOME if set,
    then the project enclosing the working directory."""
    env = os.environ.get("REVKG_HOME") if start is None else None
    candidates = [Path(env)] if env else []
    here = (start or Path.cwd()).resolve()
    candidates += [here, *here.parents]
    for path in candidates:
        if is_project(path):
            return Project(path)
    raise ProjectNotFound(
        f"no revkg project found at or above {here}: run this inside the revkg checkout "
        "(the folder with seeds/ and graph/), pass --project DIR, or set REVKG_HOME."
    )
