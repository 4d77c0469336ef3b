"""The changes a curator makes, checked first, written atomically, undoable.

    decide(versions, candidate, form)      accept, reject or correct a candidate
                                           (graph/review.yaml, through extract.review)
    judge_name(versions, action, form)     confirm, merge or exclude a name (sources.edit)
    new_entity(versions, form)             a new entity in its type's file (sources.edit)
    new_fact(versions, essay, form)        a quoted fact from a selection of the essay
                                           (graph/curated/statements/<essay>.yaml)
    stale(versions, action, decision)      drop a stale decision, or re-apply it to the
                                           candidate of its sentence (:mod:`.stale`)
    undo()                                 put back the files of the last change

``versions`` are the hashes the page was made with (:func:`.workspace.file_version`); a
file that no longer has its hash is not written (:class:`FileChanged`). One change at a
time: each runs under the workspace's lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import files
from ..errors import EditRefused, FileChanged
from ..extract import review
from ..extract.mentions import Mention
from ..extract.provisional import new_key
from ..extract.records import Candidate, candidate_id, sentence_words
from ..model import Entity
from ..project import Project
from ..report import Report
from ..sources import edit
from ..sources.canonical import canonical_statements
from ..sources.curated import STATEMENTS_DIR, load_curated, parse_statement
from ..text import name_key
from . import forms
from .shadow import check_decisions, refuse_if_wrong, try_curated
from .workspace import Workspace, file_version

NAME_ACTIONS = ("confirm", "merge", "exclude")
STALE_ACTIONS = ("drop", "reapply")


@dataclass(frozen=True)
class Done:
    """What a change did: a message for the page and the files it wrote."""

    message: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class _Change:
    what: str
    before: dict[Path, str | None]
    after: dict[Path, str]  # path -> version written


class Editor:
    """Makes changes to one project's files; ``changed`` is called after each write."""

    def __init__(self, workspace: Workspace, changed: Callable[[], None] = lambda: None) -> None:
        self.workspace = workspace
        self.changed = changed
        self.history: list[_Change] = []

    @property
    def project(self) -> Project:
        return self.workspace.project

    def decide(self, versions: Mapping[str, str], candidate: str, form: forms.Form) -> Done:
        with self.workspace.lock:
            snap = self.workspace.snapshot()
            decision = forms.decision(form, snap.registry)
            ids = [c.id for c in snap.extraction.candidates]
            new = review.decide(snap.decisions, ids, candidate, decision)
            check_decisions(
                snap.extraction.candidates, new, snap.decisions, snap.entities, snap.statements
            )
            path = self.project.graph_dir / review.REVIEW_FILE
            what = f"{decision.decision} {candidate[:8]}"
            return self._commit(versions, {path: review.dump_decisions(new)}, what)

    def stale(self, versions: Mapping[str, str], action: str, ident: str) -> Done:
        """drop a stale decision (review.drop), or reapply it: the same decision under the
        id of the one candidate of its sentence with its predicate, the old one dropped."""
        if action not in STALE_ACTIONS:
            raise EditRefused(f"action: one of {', '.join(STALE_ACTIONS)}")
        with self.workspace.lock:
            snap = self.workspace.snapshot()
            found = next((s for s in snap.stale if s.id == ident), None)
            if found is None:
                raise EditRefused(f"decision: {ident[:20]!r} is not a stale decision; reload")
            new = review.drop(snap.decisions, found.id)
            what = f"drop stale {found.decision.decision} {found.id[:8]}"
            if action == "reapply":
                if found.target is None:
                    raise EditRefused(
                        "reapply: no single candidate of its sentence has its predicate; "
                        "judge the sentence's candidates, then drop it"
                    )
                target = found.target.id
                new = review.decide(new, [target], target, found.decision)
                check_decisions(
                    snap.extraction.candidates, new, snap.decisions, snap.entities, snap.statements
                )
                what = f"re-apply {found.decision.decision} {found.id[:8]} to {target[:8]}"
            path = self.project.graph_dir / review.REVIEW_FILE
            return self._commit(versions, {path: review.dump_decisions(new)}, what)

    def judge_name(self, versions: Mapping[str, str], action: str, form: forms.Form) -> Done:
        """confirm (a provisional entity, by ``id``), merge (``name`` into ``into``) or
        exclude (``name``, with a ``note``)."""
        if action not in NAME_ACTIONS:
            raise EditRefused(f"action: one of {', '.join(NAME_ACTIONS)}")
        with self.workspace.lock:
            snap = self.workspace.snapshot()
            name = forms.text(form, "name", required=True, name=True)
            target = ""
            if action == "confirm":
                entity = self._confirmed(form, snap.provisional.values())
                target = entity.id
                change: Callable[[Path], object] = lambda d: edit.add_entity(d, entity)  # noqa: E731
            elif action == "merge":
                target = forms.entity_ref(form, "into", snap.registry)
                if not target:
                    raise EditRefused("into: the entity this name is (its id or name)")
                change = lambda d: edit.add_alias(d, target, name)  # noqa: E731
            else:
                note = forms.text(form, "note")
                change = lambda d: edit.add_exclusion(d, name, note)  # noqa: E731
            texts = try_curated(self.project.curated_dir, snap.corpus, change)
            if target:
                moved = moved_decisions(snap.decisions, snap.extraction.candidates, name, target)
                if moved != snap.decisions:
                    path = self.project.graph_dir / review.REVIEW_FILE
                    texts[path] = review.dump_decisions(moved)
            return self._commit(versions, texts, f"{action} {name!r}")

    def _confirmed(self, form: forms.Form, provisional: Iterable[Entity]) -> Entity:
        """The curated entity a provisional one becomes (type, id, description may change)."""
        ident = forms.text(form, "id", required=True, name=True)
        found = next((e for e in provisional if e.id == ident), None)
        if found is None:
            raise EditRefused(f"id: no provisional entity {ident!r}; reload the page")
        kind = forms.text(form, "type", name=True) or found.type
        description = forms.text(form, "description") or (
            f"{found.label}, named in {found.description.split(' in ')[-1]}"
        )
        ident = forms.text(form, "new_id", name=True) or found.id
        return Entity(ident, kind, found.label, description)

    def new_entity(self, versions: Mapping[str, str], form: forms.Form) -> Done:
        with self.workspace.lock:
            snap = self.workspace.snapshot()
            entity = forms.new_entity(form, snap.registry)
            texts = try_curated(
                self.project.curated_dir, snap.corpus, lambda d: edit.add_entity(d, entity)
            )
            moved = snap.decisions
            for name in entity.names():
                moved = moved_decisions(moved, snap.extraction.candidates, name, entity.id)
            if moved != snap.decisions:
                texts[self.project.graph_dir / review.REVIEW_FILE] = review.dump_decisions(moved)
            return self._commit(versions, texts, f"new {entity.type.lower()} {entity.id}")

    def new_fact(self, versions: Mapping[str, str], essay: str, form: forms.Form) -> Done:
        with self.workspace.lock:
            snap = self.workspace.snapshot()
            doc = snap.corpus.get(essay)
            if doc is None:
                raise EditRefused(f"essay: no essay {essay!r} in seeds/")
            selected = forms.text(form, "selected", required=True)
            quote, occurrence = forms.quote_at(doc, form.get("from"), form.get("to"), selected)
            record = forms.fact_record(form, snap.registry, quote, occurrence)
            shown = f"graph/curated/{STATEMENTS_DIR}/{essay}.yaml"
            report = Report()
            statement = parse_statement(record, essay, shown, report)
            refuse_if_wrong(report)
            assert statement is not None  # no errors

            def add(curated: Path) -> None:
                ours = [
                    st for st in load_curated(curated).statements if st.evidence[0].doc == essay
                ]
                path = curated / STATEMENTS_DIR / f"{essay}.yaml"
                files.write_atomic(path, canonical_statements([*ours, statement], doc))

            texts = try_curated(self.project.curated_dir, snap.corpus, add)
            what = f"new fact {record['subject']} {record['predicate']}"
            return self._commit(versions, texts, what)

    def undo(self) -> Done:
        """Put back the files the last change wrote, if nobody changed them since."""
        with self.workspace.lock:
            if not self.history:
                raise EditRefused("nothing to undo: no change was made here since the app started")
            last = self.history[-1]
            for path, version in last.after.items():
                if file_version(path) != version:
                    raise FileChanged(
                        f"{self.project.relative(path)} changed after {last.what}; "
                        "undo it by hand (nothing was undone)"
                    )
            for path, text in last.before.items():
                if text is None:
                    path.unlink(missing_ok=True)
                else:
                    files.write_atomic(path, text)
            self.history.pop()
            self.changed()
            return Done(f"undid {last.what}", tuple(self._shown(last.before)))

    def _commit(self, versions: Mapping[str, str], texts: dict[Path, str], what: str) -> Done:
        """Write ``texts`` if every file still has the version the page was made with."""
        if not texts:
            raise EditRefused(f"{what}: nothing would change")
        for path in texts:
            shown = self.project.relative(path)
            if versions.get(shown) != file_version(path):
                raise FileChanged(
                    f"{shown} changed on disk since this page was loaded; nothing was "
                    "written. Reload the page (what you typed stays in the form) and try again"
                )
        before = {p: p.read_text(encoding="utf-8") if p.exists() else None for p in texts}
        files.write_all_atomic(texts)
        self.history.append(_Change(what, before, {p: file_version(p) for p in texts}))
        self.changed()
        return Done(f"{what}: wrote {', '.join(self._shown(texts))}", tuple(self._shown(texts)))

    def _shown(self, paths: Mapping[Path, object]) -> list[str]:
        return [self.project.relative(p) for p in paths]


def moved_decisions(
    decisions: dict[str, review.Decision], candidates: list[Candidate], name: str, entity: str
) -> dict[str, review.Decision]:
    """The decisions, those about candidates that hold ``name`` as a new name re-keyed to
    the id the candidate gets once the name is ``entity``'s: a decision made before the
    name was confirmed or merged stays with its fact instead of going stale."""
    out = dict(decisions)
    for c in candidates:
        if c.id not in out:
            continue
        ends = [
            m._replace(entity=entity, via="name") if _is_new(m, name) else m
            for m in (c.subject, c.object)
        ]
        if ends != [c.subject, c.object]:
            words = sentence_words(c.sentence)
            new = candidate_id(c.doc, words, ends[0], c.predicate, ends[1], c.qualifiers)
            out[new] = out.pop(c.id)
    return out


def _is_new(m: Mention, name: str) -> bool:
    return m.via == "new" and m.entity is None and new_key(m) == name_key(name)
