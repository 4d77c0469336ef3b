"""The curation app as a WSGI object: the secret token, the CSRF token, the routes.

    GET  /?token=…           the token exchanged for an HttpOnly, SameSite=Strict cookie
    GET  /                   the essays, with pending, accepted, rejected, names, facts
    GET  /essay/<id>         the reading view with the forms
    GET  /status             the background build's state, as JSON
    GET  /date?value=…       the precision and form a date field's text is recorded with
    GET  /assets/<name>      the page's script and style
    POST /decide             accept, reject or correct a candidate
    POST /name               confirm, merge or exclude a name
    POST /entity             a new entity
    POST /fact               a new fact from a selection of an essay
    POST /stale              drop a stale decision, or re-apply it to its new candidate
    POST /undo               undo the last change

Every request without the token (in the cookie, or once in the address) is refused with
403; every POST must carry the page's CSRF token in ``X-CSRF-Token`` and a JSON body.
The app is wrapped by :func:`revkg.sparql.http.guarded` (Host check on loopback,
Content-Security-Policy, nosniff, no framing). A change answers JSON: ``{"message",
"versions"}``, or ``{"error"}`` with 400 (the change is refused), 409 (a file changed
on disk since the page was loaded) or 403.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wrappers import Request, Response

from ..errors import EditRefused, FileChanged, RevkgError
from ..model import ID_PATTERN
from ..project import Project
from ..sparql.http import DEFAULT_HOST, guarded
from ..text import printable
from . import forms, pages
from .changes import Editor
from .reading import Marker
from .rebuild import Rebuilder
from .workspace import Workspace

HTML = "text/html; charset=utf-8"
POSTS = ("/decide", "/name", "/entity", "/fact", "/stale", "/undo")


class CurateApp:
    """The app for one project; ``build`` runs after changes (by default revkg's build)."""

    def __init__(
        self,
        project: Project,
        *,
        token: str | None = None,
        host: str = DEFAULT_HOST,
        build: Callable[[], object] | None = None,
    ) -> None:
        from ..build import build as build_project

        self.token = token or secrets.token_urlsafe(32)
        self.csrf = secrets.token_urlsafe(32)
        self.cookie = "revkg_curate_" + hashlib.sha256(self.token.encode()).hexdigest()[:10]
        self.workspace = Workspace(project)
        self.rebuilder = Rebuilder(build or (lambda: build_project(project)))
        self.editor = Editor(self.workspace, self.rebuilder.request)
        self._marker: tuple[int, Marker] | None = None
        self.wsgi = guarded(self._wsgi, host=host)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        return self.wsgi(environ, start_response)

    def _wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        return self.respond(Request(environ))(environ, start_response)

    def respond(self, request: Request) -> Response:
        given = request.args.get("token")
        if given is not None and request.method == "GET":
            return self._exchange(request, given)
        if not _same(request.cookies.get(self.cookie, ""), self.token):
            return _plain(403, "open the address `revkg curate` printed (with its ?token=…).")
        try:
            return self._route(request)
        except FileChanged as e:
            return _json({"error": printable(str(e))}, 409)
        except RevkgError as e:
            return _json({"error": printable(str(e))}, 400)

    def _exchange(self, request: Request, given: str) -> Response:
        """The token from the address, swapped for a cookie; the address without it."""
        if not _same(given, self.token):
            return _plain(403, "this token is not the one `revkg curate` printed.")
        response = Response(status=303, headers={"Location": request.path})
        response.set_cookie(
            self.cookie, self.token, httponly=True, samesite="Strict", path="/", secure=False
        )
        return response

    def _route(self, request: Request) -> Response:
        path = request.path
        if request.method == "POST" and path in POSTS:
            return self._change(request, path)
        if request.method not in ("GET", "HEAD"):
            return _plain(405, "use GET, or POST for changes.")
        parts = path.strip("/").split("/")
        if path == "/":
            return self._page(lambda snap, common: pages.essays_page(snap, common))
        if len(parts) == 2 and parts[0] == "essay":
            return self._essay(parts[1])
        if len(parts) == 2 and parts[0] == "assets" and parts[1] in pages.ASSETS:
            return Response(pages.asset(parts[1]), content_type=pages.ASSETS[parts[1]])
        if path == "/status":
            return _json(self.rebuilder.status().record())
        if path == "/date":
            return _json(forms.date_preview(request.args.get("value", "")))
        return _plain(404, f"nothing lives at {path[:200]}.")

    def _essay(self, essay: str) -> Response:
        snap = self.workspace.snapshot()
        if not ID_PATTERN.fullmatch(essay) or essay not in snap.corpus:
            return _plain(404, "no such essay; the list is at /.")
        marker = self._marker_for(snap.entities)
        return self._page(lambda s, common: pages.essay_page(s, marker, essay, common), essay)

    def _marker_for(self, entities: list[Any]) -> Marker:
        key = hash(tuple(entities))
        if self._marker is None or self._marker[0] != key:
            self._marker = (key, Marker(entities))
        return self._marker[1]

    def _page(self, render: Callable[[Any, dict[str, Any]], str], essay: str = "") -> Response:
        with self.workspace.lock:
            snap = self.workspace.snapshot()
            versions = self.workspace.versions()
        status = self.rebuilder.status()
        data = {"csrf": self.csrf, "versions": versions, "essay": essay}
        common = {"status": status, "page_data": data}
        return Response(render(snap, common), content_type=HTML)

    def _change(self, request: Request, path: str) -> Response:
        if not _same(request.headers.get("X-CSRF-Token", ""), self.csrf):
            return _json({"error": "missing or wrong CSRF token; reload the page"}, 403)
        body = request.get_json(silent=True) if request.mimetype == "application/json" else None
        if not isinstance(body, dict):
            return _json({"error": "send the form as a JSON object"}, 400)
        versions = body.get("versions")
        if not isinstance(versions, dict):
            raise EditRefused("the page sent no file versions; reload it")
        done = self._apply(path, versions, body)
        return _json({"message": done.message, "versions": self.workspace.versions()})

    def _apply(self, path: str, versions: dict[str, str], body: dict[str, Any]) -> Any:
        editor = self.editor
        if path == "/decide":
            candidate = body.get("candidate")
            if not isinstance(candidate, str) or not candidate:
                raise EditRefused("candidate: say which candidate")
            return editor.decide(versions, candidate, body)
        if path == "/name":
            return editor.judge_name(versions, str(body.get("action", "")), body)
        if path == "/entity":
            return editor.new_entity(versions, body)
        if path == "/fact":
            return editor.new_fact(versions, str(body.get("essay", "")), body)
        if path == "/stale":
            ident = forms.text(body, "decision", required=True, name=True)
            return editor.stale(versions, str(body.get("action", "")), ident)
        return editor.undo()


def _same(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def _plain(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _json(value: object, status: int = 200) -> Response:
    return Response(json.dumps(value), status=status, mimetype="application/json")
