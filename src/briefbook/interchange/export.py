"""Export: every editor's note of the book as a W3C Web Annotation, in one AnnotationCollection."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..analysis.anchors import anchor_notes
from ..book import read_article
from ..editorial.notefields import sidecar_values
from ..errors import BriefbookError, Problem
from ..kinds import NOTE_KINDS
from ..models import CAPTION, Article, Note, Sidecar, Span
from ..names import article_paths
from ..sidecar_edit.placing import passage_text, surroundings, text_offsets
from .terms import ARTICLE_URN, BB_FIELDS, CONTEXT, NOTE_URN

CONTEXT_CHARS = 32  # characters of context on either side of a quote, as Hypothesis keeps


def article_source(stem: str, sidecar: Sidecar) -> str:
    """What an article is called in annotations: its url, or a stable urn."""
    return sidecar.url or f"{ARTICLE_URN}{stem}"


def note_id(stem: str, note: Note) -> str:
    """A stable id: the same note (same place, same words) always gets the same one."""
    parts = (stem, note.quote, note.prefix, note.suffix, note.occurrence, note.where, note.kind, note.note)
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    return f"{NOTE_URN}{stem}:{digest}"


def note_annotation(article: Article, sidecar: Sidecar, note: Note, span: Span) -> dict[str, Any]:
    """One note as a W3C Web Annotation."""
    exact = passage_text(article, span)
    before, after = surroundings(article, span)
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if before:
        quote_selector["prefix"] = before[-CONTEXT_CHARS:]
    if after:
        quote_selector["suffix"] = after[:CONTEXT_CHARS]
    selectors = [quote_selector]
    if span.paragraph != CAPTION:
        start, end = text_offsets(article, span)
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    annotation: dict[str, Any] = {
        "id": note_id(article.stem, note),
        "type": "Annotation",
        "motivation": "commenting",
        "body": [
            {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": note.note},
            {"type": "TextualBody", "purpose": "tagging", "value": note.kind},
        ],
        "target": {"source": article_source(article.stem, sidecar), "selector": selectors},
    }
    own = sidecar_values(note, BB_FIELDS)
    if own.get("quote") == exact:  # the selector says it
        del own["quote"]
    if own.get("kind") in NOTE_KINDS:  # the tag says it; bb:kind only for a kind the book added itself
        del own["kind"]
    annotation |= {field.w3c: own[field.key] for field in BB_FIELDS if field.key in own}
    return annotation


def book_annotations(seeds: Path) -> list[dict[str, Any]]:
    """Every editor's note of the book, in the book's order and each sidecar's; BriefbookError if any
    note does not anchor (``briefbook check`` says the same)."""
    annotations: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for path in article_paths(Path(seeds)):
        article, sidecar, found = read_article(path)
        problems.extend(found)
        if article is None or sidecar is None:
            continue
        located, found = anchor_notes(article, sidecar)
        problems.extend(found)
        span_of = {id(n.note): n.span for n in located}
        annotations += [
            note_annotation(article, sidecar, note, span_of[id(note)])
            for note in sidecar.notes
            if id(note) in span_of
        ]
    if problems:
        raise BriefbookError(problems)
    return annotations


def export_collection(seeds: Path, label: str | None = None) -> dict[str, Any]:
    """The book's notes as one W3C AnnotationCollection (its items in one embedded page)."""
    items = book_annotations(seeds)
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label or f"Editor's notes of {Path(seeds).resolve().parent.name}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
