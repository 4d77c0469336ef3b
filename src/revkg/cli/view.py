"""Commands for the network: view (an offline HTML page), path, export."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ..project import Project
from ._common import console, out, project, say

if TYPE_CHECKING:
    from rdflib import Graph


class Layer(StrEnum):
    """--layer of ``revkg view``."""

    CURATED = "curated"
    EXTRACTED = "extracted"


class ExportFormat(StrEnum):
    """--format of ``revkg export``: the network's formats, then the RDF ones."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE = "cytoscape"
    CSV = "csv"
    JSONLD = "jsonld"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    TURTLE = "turtle"
    TRIG = "trig"


def register(app: typer.Typer) -> None:
    app.command("view")(view_cmd)
    app.command("path")(path_cmd)
    app.command("export")(export_cmd)


def _types(values: list[str] | None) -> list[str] | None:
    """--types split at commas, each an entity type (a usage error otherwise)."""
    from ..vocab import ENTITY_TYPES

    found = [v.strip() for item in values or [] for v in item.split(",") if v.strip()]
    known = [t.lower() for t in ENTITY_TYPES]
    for name in found:
        if name.lower() not in known:
            raise typer.BadParameter(f"{name!r} is not an entity type; use {', '.join(known)}.")
    return found or None


def view_cmd(
    focus: str = typer.Option(None, "--focus", help="Only this entity and its neighbours."),
    hops: int = typer.Option(2, "--hops", min=1, help="How many steps around --focus."),
    between: tuple[str, str] | None = typer.Option(
        None, "--path", help="Draw the shortest chains between two entities: --path A B."
    ),
    types: Annotated[
        list[str] | None,
        typer.Option("--types", callback=_types, help="Types to keep, e.g. person,organization."),
    ] = None,
    layer: Annotated[Layer | None, typer.Option("--layer", help="Only these relations.")] = None,
    since: int = typer.Option(None, "--since", help="Only what overlaps this year or later."),
    until: int = typer.Option(None, "--until", help="Only what overlaps this year or earlier."),
    keep_undated: bool = typer.Option(False, "--keep-undated", help="Keep what has no date."),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write the page.")
    ] = None,
    open_page: bool = typer.Option(False, "--open", help="Open the page in a web browser."),
) -> None:
    """Write the network as one HTML page that works offline (default graph/revkg.html).

    Click an entity or relation to see its dates and the quotes behind it; search,
    filter by type, source, essay and years, or focus on a neighbourhood.

    Example: revkg view --focus Myasnikov --hops 2 --open
    """
    from ..graph.load import read_graph
    from ..network.page import write_html

    _check_years(since, until, keep_undated)
    proj = project()
    target = output or proj.html
    write_html(
        read_graph(proj.turtle),
        target,
        focus=focus,
        hops=hops,
        between=between,
        types=types,
        layers=[layer.value] if layer else None,
        since=since,
        until=until,
        keep_undated=keep_undated,
        title=proj.config.network_page_title,
    )
    size = target.stat().st_size / 1024
    say(f"wrote {proj.relative(target)} ({size:.0f} KB)")
    if open_page:
        _open(target)


def _check_years(since: int | None, until: int | None, keep_undated: bool) -> None:
    if since is not None and until is not None and since > until:
        raise typer.BadParameter(f"{since} is after --until {until}", param_hint="--since")
    if keep_undated and since is None and until is None:
        raise typer.BadParameter("give --since or --until too", param_hint="--keep-undated")


def _open(target: Path) -> None:
    import webbrowser

    try:
        opened = webbrowser.get().open(target.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        say(f"no web browser found; open {target.resolve()} in one by hand")


def path_cmd(
    source: str = typer.Argument(..., help="Where the chain starts, e.g. 'Myasnikov'."),
    target: str = typer.Argument(..., help="Where it ends, e.g. 'Lenin'."),
    limit: int = typer.Option(5, "--limit", min=1, help="At most this many chains."),
) -> None:
    """The shortest chains of relations between two entities, with the quotes for each link.

    Relations are followed in either direction; an arrow shows which way each one points.

    Example: revkg path Myasnikov Lenin
    """
    from ..graph.load import read_graph
    from ..network.projection import names, shortest_paths, to_networkx

    g = to_networkx(read_graph(project().turtle))
    found = names(g)
    a, b = found.find(source), found.find(target)
    if a == b:
        raise typer.BadParameter(
            f"{source!r} and {target!r} are the same entity; give two different ones.",
            param_hint="SOURCE TARGET",
        )
    chains = shortest_paths(g, a, b, limit=limit)
    name = {n: d["label"] for n, d in g.nodes(data=True)}
    if not chains:
        console.print(f"No chain of relations joins {name[a]} and {name[b]}.", highlight=False)
        raise typer.Exit(1)
    steps = len(chains[0])
    say(f"{len(chains)} shortest chain(s) of {steps} step(s):")
    for i, chain in enumerate(chains, 1):
        out.print(
            f"\n{i}. " + " — ".join([name[chain[0].source], *(name[s.target] for s in chain)])
        )
        for step in chain:
            for forward, fact in step.facts:
                s, t = (step.source, step.target) if forward else (step.target, step.source)
                when = f" ({fact['time']})" if fact.get("time") else ""
                out.print(f"   {name[s]} {fact['relation']} {name[t]}{when}")
                for ev in fact.get("evidence", []):
                    quote = f"“{ev['quote']}”" if ev.get("quote") else "(curator's addition)"
                    out.print(f"      {quote} — {ev['essay']} [{ev['method']}]")


RDF_EXTENSIONS = {"nquads": "nq", "ntriples": "nt", "turtle": "ttl", "trig": "trig"}
#: The file name extension of each format: graph/export/revkg.<extension> by default.
EXTENSIONS = {"cytoscape": "cyjs", "jsonld": "jsonld", **RDF_EXTENSIONS}
STDOUT = Path("-")


def export_cmd(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml (Cytoscape, igraph, Gephi), gexf (Gephi, with its timeline), "
            "cytoscape (Cytoscape.js JSON) or csv (Gephi, Palladio) for the network; jsonld, "
            "nquads, ntriples, turtle or trig for the RDF itself (a triplestore).",
        ),
    ] = ExportFormat.GRAPHML,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default graph/export/revkg.<format>); - for standard output.",
        ),
    ] = None,
    bom: Annotated[
        bool,
        typer.Option("--bom", help="csv: start with a UTF-8 byte-order mark (for Excel)."),
    ] = False,
) -> None:
    """Write the network for Gephi, Cytoscape, Palladio or igraph, or the RDF for a triplestore.

    CSV gives two files, <name>-nodes.csv and <name>-edges.csv. The RDF formats stream
    graph/revkg.trig through Oxigraph: N-Quads and TriG keep the layers as named graphs
    and never hold the graph in memory; N-Triples and Turtle hold their union. JSON-LD
    is the union, compacted with revkg's prefixes.

    Example: revkg export --format gexf
    """
    name, proj = fmt.value, project()
    _check_export(fmt, output, bom)
    target = output or proj.graph_dir / "export" / f"revkg.{EXTENSIONS.get(name, name)}"
    if name in RDF_EXTENSIONS:  # streamed by Oxigraph: no need for networkx
        _export_rdf(proj, name, target)
        return
    from ..graph.load import read_graph

    graph = read_graph(proj.turtle)
    if fmt is ExportFormat.JSONLD:
        from ..graph.jsonld import to_jsonld

        _write_text(proj, target, to_jsonld(graph), f" ({len(graph)} triples)")
        return
    _export_network(proj, graph, name, target, bom=bom)


def _export_network(proj: Project, graph: Graph, fmt: str, target: Path, *, bom: bool) -> None:
    from ..network.export import document, export
    from ..network.projection import to_networkx

    g = to_networkx(graph)
    if target == STDOUT:
        _write_text(proj, target, document(g, fmt), "")
        return
    for written in export(g, fmt, target, bom=bom):
        say(f"wrote {proj.relative(written)}")


def _check_export(fmt: ExportFormat, output: Path | None, bom: bool) -> None:
    """Usage errors for options that make no sense together."""
    if bom and fmt is not ExportFormat.CSV:
        raise typer.BadParameter("only --format csv has a byte-order mark", param_hint="--bom")
    if output == STDOUT and fmt is ExportFormat.CSV:
        raise typer.BadParameter(
            "CSV is two files (nodes and edges); give a file name", param_hint="--output"
        )


def _write_text(proj: Project, target: Path, text: str, counted: str) -> None:
    """Write ``text`` to ``target`` atomically, or to standard output for ``-``."""
    if target == STDOUT:
        with _stdout() as stream:
            stream.write(text.encode("utf-8"))
        return
    from ..files import write_atomic

    write_atomic(target, text)
    say(f"wrote {proj.relative(target)}{counted}")


@contextmanager
def _stdout() -> Iterator[IO[bytes]]:
    """Standard output as bytes; a reader that stops early (``| head``) ends it quietly."""
    sys.stdout.flush()
    try:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
        raise typer.Exit(0) from None


def _export_rdf(proj: Project, fmt: str, target: Path) -> None:
    from ..graph.bulk import convert, write_rdf
    from ..graph.load import require_built

    source = require_built(proj.trig)
    unit = "quads" if fmt in ("nquads", "trig") else "triples"
    if target == STDOUT:
        with _stdout() as stream:
            count = write_rdf(source, stream, fmt)
        say(f"wrote {count} {unit} to standard output")
        return
    count = convert(source, target, fmt)
    say(f"wrote {proj.relative(target)} ({count} {unit})")
