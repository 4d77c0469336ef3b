"""The revkg vocabulary, defined once: classes, properties, IRIs and prefixes.

Every term in revkg's own namespace goes through ``RK``, a closed namespace:
``RK.memberOf`` works, ``RK.memberof`` raises. The ontology graph
(:mod:`revkg.graph.ontology`) and the SHACL shapes are generated from the tables
below, so the vocabulary, its documentation and its checks cannot drift. The
vocabulary's namespace is fixed (``https://w3id.org/revkg/vocab#``); instances sit at
``{base}{type}/{id}`` under a project's base IRI (``BASE_IRI`` unless revkg.toml or
$REVKG_BASE_IRI says otherwise), passed to the functions that mint them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, ClosedNamespace

BASE_IRI = "https://w3id.org/revkg/"
VOCAB_IRI = BASE_IRI + "vocab#"

SCHEMA = Namespace("https://schema.org/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WD = Namespace("http://www.wikidata.org/entity/")
OA = Namespace("http://www.w3.org/ns/oa#")

#: Date and text ranges for properties whose object is a literal.
DATE = "date"
TEXT = "text"


@dataclass(frozen=True)
class ClassDef:
    """A class of entity (or a bookkeeping class) in the vocabulary."""

    name: str
    label: str
    comment: str
    slug: str  # path segment in entity IRIs: .../person/gavril-myasnikov
    schema: str | None = None
    wikidata: str | None = None  # a Wikidata item the class corresponds to
    subclass_of: URIRef | None = None


@dataclass(frozen=True)
class PropertyDef:
    """A relation a statement can assert, with the types allowed at each end."""

    name: str
    label: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...]  # class names, or DATE / TEXT for literals
    schema: str | None = None
    schema_inverse: bool = False
    wikidata: str | None = None
    wikidata_inverse: bool = False
    symmetric: bool = False

    @property
    def literal(self) -> bool:
        """True when the object is a value (date or text) rather than an entity."""
        return self.range in ((DATE,), (TEXT,))


ENTITY_CLASSES: tuple[ClassDef, ...] = (
    ClassDef("Person", "person", "A human being named in the essays.", "person", "Person", "Q5"),
    ClassDef(
        "Work",
        "work",
        "A written work: book, pamphlet, article, letter, manifesto.",
        "work",
        "CreativeWork",
        "Q47461344",
    ),
    ClassDef(
        "Organization",
        "organization",
        "A party, faction, council, state body, movement or newspaper.",
        "organization",
        "Organization",
        "Q43229",
    ),
    ClassDef(
        "Event",
        "event",
        "Something that happened: a revolution, war, treaty, congress.",
        "event",
        "Event",
        "Q1190554",
    ),
    ClassDef("Place", "place", "A city, region or country.", "place", "Place", "Q2221906"),
    ClassDef(
        "Concept",
        "concept",
        "An idea, theory, policy or slogan discussed in the essays.",
        "concept",
        "DefinedTerm",
        "Q151885",
    ),
)

OTHER_CLASSES: tuple[ClassDef, ...] = (
    ClassDef(
        "Document",
        "document",
        "One of the essays in the corpus (a seed text).",
        "essay",
        "Article",
        "Q7725634",
    ),
    ClassDef(
        "Statement",
        "statement",
        "A fact as a node, Wikidata style: subject, predicate, object, time "
        "qualifiers, and the evidence that supports it.",
        "statement",
    ),
    ClassDef(
        "Evidence",
        "evidence",
        "Where a statement comes from: an essay, a verbatim quote with its "
        "character offsets, and how it was obtained (curated or extracted).",
        "evidence",
        subclass_of=PROV.Entity,
    ),
    ClassDef("Method", "method", "How a piece of evidence was obtained.", "method"),
)

_P, _W, _O, _E, _L, _C = "Person", "Work", "Organization", "Event", "Place", "Concept"
_AGENT = (_P, _O)
_ANY = (_P, _W, _O, _E, _L, _C)

PROPERTIES: tuple[PropertyDef, ...] = (
    PropertyDef(
        "authored",
        "authored",
        "The subject wrote or issued the work.",
        (_P, _O),
        (_W,),
        "author",
        True,
        "P50",
        True,
    ),
    PropertyDef(
        "memberOf",
        "member of",
        "The subject belonged to the party, faction or body (start/end qualifiers).",
        _AGENT,
        (_O,),
        "memberOf",
        False,
        "P102",
    ),
    PropertyDef(
        "founded",
        "founded",
        "The subject founded or formed the organization.",
        _AGENT,
        (_O,),
        "founder",
        True,
        "P112",
        True,
    ),
    PropertyDef("leftOrganization", "left", "The subject left the organization.", _AGENT, (_O,)),
    PropertyDef(
        "expelledFrom", "expelled from", "The subject was expelled from it.", _AGENT, (_O,)
    ),
    PropertyDef(
        "partOf",
        "part of",
        "A faction of a party, an episode of a larger event.",
        (_O, _E, _L),
        (_O, _E, _L),
        "isPartOf",
        False,
        "P361",
    ),
    PropertyDef(
        "led",
        "led",
        "The subject led the organization or event.",
        _AGENT,
        (_O, _E),
        None,
        False,
        "P488",
        True,
    ),
    PropertyDef(
        "participatedIn",
        "took part in",
        "The subject took part in the event.",
        _AGENT,
        (_E,),
        None,
        False,
        "P1344",
    ),
    PropertyDef(
        "date", "date", "When the event happened.", (_E, _W), (DATE,), "startDate", False, "P585"
    ),
    PropertyDef(
        "location",
        "location",
        "Where the event happened or the body sat.",
        (_E, _O),
        (_L,),
        "location",
        False,
        "P276",
    ),
    PropertyDef("bornIn", "born in", "Place of birth.", (_P,), (_L,), "birthPlace", False, "P19"),
    PropertyDef(
        "birthDate", "birth date", "Date of birth.", (_P,), (DATE,), "birthDate", False, "P569"
    ),
    PropertyDef(
        "deathDate", "death date", "Date of death.", (_P,), (DATE,), "deathDate", False, "P570"
    ),
    PropertyDef("diedIn", "died in", "Place of death.", (_P,), (_L,), "deathPlace", False, "P20"),
    PropertyDef(
        "disappeared", "disappeared", "Date of disappearance.", (_P,), (DATE,), None, False, "P746"
    ),
    PropertyDef(
        "occupation",
        "occupation",
        "What the person worked as.",
        (_P,),
        (TEXT,),
        "hasOccupation",
        False,
        "P106",
    ),
    PropertyDef(
        "imprisonedIn",
        "imprisoned in",
        "Held in prison or an asylum at the place.",
        (_P,),
        (_L,),
        None,
        False,
        "P2632",
    ),
    PropertyDef("exiledTo", "exiled to", "Sent into exile at the place.", (_P,), (_L,)),
    PropertyDef("sentTo", "sent to", "Sent (by others) to the place.", (_P,), (_L,)),
    PropertyDef(
        "settledIn",
        "settled in",
        "Lived or settled at the place.",
        _AGENT,
        (_L,),
        "homeLocation",
        False,
        "P551",
    ),
    PropertyDef("arrested", "arrested", "The subject arrested the person.", _AGENT, (_P,)),
    PropertyDef("opposed", "opposed", "The subject opposed the object.", (_P, _O, _W), _ANY),
    PropertyDef("supported", "supported", "The subject supported the object.", (_P, _O, _W), _ANY),
    PropertyDef(
        "advocated", "advocated", "The subject argued for the idea or policy.", (_P, _O, _W), (_C,)
    ),
    PropertyDef(
        "criticized", "criticized", "The subject criticized the object.", (_P, _O, _W), _ANY
    ),
    PropertyDef(
        "influenced",
        "influenced",
        "The subject influenced or convinced the object.",
        (_P, _O, _W, _C, _E),
        (_P, _O),
        None,
        False,
        "P737",
        True,
    ),
    PropertyDef(
        "correspondedWith",
        "corresponded with",
        "The two exchanged letters.",
        (_P,),
        (_P,),
        symmetric=True,
    ),
    PropertyDef("met", "met", "The two met.", (_P,), (_P,), "knows", symmetric=True),
    PropertyDef("executed", "executed", "The subject put the person to death.", _AGENT, (_P,)),
    PropertyDef(
        "suppressed", "suppressed", "The subject suppressed the object.", _AGENT, (_P, _O, _E, _C)
    ),
    PropertyDef(
        "heldTheory", "held theory", "The subject held this theory or view.", (_P, _O, _W), (_C,)
    ),
    PropertyDef(
        "about",
        "about",
        "The work is about the event, idea, person or body.",
        (_W,),
        _ANY,
        "about",
        False,
        "P921",
    ),
)

#: Properties used on statement and evidence nodes (not facts of their own).
META_PROPERTIES: dict[str, str] = {
    "hasEvidence": "Links a statement to a piece of evidence supporting it.",
    "pointInTime": "When the fact held (Wikidata P585).",
    "startTime": "When the fact began to hold (Wikidata P580).",
    "endTime": "When the fact stopped holding (Wikidata P582).",
    "timePrecision": "Precision of the time qualifiers: day, month, year or decade.",
    "method": "How the evidence was obtained: revkg:curated or revkg:extracted.",
    "rule": "The extraction rule that found the fact.",
    "confidence": "How sure the source is, from 0 to 1 (1 for curated facts).",
    "curatorNote": "A curator's remark, e.g. that the essay's claim is doubtful.",
    "curatorAddition": "True when a curator added the fact without a quote from the essays.",
    "file": "Path of the seed file, relative to the project.",
    "provisional": "True for an entity extraction proposed for a name no curator has judged.",
    "sha256": "SHA-256 of the seed file's bytes.",
}
META_MAPPINGS = {"pointInTime": "P585", "startTime": "P580", "endTime": "P582"}
#: Meta properties whose values are nodes, with the property each refines.
META_LINKS = {"hasEvidence": PROV.wasDerivedFrom}

METHODS = ("curated", "extracted")

_TERMS = (
    [c.name for c in ENTITY_CLASSES + OTHER_CLASSES]
    + [p.name for p in PROPERTIES]
    + list(META_PROPERTIES)
    + list(METHODS)
)
RK = ClosedNamespace(VOCAB_IRI, _TERMS)

#: Instance prefixes, each a path under the base IRI (``person:`` is ``{base}person/``).
INSTANCE_PATHS = {"person": "person/", "work": "work/", "org": "organization/"}
INSTANCE_PATHS |= {"event": "event/", "place": "place/", "concept": "concept/", "essay": "essay/"}
INSTANCE_PATHS |= {"stmt": "statement/", "ev": "evidence/", "agent": "agent/"}
_STANDARD: dict[str, object] = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
}
_STANDARD |= {"prov": PROV, "oa": OA, "schema": SCHEMA, "wdt": WDT, "wd": WD}


def prefixes(base: str = BASE_IRI) -> dict[str, str]:
    """revkg's prefixes, with the instance prefixes under ``base`` (rk: never moves)."""
    paths = {name: base + path for name, path in INSTANCE_PATHS.items()}
    return {"rk": VOCAB_IRI, **paths, **{name: str(ns) for name, ns in _STANDARD.items()}}


PREFIXES = prefixes()

GRAPH_ONTOLOGY = URIRef(BASE_IRI + "graph/ontology")
GRAPH_CURATED = URIRef(BASE_IRI + "graph/curated")
GRAPH_EXTRACTED = URIRef(BASE_IRI + "graph/extracted")
LAYERS = {"ontology": GRAPH_ONTOLOGY, "curated": GRAPH_CURATED, "extracted": GRAPH_EXTRACTED}

CLASSES_BY_NAME = {c.name: c for c in ENTITY_CLASSES + OTHER_CLASSES}
PROPERTIES_BY_NAME = {p.name: p for p in PROPERTIES}
ENTITY_TYPES = tuple(c.name for c in ENTITY_CLASSES)


def local_name(iri: object) -> str:
    """The part of a vocabulary IRI after ``#``: rk:memberOf -> ``memberOf``."""
    return str(iri).rsplit("#", 1)[-1]


def bind_prefixes(graph: Graph, base: str = BASE_IRI) -> None:
    """Bind revkg's prefixes on a graph or dataset, replacing rdflib's defaults."""
    for prefix, iri in prefixes(base).items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)


def new_dataset(base: str = BASE_IRI) -> Dataset:
    """An empty dataset with revkg's prefixes bound."""
    ds = Dataset()
    bind_prefixes(ds, base)
    return ds


def entity_iri(type_name: str, entity_id: str, base: str = BASE_IRI) -> URIRef:
    """The IRI of an entity: ``{base}{type-slug}/{id}``."""
    return URIRef(f"{base}{CLASSES_BY_NAME[type_name].slug}/{entity_id}")


def document_iri(doc_id: str, base: str = BASE_IRI) -> URIRef:
    return URIRef(f"{base}essay/{doc_id}")


def property_iri(name: str) -> URIRef:
    """The IRI of a fact property; raises KeyError naming the known ones."""
    if name not in PROPERTIES_BY_NAME:
        raise KeyError(name)
    return URIRef(VOCAB_IRI + name)
