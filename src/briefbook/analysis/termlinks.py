"""Which glossary mentions an article's page links, and how often each entry is mentioned."""

from __future__ import annotations

from ..models import Article, Span
from .termmatch import TermMatch, TermMatcher


def link_terms_in(
    article: Article,
    spans: list[Span],
    matcher: TermMatcher,
    link_terms: str,
    found: list | None = None,
) -> tuple[tuple[tuple[TermMatch, ...], ...], tuple[tuple[str, int], ...]]:
    """Which glossary mentions to link, and how often each entry is mentioned.

    ``link_terms`` is "first" (each entry's first mention in the article) or "every".  A mention
    that is not wholly inside or wholly outside each quoted passage (``spans``) is not linked (a
    link cannot half-overlap a passage mark); the next mention is linked instead.  ``found``: the
    matcher's mentions per paragraph, where the caller has them already.
    """
    counts: dict[str, int] = {}
    linked: set[str] = set()
    per_paragraph = []
    edges_of: dict[int, list[tuple[int, int]]] = {}
    for s in spans:
        edges_of.setdefault(s.paragraph, []).append((s.start, s.end))
    if found is None:
        found = matcher.find_in_paragraphs(article.paragraphs)
    for index, matches in enumerate(found):
        edges = edges_of.get(index, [])
        keep = []
        for match in matches:
            counts[match.entry_id] = counts.get(match.entry_id, 0) + 1
            straddles = any(
                match.start < end and start < match.end and not (start <= match.start and match.end <= end)
                for start, end in edges
            )
            if straddles or (link_terms == "first" and match.entry_id in linked):
                continue
            linked.add(match.entry_id)
            keep.append(match)
        per_paragraph.append(tuple(keep))
    return tuple(per_paragraph), tuple(sorted(counts.items()))
