"""Cleaning: RawArticle -> Article, as an ordered list of small, named, pure passes.

The text arrives as lines (numbered 1.. in the decoded original).  Each pass
takes a :class:`~briefbook.text.draft.Draft` and returns a new one; none touches
anything else, so each can be tested alone and :data:`PASSES` says the whole
story in order:

1. ``strip_whitespace``      leading/trailing whitespace of every line
2. ``drop_clutter``          site clutter, by the rules in ``rules/clutter.yaml``
                             plus the article's own ``clean: drop:`` rules
                             (compiled in :mod:`briefbook.editorial.cleanrules`)
3. ``drop_running_headers``  a short line repeated on every scanned page
4. ``drop_repeated_headline`` the earlier copy of a headline printed twice
                             (this pass and the next are site chrome, in :mod:`briefbook.text.chrome`)
5. ``drop_one_word_section_label`` a one-word section label above the headline
6. ``extract_caption``       a photo caption above the article -> ``caption``
                             (this pass and the next are in :mod:`briefbook.text.heading`)
7. ``extract_headline``      headline (and a section label / byline around it)
8. ``mark_footnotes``        footnote digits glued to a word ("officials.12 The")
9. ``join_paragraphs``       blocks of lines -> paragraphs; hard wraps joined,
                             words split at line ends rejoined (:mod:`briefbook.text.hyphens`
                             decides which hyphens stay)
10. ``mend_page_breaks``     a paragraph cut in two by removed clutter, rejoined

A saved web page's text (``add`` extracted it, and kept the page beside it) runs
:data:`PAGE_PASSES` instead: no print rules (page numbers, running headers,
a printed volume's header: a page's tables and lists have bare numbers and
repeated rows), no guessing of the headline or of a bare name as a byline
(the text starts with the headline ``add`` chose from the page's titles; a
short line after it is as often a section's heading as a name), no chrome
passes for a copy from a browser.

Nothing is lost silently: every non-blank input line either reaches a
paragraph or is a :class:`RemovedLine` naming the rule or pass that removed it.
Nothing is added or interpreted either: cleaning only deletes whole lines,
joins lines with one space, and deletes the hyphen or the footnote digits it
reports; markup in the text stays text.  Typos stay ("mroe").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..editorial.cleanrules import shared_rules
from ..models import Article, RawArticle, RemovedLine, Rule
from .chrome import drop_one_word_section_label, drop_repeated_headline
from .draft import (
    Draft,
    Line,
    Paragraph,
    blocks_of,
    draft_from_text,
    ends_sentence,
    is_finished,
    is_line_per_paragraph,
    without,
)
from .heading import extract_caption, extract_headline, extract_page_headline
from .hyphens import Vocabulary, build_vocabulary, ends_in_split, join_wrapped_lines

_WORD_RE = re.compile(r"[^\W\d_]+")

# ---------------------------------------------------------------------------
# Passes on lines


def strip_whitespace(draft: Draft) -> Draft:
    """Strip leading and trailing whitespace from every line.

    Indentation in pasted web text is layout residue, not meaning; a line of
    only whitespace becomes blank and so separates paragraphs.
    """
    return replace(draft, lines=tuple(Line(line.number, line.text.strip()) for line in draft.lines))


def _rule_match(rule: Rule, lines: Sequence[Line], index: int, following: int) -> int:
    """How many lines from ``lines[index]`` the rule matches (0: none).

    ``following`` is how many non-blank lines come after this one in its
    paragraph.  Wrapped clutter must end its paragraph, so a rule that may
    wrap takes exactly those lines, when there are few enough, each is
    shorter than the first, and the rule matches them joined by spaces.
    """
    first = lines[index].text
    if following and following <= rule.wraps:
        group = lines[index + 1 : index + following + 1]
        if all(len(line.text) < len(first) for line in group) and rule.regex.fullmatch(
            " ".join([first, *(line.text for line in group)])
        ):
            return following + 1
    return 1 if rule.regex.fullmatch(first) else 0


def _following_counts(lines: Sequence[Line]) -> list[int]:
    """For each line, how many non-blank lines follow it before a blank line (one backward pass)."""
    counts = [0] * len(lines)
    run = -1
    for index in range(len(lines) - 1, -1, -1):
        run = run + 1 if lines[index].text else -1
        counts[index] = max(run, 0)
    return counts


def drop_clutter(draft: Draft) -> Draft:
    """Drop lines that a clutter rule matches whole (shared rules, then the article's own).

    The first rule that matches names the line.  Each rule's regex is tried
    first (one C call); where and how often the line occurs is checked only
    for a line that matches.
    """
    if not draft.rules:
        return draft
    lines = draft.lines
    nonblank = [index for index, line in enumerate(lines) if line.text]
    total = len(nonblank)
    counts = Counter(lines[index].text for index in nonblank)
    following = _following_counts(lines)
    drop: dict[int, str] = {}
    for rank, index in enumerate(nonblank):
        line = lines[index]
        if line.number in drop:
            continue
        after = following[index]
        for rule in draft.rules:
            if rule.wraps and after:
                matched = _rule_match(rule, lines, index, after)
            else:
                matched = 1 if rule.regex.fullmatch(line.text) else 0
            if matched and rule.allows(rank, total) and counts[line.text] >= rule.repeats:
                for dropped in lines[index : index + matched]:
                    drop[dropped.number] = rule.name
                break
    return without(draft, drop)


RUNNING_HEADER_MIN_REPEATS = 3
RUNNING_HEADER_MAX_CHARS = 80
_DELETE_DIGITS = str.maketrans("", "", "0123456789")
# Where a page number sits in a running header: first or last ("Page 3", "3 | TIMES").
_INNER_NUMBER_RE = re.compile(r"\D\d+\D")


def running_header_key(text: str) -> str:
    """A line with its digits, spacing and case evened out ("the moscow timespage")."""
    return "".join(text.translate(_DELETE_DIGITS).split()).casefold()


def could_be_running_header(text: str) -> bool:
    """A short line of at least two words with letters, not a sentence, its number at an end.

    A repeated sentence, a repeated code fence or a series of subheadings with
    a number inside ("Day 1 of talks", "Day 2 of talks") is not a header.
    """
    core = text.strip(" \t|-–—·•")
    return (
        len(text) <= RUNNING_HEADER_MAX_CHARS
        and not ends_sentence(text)
        and not _INNER_NUMBER_RE.search(core)
        and sum(1 for word in text.split() if len("".join(_WORD_RE.findall(word))) >= 2) >= 2
    )


def drop_running_headers(draft: Draft) -> Draft:
    """Drop running page headers/footers of scanned text.

    A short line that occurs 3 or more times, identical once digits are taken
    out, is a header or footer when either its number changes ("THE MOSCOW
    TIMES  Page 3", "... Page 4": a page number), or it is in capitals and
    stands after different text each time ("CONFIDENTIAL").  A paragraph or a
    subheading the article repeats has no changing number and is not all
    capitals, so it stays.  Lines are counted first (cheap), and only repeated
    ones are examined.
    """
    keys = {
        line.number: running_header_key(line.text)
        for line in draft.lines
        if line.text and len(line.text) <= RUNNING_HEADER_MAX_CHARS
    }
    counts = Counter(keys.values())
    repeated = {key for key, count in counts.items() if count >= RUNNING_HEADER_MIN_REPEATS}
    if not repeated:
        return draft
    texts: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    previous = ""
    for line in draft.lines:
        key = keys.get(line.number)
        if key in repeated and could_be_running_header(line.text):
            texts.setdefault(key, set()).add(line.text)
            before.setdefault(key, set()).add(previous)
        if line.text:
            previous = line.text
    headers = {
        key
        for key, variants in texts.items()
        if (len(variants) > 1 and any(char.isdigit() for char in "".join(variants)))
        or (len(before[key]) > 1 and next(iter(variants)).isupper())
    }
    drop = {
        line.number: "running-header"
        for line in draft.lines
        if keys.get(line.number) in headers and could_be_running_header(line.text)
    }
    return without(draft, drop)


# Footnote digits (or superscripts) glued after a word's final punctuation and
# followed by a new sentence or the end of the line: "officials.12 The".  The word
# must have two lowercase letters before the punctuation, which keeps "p.12",
# "No.3", "U.S.2" and decimals ("3.12") out.
_FOOTNOTE_RE = re.compile(
    r"(?<=[a-zà-ÿа-яё]{2}[.,;:!?])([\"”’)]?)(\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})(?=\s+[\"“‘(]?[A-ZА-ЯЁ]|$)"
)
# Digits glued straight onto a lowercase word ("officials12 The"): perhaps a
# footnote, perhaps real ("mp3", "covid19"): reported, never removed.
_GLUED_DIGITS_RE = re.compile(r"\b[a-zà-ÿа-яё]{2,}(\d{1,3})(?=[\s.,;:!?]|$)")
_ANY_DIGIT_RE = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰]")
_FOOTNOTE_EXCLUDED_WORDS = frozenset(
    {"vol", "fig", "figs", "ch", "sec", "art", "para", "pp", "ed", "no", "nos"}
)


def mark_footnotes(draft: Draft) -> Draft:
    """Remove footnote markers that cannot be real numbers; report the doubtful ones.

    Removed: 1-3 digits glued after a lowercase word's final punctuation and
    followed by a capitalised word or the line end ("officials.12 The" ->
    "officials. The").  Each removal is a RemovedLine with rule
    "footnote-marker" and the digits as its text.  Left in the text and
    reported in ``notices``: digits glued straight onto a word
    ("officials12"), which may be real ("mp3").  Numbers separated by a space
    are never touched: they are text.
    """
    lines: list[Line] = []
    removed: list[RemovedLine] = []
    notices: list[str] = []
    for line in draft.lines:
        text = line.text
        if not text or not _ANY_DIGIT_RE.search(text):
            lines.append(line)
            continue

        def cut(match: re.Match[str], number: int = line.number, source: str = text) -> str:
            word = _WORD_RE.findall(source[: match.start()])[-1:]
            if word and word[0].lower() in _FOOTNOTE_EXCLUDED_WORDS:
                return match.group(0)
            removed.append(RemovedLine(number, match.group(2), "footnote-marker"))
            return match.group(1)

        new_text = _FOOTNOTE_RE.sub(cut, text)
        for match in _GLUED_DIGITS_RE.finditer(new_text):
            notices.append(
                f"line {line.number}: {match.group(0)!r} may end in a footnote marker "
                f"({match.group(1)}); left in the text"
            )
        lines.append(Line(line.number, new_text) if new_text != text else line)
    if not removed and not notices:
        return draft
    return replace(
        draft,
        lines=tuple(lines),
        removed=draft.removed + tuple(removed),
        notices=draft.notices + tuple(notices),
    )


def join_paragraphs(draft: Draft) -> Draft:
    """Turn blocks of lines (split at blank lines) into paragraphs.

    A block written one paragraph per line (web copy without blank lines,
    see :func:`_is_line_per_paragraph`) gives one paragraph per line; any other
    block is one hard-wrapped paragraph, its lines joined.
    """
    blocks = blocks_of(draft.lines)
    vocabulary = build_vocabulary([[line.text for line in block] for block in blocks])
    paragraphs: list[Paragraph] = []
    for block in blocks:
        texts = [line.text for line in block]
        if is_line_per_paragraph(texts):
            paragraphs.extend(Paragraph(line.text, line.number, line.number) for line in block)
        else:
            paragraphs.append(
                Paragraph(
                    join_wrapped_lines(texts, vocabulary), block[0].number, block[-1].number, len(block)
                )
            )
    return replace(draft, paragraphs=tuple(paragraphs), lines=())


def mend_page_breaks(draft: Draft) -> Draft:
    """Rejoin a paragraph that removed clutter cut in two.

    Two paragraphs are one when only blank lines and removed lines lie between
    them (at least one removed), the first is unfinished (no final . ! ? … or
    :), and it is prose rather than a subheading: it spans several lines, or
    ends in a split hyphen, or the second starts in lowercase.  Seed 000: "...
    And if the" + two bare URLs + "U.S. has any military participation ...".
    """
    if len(draft.paragraphs) < 2 or not draft.removed:
        return draft
    removed_lines = sorted(line.line for line in draft.removed)
    vocabulary: Vocabulary | None = None
    mended: list[Paragraph] = [draft.paragraphs[0]]
    for paragraph in draft.paragraphs[1:]:
        previous = mended[-1]
        at = bisect.bisect_right(removed_lines, previous.last)
        cut_by_clutter = at < len(removed_lines) and removed_lines[at] < paragraph.first
        split_hyphen = ends_in_split(previous.text)
        if (
            cut_by_clutter
            and not is_finished(previous.text)
            and (previous.line_count > 1 or split_hyphen or paragraph.text[:1].islower())
        ):
            if split_hyphen and vocabulary is None:
                vocabulary = build_vocabulary([[p.text for p in draft.paragraphs]])
            text = (
                join_wrapped_lines([previous.text, paragraph.text], vocabulary)
                if vocabulary is not None and split_hyphen
                else f"{previous.text} {paragraph.text}"
            )
            mended[-1] = Paragraph(
                text, previous.first, paragraph.last, previous.line_count + paragraph.line_count
            )
        else:
            mended.append(paragraph)
    return replace(draft, paragraphs=tuple(mended))


# ---------------------------------------------------------------------------
# The pipeline

Pass = Callable[[Draft], Draft]

PASSES: tuple[Pass, ...] = (
    strip_whitespace,
    drop_clutter,
    drop_running_headers,
    drop_repeated_headline,  # site chrome: see chrome.py
    drop_one_word_section_label,
    extract_caption,
    extract_headline,
    mark_footnotes,
    join_paragraphs,
    mend_page_breaks,
)


# A saved page's text: the passes that do not damage it (see the module's docstring).
PAGE_PASSES: tuple[Pass, ...] = (
    strip_whitespace,
    drop_clutter,
    extract_caption,
    extract_page_headline,
    mark_footnotes,
    join_paragraphs,
    mend_page_breaks,
)
# rules of rules/clutter.yaml for printed or scanned text, not run on a page's text
PRINT_RULES = frozenset({"page-number", "print-header"})
PAGE_SUFFIX = ".html"


def run_passes(draft: Draft, passes: Sequence[Pass] = PASSES) -> Draft:
    for step in passes:
        draft = step(draft)
    return draft


def is_page_text(raw: RawArticle) -> bool:
    """Whether an article's text was extracted from a web page: ``add`` keeps the page beside it."""
    return raw.path.with_suffix(PAGE_SUFFIX).is_file()


def clean_article(
    raw: RawArticle, extra_rules: tuple[Rule, ...] = (), *, from_page: bool | None = None
) -> Article:
    """Clean one article: clutter out, headline and caption into metadata, paragraphs joined.

    ``extra_rules`` are the article's own clutter rules (its sidecar's ``clean: drop:``),
    tried after the shared ones.  ``from_page``: the text was extracted from a web page
    (:data:`PAGE_PASSES`); by default, when the page is kept beside the text.
    """
    page = is_page_text(raw) if from_page is None else from_page
    rules = tuple(r for r in shared_rules() if not (page and r.name in PRINT_RULES))
    draft = run_passes(draft_from_text(raw.text, rules + tuple(extra_rules)), PAGE_PASSES if page else PASSES)
    return Article(
        stem=raw.stem,
        path=raw.path,
        paragraphs=tuple(p.text for p in draft.paragraphs),
        headline=draft.headline,
        caption=draft.caption,
        removed=tuple(sorted(draft.removed, key=lambda r: r.line)),
        paragraph_lines=tuple(p.first for p in draft.paragraphs),
        notices=draft.notices,
    )
