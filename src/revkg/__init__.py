"""revkg: a knowledge graph of the Russian Revolution built from essays.

import revkg
kg = revkg.load()                       # the built graph of the project here
kg.query("brest-litovsk-opponents")     # a saved question, as a DataFrame
kg.facts("Myasnikov")                   # what the graph says, with quotes
"""

from .api import KnowledgeGraph, load
from .errors import EntityNotFound, GraphNotBuilt, QueryError, QuerySyntaxError, RevkgError

#: The version when revkg is run from a source tree that was never installed.
UNKNOWN_VERSION = "0+unknown"

__all__ = [
    "EntityNotFound",
    "GraphNotBuilt",
    "KnowledgeGraph",
    "QueryError",
    "QuerySyntaxError",
    "RevkgError",
    "__version__",
    "load",
]


def __getattr__(name: str) -> str:
    """``revkg.__version__``: the installed package's version, read from its metadata
    (pyproject.toml is the one place it is written) when first asked for."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(__name__)
        except PackageNotFoundError:
            return UNKNOWN_VERSION
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
