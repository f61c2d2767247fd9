"""Does a PDF's text hold an article's words, in order?"""

from __future__ import annotations

import re
import unicodedata

# How far past a word the PDF may run before the next article word shows up: what the book
# adds in between (an acronym's expansion, the end of a chapter and the start of the next).
MAX_GAP = 60


PASSAGE_MARK = "⌜"  # what the printed book sets before a quoted passage
_NOTE_NUMBERS = re.compile(r"^[\d,]+$")


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def pdf_words(text: str) -> list[str]:
    """The PDF's words, less the passage marks the book adds."""
    return [w for w in (t.replace(PASSAGE_MARK, "") for t in words(text)) if w]


def _pieces(token: str) -> list[str]:
    """What a PDF token may stand for: itself, or without a trailing note number or line-end hyphen."""
    options = [token]
    stripped = re.sub(r"[\d,]+$", "", token)
    if stripped and stripped != token:
        options.append(stripped)
    if token.endswith("-") and len(token) > 1:
        options.append(token[:-1])
    return options


def _match_at(word: str, tokens: list[str], start: int) -> int | None:
    """If ``word`` is spelled by tokens from ``start`` on (a word broken over lines, with note
    numbers after some of its parts), return the index after its last token."""
    remaining, index = word, start
    while remaining:
        if index >= len(tokens):
            return None
        for option in _pieces(tokens[index]):
            if remaining.startswith(option) and option:
                remaining = remaining[len(option) :]
                break
        else:
            # a note number set on its own inside a word ("Germany" "1" ",") is the book's, not the article's
            if index == start or not _NOTE_NUMBERS.match(tokens[index]):
                return None
        index += 1
        if index - start > 40:
            return None
    return index


def missing_words(article_words: list[str], pdf_words: list[str]) -> list[str] | None:
    return match_words(article_words, pdf_words)[0]


def match_words(article_words: list[str], pdf_words: list[str]) -> tuple[list[str] | None, int]:
    """None if every article word appears in order in the PDF words, else the words from
    the first one not found onwards (a few of them).

    A word the PDF breaks across lines ("ex-" + "pectations", "military-to-" + "military",
    a long URL broken anywhere) is put back together, and note numbers the book sets
    after a passage are passed over.  Also returns where in ``pdf_words`` the match ended.
    """
    i = 0
    for index, word in enumerate(article_words):
        for start in range(i, min(len(pdf_words), i + MAX_GAP)):
            end = _match_at(word, pdf_words, start)
            if end is not None:
                i = end
                break
        else:
            return article_words[index : index + 8], i
    return None, i
