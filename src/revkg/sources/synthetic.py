"""Seeded, deterministic revkg-shaped data at any size, for benchmarks.

``synthetic_corpus(n_essays, sentences)`` writes essays from sentence templates
("Anna Petrova joined the Union of Smiths in 1912.") and returns, beside the
texts, the entities they name and the statements each sentence states, with
exact offsets. Records from it go through the same build path as the real
corpus, so every stage can be run at 10x, 100x or 1000x the seed size.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..model import Date, Document, Entity, Evidence, Statement

_SYLLABLES = (
    "ka",
    "mi",
    "ro",
    "va",
    "len",
    "sto",
    "dra",
    "gor",
    "na",
    "vel",
    "ti",
    "bor",
    "sha",
    "lev",
    "ko",
    "zin",
    "pa",
    "ur",
    "mar",
    "tov",
    "ser",
    "ga",
    "nik",
    "ol",
)
_PLACES = ("grad", "sk", "ovo", "insk", "burg", "pol")
_ORGS = ("Union of {}", "{} Party", "{} Faction", "Council of {}", "{} Group")
_WORKS = ("On {}", "The {} Question", "Letters on {}", "{} and the State", "Against {}")
_EVENTS = ("{} Strike", "{} Congress", "{} Uprising", "Treaty of {}")

#: (template, predicate, subject type, object type or "date")
TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    ("{s} joined the {o} in {y}.", "memberOf", "Person", "Organization"),
    ("{s} wrote {o} in {y}.", "authored", "Person", "Work"),
    ("{s} was born in {o} in {y}.", "bornIn", "Person", "Place"),
    ("{s} took part in the {o} in {y}.", "participatedIn", "Person", "Event"),
    ("{s} criticized {o} in {y}.", "criticized", "Person", "Person"),
    ("{s} was expelled from the {o} in {y}.", "expelledFrom", "Person", "Organization"),
    ("{s} was sent to {o} in {y}.", "sentTo", "Person", "Place"),
    ("{s} met {o} in {y}.", "met", "Person", "Person"),
)


@dataclass
class SyntheticCorpus:
    """Essays, the entities they name, and the statements they state (with offsets)."""

    documents: list[Document]
    entities: list[Entity]
    statements: list[Statement]

    @property
    def words(self) -> int:
        return sum(len(d.text.split()) for d in self.documents)


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_entities(n_people: int, *, seed: int = 0) -> list[Entity]:
    """``n_people`` people and a quarter as many of each other type, with unique labels."""
    rng = random.Random(seed)
    entities: list[Entity] = []
    labels: set[str] = set()

    def add(type_name: str, slug: str, make: object) -> None:
        while True:
            label = make()  # type: ignore[operator]
            if label not in labels:
                break
        labels.add(label)
        i = len(entities)
        entities.append(Entity(f"{slug}-{i}", type_name, label, f"A synthetic {slug}."))

    for _ in range(n_people):
        add("Person", "person", lambda: f"{_name(rng, 2)} {_name(rng, 3)}")
    n_other = max(4, n_people // 4)
    for type_name, slug, forms in (
        ("Organization", "org", _ORGS),
        ("Work", "work", _WORKS),
        ("Event", "event", _EVENTS),
    ):
        for _ in range(n_other):
            add(type_name, slug, lambda forms=forms: rng.choice(forms).format(_name(rng, 3)))
    for _ in range(n_other):
        add("Place", "place", lambda: _name(rng, 2) + rng.choice(_PLACES))
    return entities


def synthetic_corpus(
    n_essays: int, sentences: int, *, n_people: int | None = None, seed: int = 0
) -> SyntheticCorpus:
    """``n_essays`` essays of ``sentences`` sentences each, every sentence one fact."""
    rng = random.Random(seed)
    entities = synthetic_entities(n_people or max(20, n_essays * sentences // 10), seed=seed)
    by_type: dict[str, list[Entity]] = {}
    for e in entities:
        by_type.setdefault(e.type, []).append(e)
    documents, statements = [], []
    for d in range(n_essays):
        doc_id = f"synthetic-{d:05d}"
        title = f"Synthetic essay {d}"
        parts, pos = [title + "\n\n"], len(title) + 2
        for _ in range(sentences):
            template, predicate, s_type, o_type = rng.choice(TEMPLATES)
            s, o = rng.choice(by_type[s_type]), rng.choice(by_type[o_type])
            if s is o:
                continue
            year = rng.randint(1880, 1950)
            sentence = template.format(s=s.label, o=o.label, y=year)
            evidence = Evidence(doc_id, sentence, pos, pos + len(sentence))
            statements.append(
                Statement(s.id, predicate, o.id, point_in_time=Date(year), evidence=(evidence,))
            )
            parts.append(sentence + " ")
            pos += len(sentence) + 1
        documents.append(Document(doc_id, title, f"seeds/{doc_id}.txt", "".join(parts)))
    return SyntheticCorpus(documents, entities, statements)


def corpus_for_triples(triples: int, *, seed: int = 0) -> SyntheticCorpus:
    """A corpus whose built graph has roughly ``triples`` triples (about 31 per fact: the
    direct triple, the statement node, its evidence and the evidence's annotation)."""
    facts = max(10, triples // 31)
    essays = max(1, facts // 500)
    return synthetic_corpus(essays, facts // essays, n_people=max(20, facts // 8), seed=seed)
