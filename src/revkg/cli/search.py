"""revkg search: full-text search over the essays' sentences and the graph's quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ._common import json_text, out, project, say

if TYPE_CHECKING:
    from ..sources.search import Hit


def register(app: typer.Typer) -> None:
    app.command("search")(search_cmd)


def search_cmd(
    text: Annotated[str, typer.Argument(help="Words to find, e.g. 'free speech'.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many sentences.")
    ] = 10,
    essay: Annotated[
        str | None, typer.Option("--essay", "-e", metavar="ID", help="Only this essay.")
    ] = None,
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
) -> None:
    """Find sentences in the essays, best first, with the entities each one names.

    Plain words must all occur; "a phrase" in double quotes, OR, NOT, NEAR and word*
    follow SQLite FTS5's query syntax. A sentence with the words as typed comes first.

    Example: revkg search 'free speech' --essay gavril-myasnikov
    """
    from ..graph.load import read_graph
    from ..graph.records import read_records
    from ..sources.search import SearchIndex, hit_json
    from ..sources.seeds import load_corpus

    proj = project()
    records = read_records(read_graph(proj.turtle))
    documents = load_corpus(proj.seeds_dir)
    if essay is not None and essay not in documents:
        raise typer.BadParameter(
            f"no essay has the id {essay!r}; the essays are {', '.join(sorted(documents))}.",
            param_hint="'--essay'",
        )
    quotes = {
        (ev.doc, ev.start, ev.end, ev.quote)
        for fact in records.facts
        for ev in fact.evidence
        if ev.quote and ev.start is not None and ev.end is not None
    }
    hits = SearchIndex(documents, records.entities, quotes).search(text, limit=limit, essay=essay)
    if as_json:
        out.print(json_text({"search": text, "hits": [hit_json(h) for h in hits]}))
        return
    for rank, hit in enumerate(hits, 1):
        _print_hit(rank, hit)
    say(f"{len(hits)} sentence{'s' if len(hits) != 1 else ''} found")


def _print_hit(rank: int, hit: Hit) -> None:
    """The essay and paragraph, the sentence with its matches highlighted, what it names."""
    from rich.text import Text

    from ..text import printable

    s = hit.sentence
    where = "title" if s.paragraph == 0 else f"¶ {s.paragraph}"
    out.print(printable(f"{rank}. {s.doc} {where}: {hit.title}"))
    sentence = Text("   " + printable(s.text))
    for start, end in hit.marks:
        sentence.stylize("bold reverse", start + 3, end + 3)
    out.print(sentence)
    if hit.entities:
        out.print(printable(f"   names: {', '.join(e.label for e in hit.entities)}"))
    if hit.quotes:
        out.print(f"   the graph quotes it {hit.quotes} time{'s' if hit.quotes != 1 else ''}")
