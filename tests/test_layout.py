"""The package layout is the pipeline: each stage a folder, and imports run one way.

    shared    vocab, model, errors, report, files, text, project, processes, palette:
              used by all
    sources   essays and curated files in           imports shared only
    extract   documents -> candidates               imports sources
    graph     records -> RDF, lookup, stats         imports shared only
    sparql    the graph -> answers, the endpoint    imports graph
    network   the graph -> networkx, page, exports  imports graph
    site      entity and essay pages, static site   imports graph, sources (the essays)
    build     runs the stages, writes graph/        imports the stages
    curate    the curation app: judge, add facts    imports sources, extract, graph,
                                                    sparql (its HTTP helpers), build
    display   HTML for Jupyter: graph, entities     imports graph
    api       ``revkg.load()`` for Python           imports graph, sparql, network, display
    cli       thin commands                         imports any of these

A stage may import the shared modules and the stages to its left, never one to its
right: extraction never imports graph assembly, SPARQL or the network; SPARQL and the
network never import the build. The endpoint serves the pages without importing them:
``revkg serve`` hands it the pages' app. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "revkg"
SHARED = {"vocab", "model", "errors", "report", "files", "text", "project", "processes", "palette"}

#: What each part may import besides itself and the shared modules.
ALLOWED: dict[str, set[str]] = {
    "shared": set(),
    "sources": set(),
    "extract": {"sources"},
    "graph": set(),
    "sparql": {"graph"},
    "network": {"graph"},
    "site": {"graph", "sources"},
    "background": set(),
    "build": {"sources", "extract", "graph", "network", "background"},
    "curate": {"sources", "extract", "graph", "sparql", "build"},
    "display": {"graph"},
    "api": {"graph", "sparql", "network", "display"},
    "cli": {
        "sources",
        "extract",
        "graph",
        "sparql",
        "network",
        "site",
        "build",
        "curate",
        "api",
        "display",
    }
    | {"__init__"},
    "__init__": {"api", "sparql"},
    "__main__": {"cli"},
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    parts = parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts
    return ".".join(parts)


def part_of(module: str) -> str:
    head = module.split(".")[0]
    return "shared" if head in SHARED else head


def imports_of(path: Path) -> set[str]:
    """The revkg modules a file imports (resolved, without the ``revkg.`` prefix)."""
    here = module_name(path)
    package = list(path.parent.relative_to(SRC).parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
            elif node.module and node.module.split(".")[0] == "revkg":
                base = []
            else:
                continue
            target = [*base, *((node.module or "").split(".") if node.module else [])]
            if target and target[0] == "revkg":
                target = target[1:]
            for alias in node.names:
                candidate = [*target, alias.name]
                is_module = (SRC.joinpath(*candidate).with_suffix(".py")).exists() or (
                    SRC.joinpath(*candidate, "__init__.py")
                ).exists()
                found.add(".".join(candidate if is_module else target) or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "revkg":
                    found.add(alias.name.removeprefix("revkg").lstrip(".") or "__init__")
    found.discard(here)
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in sorted(SRC.rglob("*.py")):
        module = module_name(path)
        graph.add_node(module)
        for target in imports_of(path):
            graph.add_edge(module, target)
    return graph


GRAPH = import_graph()


def test_every_module_belongs_to_a_known_part():
    unknown = sorted(m for m in GRAPH if part_of(m) not in ALLOWED)
    assert not unknown, f"modules outside the layout (add them to ALLOWED): {unknown}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_run_one_way(module):
    part = part_of(module)
    allowed = ALLOWED[part] | {part, "shared"}
    wrong = sorted(t for t in GRAPH.successors(module) if part_of(t) not in allowed)
    assert not wrong, f"{module} ({part}) may not import {wrong}; it may import {sorted(allowed)}"


def test_no_import_cycles():
    cycles = [c for c in nx.simple_cycles(GRAPH) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_the_contract_catches_a_wrong_arrow():
    graph = GRAPH.copy()
    graph.add_edge("extract.pipeline", "graph.assemble")
    part = part_of("extract.pipeline")
    wrong = [
        t
        for t in graph.successors("extract.pipeline")
        if part_of(t) not in ALLOWED[part] | {part, "shared"}
    ]
    assert wrong == ["graph.assemble"]


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: module_name(p))
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module_name(path)} has {lines} lines; split it"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{module_name(path)}: functions over {MAX_FUNCTION_LINES} lines: {long}"
