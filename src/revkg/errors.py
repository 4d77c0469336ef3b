"""revkg's exceptions, drawn once.

    RevkgError                  base: every error revkg raises on purpose
     ├── ProjectNotFound        no seeds/ and graph/ found from here upwards
     ├── ConfigError            revkg.toml is not valid TOML or holds a bad setting
     ├── ProjectExists          `revkg init` was given a folder that is not empty
     ├── SeedError              a seed file is missing, unreadable or not UTF-8
     ├── ExtractionInputError   `revkg extract` could not read some of its files
     ├── CuratedFileError       a curated file is not valid YAML or not a list
     ├── ReviewFileError        graph/review.yaml is unreadable or holds a bad decision
     ├── RuleTableError         the extraction rule table is malformed
     ├── ModelError             spaCy's English model is missing or differs from its hashes
     ├── GoldSetError           a gold-set file is unreadable or malformed
     ├── ExpectedFileError      a file of expected answers (*.expected.yaml) is malformed
     ├── InvalidDate            a date is malformed or cannot exist
     ├── ValidationFailed       the records have errors; carries the report
     ├── GraphNotBuilt          a command needs graph/revkg.ttl and it is missing
     ├── GraphFileError         a graph file is not valid RDF in the format its name says
     ├── UnknownFormat          an export format or RDF file extension revkg does not know
     ├── OutputError            a file cannot be written where it was asked for
     ├── ProjectBusy            another build of the project holds its lock too long
     ├── EntityNotFound         a name matches no entity; carries near matches
     ├── UnknownCandidate       a review decision names no current candidate
     ├── BackgroundError        the background process died or its error could not come back
     ├── AddressUnavailable     `revkg serve` cannot listen on the host and port asked for
     ├── SearchUnavailable      this Python's SQLite has no FTS5, which `revkg search` needs
     ├── SearchQueryError       a search text is empty, too long, holds a control character
     │                          or is an FTS5 query that does not parse
     ├── EditRefused            `revkg curate` was asked for a change that would make the
     │                          curated data invalid, or that names nothing
     ├── FileChanged            a file `revkg curate` would write changed on disk since the
     │                          page was loaded
     └── QueryError             a SPARQL query failed to parse or run
          ├── QuerySyntaxError  the query does not parse; knows the line and column
          ├── UpdateRefused     SPARQL Update: the graph is read-only
          ├── ServiceRefused    SERVICE (federated query) when it is not allowed
          ├── QueryRefused      too large, nested too deep, or names a dataset (FROM)
          ├── ResultTooLarge    more rows or bytes than the limits allow
          ├── NotRepresentable  the answer cannot be written in the format asked for
          ├── QueryTimeout      the query ran past its time limit and was stopped
          └── ServerBusy        no worker became free in time to run the query

The library raises these for anything a user can cause; each message names the
thing at fault and says what to do next. InvalidDate and UnknownFormat are also
ValueErrors, so code that catches ValueError goes on catching them.

The command line turns them into a one-line message on stderr and exit status 1.
Usage errors (an unknown option, a value outside an option's choices, a missing
argument) are typer's own: a usage message and exit status 2.
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


class ConfigError(RevkgError):
    """Raised when a project's revkg.toml (or REVKG_BASE_IRI) holds a bad setting."""


class ProjectExists(RevkgError):
    """Raised by ``revkg init`` when the folder it was given is not empty."""


class SeedError(RevkgError):
    """Raised when a seed essay cannot be read as UTF-8 text."""


class ExtractionInputError(RevkgError):
    """Raised by ``revkg extract`` after the readable files are done, when one or more
    input files could not be read as UTF-8 text."""


class CuratedFileError(RevkgError):
    """Raised when a curated YAML file cannot be parsed at all."""


class ReviewFileError(RevkgError):
    """Raised when graph/review.yaml cannot be read or holds a decision that makes no sense."""


class RuleTableError(RevkgError):
    """Raised when the rule table is loaded and is malformed; names the rule and field."""


class ModelError(RevkgError):
    """Raised when the statistical model extraction parses with is not installed, or
    one of its files differs from the hash recorded in ``extract/model.sha256``."""


class GoldSetError(RevkgError):
    """Raised when a gold file is unreadable or names an unknown predicate."""


class ExpectedFileError(RevkgError):
    """Raised when a file of expected answers (graph/queries/*.expected.yaml) cannot be
    read or holds a malformed case; names the file, the line and the fix."""


class InvalidDate(RevkgError, ValueError):
    """Raised by ``Date.parse`` and ``Date.check`` when a date is not written as YYYY,
    YYYY-MM, YYYY-MM-DD or a decade (1920s), or cannot exist. Also a ValueError."""


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


class GraphFileError(RevkgError):
    """Raised when a graph file (revkg.trig, revkg.ttl or one given to ``revkg.load``)
    cannot be parsed as the RDF its extension says."""


class UnknownFormat(RevkgError, ValueError):
    """Raised when a network or RDF export is asked for a format revkg does not write, or an
    RDF file has an extension revkg cannot read; names the known ones. Also a ValueError."""


class OutputError(RevkgError):
    """Raised when a file revkg writes cannot be created or put in place (a folder or a
    file in the way, no permission, a full disk); nothing is left half-written."""


class EntityNotFound(RevkgError):
    """Raised when a name matches no entity label or alias."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity is called {name!r}.{hint}")


class UnknownCandidate(RevkgError):
    """Raised when a decision names a candidate id that the current extraction does not
    produce (or a prefix that several ids share)."""


class BackgroundError(RevkgError):
    """Raised by ``Task.wait`` when the background process died, or when its exception
    could not be sent back (then the message is the child's traceback)."""


class ProjectBusy(RevkgError):
    """Raised when another revkg process holds the project's build lock for too long."""


class AddressUnavailable(RevkgError):
    """Raised when the SPARQL server cannot listen on its host and port (in use, not
    allowed, or no such address)."""


class SearchUnavailable(RevkgError):
    """Raised when ``revkg search`` finds no FTS5 in Python's SQLite to index the essays."""


class SearchQueryError(RevkgError):
    """Raised when a search text is refused: empty, longer than the limit, holding a
    control character, or written in FTS5's query syntax that does not parse."""


class EditRefused(RevkgError):
    """Raised by the curation app when a change would make the curated data or the review
    file invalid (a quote not in the essay, an unknown id, a taken name), or when there is
    nothing to change (no decision to undo); nothing is written."""


class FileChanged(RevkgError):
    """Raised by the curation app when a file it would write differs from the version the
    page was made from (someone edited it meanwhile); nothing is written."""


class QueryError(RevkgError):
    """Raised when a SPARQL query cannot be parsed or evaluated."""


class QuerySyntaxError(QueryError):
    """Raised when a query does not parse; knows the line and column of the problem."""

    def __init__(self, message: str, text: str, line: int, column: int) -> None:
        self.message, self.text, self.line, self.column = message, text, line, column
        super().__init__(self.render())

    def render(self) -> str:
        """The message, the offending line and a caret under the spot."""
        lines = self.text.splitlines() or [""]
        source = lines[min(self.line, len(lines)) - 1]
        caret = " " * (max(self.column, 1) - 1) + "^"
        return (
            f"syntax error at line {self.line}, column {self.column}: {self.message}\n"
            f"  {source}\n  {caret}"
        )


class UpdateRefused(QueryError):
    """Raised for SPARQL Update (INSERT, DELETE, LOAD, CLEAR ...): the graph is read-only."""


class ServiceRefused(QueryError):
    """Raised for SERVICE (federated query) when it has not been allowed."""


class QueryRefused(QueryError):
    """Raised before a query is parsed when it is too large, nests too deep or names a
    dataset (FROM): no engine is asked to run it."""


class ResultTooLarge(QueryError):
    """Raised when an answer has more rows or bytes than the limits allow."""


class NotRepresentable(QueryError):
    """Raised when an answer cannot be written in the format asked for (a character XML
    cannot carry, a graph as SPARQL results)."""


class QueryTimeout(QueryError):
    """Raised when a query runs past its time limit and is stopped."""


class ServerBusy(QueryError):
    """Raised when no worker became free in time to run a query."""
