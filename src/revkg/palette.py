"""One colour per entity type, for every picture revkg draws.

    TYPE_COLOURS["person"]      "#E69F00"
    colour("person")            the same; a concept's colour for a type it does not know
    css_rules(".t-{type} circle { fill: {colour}; }")   a CSS rule per type

The network page (graph/revkg.html), the entity pages' drawings, the query page's
graph and timeline, and the notebooks' charts all take their colours from here, so
a person is the same orange everywhere. The colours are Okabe and Ito's, chosen to
stay distinct for readers with colour-blindness.
"""

from __future__ import annotations

#: Colour per entity type (lower-case type names, in the vocabulary's order).
TYPE_COLOURS: dict[str, str] = {
    "person": "#E69F00",
    "work": "#56B4E9",
    "organization": "#009E73",
    "event": "#D55E00",
    "place": "#0072B2",
    "concept": "#CC79A7",
}
#: For things that are no entity (a literal, an essay, a class).
OTHER_COLOUR = "#888888"


def colour(kind: str) -> str:
    """The colour of an entity type (``person`` or ``Person``); a concept's if unknown."""
    return TYPE_COLOURS.get(kind.lower(), TYPE_COLOURS["concept"])


def css_rules(template: str) -> str:
    """``template`` filled in for each type: ``{type}`` is its name, ``{colour}`` its colour."""
    return "".join(
        template.replace("{type}", kind).replace("{colour}", value) + "\n"
        for kind, value in TYPE_COLOURS.items()
    )
