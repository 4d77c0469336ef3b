"""Read the built graph back from graph/, with its layers, whichever file it comes from.

Every reader of a built graph goes through here: ``read_dataset`` (an rdflib
Dataset with the named layers), ``read_graph`` (their union as one Graph) and
``read_store`` (a pyoxigraph Store with the layers, for SPARQL).

revkg.trig keeps the layers as named graphs. revkg.ttl holds their union, and the
layers are worked out again the way graph/assemble.py wrote them:

* the vocabulary (subjects in ``rk:``, and the ontology itself) is the ontology layer;
* an evidence node, and the ``rk:hasEvidence`` link to it, are in the layer of its
  ``rk:method`` (curated or extracted), and so are its annotation target with the
  target's selectors, and the extraction activity that generated it;
* a statement node is in the layer of each of its pieces of evidence, and so is its
  direct triple (and the mirror image of a symmetric one);
* everything else (documents, entities, facts without a statement node) is curated.

So both files give the same triples in each layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import PROV
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from .. import vocab
from ..errors import GraphNotBuilt
from ..files import locked, parsing
from ..vocab import OA, RK

if TYPE_CHECKING:
    import pyoxigraph as ox

_METHOD_LAYERS: dict[Node, URIRef] = {
    RK.curated: vocab.GRAPH_CURATED,
    RK.extracted: vocab.GRAPH_EXTRACTED,
}
_SYMMETRIC = frozenset(RK[p.name] for p in vocab.PROPERTIES if p.symmetric)
_ONTOLOGY = URIRef(vocab.VOCAB_IRI.rstrip("#"))

Triple = tuple[Node, Node, Node]


def require_built(path: Path) -> Path:
    """``path`` if it exists; GraphNotBuilt (saying how to build it) if not."""
    if not path.exists():
        raise GraphNotBuilt(f"{path} does not exist yet; run `make` (or `revkg build`) first.")
    return path


#: The lock a build holds on graph/ while it runs (the same file as Project.lock).
BUILD_LOCK = ".revkg.lock"


@contextmanager
def steady(path: Path) -> Iterator[None]:
    """Read ``path`` only while no build of its folder runs (a build holds its lock from
    start to end): builds rename their outputs one by one, and a reader must not get a
    new file with an old one."""
    busy = f"a build of {path.parent} has held it for 10 minutes; try again when it ends."
    with locked(path.parent / BUILD_LOCK, busy=busy, shared=True, wait=600):
        yield


def read_dataset(path: Path) -> Dataset:
    """The built graph with its named layers, from revkg.trig (or .nq) or revkg.ttl."""
    if path.suffix == ".ttl":
        return split_layers(_turtle(path))
    ds = vocab.new_dataset()
    with steady(path), parsing(require_built(path), Exception):  # rdflib raises many kinds
        ds.parse(path, format="nquads" if path.suffix == ".nq" else "trig")
    return ds


def read_graph(path: Path) -> Graph:
    """The built graph as one rdflib Graph: the union of its layers (which is just what
    revkg.ttl holds)."""
    return _turtle(path) if path.suffix == ".ttl" else union_graph(read_dataset(path))


def _turtle(path: Path) -> Graph:
    g = Graph()
    vocab.bind_prefixes(g)
    with steady(path), parsing(require_built(path), Exception):
        g.parse(path, format="turtle")
    return g


def union_graph(ds: Dataset) -> Graph:
    """All named graphs as one graph (what graph/revkg.ttl holds), as a copy."""
    g = Graph()
    vocab.bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


class UnionView(Graph):
    """All named graphs of a dataset read as one graph, without copying them: what
    :func:`union_graph` gives, for the dataset's lifetime, read-only.

    rdflib's Memory store keeps each triple once, with the layers it is in; asked with
    no layer, it answers from every layer. A build reads its graph this way (SHACL, the
    VoID description, the page), so the union of a big corpus is not held twice.
    """

    def __init__(self, ds: Dataset) -> None:
        if not isinstance(ds.store, Memory):
            raise TypeError("UnionView reads rdflib's Memory store; use union_graph")
        super().__init__(store=ds.store, identifier=_UNION, namespace_manager=ds.namespace_manager)

    def triples(self, triple: Any) -> Iterator[Any]:  # type: ignore[override]
        s, p, o = triple
        if isinstance(p, PropertyPath):
            for s2, o2 in p.eval(self, s, o):
                yield s2, p, o2
            return
        for found, _ in self.store.triples((s, p, o), context=None):
            yield found

    def __len__(self) -> int:
        return len(self.store)  # the Memory store counts every layer's triples once

    def add(self, triple: Any) -> UnionView:
        raise TypeError("a UnionView is read-only: add to one of the dataset's graphs")

    def addN(self, quads: Any) -> UnionView:
        raise TypeError("a UnionView is read-only: add to one of the dataset's graphs")

    def remove(self, triple: Any) -> UnionView:
        raise TypeError("a UnionView is read-only: remove from one of the dataset's graphs")


_UNION = URIRef("urn:x-revkg:union")


def read_store(path: Path) -> ox.Store:
    """The built graph with its named layers in a pyoxigraph Store.

    A TriG or N-Quads file is bulk-loaded as it is; a Turtle file is read into layers first.
    """
    from .bulk import dataset_to_store, load_store

    if path.suffix in (".trig", ".nq"):
        with steady(path):
            return load_store(require_built(path))
    return dataset_to_store(read_dataset(path))


def split_layers(union: Graph) -> Dataset:
    """The layers of a built graph held as one graph (see the module's description)."""
    ds = vocab.new_dataset()
    layers = {iri: ds.graph(iri) for iri in vocab.LAYERS.values()}
    evidence = {
        ev: _METHOD_LAYERS.get(method, vocab.GRAPH_CURATED)
        for ev, method in union.subject_objects(RK.method)
    }
    _add_parts(union, evidence)
    statements: dict[Node, set[URIRef]] = {}
    for st, ev in union.subject_objects(RK.hasEvidence):
        statements.setdefault(st, set()).add(evidence.get(ev, vocab.GRAPH_CURATED))
    direct = _direct_triples(union, statements)
    ds.addN(
        (*triple, layers[layer])
        for triple in union
        for layer in _layers_of(triple, evidence, statements, direct)
    )
    return ds


def _add_parts(union: Graph, evidence: dict[Node, URIRef]) -> None:
    """Put each evidence node's target, the target's selectors and the activity that
    generated it in the evidence's layer."""
    for ev, layer in list(evidence.items()):
        for part in (*union.objects(ev, OA.hasTarget), *union.objects(ev, PROV.wasGeneratedBy)):
            evidence[part] = layer
            evidence.update((selector, layer) for selector in union.objects(part, OA.hasSelector))


def _direct_triples(union: Graph, statements: dict[Node, set[URIRef]]) -> dict[Triple, set[URIRef]]:
    """Each statement's direct triple (and its mirror image if symmetric) -> its layers."""
    direct: dict[Triple, set[URIRef]] = {}
    for st, layers in statements.items():
        s, p, o = (union.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            continue
        direct.setdefault((s, p, o), set()).update(layers)
        if p in _SYMMETRIC:
            direct.setdefault((o, p, s), set()).update(layers)
    return direct


def _layers_of(
    triple: Triple,
    evidence: dict[Node, URIRef],
    statements: dict[Node, set[URIRef]],
    direct: dict[Triple, set[URIRef]],
) -> set[URIRef] | tuple[URIRef, ...]:
    s, p, o = triple
    if s in evidence:
        return (evidence[s],)
    if s in statements:
        return (evidence.get(o, vocab.GRAPH_CURATED),) if p == RK.hasEvidence else statements[s]
    if triple in direct:
        return direct[triple]
    if s == _ONTOLOGY or str(s).startswith(vocab.VOCAB_IRI):
        return (vocab.GRAPH_ONTOLOGY,)
    return (vocab.GRAPH_CURATED,)
