"""Answers in the formats of the SPARQL 1.1 standards, one function per format.

    SELECT, ASK          json (application/sparql-results+json), xml, csv, tsv
    CONSTRUCT, DESCRIBE  turtle, nt (N-Triples), rdfxml (RDF/XML), jsonld (JSON-LD)

The endpoint's workers render answers here, so the server only relays bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import NotRepresentable
from .store import QueryResult

SELECT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
#: Characters XML 1.0 cannot carry at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(result: QueryResult, fmt: str, prefixes: dict[str, str] | None = None) -> str:
    """``result`` in format ``fmt`` (a key of SELECT_FORMATS or GRAPH_FORMATS); a graph
    is written with ``prefixes`` (revkg's own when not given)."""
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise NotRepresentable(f"a graph answer cannot be sent as {fmt}")
        rdflib_format = {"turtle": "turtle", "nt": "nt", "rdfxml": "xml", "jsonld": "json-ld"}
        return result.graph(prefixes).serialize(format=rdflib_format[fmt])
    if fmt == "json":
        return sparql_json(result)
    if fmt == "xml":
        return sparql_xml(result)
    if fmt == "csv":
        return sparql_csv(result)
    if fmt == "tsv":
        return sparql_tsv(result)
    raise NotRepresentable(f"a {result.kind.upper()} answer cannot be sent as {fmt}")


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    found = {"type": "literal", "value": str(term)}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype:
        found["datatype"] = str(term.datatype)
    return found


def sparql_json(result: QueryResult) -> str:
    """The SPARQL 1.1 Query Results JSON format (SELECT and ASK)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        indent=1,
    )


def sparql_xml(result: QueryResult) -> str:
    """The SPARQL Query Results XML format; NotRepresentable for characters XML forbids."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables))
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "\n".join(out)
    out.append("<results>")
    for row in result.rows:
        cells = [
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.variables, row, strict=True)
            if t is not None
        ]
        out.append("<result>" + "".join(cells) + "</result>")
    out.append("</results></sparql>")
    text = "\n".join(out)
    if bad := _NOT_XML.search(text):
        raise NotRepresentable(
            f"the answer holds the character U+{ord(bad.group()):04X}, which XML cannot "
            "carry; ask for JSON, CSV or TSV instead."
        )
    return text


def _xml_term(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{xml_escape(str(term), {chr(13): '&#13;'})}</literal>"


def sparql_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: plain values, quoted where needed, CRLF line ends."""
    if result.kind == "ask":
        return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([["" if t is None else str(t) for t in row] for row in result.rows])
    return buffer.getvalue()


def sparql_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results: terms in SPARQL syntax, so tabs and newlines are escaped."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in result.rows]
    return "".join(line + "\n" for line in lines)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def tsv_term(term: Node | None) -> str:
    """A term as SPARQL writes it, on one line: ``<iri>``, ``"text"@en``, ``"1"^^<type>``."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(term)) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype:
        return f"{text}^^<{term.datatype}>"
    return text
