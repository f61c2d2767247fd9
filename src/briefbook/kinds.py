"""The closed lists of the book: article kinds, note kinds, stances, glossary kinds, origin kinds,
and the two grades of the Admiralty (NATO) system: a source's reliability and a claim's credibility.

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


# Where a reported fact comes from (an origin in origins.yaml), and how the book names the kind.
ORIGIN_KINDS: dict[str, str] = {
    "statement": "official statement",
    "wire": "wire story",
    "anonymous": "unnamed source",
    "reporting": "news reporting",
    "interview": "interview",
    "document": "document",
    "social": "social-media post",
}

# A source's reliability, the editor's grade in its sidecar (the Admiralty / NATO system's letters).
RELIABILITY_GRADES: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
NOT_GRADED = "not graded"  # a source the editor has not graded yet (never taken for F)

# A claim's credibility, computed by the rule in briefbook.book.standing (or the editor's override).
CREDIBILITY_GRADES: dict[int, str] = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
