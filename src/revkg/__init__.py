"""revkg: a knowledge graph of the Russian Revolution built from essays."""

__version__ = "0.1.0"
