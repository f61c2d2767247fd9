"""The names the book's pages and places go by, shared by the generator and the Sphinx extension.

A small module of its own so the Sphinx side can use them without importing
the whole reading pipeline.
"""

from __future__ import annotations

GENERATED_DIR = "articles"  # the folder of the generated article pages, in the docs folder
CLAIMS_INDEX = "_generated/claims.json"  # what the {claim} role shows, written with the pages
# Which mentions of a glossary term link to the glossary: the first in each article, or every one.
LINK_TERMS = ("first", "every")


def passage_id(stem: str, number: int) -> str:
    """The HTML id / LaTeX label of the passage a note speaks about."""
    return f"bb-passage-{stem.lower()}-{number}"


def mention_id(stem: str, entry_id: str) -> str:
    """The id of the first linked mention of a glossary entry in an article."""
    return f"bb-term-{stem.lower()}-{entry_id}"
