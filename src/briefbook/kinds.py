"""The closed lists of the book: article kinds, note kinds, stances, glossary kinds.

Each is written once, here, with the words the book shows for it; the JSON
Schemas in ``schema/`` list the same values (a test compares them), so an
editor's YAML tooling and briefbook agree on what is allowed.
"""

from __future__ import annotations

# What sort of source an article is, and how its page names it.
ARTICLE_KINDS: dict[str, str] = {
    "news": "News report",
    "analysis": "Analysis",
    "opinion": "Opinion",
    "newsletter": "Newsletter",
}

# What sort of note an editor writes, and the label it carries in the margin.
NOTE_KINDS: dict[str, str] = {
    "context": "context",
    "fact-check": "fact-check",
    "discrepancy": "discrepancy",
    "definition": "definition",
    "analysis": "analysis",
    "sic": "[sic]",
}

# The book's own mark where two articles share a passage word for word (a SharedMark, not a
# note): the kind its page block carries, and the label it shows in the margin.
SHARED_KIND = "shared"
SHARED_LABEL = "shared passage"

# How a passage bears on a claim it is tagged with.
STANCES: tuple[str, ...] = ("supports", "contradicts", "qualifies")

# Glossary kinds with their headings, in the order the glossary page shows them.
# The list is open: another lowercase word is a kind of its own, shown after these.
GLOSSARY_KINDS: dict[str, str] = {
    "person": "People",
    "organisation": "Organisations",
    "acronym": "Acronyms",
    "unit": "Military units",
    "treaty": "Treaties",
    "event": "Events",
    "place": "Places",
    "concept": "Concepts",
}


def note_label(kind: str) -> str:
    """The label a note of this kind carries in the margin (the book's shared-passage marks included)."""
    return SHARED_LABEL if kind == SHARED_KIND else NOTE_KINDS.get(kind, kind)
