"""The query page: a saved question with its parameters, or SPARQL text, answered as a
table whose names link to their pages, with a timeline or a small graph and downloads.

    GET /?name=events-in-year&year=1917     a saved question, its parameters bound
    GET /?name=myasnikov-timeline&person=Lenin
    GET /?query=SELECT ...                  any query
    GET /?name=...&query=...                a saved question's text as edited; its
                                            parameters are still bound

The address holds everything the page ran, so it can be shared and reloaded. A
parameter the question does not declare, or a value of the wrong type (a year that is
not a whole number, a name no entity has), is refused with a message on the page;
nothing is run then. Entity parameters are looked up by name, alias or id, as
``revkg query --param`` does, with names read from the graph through the endpoint's
own runner.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from rdflib import URIRef
from werkzeug.datastructures import MultiDict

from .. import vocab
from ..errors import EntityNotFound, QueryError
from ..graph.lookup import Names
from .query import Param, SavedQuery, bind, default_of

#: Address fields that are not parameters.
RESERVED = ("name", "query")
INPUTS = {"integer": "number", "string": "text", "iri": "text", "entity": "text"}
_TYPES = " ".join(f"rk:{t}" for t in vocab.ENTITY_TYPES)
NAMES_QUERY = f"""SELECT ?e ?type ?label ?other WHERE {{
  VALUES ?type {{ {_TYPES} }}
  ?e a ?type ; rdfs:label ?label .
  OPTIONAL {{ ?e skos:altLabel|skos:hiddenLabel ?other }}
}}"""

#: Runs a query and returns its answer in a format (the endpoint's runner, bound).
Answer = Callable[[str, str], bytes]


@dataclass(frozen=True)
class Field:
    """A saved question's parameter as the page shows it: a typed input, prefilled."""

    name: str
    type: str
    description: str
    value: str
    input: str  # the input's type: number or text


@dataclass(frozen=True)
class Asked:
    """What the address asks: the saved question (if any), the text, the parameters."""

    saved: SavedQuery | None
    text: str
    params: dict[str, str]

    @property
    def edited(self) -> bool:
        return self.saved is not None and self.text != self.saved.text


def asked(args: MultiDict[str, str], saved: dict[str, SavedQuery]) -> Asked:
    """The question, text and parameters of a page's address; QueryError when the address
    names no saved question, gives a parameter twice, or one the question lacks."""
    name = args.get("name", "").strip()
    text = args.get("query", "")
    chosen = None
    if name:
        if name not in saved:
            known = ", ".join(sorted(saved)) or "none"
            raise QueryError(f"no saved question is called {name!r} (saved questions: {known}).")
        chosen = saved[name]
        text = text if text.strip() else chosen.text
    params = _params(args)
    if params and chosen is None and not text.strip():
        raise QueryError("parameters need a question: choose a saved question or write a query.")
    if chosen is not None:
        declared = [p.name for p in chosen.params]
        unknown = [k for k in params if k not in declared]
        if unknown:
            takes = f"takes {', '.join(declared)}" if declared else "takes no parameters"
            raise QueryError(
                f"the question {chosen.name!r} has no parameter {unknown[0]!r}; it {takes}."
            )
    return Asked(chosen, text.replace("\r\n", "\n"), params)


def _params(args: MultiDict[str, str]) -> dict[str, str]:
    """The address's parameters; an empty one is left out (its default holds)."""
    params: dict[str, str] = {}
    for key in args:
        values = [v for v in args.getlist(key) if v.strip()]
        if key in RESERVED or not values:
            continue
        if len(values) > 1:
            raise QueryError(f"the parameter {key!r} is given {len(values)} times; give it once.")
        params[key] = values[0]
    return params


def fallback(args: MultiDict[str, str], saved: dict[str, SavedQuery]) -> Asked:
    """The question an address names, without its parameters: what the page shows when
    the address is refused."""
    chosen = saved.get(args.get("name", "").strip())
    text = args.get("query", "")
    return Asked(chosen, text if text.strip() or chosen is None else chosen.text, {})


class EntityNames:
    """Every entity's names, read once from the graph through the runner."""

    def __init__(self, answer: Answer) -> None:
        self._answer = answer
        self._lock = threading.Lock()
        self._names: Names | None = None
        self.labels: dict[str, str] = {}

    def names(self) -> Names:
        with self._lock:
            if self._names is None:
                self._names = self._read()
            return self._names

    def _read(self) -> Names:
        found: dict[str, tuple[str, str, list[str]]] = {}
        data = json.loads(self._answer(NAMES_QUERY, "json"))
        for b in data["results"]["bindings"]:
            iri = b["e"]["value"]
            kind = b["type"]["value"].rpartition("#")[2]
            entry = found.setdefault(iri, (kind, b["label"]["value"], []))
            if "other" in b:
                entry[2].append(b["other"]["value"])
        self.labels = {iri: label for iri, (_, label, _) in found.items()}
        return Names.build(
            (iri, kind, label, others, (), iri.rstrip("/").rpartition("/")[2])
            for iri, (kind, label, others) in found.items()
        )

    def find(self, name: str) -> URIRef:
        return URIRef(self.names().find(name))

    def shown(self, term: str) -> str:
        """A default as a reader types it: an entity's label for its IRI."""
        if term.startswith("<") and term.endswith(">"):
            self.names()
            return self.labels.get(term[1:-1], term)
        return term.strip('"')


def bound(question: Asked, names: EntityNames) -> str:
    """The question's text with its parameters bound (QueryError if one is refused)."""
    if not question.params:
        return question.text
    declared = question.saved.params if question.saved else ()
    try:
        return bind(question.text, question.params, declared=declared, find=names.find)
    except EntityNotFound as e:
        raise QueryError(f"{e} Give a name, alias or id of an entity in the graph.") from e


def fields(question: Asked, names: EntityNames) -> list[Field]:
    """The inputs for the chosen question's parameters, with the values asked or the
    defaults."""
    if question.saved is None:
        return []
    return [_field(p, question, names) for p in question.saved.params]


def _field(param: Param, question: Asked, names: EntityNames) -> Field:
    assert question.saved is not None
    value = question.params.get(param.name)
    if value is None:
        value = names.shown(default_of(question.saved.text, param.name))
    return Field(param.name, param.type, param.description, value, INPUTS[param.type])


def address(question: Asked) -> str:
    """The page's own address for this question (what a reload or a link runs again)."""
    pairs: list[tuple[str, str]] = []
    if question.saved is not None:
        pairs.append(("name", question.saved.name))
    if question.saved is None or question.edited:
        pairs.append(("query", question.text))
    pairs += list(question.params.items())
    return "./?" + urlencode(pairs) if pairs else "./"


def downloads(endpoint: str, text: str, kind: str) -> list[tuple[str, str, str]]:
    """(label, address, file name) of the answer in the SPARQL formats that suit it."""
    formats = (
        [("Turtle", "turtle", "ttl"), ("JSON-LD", "jsonld", "jsonld")]
        if kind == "graph"
        else [("CSV", "csv", "csv"), ("JSON", "json", "json")]
    )
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):  # the saved question's header
        lines.pop(0)
    query = "\n".join(lines)
    return [
        (label, f"{endpoint}?{urlencode({'query': query, 'format': fmt})}", f"answer.{ext}")
        for label, fmt, ext in formats
    ]


def entity_names(names: EntityNames) -> Sequence[str]:
    """Every entity's label, for the inputs' suggestions."""
    names.names()
    return sorted(set(names.labels.values()), key=str.casefold)
