"""revkg's exceptions, drawn once.

    RevkgError                  base: every error revkg raises on purpose
     ├── ProjectNotFound        no seeds/ and graph/ found from here upwards
     ├── SeedError              a seed file is missing, unreadable or not UTF-8
     ├── CuratedFileError       a curated file is not valid YAML or not a list
     ├── ValidationFailed       the records have errors; carries the report
     ├── GraphNotBuilt          a command needs graph/revkg.ttl and it is missing
     ├── EntityNotFound         a name matches no entity; carries near matches
     └── QueryError             a SPARQL query failed to parse or run

The library raises these; the command line turns them into one-line messages
with a non-zero exit status. Each message says what to do next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import Report


class RevkgError(Exception):
    """Base class for errors revkg raises on purpose."""

    exit_code = 1


class ProjectNotFound(RevkgError):
    """Raised when no revkg project (seeds/ and graph/) encloses the working directory."""


class SeedError(RevkgError):
    """Raised when a seed essay cannot be read as UTF-8 text."""


class CuratedFileError(RevkgError):
    """Raised when a curated YAML file cannot be parsed at all."""


class ValidationFailed(RevkgError):
    """Raised by the build when validation finds errors; nothing is written."""

    def __init__(self, report: Report) -> None:
        self.report = report
        n = len(report.errors)
        super().__init__(
            f"validation found {n} error{'s' if n != 1 else ''}; the graph was not written "
            "(the previous build is untouched). Fix them and run `revkg build` again."
        )


class GraphNotBuilt(RevkgError):
    """Raised when a command needs the built graph and it does not exist."""


class EntityNotFound(RevkgError):
    """Raised when a name matches no entity label or alias."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity is called {name!r}.{hint}")


class QueryError(RevkgError):
    """Raised when a SPARQL query cannot be parsed or evaluated."""


class ProjectBusy(RevkgError):
    """Raised when another revkg process holds the project's build lock for too long."""


class OutputNotWritten(RevkgError):
    """Raised when graph/ (or another output) cannot be written: permissions, a full disk."""


class QueryRefused(QueryError):
    """Raised before a query is parsed when it is too large, nests too deep or names a
    dataset (FROM): no engine is asked to run it."""


class UpdateRefused(QueryError):
    """Raised for SPARQL Update (INSERT, DELETE, LOAD, CLEAR ...): the graph is read-only."""


class ServiceRefused(QueryError):
    """Raised for SERVICE (federated query) when it has not been allowed."""
