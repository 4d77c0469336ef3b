"""The relation rules: the table in ``rules.yaml``, read and checked.

A rule says one way a sentence can state a fact: the predicate, the types allowed
at each end, a pattern and a base confidence. The pattern language is explained in
:mod:`revkg.extract.patterns`, which turns patterns into regular expressions.

:func:`load_rules` checks every field as it reads the table, including that the
predicate is a property of the vocabulary and the types fit its domain and range;
a mistake raises :class:`RuleTableError` naming the rule and the field to fix.
The packaged table is read on first use (:func:`rule_table`), not on import.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Callable
from importlib import resources
from typing import Any, Protocol, TypeVar

import yaml

from .. import files, vocab
from ..errors import RuleTableError
from .patterns import TYPE_LETTERS, CompiledRule, Rule, compile_rule, compile_rules

_TIMES = ("point", "start", "end")
_REQUIRED = ("name", "predicate", "subject", "object", "pattern", "confidence")
_OPTIONAL = ("verbs", "time", "negatable", "names_only")


@functools.cache
def rule_table() -> tuple[Rule, ...]:
    """The table shipped with revkg (``rules.yaml``), read and checked on first use."""
    return load_rules()


@functools.cache
def compiled_rules() -> tuple[CompiledRule, ...]:
    """The packaged table, compiled (on first use)."""
    return compile_rules(rule_table())


def load_rules(text: str | None = None, *, source: str = "rules.yaml") -> tuple[Rule, ...]:
    """The rules of a YAML table (by default the packaged ``rules.yaml``), checked."""
    if text is None:
        text = resources.files("revkg.extract").joinpath("rules.yaml").read_text(encoding="utf-8")
    return read_table(text, source, "rules", "rule", _rule)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


E = TypeVar("E", bound=_Named)


def read_table(
    text: str, source: str, key: str, what: str, entry: Callable[[Any, dict[str, Any], str], E]
) -> tuple[E, ...]:
    """The entries of a YAML table (``rules.yaml``, ``relations.yaml``): its ``key`` list,
    each made by ``entry(fields, groups, where)``, with the table's ``groups:`` and where
    the entry stands ("<source>: <what> 3"); names used twice are refused."""
    try:
        data = files.safe_load(text)
    except yaml.YAMLError as e:
        raise RuleTableError(f"{source} is not valid YAML: {files.one_line(e)}") from e
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise RuleTableError(f"{source} needs a `{key}:` list (and optionally `groups:`)")
    groups = data.get("groups") or {}
    found = tuple(
        entry(fields, groups, f"{source}: {what} {i + 1}") for i, fields in enumerate(data[key])
    )
    twice = sorted(n for n, count in Counter(e.name for e in found).items() if count > 1)
    if twice:
        raise RuleTableError(f"{source}: {what} names used twice: {', '.join(twice)}; rename them")
    return found


def _rule(entry: Any, groups: dict[str, Any], where: str) -> Rule:
    """One entry of the table as a rule; every field checked."""
    if not isinstance(entry, dict):
        raise RuleTableError(f"{where}: expected a mapping of fields")
    where = f"{where} ({entry.get('name', 'unnamed')})"
    _check_fields(entry, where)
    rule = Rule(
        name=str(entry["name"]),
        predicate=str(entry["predicate"]),
        subject=types_of(entry["subject"], groups, f"{where}: subject"),
        object=types_of(entry["object"], groups, f"{where}: object"),
        pattern="".join(line.strip() for line in str(entry["pattern"]).splitlines()),
        confidence=float(entry["confidence"]),
        time=entry.get("time"),
        negatable=bool(entry.get("negatable", False)),
        names_only=bool(entry.get("names_only", False)),
        verbs=tuple(str(v) for v in entry.get("verbs") or []),
    )
    check_vocabulary(rule, where)
    _check_pattern(rule, where)
    return rule


def _check_fields(entry: dict[str, Any], where: str) -> None:
    """Every required field present, no unknown ones, and the plain values in range."""
    check_entry(entry, where, _REQUIRED, _OPTIONAL)
    verbs = entry.get("verbs") or []
    if not isinstance(verbs, list) or ("{verb}" in str(entry["pattern"])) != bool(verbs):
        raise RuleTableError(f"{where}: `verbs` (a list) goes with {{verb}} in the pattern")


def check_entry(
    entry: dict[str, Any], where: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    """The fields every table entry has: the required ones and no unknown ones, a
    confidence in (0, 1] and a time qualifier of a known kind (also for relations.yaml)."""
    missing = [k for k in required if k not in entry]
    unknown = sorted(set(entry) - set(required) - set(optional))
    if missing or unknown:
        raise RuleTableError(f"{where}: missing fields {missing}, unknown fields {unknown}")
    confidence = entry["confidence"]
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise RuleTableError(f"{where}: confidence must be a number between 0 and 1")
    if not 0 < confidence <= 1 or entry.get("time") not in (None, *_TIMES):
        raise RuleTableError(f"{where}: confidence must be in (0, 1], time one of {_TIMES}")


def types_of(value: Any, groups: dict[str, Any], where: str) -> tuple[str, ...]:
    """The types a table entry allows at one end: a list, or the name of a group."""
    if isinstance(value, str):
        if value not in groups:
            raise RuleTableError(f"{where}: {value!r} is not a group; write a list of types")
        value = groups[value]
    if not isinstance(value, list) or not value or not set(value) <= set(TYPE_LETTERS):
        raise RuleTableError(f"{where}: {value!r} must list types from {sorted(TYPE_LETTERS)}")
    return tuple(value)


class _Typed(Protocol):
    @property
    def predicate(self) -> str: ...
    @property
    def subject(self) -> tuple[str, ...]: ...
    @property
    def object(self) -> tuple[str, ...]: ...


def check_vocabulary(rule: _Typed, where: str) -> None:
    """The predicate is a property of the vocabulary; the types fit its domain and range
    (for a rule of rules.yaml and a pattern of relations.yaml alike)."""
    prop = vocab.PROPERTIES_BY_NAME.get(rule.predicate)
    if prop is None:
        near = difflib.get_close_matches(rule.predicate, vocab.PROPERTIES_BY_NAME, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise RuleTableError(
            f"{where}: `predicate` {rule.predicate!r} is not a property of the vocabulary{hint}"
        )
    outside = sorted(set(rule.subject) - set(prop.domain))
    if outside:
        raise RuleTableError(
            f"{where}: `subject` types {outside} are outside the domain of "
            f"{prop.name} {list(prop.domain)}"
        )
    allowed = ("Date",) if prop.range == (vocab.DATE,) else prop.range
    outside = sorted(set(rule.object) - set(allowed))
    if outside:
        raise RuleTableError(
            f"{where}: `object` types {outside} are outside the range of "
            f"{prop.name} {list(allowed)}"
        )


def _check_pattern(rule: Rule, where: str) -> None:
    """The pattern has both ends and compiles."""
    if "{S}" not in rule.pattern or "{O" not in rule.pattern:
        raise RuleTableError(f"{where}: `pattern` needs both {{S}} and {{O}}")
    try:
        compile_rule(rule)
    except re.error as e:
        raise RuleTableError(f"{where}: `pattern` is not a valid expression: {e}") from e
