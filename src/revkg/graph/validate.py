"""Checks on the records and on the built graph; every check adds to a Report.

revkg's own checks work on the records, so problems point at ``file:line``:
duplicate ids, dangling references, wrong types at either end of a property,
impossible dates, entities no fact mentions. The SHACL shapes (generated from
the vocabulary, published as ``graph/shapes.ttl``) are then run with pySHACL
on the built dataset, as a second, independent check of what was written.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

from .. import vocab
from ..model import Date, Entity, Origin, Statement
from ..report import Report


def check_records(entities: Iterable[Entity], statements: Iterable[Statement]) -> Report:
    """revkg's own checks over curated and extracted records."""
    report = Report()
    registry = _check_ids(list(entities), report)
    statements = list(statements)
    _check_names(registry, report)
    _check_wikidata(registry, report)
    for st in statements:
        _check_statement(st, registry, report)
    _check_life_dates(statements, registry, report)
    used = {st.subject for st in statements} | {st.object for st in statements if st.object}
    for entity in registry.values():
        if entity.id not in used:
            report.add(
                entity.origin,
                _who(entity),
                "takes part in no fact; add a statement about it or remove it",
                warning=True,
            )
    return report


def _who(entity: Entity) -> str:
    return f"{vocab.CLASSES_BY_NAME[entity.type].label} {entity.id!r}"


def _check_ids(entities: list[Entity], report: Report) -> dict[str, Entity]:
    registry: dict[str, Entity] = {}
    for entity in entities:
        first = registry.get(entity.id)
        if first is not None:
            report.add(
                entity.origin,
                _who(entity),
                f"duplicate id; already defined at {first.origin}. Give one a new id "
                "or merge the two",
            )
            continue
        registry[entity.id] = entity
    return registry


def _check_wikidata(registry: Mapping[str, Entity], report: Report) -> None:
    """A Wikidata item is one thing: two entities that name the same one are an error."""
    first: dict[str, Entity] = {}
    for entity in registry.values():
        if not entity.wikidata:
            continue
        owner = first.setdefault(entity.wikidata, entity)
        if owner is not entity:
            report.add(
                entity.origin,
                _who(entity),
                f"wikidata {entity.wikidata} is already given to {_who(owner)} at "
                f"{owner.origin}; an item is one entity, so merge the two or remove one",
            )


def _check_names(registry: Mapping[str, Entity], report: Report) -> None:
    owners: dict[str, list[Entity]] = defaultdict(list)
    for entity in registry.values():
        for name in {n.casefold() for n in entity.names()}:
            owners[name].append(entity)
    for name, found in sorted(owners.items()):
        if len(found) > 1:
            ids = ", ".join(sorted(e.id for e in found))
            report.add(
                found[-1].origin,
                _who(found[-1]),
                f"the name {name!r} belongs to several entities ({ids}); "
                "searches for it will be ambiguous",
                warning=True,
            )


def _check_statement(st: Statement, registry: Mapping[str, Entity], report: Report) -> None:
    prop = vocab.PROPERTIES_BY_NAME[st.predicate]
    who = st.describe()
    subject = _resolve(st.subject, "subject", registry, st.origin, who, report)
    if subject and subject.type not in prop.domain:
        report.add(
            st.origin,
            who,
            f"the subject of {st.predicate} must be a "
            f"{_either(prop.domain)}, but {subject.id!r} is a {subject.type.lower()}",
        )
    if st.object is not None:
        obj = _resolve(st.object, "object", registry, st.origin, who, report)
        if obj and obj.type not in prop.range:
            report.add(
                st.origin,
                who,
                f"the object of {st.predicate} must be a "
                f"{_either(prop.range)}, but {obj.id!r} is a {obj.type.lower()}",
            )
    if st.start and st.end and _sort_key(st.start) > _sort_key(st.end):
        report.add(st.origin, who, f"starts ({st.start}) after it ends ({st.end})")
    for ev in st.evidence:
        if not 0.0 <= ev.confidence <= 1.0:
            report.add(st.origin, who, f"confidence {ev.confidence} is not between 0 and 1")


def _resolve(
    ident: str,
    role: str,
    registry: Mapping[str, Entity],
    origin: Origin | None,
    who: str,
    report: Report,
) -> Entity | None:
    entity = registry.get(ident)
    if entity is None:
        near = difflib.get_close_matches(ident, list(registry), n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(near)}?" if near else "define it in an entity file first"
        report.add(origin, who, f"unknown {role} {ident!r}; {hint}")
    return entity


def _either(types: Iterable[str]) -> str:
    names = [t.lower() for t in types]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _sort_key(date: Date) -> tuple[int, int, int]:
    return (date.year, date.month or 0, date.day or 0)


def _check_life_dates(
    statements: list[Statement], registry: Mapping[str, Entity], report: Report
) -> None:
    """A dated fact about a person cannot come before that person's birth."""
    births = {
        st.subject: st.value
        for st in statements
        if st.predicate == "birthDate" and isinstance(st.value, Date)
    }
    for st in statements:
        born = births.get(st.subject)
        if born is None or st.predicate == "birthDate":
            continue
        for date in st.times():
            if date.year < born.year and date.precision != "decade":
                report.add(
                    st.origin,
                    st.describe(),
                    f"is dated {date}, before {st.subject!r} was born ({born})",
                )


# ---- SHACL ---------------------------------------------------------------------------


def shapes_turtle() -> str:
    """SHACL shapes for the graph, generated from the vocabulary (graph/shapes.ttl)."""
    rk = vocab.VOCAB_IRI
    out = [
        "# SHACL shapes for the revkg graph. Generated by `revkg build` from src/revkg/vocab.py;",
        "# do not edit by hand.",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix oa: <http://www.w3.org/ns/oa#> .",
        f"@prefix rk: <{rk}> .",
        f"@prefix shape: <{vocab.BASE_IRI}shape/> .",
        "",
    ]
    for c in (*vocab.ENTITY_CLASSES, vocab.CLASSES_BY_NAME["Document"]):
        out += _path_shape(
            f"{c.name}-label",
            f"sh:targetClass rk:{c.name}",
            "rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string",
            f"every {c.label} needs exactly one label",
        )
    for p in vocab.PROPERTIES:
        out += _property_shapes(p)
    for term in ("subject", "predicate", "object"):
        out += _path_shape(
            f"Statement-{term}",
            "sh:targetClass rk:Statement",
            f"rdf:{term} ; sh:minCount 1 ; sh:maxCount 1",
        )
    out += _path_shape(
        "Statement-hasEvidence",
        "sh:targetClass rk:Statement",
        "rk:hasEvidence ; sh:minCount 1 ; sh:class rk:Evidence",
        "every statement needs evidence",
    )
    for name, check in _EVIDENCE_SHAPES:
        out += _path_shape(f"Evidence-{name}", "sh:targetClass rk:Evidence", check)
    for name, check in _ANNOTATION_SHAPES:
        out += _path_shape(name, f"sh:targetClass oa:{name.split('-')[0]}", check)
    return "\n".join(out)


#: The checks on each evidence node's own properties.
_EVIDENCE_SHAPES = (
    ("hasSource", "oa:hasSource ; sh:minCount 1 ; sh:maxCount 1 ; sh:class rk:Document"),
    ("method", "rk:method ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( rk:curated rk:extracted )"),
    (
        "confidence",
        "rk:confidence ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:decimal ;\n"
        "  sh:minInclusive 0 ; sh:maxInclusive 1",
    ),
    ("exact", "oa:exact ; sh:maxCount 1 ; sh:datatype xsd:string"),
    ("start", "oa:start ; sh:maxCount 1 ; sh:datatype xsd:nonNegativeInteger"),
    ("end", "oa:end ; sh:maxCount 1 ; sh:datatype xsd:nonNegativeInteger"),
)
_ONE = "sh:minCount 1 ; sh:maxCount 1"
#: The Web Annotation shape of evidence (see graph/provenance.py).
_ANNOTATION_SHAPES = (
    ("Annotation-body", f"oa:hasBody ; {_ONE} ; sh:class rk:Statement"),
    ("Annotation-target", f"oa:hasTarget ; {_ONE} ; sh:class oa:SpecificResource"),
    ("SpecificResource-source", f"oa:hasSource ; {_ONE} ; sh:class rk:Document"),
    ("SpecificResource-selector", "oa:hasSelector ; sh:minCount 2 ; sh:maxCount 2"),
    ("TextQuoteSelector-exact", f"oa:exact ; {_ONE} ; sh:datatype xsd:string"),
    ("TextQuoteSelector-prefix", "oa:prefix ; sh:maxCount 1 ; sh:datatype xsd:string"),
    ("TextQuoteSelector-suffix", "oa:suffix ; sh:maxCount 1 ; sh:datatype xsd:string"),
    ("TextPositionSelector-start", f"oa:start ; {_ONE} ; sh:datatype xsd:nonNegativeInteger"),
    ("TextPositionSelector-end", f"oa:end ; {_ONE} ; sh:datatype xsd:nonNegativeInteger"),
)


def _path_shape(name: str, target: str, path_and_checks: str, message: str = "") -> list[str]:
    """One property shape with its own target: pySHACL checks all its focus nodes at once,
    about twice as fast as a property nested in a node shape (checked node by node)."""
    lines = [
        f"shape:{name} a sh:PropertyShape ; {target} ;",
        f"  sh:path {path_and_checks}" + (" ;" if message else " ."),
    ]
    if message:
        lines.append(f'  sh:message "{message}" .')
    return [*lines, ""]


def _property_shapes(p: vocab.PropertyDef) -> list[str]:
    if p.range == (vocab.DATE,):
        kinds = _one_of("sh:datatype", ("xsd:gYear", "xsd:gYearMonth", "xsd:date"))
    elif p.range == (vocab.TEXT,):
        kinds = "sh:datatype xsd:string"
    else:
        kinds = _one_of("sh:class", tuple(f"rk:{r}" for r in p.range))
    return [
        f"shape:{p.name} a sh:NodeShape ; sh:targetSubjectsOf rk:{p.name} ;",
        f"  {_one_of('sh:class', tuple(f'rk:{d}' for d in p.domain))} ;",
        f'  sh:message "the subject of {p.name} must be a {_either(p.domain)}" .',
        "",
        *_path_shape(
            f"{p.name}-object",
            f"sh:targetSubjectsOf rk:{p.name}",
            f"rk:{p.name} ; {kinds}",
            f"the object of {p.name} must be a {_either(p.range)}",
        ),
    ]


def _one_of(check: str, values: tuple[str, ...]) -> str:
    """``sh:class rk:Work``, or ``sh:or`` over several (slower: checked one by one)."""
    if len(values) == 1:
        return f"{check} {values[0]}"
    return "sh:or ( " + " ".join(f"[ {check} {v} ]" for v in values) + " )"


def check_shacl(data: Graph, origins: Mapping[URIRef, Origin] | None = None) -> Report:
    """Run the SHACL shapes on a graph, or on the union of a dataset's layers."""
    from pyshacl import validate as shacl_validate

    from .load import UnionView

    shapes = Graph().parse(data=shapes_turtle(), format="turtle")
    graph = UnionView(data) if isinstance(data, Dataset) else data
    conforms, results, _ = shacl_validate(
        graph, shacl_graph=shapes, inference="none", advanced=False
    )
    report = Report()
    if conforms:
        return report
    assert isinstance(results, Graph)
    origins = origins or {}
    for result in sorted(results.subjects(SH.focusNode, None), key=str):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        where = origins.get(focus) if isinstance(focus, URIRef) else None
        report.add(where or "graph", f"<{focus}>", f"SHACL: {message}")
    return report
