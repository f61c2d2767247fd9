"""A note's stable identity: a short key from what the note is about, not from where it is numbered.

A note's number is its place in the article's reading order, so adding a note renumbers every note
after it.  Its key is made of what names the note in its sidecar: the article, the note's kind and
its anchor (quote, prefix, suffix, occurrence, caption or text), quotes compared as anchoring
compares them (:func:`briefbook.normalise.quote_key`).  So a note keeps its key while other notes
come and go, and while its own text, basis, claim or stance are edited; a note whose quote or kind
changes is another note.  Exact duplicates (two notes of one kind on one anchor) are told apart by
their order in the sidecar: the first has the plain key, the next ``<key>-2``, and so on.

The book's own shared-passage marks get keys the same way, from the words they mark.  Page anchors
(:func:`briefbook.names.passage_id`) and edition manifests use the keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..kinds import SHARED_KIND
from ..models import Note
from ..normalise import quote_key

KEY_LENGTH = 8  # hex digits: two notes of one article share a key once in four billion pairs


def digest_key(*parts: str) -> str:
    """A short, stable hex digest of some strings (joined with a separator no text holds)."""
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:KEY_LENGTH]


def anchor_key(stem: str, note: Note) -> str:
    """The key of a note before duplicates are told apart: its article, kind and anchor."""
    return digest_key(
        stem,
        note.kind,
        note.where,
        quote_key(note.quote),
        quote_key(note.prefix or ""),
        quote_key(note.suffix or ""),
        str(note.occurrence or ""),
    )


def shared_key(stem: str, words: str) -> str:
    """The key of a passage the book marks itself as shared with another article: its words."""
    return digest_key(stem, SHARED_KIND, quote_key(words))


def unique_keys(keys: Iterable[str]) -> list[str]:
    """The keys in order, the second and later of equal ones numbered ``-2``, ``-3`` ..."""
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        unique.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return unique


def note_keys(stem: str, notes: list[Note]) -> list[str]:
    """Each note's key, in the order given; duplicates are numbered in the sidecar's order."""
    order = sorted(range(len(notes)), key=lambda index: notes[index].line)
    keys = unique_keys(anchor_key(stem, notes[index]) for index in order)
    found = [""] * len(notes)
    for index, key in zip(order, keys, strict=True):
        found[index] = key
    return found
