"""The relation rules, in one table: what each rule finds and how sure it is.

A rule is matched against a sentence in which every recognised name has been
replaced by a typed slot, so that "Myasnikov was born in the Urals in 1889"
reads ``«P0» was born in «L1» in «D2»``. Slot letters: P person, W work,
O organization, E event, L place, C concept, D date. In a pattern:

- ``{S}`` the subject and ``{O}`` the object, each restricted to the rule's types;
  an object followed by ``'s`` is skipped ("the Czar's brother" is not the Czar)
  unless the pattern says ``{O's}`` ("critiqued Myasnikov's arguments");
- ``{T}`` a date giving the time qualifier;
- ``{_}`` a short stretch of words naming no person, organization or work;
- ``{__}`` a longer stretch that may contain other names;
- ``{A}`` before the verb: active voice only ("was attacked by" is not "attacked");
- ``(?P<verb>...)`` the verb; for ``negatable`` rules a negation just before it
  ("refused to condemn", "did not join") cancels the match.

Patterns are regular expressions, matched case-insensitively. ``time`` says which
qualifier a date in the sentence fills: ``point``, ``start`` or ``end``.
Confidence is the rule's base confidence; extraction lowers it for names found
through a pronoun or not yet in the registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab

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

_P, _W, _O, _E, _L, _C, _D = "Person", "Work", "Organization", "Event", "Place", "Concept", "Date"
_AGENT = (_P, _O)
_WRITER = (_P, _O, _W)
_ANY = (_P, _W, _O, _E, _L, _C)


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


R = Rule
_GAP = r"(?:[^«»]|«[DLEC]\d+»)"

RULES: tuple[Rule, ...] = (
    # authored
    R("work-by", "authored", _AGENT, (_W,), r"{O},? by {S}", 0.9),
    R(
        "possessive-work-noun",
        "authored",
        _AGENT,
        (_W,),
        r"{S}'s? (?:\w+ ){0,2}?(?:pamphlet|book|essay|article|piece|letter|manifesto|memoirs|"
        r"work|treatise)s? {O}",
        0.9,
    ),
    R("possessive-work", "authored", _AGENT, (_W,), r"{S}'s? (?:{T} )?{O}", 0.8),
    R(
        "wrote",
        "authored",
        _AGENT,
        (_W,),
        r"{S} {_}(?P<verb>wrote|writes|write|published|publishing|publish|penned|authored|"
        r"issued) (?:the |his |her |their |a |an )?(?:\w+ ){0,2}?{O}",
        0.85,
        negatable=True,
    ),
    R(
        "in-own-work",
        "authored",
        _AGENT,
        (_W,),
        r"{S} in (?:his|her|their) (?:\w+ )?(?:work|book|pamphlet|essay|memoirs?|article) {O}",
        0.85,
    ),
    R("works-of", "authored", _AGENT, (_W,), r"{O} (?:is|was|remains) {_}works? of {S}", 0.85),
    # memberOf and partOf
    R(
        "member-of",
        "memberOf",
        _AGENT,
        (_O,),
        r"{S} {_}(?P<verb>(?:was|were|became|remained|being|been) an? (?:\w+ ){0,2}?members? of)"
        r" (?:the |this |that )?{O}",
        0.9,
        time="point",
        negatable=True,
    ),
    R(
        "joined",
        "memberOf",
        _AGENT,
        (_O,),
        r"{S} {_}(?P<verb>joined|rejoined|joins|join) (?:the |this )?{O}",
        0.85,
        time="start",
        negatable=True,
    ),
    R(
        "and-joined",
        "memberOf",
        _AGENT,
        (_O,),
        r"{S} (?:was|had|is) {__} and (?P<verb>joined|rejoined) (?:the |this )?{O}",
        0.75,
        time="start",
        negatable=True,
    ),
    R(
        "included",
        "memberOf",
        _AGENT,
        (_O,),
        r"{O} {_}(?:included|including|includes) (?:\w+ ){0,3}?{S}",
        0.8,
        time="point",
    ),
    R(
        "faction-within",
        "partOf",
        (_O,),
        (_O,),
        r"{S} as a (?:faction|group|tendency) (?:within|of|in) {O}",
        0.8,
    ),
    # founded
    R(
        "founded",
        "founded",
        _AGENT,
        (_O,),
        r"{S} {_}{A}(?P<verb>founded|found|formed|form|established|establish|set up|created|"
        r"create) {_}{O}",
        0.8,
        time="point",
        negatable=True,
    ),
    R("founder-of", "founded", _AGENT, (_O,), r"{S},? (?:the |a )?(?:co-)?founder of {O}", 0.85),
    # participatedIn
    R(
        "role-in",
        "participatedIn",
        _AGENT,
        (_E,),
        r"{S} {_}(?P<verb>took|taking|take|played|playing|play) an? {_}(?:role|part) in {_}{O}",
        0.85,
        negatable=True,
    ),
    R(
        "participant",
        "participatedIn",
        _AGENT,
        (_E,),
        r"{S} {_}(?P<verb>participa\w+|fought|served) (?:in|of) {_}{O}",
        0.8,
        negatable=True,
    ),
    # birth, death, disappearance
    R("born-in", "bornIn", (_P,), (_L,), r"{S} {_}born in {O}", 0.9),
    R("born-date", "birthDate", (_P,), (_D,), r"{S} {_}born (?:in {X} )?(?:in |on )?{O}", 0.9),
    R("died-in", "diedIn", (_P,), (_L,), r"{S} {_}(?P<verb>died) in {O}", 0.85, negatable=True),
    R("died-date", "deathDate", (_P,), (_D,), r"{S} {_}(?P<verb>died) in {O}", 0.85),
    R("disappeared-in", "disappeared", (_P,), (_D,), r"in {O},? {S} (?:\w+ )?disappeared", 0.85),
    R("disappeared", "disappeared", (_P,), (_D,), r"{S} {_}disappeared in {O}", 0.85),
    # places a person was held, sent, exiled or lived
    R(
        "imprisoned-in",
        "imprisonedIn",
        (_P,),
        (_L,),
        r"{S} {_}(?P<verb>imprisoned|jailed|incarcerated|interned) (?:in|at) {O}",
        0.85,
        time="point",
        negatable=True,
    ),
    R(
        "imprisoned-object",
        "imprisonedIn",
        (_P,),
        (_L,),
        r"(?:imprisoned|jailed|incarcerated|interned) {S} (?:in|at) {O}",
        0.85,
        time="point",
    ),
    R(
        "prison-in",
        "imprisonedIn",
        (_P,),
        (_L,),
        r"{S} {_}(?:in|to) (?:prison|jail|a labou?r camp|the gulag) in {O}",
        0.8,
        time="point",
    ),
    R(
        "exiled-to",
        "exiledTo",
        (_P,),
        (_L,),
        r"{S} {_}(?P<verb>exiled|banished|deported) to {O}",
        0.85,
        time="point",
        negatable=True,
    ),
    R(
        "exile-in",
        "exiledTo",
        (_P,),
        (_L,),
        r"{S} {_}(?:returned from|went into|was in|lived in) exile (?:in|to) {O}",
        0.8,
        time="end",
    ),
    R(
        "sent-to",
        "sentTo",
        (_P,),
        (_L,),
        r"{S} {_}(?P<verb>sent|relocated|transferred) (?:back )?to {O}",
        0.85,
        time="point",
        negatable=True,
    ),
    R(
        "send-object",
        "sentTo",
        (_P,),
        (_L,),
        r"(?:send|sent|relocate|relocated|transfer|transferred) {S} (?:back )?to {O}",
        0.85,
        time="point",
    ),
    R(
        "settled-in",
        "settledIn",
        _AGENT,
        (_L,),
        r"{S} {_}(?P<verb>settled|lived|resided|emigrated) (?:down )?in {O}",
        0.85,
        time="point",
        negatable=True,
    ),
    R(
        "worked-in",
        "settledIn",
        (_P,),
        (_L,),
        r"{S} {_}(?P<verb>work|worked|working) (?:\w+ ){0,3}?in {O}",
        0.65,
        time="end",
        negatable=True,
    ),
    # expelledFrom
    R(
        "expelled-from",
        "expelledFrom",
        _AGENT,
        (_O,),
        r"{S} {_}(?P<verb>expelled|purged|excluded) from {_}{O}",
        0.85,
        time="point",
        negatable=True,
    ),
    R(
        "expel-object",
        "expelledFrom",
        _AGENT,
        (_O,),
        r"(?P<verb>expel|expelled) {S} from {_}{O}",
        0.8,
        time="point",
        negatable=True,
    ),
    # stances
    R(
        "opposed",
        "opposed",
        _WRITER,
        _ANY,
        r"{S} {_}{A}(?P<verb>opposed|opposes|oppose|opposing|resisted|rejected|voted against|"
        r"fought against|campaign against|protested against|protest against) {_}{O}",
        0.8,
        negatable=True,
    ),
    R(
        "after-opposing",
        "opposed",
        _WRITER,
        _ANY,
        r"after (?P<verb>opposing|resisting|rejecting) {_}{O},? {S}",
        0.8,
    ),
    R(
        "supported",
        "supported",
        _WRITER,
        _ANY,
        r"{S} {_}{A}(?P<verb>supported|supports|support|backed|defended|stood by|sided with|"
        r"endorsed|admirer of|admired|favou?red) {_}{O}",
        0.75,
        negatable=True,
    ),
    R(
        "supported-by",
        "supported",
        _WRITER,
        _ANY,
        r"{O} (?:is|was|were) (?:\w+ )?(?:supported|backed|favou?red|endorsed) by {S}",
        0.75,
    ),
    R(
        "advocated",
        "advocated",
        _WRITER,
        (_C,),
        r"{S} {_}(?P<verb>advocated|advocates|advocate|argued for|argue for|called for|"
        r"call for|agitat\w+ for|fought for|fight for|campaigned for|demanded|championed|"
        r"stress\w* the need for|an advocate (?:for|of)) {_}{O}",
        0.8,
        negatable=True,
    ),
    R(
        "arguments-for",
        "advocated",
        _WRITER,
        (_C,),
        r"{S}'s? (?:\w+ )?(?:arguments?|demands?|calls?|advocacy) (?:for|of) {O}",
        0.75,
    ),
    R(
        "criticized",
        "criticized",
        _WRITER,
        _ANY,
        r"{S} {_}{A}(?P<verb>criticized|criticised|criticizing|criticising|critiqued|critiques|"
        r"critique|condemned|condemn|condemns|denounced|denounce|attacked|attack|attacking|"
        r"accused|disagreed with|polemici[sz]ed against) {_}{O}",
        0.8,
        negatable=True,
    ),
    R(
        "criticized-views",
        "criticized",
        _WRITER,
        _ANY,
        r"{S} {_}{A}(?P<verb>criticized|criticised|critiqued|attacked|condemned|denounced|"
        r"disagreed with) {O's}",
        0.75,
        negatable=True,
    ),
    R(
        "criticized-by",
        "criticized",
        _WRITER,
        _ANY,
        r"{O} {_}(?:was|were|being) (?:\w+ )?(?:criticized|criticised|attacked|condemned|"
        r"denounced) (?:by|in) {S}",
        0.75,
    ),
    R(
        "critique-of",
        "criticized",
        _WRITER,
        _ANY,
        r"{S}'?s? (?:\w+ )?(?:critique|criticism|attack|polemic) (?:of|on|against) (?:the )?{O}",
        0.75,
    ),
    # relations between people
    R(
        "corresponded",
        "correspondedWith",
        (_P,),
        (_P,),
        r"{S} {_}(?P<verb>correspond\w*|exchanged letters) with {O}",
        0.85,
        time="point",
        negatable=True,
    ),
    R(
        "letter-to",
        "correspondedWith",
        (_P,),
        (_P,),
        r"{S} {_}(?P<verb>wrote|sent|writes|write) (?:a |an )?(?:\w+ )?letters? to {O}",
        0.8,
        time="point",
        negatable=True,
    ),
    R(
        "in-letter-to",
        "correspondedWith",
        (_P,),
        (_P,),
        r"{S} in (?:a|an|his|her) {_}letters? to {O}",
        0.8,
        time="point",
    ),
    R(
        "met",
        "met",
        (_P,),
        (_P,),
        r"{S} {_}{A}(?P<verb>met|meeting|meet|meets|befriended|encountered) {_}{O}",
        0.8,
        time="point",
        negatable=True,
    ),
    R(
        "influenced",
        "influenced",
        (_P, _O, _W, _C, _E),
        _AGENT,
        r"{S} {_}{A}(?P<verb>convince|convinced|influenced|inspired|persuaded) {O}",
        0.75,
        negatable=True,
    ),
    # violence and repression
    R(
        "executed",
        "executed",
        _AGENT,
        (_P,),
        r"{S} {_}{A}(?P<verb>executed|execute|shot|killed|murdered) {__}{O}",
        0.8,
        time="point",
        negatable=True,
    ),
    R("executed-by", "executed", _AGENT, (_P,), r"{O} (?:was|were) executed by {S}", 0.8, "point"),
    R(
        "suppressed",
        "suppressed",
        _AGENT,
        (_P, _O, _E, _C),
        r"{S} {_}{A}(?P<verb>suppressed|suppress|repressed|repress|crushed|crush|purged|purge|"
        r"banned|ban|outlawed|put down)(?: and \w+)? {_}{O}",
        0.8,
        time="point",
        negatable=True,
    ),
    R(
        "led-suppression",
        "suppressed",
        _AGENT,
        (_P, _O, _E, _C),
        r"{S} {__}(?P<verb>led|lead|leading|directed|ordered) the (?:suppression|repression|"
        r"crushing) of {O}",
        0.8,
        time="point",
        negatable=True,
    ),
    R(
        "possessive-suppression",
        "suppressed",
        _AGENT,
        (_P, _O, _E, _C),
        r"{S}'s? (?:suppression|repression|crushing|banning) of {O}",
        0.8,
        time="point",
    ),
    R(
        "suppressed-by",
        "suppressed",
        _AGENT,
        (_P, _O, _E, _C),
        r"{O} {_}(?:was|were|being) (?:\w+ )?(?:suppressed|crushed|repressed|banned) by {S}",
        0.75,
        time="point",
    ),
    # theories
    R(
        "theory-of",
        "heldTheory",
        _WRITER,
        (_C,),
        r"{S} {_}(?:developed|elaborated|formulated|held|adopted|expounded|advanced) "
        r"(?:a |the |his |her |their )?(?:theory|theories|view|views|concept|idea) of {O}",
        0.8,
    ),
    R(
        "possessive-theory",
        "heldTheory",
        _WRITER,
        (_C,),
        r"{S}'s? (?:\w+ )?(?:theory|theories|view|notion|concept) of {O}",
        0.75,
    ),
    R(
        "theory-expounded-by",
        "heldTheory",
        _WRITER,
        (_C,),
        r"{O} theor(?:y|ies) (?:expounded|developed|held|advanced|put forward|defended) by "
        r"(?:the likes of )?{S}",
        0.8,
    ),
    R("calling-it", "heldTheory", _WRITER, (_C,), r"{S} {_}calling it an? {O}", 0.75),
    # when events happened
    R("date-in-brackets", "date", (_E, _W), (_D,), r"{S} \({O}\)", 0.85),
    R(
        "happened-in",
        "date",
        (_E, _W),
        (_D,),
        r"{S} (?:took place|happened|broke out|began|was signed|was published|ended) in {O}",
        0.85,
    ),
    R("event-in-year", "date", (_E,), (_D,), r"(?:the )?{S} in {O}", 0.75),
    R(
        "in-year-with",
        "date",
        (_E,),
        (_D,),
        r"in {O} with the (?:\w+ )?(?:of )?(?:the )?{S}",
        0.8,
    ),
    R("year-before", "date", (_E, _W), (_D,), r"(?<![\w«»]){O} {S}", 0.75),
)

#: Words just before a verb that cancel a negatable rule.
NEGATION = re.compile(
    r"\b(?:not|never|no longer|refused to|refuses to|refuse to|declined to|failed to|"
    r"threaten\w* to|wouldn't|didn't|did not|don't|could not|couldn't|cannot|n't)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _slot(name: str, types: tuple[str, ...], *, possessive_ok: bool = True) -> str:
    letters = "".join(TYPE_LETTERS[t] for t in types)
    if possessive_ok:
        return f"«(?P<{name}>[{letters}]\\d+)»"
    return f"(?:(?:the|a|an|this|that|his|her|their|its) )?«(?P<{name}>[{letters}]\\d+)»(?!'s)"


def compile_rule(rule: Rule) -> re.Pattern[str]:
    """The rule's pattern as a regular expression over a masked sentence."""
    text = rule.pattern.replace(" {_}", "[\\s,]{_}").replace(" {__}", "[\\s,]{__}")
    for key, value in (
        ("{S}", _slot("S", rule.subject)),
        ("{O's}", _slot("O", rule.object) + "'s"),
        ("{O}", _slot("O", rule.object, possessive_ok=False)),
        ("{T}", "«(?P<T>D\\d+)»"),
        ("{X}", "«[A-Z]\\d+»"),
        (
            "{A}",
            "(?<!being )(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )(?<!an )(?<!a )(?<!the )",
        ),
        ("{__}", r"(?:[^«»]|«[A-Z]\d+»){0,100}?"),
        ("{_}", _GAP + "{0,60}?"),
    ):
        text = text.replace(key, value)
    return re.compile(text, re.IGNORECASE)


def check_rules(rules: tuple[Rule, ...] = RULES) -> list[str]:
    """Problems in the table: unknown predicates, types outside the vocabulary, bad patterns."""
    problems = []
    for rule in rules:
        prop = vocab.PROPERTIES_BY_NAME.get(rule.predicate)
        if prop is None:
            problems.append(f"{rule.name}: unknown predicate {rule.predicate!r}")
            continue
        if not set(rule.subject) <= set(prop.domain):
            problems.append(f"{rule.name}: subject types {rule.subject} outside {prop.domain}")
        allowed = {_D} if prop.range == (vocab.DATE,) else set(prop.range)
        if not set(rule.object) <= allowed:
            problems.append(f"{rule.name}: object types {rule.object} outside {prop.range}")
        if "{S}" not in rule.pattern or "{O" not in rule.pattern:
            problems.append(f"{rule.name}: the pattern needs both {{S}} and {{O}}")
        if rule.time not in (None, "point", "start", "end"):
            problems.append(f"{rule.name}: time must be point, start or end")
    names = [r.name for r in rules]
    problems += [
        f"{n}: the rule name is used twice" for n in sorted(set(names)) if names.count(n) > 1
    ]
    return problems
