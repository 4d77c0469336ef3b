"""revkg: a knowledge graph of the Russian Revolution built from essays.

import revkg
kg = revkg.load()                       # the built graph of the project here
kg.query("brest-litovsk-opponents")     # a saved question, as a DataFrame
kg.facts("Myasnikov")                   # what the graph says, with quotes
"""

from .api import KnowledgeGraph, load
from .errors import EntityNotFound, GraphNotBuilt, QueryError, QuerySyntaxError, RevkgError

__version__ = "0.1.0"

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
