"""A project with an unseen essay and the curation app over it, driven in-process."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.test import Client

from revkg.curate.app import CurateApp
from revkg.project import Project

from .conftest import REPO, copy_project

ESSAY = "bolsheviks"
HOST = {"Host": "127.0.0.1"}


def project_with_essay(dest: Path, essay: str = ESSAY) -> Project:
    """A copy of the project with ``corpora/dev/<essay>.txt`` dropped into seeds/."""
    project = copy_project(dest)
    shutil.copy(REPO / "corpora" / "dev" / f"{essay}.txt", project.seeds_dir / f"{essay}.txt")
    return project


@dataclass
class Curating:
    """The app, a logged-in client and helpers to post changes as the page does."""

    app: CurateApp
    client: Client

    @property
    def project(self) -> Project:
        return self.app.workspace.project

    def get(self, path: str) -> Any:
        return self.client.get(path, headers=HOST)

    def post(self, path: str, body: dict[str, Any], *, versions: Any = None) -> Any:
        sent = {**body, "versions": self.app.workspace.versions() if versions is None else versions}
        headers = {**HOST, "X-CSRF-Token": self.app.csrf}
        return self.client.post(path, json=sent, headers=headers)

    def candidates(self) -> list[Any]:
        return self.app.workspace.snapshot().candidates_of(ESSAY)


def curating(project: Project) -> Curating:
    """The app over ``project`` (builds are not run) and a client holding its cookie."""
    app = CurateApp(project, build=lambda: None)
    client = Client(app)
    answer = client.get(f"/?token={app.token}", headers=HOST)
    assert answer.status_code == 303
    return Curating(app, client)
