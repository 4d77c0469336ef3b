"""How to cite a quote and the fact it supports: plain text, BibTeX and CSL-JSON.

A citation names the essay (title, and the manifest's ``author``, ``date`` and ``url``
when it gives them), the paragraph, the quote, the quote's permalink on the essay's
page and the fact's IRI. Missing details are left out, never guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .content import Essay

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class Citation:
    """One quote of one essay, as evidence for one fact."""

    essay: Essay
    paragraph: int | None
    quote: str | None
    fact: str | None  # the fact's IRI; None to cite the essay alone
    anchor: str | None = None  # the quote's id on the essay's page

    @property
    def key(self) -> str:
        """A BibTeX key: the essay id, the quote's anchor and the fact's id (one quote
        may support several facts)."""
        parts = [self.essay.id, self.anchor or "essay"]
        parts += [self.fact.rsplit("/", 1)[-1]] if self.fact else []
        return re.sub(r"[^A-Za-z0-9:-]", "-", ":".join(parts))

    def _detail(self, name: str) -> str:
        return self.essay.details.get(name, "")

    def plain(self) -> str:
        """Author, “Title”, date, URL, ¶ n: “quote”. Fact: IRI"""
        parts = [p for p in (self._detail("author"), f"“{self.essay.title}”") if p]
        head = ", ".join([*parts, *(p for p in (self._detail("date"),) if p)])
        url = self._detail("url")
        where = f"¶ {self.paragraph}" if self.paragraph is not None else ""
        text = head + (f", {url}" if url else "") + (f", {where}" if where else "")
        if self.quote:
            text += f": “{self.quote}”"
        return f"{text}." + (f" Fact: {self.fact}" if self.fact else "")

    def bibtex(self) -> str:
        """A BibTeX ``@misc`` entry (the quote, paragraph and fact in its note)."""
        fields = [("title", f"{{{_bib(self.essay.title)}}}")]
        if author := self._detail("author"):
            fields.append(("author", _bib(author)))
        if year := _year(self._detail("date")):
            fields.append(("year", year))
        if date := self._detail("date"):
            fields.append(("date", _bib(date)))
        if url := self._detail("url"):
            fields.append(("url", url.replace("}", "%7D").replace("{", "%7B")))
        note = [f"paragraph {self.paragraph}"] if self.paragraph is not None else []
        note += [f"“{self.quote}”"] if self.quote else []
        note += [f"evidence for {self.fact}"] if self.fact else []
        if note:
            fields.append(("note", _bib(", ".join(note))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"

    def csl(self) -> dict[str, Any]:
        """The citation as a CSL-JSON item (as Zotero and citeproc read it)."""
        item: dict[str, Any] = {"id": self.key, "type": "article", "title": self.essay.title}
        if author := self._detail("author"):
            item["author"] = [{"literal": name.strip()} for name in author.split(" and ")]
        if date := self._detail("date"):
            parts = [int(p) for p in re.findall(r"\d+", date)[:3]]
            item["issued"] = {"date-parts": [parts]} if _year(date) else {"raw": date}
        if url := self._detail("url"):
            item["URL"] = url
        if language := self._detail("language"):
            item["language"] = language
        if self.paragraph is not None:
            item |= {"locator": str(self.paragraph), "label": "paragraph"}
        note = [f"“{self.quote}”"] if self.quote else []
        note += [f"Evidence for {self.fact}"] if self.fact else []
        if note:
            item["note"] = " ".join(note)
        return item

    def csl_json(self) -> str:
        return json.dumps([self.csl()], ensure_ascii=False, indent=2)


def _year(date: str) -> str:
    m = re.match(r"\s*(\d{4})", date)
    return m.group(1) if m else ""


def _bib(text: str) -> str:
    """Text safe inside a BibTeX value: its special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)
