"""Site chrome that a rule of ``rules/clutter.yaml`` cannot see alone: a headline printed twice,
a one-word section label above the headline.

A page copied from a browser often shows the headline twice: once in the site's
title bar or breadcrumb trail, once above the article.  The copy above the byline
is the article's; the earlier one is chrome.  :func:`drop_repeated_headline` drops the earlier copy
(rule ``repeated-headline``) so that cleaning's headline pass finds the real one
and the report says what went.  It runs after the clutter rules (timestamps,
breadcrumbs, banners are gone by then) and before the headline pass.
"""

from __future__ import annotations

from .draft import Draft, blocks_of, without
from .heading import looks_like_headline

SEARCH_LINES = 10  # the headline and its copy stand among the first lines of a page


SECTION_LABEL_MAX_CHARS = 24


def drop_one_word_section_label(draft: Draft) -> Draft:
    """Drop a one-word section label ("Health", "Feature") standing alone above the headline.

    Cleaning's headline pass takes a label of two words or more; a single word
    above a headline-like line, with a blank line between, is the section.
    """
    blocks = blocks_of(draft.lines)[:2]
    if len(blocks) < 2 or len(blocks[0]) != 1:
        return draft
    label, after = blocks[0][0], blocks[1][0]
    if (
        len(label.text.split()) == 1
        and len(label.text) <= SECTION_LABEL_MAX_CHARS
        and label.text[:1].isupper()
        and label.text.isalpha()
        and looks_like_headline(after.text)
    ):
        return without(draft, {label.number: "section-label"})
    return draft


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def drop_repeated_headline(draft: Draft) -> Draft:
    """Drop the earlier copy of a headline-like line that the first lines print twice."""
    top = [line for line in draft.lines if line.text][:SEARCH_LINES]
    seen: dict[str, int] = {}
    drop: dict[int, str] = {}
    for line in top:
        key = _key(line.text)
        if key in seen and looks_like_headline(line.text):
            drop[seen[key]] = "repeated-headline"
        seen[key] = line.number
    return without(draft, drop)
