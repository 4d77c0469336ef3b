"""The relation rules: the table in ``rules.yaml``, checked, compiled and indexed.

The table's header explains the pattern language: a rule is matched against a
sentence whose names are replaced by typed slots (``«P0» was born in «L1» in
«D2»``); ``{S}``/``{O}`` are the subject and object slots, ``{T}`` a date giving
the time qualifier, ``{_}``/``{__}`` short and long gaps, ``{A}`` active voice
only, ``{verb}`` the rule's verbs (a negation before them cancels a ``negatable``
rule). The table is read when this module is imported; a malformed table raises
:class:`RuleTableError` naming the rule and the field to fix.
"""

from __future__ import annotations

import re
import re._constants as _c  # the parse tree of an expression, for triggers
import re._parser as _parser
from dataclasses import dataclass
from functools import reduce
from importlib import resources
from operator import or_
from typing import Any

import yaml

from .. import files, vocab
from ..errors import RuleTableError
from ..model import Date

#: Slot letter of each entity type in masked sentences.
TYPE_LETTERS: dict[str, str] = {
    "Person": "P",
    "Work": "W",
    "Organization": "O",
    "Event": "E",
    "Place": "L",
    "Concept": "C",
    "Date": "D",
}
_TIMES = ("point", "start", "end")
_REQUIRED = ("name", "predicate", "subject", "object", "pattern", "confidence")
_OPTIONAL = ("verbs", "time", "negatable")


@dataclass(frozen=True)
class Rule:
    """One way of saying a fact: predicate, allowed types, pattern, base confidence."""

    name: str
    predicate: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    pattern: str
    confidence: float
    time: str | None = None
    negatable: bool = False
    verbs: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to match: its expression, slot letters and trigger strings.

    A match always contains one of ``triggers`` (in a :func:`fold`-ed sentence); an
    empty tuple means no such strings are known, and the expression is always tried.
    """

    rule: Rule
    regex: re.Pattern[str]
    subject_letters: frozenset[str]
    object_letters: frozenset[str]
    triggers: tuple[str, ...]


def load_rules(text: str | None = None, *, source: str = "rules.yaml") -> tuple[Rule, ...]:
    """The rules of a YAML table (by default the packaged ``rules.yaml``), checked."""
    if text is None:
        text = resources.files("revkg.extract").joinpath("rules.yaml").read_text(encoding="utf-8")
    try:
        data = files.safe_load(text)
    except yaml.YAMLError as e:
        raise RuleTableError(f"{source} is not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleTableError(f"{source} needs a `rules:` list (and optionally `groups:`)")
    groups = data.get("groups") or {}
    rules = tuple(
        _rule(entry, groups, f"{source}: rule {i + 1}") for i, entry in enumerate(data["rules"])
    )
    names = [r.name for r in rules]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise RuleTableError(f"{source}: rule names used twice: {', '.join(twice)}; rename them")
    return rules


def _rule(entry: Any, groups: dict[str, Any], where: str) -> Rule:
    if not isinstance(entry, dict):
        raise RuleTableError(f"{where}: expected a mapping of fields")
    where = f"{where} ({entry.get('name', 'unnamed')})"
    missing = [k for k in _REQUIRED if k not in entry]
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if missing or unknown:
        raise RuleTableError(f"{where}: missing fields {missing}, unknown fields {unknown}")
    confidence = entry["confidence"]
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise RuleTableError(f"{where}: confidence must be a number between 0 and 1")
    if not 0 < confidence <= 1 or entry.get("time") not in (None, *_TIMES):
        raise RuleTableError(f"{where}: confidence must be in (0, 1], time one of {_TIMES}")
    verbs = entry.get("verbs") or []
    if not isinstance(verbs, list) or ("{verb}" in str(entry["pattern"])) != bool(verbs):
        raise RuleTableError(f"{where}: `verbs` (a list) goes with {{verb}} in the pattern")
    rule = Rule(
        name=str(entry["name"]),
        predicate=str(entry["predicate"]),
        subject=_types(entry["subject"], groups, f"{where}: subject"),
        object=_types(entry["object"], groups, f"{where}: object"),
        pattern="".join(line.strip() for line in str(entry["pattern"]).splitlines()),
        confidence=float(confidence),
        time=entry.get("time"),
        negatable=bool(entry.get("negatable", False)),
        verbs=tuple(str(v) for v in verbs),
    )
    try:
        compile_rule(rule)
    except re.error as e:
        raise RuleTableError(f"{where}: the pattern is not a valid expression: {e}") from e
    return rule


def _types(value: Any, groups: dict[str, Any], where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        if value not in groups:
            raise RuleTableError(f"{where}: {value!r} is not a group; write a list of types")
        value = groups[value]
    if not isinstance(value, list) or not value or not set(value) <= set(TYPE_LETTERS):
        raise RuleTableError(f"{where}: {value!r} must list types from {sorted(TYPE_LETTERS)}")
    return tuple(value)


def _slot(name: str, types: tuple[str, ...], *, possessive_ok: bool = True) -> str:
    letters = "".join(TYPE_LETTERS[t] for t in types)
    if possessive_ok:
        return f"«(?P<{name}>[{letters}]\\d+)»"
    # the look-ahead (a determiner's first letter or the slot) fails fast where a gap may end
    return (
        f"(?=[«tahi])(?:(?:the|a|an|this|that|his|her|their|its) )?"
        f"«(?P<{name}>[{letters}]\\d+)»(?!'s)"
    )


_GAP = r"(?:[^«»]|«[DLEC]\d+»)"
_ACTIVE = "(?<!being )(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )(?<!an )(?<!a )(?<!the )"


def compile_rule(rule: Rule) -> re.Pattern[str]:
    """The rule's pattern as a regular expression over a masked sentence."""
    verbs = "(?P<verb>" + "|".join(rule.verbs) + ")"
    ahead = _first_letters(rule.verbs)  # tried first where a lazy gap may end in the verb
    text = (
        rule.pattern.replace("{A}{verb}", ahead + "{A}" + verbs)
        .replace("{_}{verb}", "{_}" + ahead + verbs)
        .replace("{__}{verb}", "{__}" + ahead + verbs)
        .replace("{verb}", verbs)
    )
    text = text.replace(" {_}", "[\\s,]{_}").replace(" {__}", "[\\s,]{__}")
    for key, value in (
        ("{S}", _slot("S", rule.subject)),
        ("{O's}", _slot("O", rule.object) + "'s"),
        ("{O}", _slot("O", rule.object, possessive_ok=False)),
        ("{T}", "«(?P<T>D\\d+)»"),
        ("{X}", "«[A-Z]\\d+»"),
        ("{A}", _ACTIVE),
        ("{__}", r"(?:[^«»]|«[A-Z]\d+»){0,100}?"),
        ("{_}", _GAP + "{0,60}?"),
    ):
        text = text.replace(key, value)
    return re.compile(_look_ahead_first(text), re.IGNORECASE)


#: Look-behinds at the start of an expression, none with a group inside.
_LEADING_LOOK_BEHINDS = re.compile(r"(?:\(\?<[!=](?:[^()\\]|\\.)*\))+")
#: A look-ahead for a plain set of characters, as compile_rule writes them: (?=[«tahi]).
_LOOK_AHEAD_SET = re.compile(r"\(\?=\[[^\]\\]*\]\)")


def _look_ahead_first(text: str) -> str:
    """``text`` with a copy of the look-ahead that follows its leading look-behinds put
    before them: the search tries each character, and one test there is cheaper than
    every look-behind ("not after the, a, against ..." before a slot)."""
    behind = _LEADING_LOOK_BEHINDS.match(text)
    ahead = behind and _LOOK_AHEAD_SET.match(text, behind.end())
    return ahead.group() + text if ahead else text


def _first_letters(verbs: tuple[str, ...]) -> str:
    """A look-ahead for the letters the verbs start with ("" unless each starts with one).

    A lazy gap tries to end at each character; this fails at most of them at once,
    before the look-behinds of ``{A}`` and the verbs themselves are tried."""
    firsts = set()
    for verb in verbs:
        try:
            items = list(_parser.parse(verb))
        except re.error:  # valid only inside the whole pattern, such as "(?P=S)"
            return ""
        if not items or items[0][0] is not _c.LITERAL or not chr(items[0][1]).isalpha():
            return ""  # it may start otherwise ("s?he", "a|b", "[ab]c")
        firsts.add(chr(items[0][1]))  # matched under the rule's own flags, as the verb is
    return "(?=[" + "".join(sorted(firsts)) + "])" if firsts else ""


def compile_rules(rules: tuple[Rule, ...]) -> tuple[CompiledRule, ...]:
    """Each rule with its expression, slot letters and trigger strings."""
    out = []
    for rule in rules:
        regex = compile_rule(rule)
        out.append(
            CompiledRule(
                rule,
                regex,
                frozenset(TYPE_LETTERS[t] for t in rule.subject),
                frozenset(TYPE_LETTERS[t] for t in rule.object),
                triggers(regex),
            )
        )
    return tuple(out)


def check_rules(rules: tuple[Rule, ...] | None = None) -> list[str]:
    """Problems in the table: unknown predicates, types outside the vocabulary, bad patterns.

    (Fields, times and duplicate names are already checked by :func:`load_rules`.)"""
    rules = RULES if rules is None else rules
    problems = []
    for rule in rules:
        prop = vocab.PROPERTIES_BY_NAME.get(rule.predicate)
        if prop is None:
            problems.append(f"{rule.name}: unknown predicate {rule.predicate!r}")
            continue
        if not set(rule.subject) <= set(prop.domain):
            problems.append(f"{rule.name}: subject types {rule.subject} outside {prop.domain}")
        allowed = {"Date"} if prop.range == (vocab.DATE,) else set(prop.range)
        if not set(rule.object) <= allowed:
            problems.append(f"{rule.name}: object types {rule.object} outside {prop.range}")
        if "{S}" not in rule.pattern or "{O" not in rule.pattern:
            problems.append(f"{rule.name}: the pattern needs both {{S}} and {{O}}")
    return problems


# ---- trigger strings: a cheap test before an expression is tried ----------------------

#: Characters that re.IGNORECASE matches with an ASCII letter but str.lower() does not map.
_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_CASE_TWINS = str.maketrans(_TWINS)
_MAX_LANGUAGE = 64


def fold(text: str) -> str:
    """``text`` lower-cased so that a trigger is in it whenever IGNORECASE would match it."""
    if not text.isascii() and any(map(text.__contains__, _TWINS)):
        text = text.translate(_CASE_TWINS)
    return text.lower()


def triggers(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Strings of which every match of ``regex`` contains one, lower-cased; () if unknown."""
    found = _needs(_parser.parse(regex.pattern, regex.flags))
    return tuple(sorted(found)) if found else ()


_ZERO_WIDTH = (_c.ASSERT, _c.ASSERT_NOT, _c.AT)


def _needs(items: Any) -> frozenset[str] | None:
    """The most selective set of strings one of which any match of ``items`` contains."""
    best: frozenset[str] | None = None
    run: frozenset[str] = frozenset({""})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a look-around or anchor matches no text: the run goes on past it
        language = _language([(op, av)])
        if language is not None and len(run) * len(language) <= _MAX_LANGUAGE:
            run = frozenset(a + b for a in run for b in language)
            continue
        best = _better(best, run)
        if language is None:
            # the run followed by how the item starts: "» «" + "p" for two names side by side
            start = _literal_prefix(op, av)
            if start is not None and len(run) * len(start) <= _MAX_LANGUAGE:
                best = _better(best, frozenset(a + b for a in run for b in start))
            best = _better(best, _inner_needs(op, av))
        run = language if language is not None else frozenset({""})
    return _better(best, run)


def _literal_prefix(op: Any, av: Any) -> frozenset[str] | None:
    """How every match of a group starts, when it starts with plain characters; else None."""
    if op is not _c.SUBPATTERN:
        return None
    leading = []
    for item in av[-1]:
        if _language([item]) is None:
            break
        leading.append(item)
    return _language(leading) if leading else None


def _inner_needs(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _needs(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _needs(av)
    if op is _c.BRANCH:
        alternatives = [_needs(a) for a in av[1]]
        if any(a is None for a in alternatives):
            return None
        return frozenset().union(*alternatives)  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needs(av[2])
    return None


def _language(items: Any) -> frozenset[str] | None:
    """Every string ``items`` can match, when it is a small set of literals; else None."""
    out = frozenset({""})
    for op, av in items:
        if op is _c.LITERAL:
            part: frozenset[str] | None = frozenset({fold(chr(av))})
        elif op is _c.SUBPATTERN:
            part = _language(av[-1])
        elif op is _c.BRANCH:
            alternatives = [_language(a) for a in av[1]]
            part = None if None in alternatives else frozenset().union(*alternatives)  # type: ignore[arg-type]
        else:
            part = None
        if part is None or len(out) * len(part) > _MAX_LANGUAGE:
            return None
        out = frozenset(a + b for a in out for b in part)
    return out


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return b if _selectivity(b) > _selectivity(a) else a


def _selectivity(needs: frozenset[str] | None) -> tuple[int, int, int]:
    """Longer shortest string first, then fewer strings, then the longer shortest string
    counting slot brackets and spaces; (0, 0, 0) when useless.

    The brackets and spaces at either end count only to break a tie ("» «p", two names
    side by side, wins over "«o"): every masked sentence has some of them.
    """
    if not needs:
        return (0, 0, 0)
    shortest = min(len(s.strip("«» ")) for s in needs)
    if not shortest:
        return (0, 0, 0)
    return (shortest, -len(needs), min(len(s) for s in needs))


class RuleIndex:
    """Which rules may match a masked sentence: a fast test before any expression is tried.

    A rule is tried only when the sentence has slots of its subject and object types
    and contains one of its trigger strings. A trigger is looked for only when its
    longest run of letters occurs inside a word of the sentence (found through a
    lookup remembered per word). Sets of rules are bit masks (bit ``i`` is rule ``i``).
    """

    def __init__(self, rules: tuple[CompiledRule, ...]) -> None:
        self.rules = rules
        keyed = [tuple(_letters(t) for t in r.triggers) for r in rules]
        self.always = sum(1 << i for i, keys in enumerate(keyed) if not keys or not all(keys))
        self.fragments = [(key, 1 << i) for i, keys in enumerate(keyed) for key in keys if key]
        self._by_letters: dict[frozenset[str], int] = {}
        self._in_word: dict[str, int] = {}

    def candidates(self, masked: str, letters: frozenset[str]) -> list[CompiledRule]:
        """The rules to try on ``masked``, in table order; ``letters`` are its slot types."""
        folded = fold(masked)
        words = folded.split()  # a word seen twice costs less than building a set
        try:
            bits = reduce(or_, map(self._in_word.__getitem__, words), self.always)
        except KeyError:
            bits = reduce(or_, map(self._rules_in, words), self.always)
        bits &= self._for_letters(letters)
        out = []
        while bits:
            low = bits & -bits
            bits ^= low
            rule = self.rules[low.bit_length() - 1]
            if not rule.triggers or any(map(folded.__contains__, rule.triggers)):
                out.append(rule)
        return out

    def allows(self, letters: frozenset[str]) -> bool:
        """True when some rule links slots of these letters (else no sentence can match)."""
        return bool(self._for_letters(letters))

    def _for_letters(self, letters: frozenset[str]) -> int:
        if letters not in self._by_letters:
            self._by_letters[letters] = sum(
                1 << i
                for i, r in enumerate(self.rules)
                if letters & r.subject_letters and letters & r.object_letters
            )
        return self._by_letters[letters]

    def _rules_in(self, word: str) -> int:
        """The rules with a trigger letter run inside ``word`` (a run of non-spaces)."""
        inside = self._in_word.get(word)
        if inside is None:
            if len(self._in_word) > _MAX_WORDS:
                self._in_word.clear()
            inside = 0
            for key, bit in self.fragments:
                if key in word:
                    inside |= bit
            self._in_word[word] = inside
        return inside


_WORD = re.compile("[a-z]+")
_MAX_WORDS = 200_000


def _letters(trigger: str) -> str:
    """The longest run of the letters a-z in a trigger ("" if none)."""
    return max(_WORD.findall(trigger), key=len, default="")


#: Words just before a verb that cancel a negatable rule.
NEGATION = re.compile(
    r"\b(?:not|never|no longer|refused to|refuses to|refuse to|declined to|failed to|"
    r"threaten\w* to|wouldn't|didn't|did not|don't|could not|couldn't|cannot|n't)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def negated(masked: str, match: re.Match[str]) -> bool:
    """True when a negation ("did not", "refused to") stands just before the verb."""
    if "verb" not in match.re.groupindex or match.start("verb") < 0:
        return False
    left = max(0, match.start("verb") - 40)
    if match.start("S") < match.start("verb"):
        left = max(left, match.end("S") + 1)
    return bool(NEGATION.search(masked[left : match.start("verb")]))


def match_time(
    rule: Rule, match: re.Match[str], dates: list[Date | None], slots: list[tuple[int, int]]
) -> Date | None:
    """The rule's time qualifier: the ``{T}`` slot, else the date slot nearest the match."""
    if rule.time is None:
        return None
    if "T" in match.re.groupindex and match.group("T"):
        return dates[int(match.group("T")[1:])]
    used = {int(match.group("S")[1:]), int(match.group("O")[1:])}
    centre = (match.start() + match.end()) / 2
    nearest = [
        (abs((slots[i][0] + slots[i][1]) / 2 - centre), i)
        for i, date in enumerate(dates)
        if date is not None and i not in used
    ]
    return dates[min(nearest)[1]] if nearest else None


#: The table shipped with revkg.
RULES: tuple[Rule, ...] = load_rules()
