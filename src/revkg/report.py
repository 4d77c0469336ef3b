"""Validation results as a report: a list of problems, each with where and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "ERROR"
    WARNING = "WARNING"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong: ``[ERROR] graph/curated/people.yaml:42 person 'x': message``."""

    location: str
    subject: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = " ".join(part for part in (self.location, self.subject) if part)
        return f"[{self.severity.value}] {where}: {self.message}"


@dataclass
class Report:
    """Problems found by the loaders and checks, in a stable order."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, location: object, subject: str, message: str, *, warning: bool = False) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(Problem(str(location or ""), subject, message, severity))

    def extend(self, other: Report) -> None:
        self.problems.extend(other.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [str(p) for p in sorted(set(self.problems), key=_order)]


def _order(p: Problem) -> tuple[str, int, str, str]:
    file, _, line = p.location.rpartition(":")
    if file and line.isdigit():
        return (file, int(line), p.subject, p.message)
    return (p.location, 0, p.subject, p.message)
