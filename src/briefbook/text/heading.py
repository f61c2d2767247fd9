"""What heads an article in a web page: a photo caption, a section label, the headline, a byline.

These passes move them out of the text (the caption and headline into the
article's metadata, the label and byline into the report of removed lines),
and only when sure: when in doubt a line stays in the text.

A pasted text's headline is guessed (:func:`extract_headline`); a saved page's text
starts with the headline ``add`` chose from the page's titles, so
:func:`extract_page_headline` takes its first line, and a byline only in its
explicit form ("By Jane Doe"): a short line after a page's headline is as often a
section's heading as a name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft, Line, blocks_of, ends_sentence, is_line_per_paragraph, without, word_count

# A photo credit closing a line: "... [Photo by X]", "(AP Photo/X)", "(Image: X)".
_CAPTION_RE = re.compile(
    r"\S.*[\[(](?:[A-Z][\w.]{0,15} )?(?:Photo|Image|Picture|Illustration|Credit|Foto)s?\b"
    r"[^\[\]()]{0,200}[\])]$"
)
CAPTION_SEARCH_LINES = 3


def extract_caption(draft: Draft) -> Draft:
    """Move a photo caption at the top of the page into ``caption``.

    Only one of the first three non-blank lines, and only when it ends in a
    bracketed photo credit: that is the caption of the lead photo, not text.
    Captions further down stay in the text (they are rare and may be text).
    """
    if draft.caption is not None:
        return draft
    for line in [line for line in draft.lines if line.text][:CAPTION_SEARCH_LINES]:
        if _CAPTION_RE.fullmatch(line.text):
            return replace(without(draft, {line.number: "caption"}), caption=line.text)
    return draft


HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 150
SECTION_LABEL_MAX_WORDS = 5
_HEADLINE_START_RE = re.compile(r"[^\W_]|[\"“‘'«]")
_UNFINISHED_END_RE = re.compile(r"[.!?…,;:\-–—][\"'”’)\]]*$")
_BY_BYLINE_RE = re.compile(r"By\s+[A-Z]\S*(?:\s+\S+){0,8}")
_NAME_BYLINE_RE = re.compile(
    r"[A-Z][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?(?:\s+[A-Z][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?){0,3}"
)


def looks_like_headline(text: str) -> bool:
    """A short line of at least two words, starting like text and without final punctuation."""
    return (
        2 <= word_count(text) <= HEADLINE_MAX_WORDS
        and len(text) <= HEADLINE_MAX_CHARS
        and bool(_HEADLINE_START_RE.match(text))
        and not _UNFINISHED_END_RE.search(text)
    )


def looks_like_byline(text: str) -> bool:
    """A byline: "By Jane Doe", or a bare name of one to four capitalised words ("Naffah")."""
    if len(text) > 60 or _UNFINISHED_END_RE.search(text.rstrip(".")) or ends_sentence(text):
        return False
    return bool(_BY_BYLINE_RE.fullmatch(text) or (len(text) <= 40 and _NAME_BYLINE_RE.fullmatch(text)))


def extract_headline(draft: Draft) -> Draft:
    """Move the headline into ``headline``, with a section label above it and a byline below.

    Conservative: the headline is the first line of the text (once clutter
    and caption are gone), short, starting like text, without final
    punctuation, and followed by a blank line or by body text written one
    paragraph per line.  A short label just above it ("Russia Ukraine War")
    is a section label when the next paragraph is the (longer) headline.  A
    byline ("By Jane Doe", or a bare name like "Naffah") is taken only right
    after the headline or after one standfirst sentence, and only when body
    text follows.  When in doubt the line stays in the text.
    """
    if draft.headline is not None:
        return draft
    blocks = blocks_of(draft.lines)[:5]
    if not blocks:
        return draft

    def standalone(block: list[Line]) -> bool:
        return len(block) == 1 and looks_like_headline(block[0].text)

    def heads_body(block: list[Line]) -> bool:
        return looks_like_headline(block[0].text) and is_line_per_paragraph([line.text for line in block[1:]])

    drop: dict[int, str] = {}
    at = 0
    if (
        len(blocks) >= 2
        and standalone(blocks[0])
        and word_count(blocks[0][0].text) <= SECTION_LABEL_MAX_WORDS
        and (standalone(blocks[1]) or heads_body(blocks[1]))
        and word_count(blocks[0][0].text) < word_count(blocks[1][0].text)
        and not looks_like_byline(blocks[1][0].text)
    ):
        drop[blocks[0][0].number] = "section-label"
        at = 1
    head = blocks[at]
    if not (standalone(head) or heads_body(head)):
        return draft
    headline = head[0].text
    drop[head[0].number] = "headline"
    if len(head) == 1:
        # A byline right after the headline, or after a one-sentence standfirst.
        for offset in (1, 2):
            if at + offset + 1 >= len(blocks):
                break
            candidate, following = blocks[at + offset], blocks[at + offset + 1]
            if (
                len(candidate) == 1
                and looks_like_byline(candidate[0].text)
                and ends_sentence(following[-1].text)
            ):
                drop[candidate[0].number] = "byline"
                break
            if not (len(candidate) == 1 and ends_sentence(candidate[0].text)):
                break
    return replace(without(draft, drop), headline=headline)


PAGE_HEADLINE_MAX_CHARS = 300
PAGE_HEADLINE_MAX_WORDS = 40


def extract_page_headline(draft: Draft) -> Draft:
    """A saved page's headline: its text's first line (``add`` puts the headline there), and a
    "By ..." byline right after it when body text follows.

    The first line is no headline when it is as long as a paragraph (a page that gave no
    title at all) or the only line; then it stays in the text.
    """
    if draft.headline is not None:
        return draft
    blocks = blocks_of(draft.lines)[:3]
    if len(blocks) < 2 or len(blocks[0]) != 1:
        return draft  # a page whose whole text is one line: that line is its text
    first = blocks[0][0]
    if len(first.text) > PAGE_HEADLINE_MAX_CHARS or word_count(first.text) > PAGE_HEADLINE_MAX_WORDS:
        return draft
    drop = {first.number: "headline"}
    if len(blocks) == 3 and len(blocks[1]) == 1 and _BY_BYLINE_RE.fullmatch(blocks[1][0].text):
        drop[blocks[1][0].number] = "byline"
    return replace(without(draft, drop), headline=first.text)
