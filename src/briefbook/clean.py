"""Cleaning: RawArticle -> Article, as an ordered list of small, named, pure passes.

The text arrives as lines (numbered 1.. in the decoded original).  Each pass
takes a :class:`Draft` and returns a new one; none touches anything else, so
each can be tested alone and :data:`PASSES` says the whole story in order:

1. ``strip_whitespace``      leading/trailing whitespace of every line
2. ``drop_clutter``          site clutter, by the rules in ``rules/clutter.yaml``
                             plus the article's own ``clean: drop:`` rules
3. ``drop_running_headers``  a short line repeated on every scanned page
4. ``extract_caption``       a photo caption above the article -> ``caption``
5. ``extract_headline``      headline (and a section label / byline around it)
6. ``mark_footnotes``        footnote digits glued to a word ("officials.12 The")
7. ``join_paragraphs``       blocks of lines -> paragraphs; hard wraps joined,
                             words split at line ends rejoined
8. ``mend_page_breaks``      a paragraph cut in two by removed clutter, rejoined

Nothing is lost silently: every non-blank input line either reaches a
paragraph or is a :class:`RemovedLine` naming the rule or pass that removed it.
Nothing is added or interpreted either: cleaning only deletes whole lines,
joins lines with one space, and deletes the hyphen or the footnote digits it
reports; markup in the text stays text.  Typos stay ("mroe").
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from .chrome import drop_one_word_section_label, drop_repeated_headline
from .errors import BriefbookError
from .models import Article, RawArticle, RemovedLine
from .yamlload import load_yaml

# ---------------------------------------------------------------------------
# The draft that flows through the passes


class Line(NamedTuple):
    """One line of the original: its 1-based number and its (current) text.

    A named tuple rather than a dataclass: there is one per input line, and
    tuples are several times cheaper to make.
    """

    number: int
    text: str


class Paragraph(NamedTuple):
    """A paragraph being built: its text and the original lines it spans."""

    text: str
    first: int  # line number of its first line
    last: int  # line number of its last line
    line_count: int = 1


@dataclass(frozen=True)
class Draft:
    """The state between passes.

    ``lines`` are the lines still in the text, blank ones included (a blank
    line separates paragraphs); removed lines leave ``lines`` for ``removed``.
    ``paragraphs`` is empty until :func:`join_paragraphs` builds it.
    """

    lines: tuple[Line, ...]
    rules: tuple[Rule, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    headline: str | None = None
    caption: str | None = None
    notices: tuple[str, ...] = ()


def draft_from_text(text: str, rules: tuple[Rule, ...] = ()) -> Draft:
    """Number the lines of a decoded text (LF line ends)."""
    return Draft(
        lines=tuple(Line(number, line) for number, line in enumerate(text.split("\n"), start=1)),
        rules=rules,
    )


def _without(draft: Draft, drop: dict[int, str]) -> Draft:
    """The draft with the lines at ``drop`` (line number -> rule) removed and recorded."""
    if not drop:
        return draft
    kept = tuple(line for line in draft.lines if line.number not in drop)
    removed = tuple(
        RemovedLine(line.number, line.text, drop[line.number]) for line in draft.lines if line.number in drop
    )
    return replace(draft, lines=kept, removed=draft.removed + removed)


def blocks_of(lines: Iterable[Line]) -> list[list[Line]]:
    """Runs of non-blank lines, split at blank lines (a paragraph's raw lines)."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


# ---------------------------------------------------------------------------
# Rules kept in data

RULE_KEYS = ("rule", "line", "pattern", "where", "within", "wraps", "repeats", "why")
WHERE_VALUES = ("anywhere", "start", "end")
DEFAULT_WITHIN = 5
MAX_WRAPS = 5
_RULE_NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Rule:
    """A compiled clutter rule (see ``rules/clutter.yaml`` for the format)."""

    name: str
    regex: re.Pattern[str]  # must match a whole (stripped) line, or wrapped lines joined
    where: str = "anywhere"
    within: int = DEFAULT_WITHIN
    wraps: int = 0
    repeats: int = 1
    origin: str = ""  # file:line of the rule, for messages

    def allows(self, rank: int, total: int) -> bool:
        """Whether a line that is the ``rank``-th (0-based) of ``total`` non-blank lines may match."""
        if self.where == "start":
            return rank < self.within
        if self.where == "end":
            return total - rank <= self.within
        return True


def _exact_line_regex(text: str) -> re.Pattern[str]:
    """An exact line as a regex: literal, but any run of spaces matches any run."""
    words = text.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def _whole_number(entry: dict, key: str, low: int, high: int | None, default: int, fail) -> int:
    if key not in entry:
        return default
    value = entry[key]
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        limit = f"from {low} to {high}" if high is not None else f"of at least {low}"
        fail(key, f"{key!r} must be a whole number {limit}, got {value!r}")
    return value


def compile_rule(entry: Any, origin: str, index: int, kind: str = "clutter rule") -> Rule:
    """Validate one rule entry and compile it; BriefbookError says which rule and what was expected.

    ``origin`` is the file the entry comes from; the entry's own line (when it
    was loaded with :mod:`briefbook.yamlload`) is added, giving ``file:line``.
    """
    entry_line = getattr(entry, "line", 0)
    label = f"{kind} #{index + 1}"

    def fail(key: str | None, problem: str) -> None:
        line = entry.line_of(key) if key and hasattr(entry, "line_of") else entry_line
        where = f"{origin}:{line}" if line else origin
        raise BriefbookError(f"{where}: {label}: {problem}")

    if not isinstance(entry, dict):
        fail(None, f"expected a mapping with 'rule' and 'line' or 'pattern', got {entry!r}")
    name = entry.get("rule")
    if isinstance(name, str) and _RULE_NAME_RE.fullmatch(name):
        label = f"{kind} {name!r}"
    unknown = [key for key in entry if key not in RULE_KEYS]
    if unknown:
        near = difflib.get_close_matches(str(unknown[0]), RULE_KEYS, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        fail(unknown[0], f"unknown key {unknown[0]!r}{hint}; expected only: {', '.join(RULE_KEYS)}")
    if not isinstance(name, str) or not _RULE_NAME_RE.fullmatch(name):
        fail("rule", f"'rule' must be a name of lowercase words joined by '-', got {name!r}")
    has_line, has_pattern = "line" in entry, "pattern" in entry
    if has_line == has_pattern:
        fail(None, "expected exactly one of 'line' (the exact text) or 'pattern' (a regular expression)")
    key = "line" if has_line else "pattern"
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        fail(key, f"{key!r} must be non-empty text, got {value!r}")
    if has_line:
        regex = _exact_line_regex(value)
    else:
        try:
            regex = re.compile(value)
        except re.error as exc:
            fail(
                key,
                f"'pattern' is not a valid regular expression ({exc}); "
                "expected a Python regular expression that matches a whole line",
            )
        if regex.fullmatch(""):
            fail(
                key,
                f"'pattern' {value!r} matches an empty line, so it would match anything; "
                "make it match only the clutter",
            )
    where = entry.get("where", "anywhere")
    if where not in WHERE_VALUES:
        fail("where", f"'where' must be one of {', '.join(WHERE_VALUES)}, got {where!r}")
    if "within" in entry and where == "anywhere":
        fail("within", "'within' needs 'where: start' or 'where: end'")
    within = _whole_number(entry, "within", 1, None, DEFAULT_WITHIN, fail)
    wraps = _whole_number(entry, "wraps", 0, MAX_WRAPS, 0, fail)
    repeats = _whole_number(entry, "repeats", 1, None, 1, fail)
    if "why" in entry and not isinstance(entry["why"], str):
        fail("why", f"'why' must be text, got {entry['why']!r}")
    return Rule(
        name=name,
        regex=regex,
        where=where,
        within=within,
        wraps=wraps,
        repeats=repeats,
        origin=f"{origin}:{entry_line}" if entry_line else origin,
    )


def compile_rules(entries: Iterable[Any], origin: str, kind: str = "clutter rule") -> tuple[Rule, ...]:
    """Compile a list of rule entries (the shared file's ``drop:`` or a sidecar's ``clean: drop:``)."""
    return tuple(compile_rule(entry, origin, index, kind) for index, entry in enumerate(entries))


def shared_rules_path() -> Path:
    """Where the shared clutter rules live (package data)."""
    return Path(str(resources.files("briefbook.rules").joinpath("clutter.yaml")))


def load_rules_file(path: Path) -> tuple[Rule, ...]:
    """Load a rules file: a mapping with one key, ``drop``, a list of rules."""
    data = load_yaml(path)
    if not isinstance(data, dict) or set(data) != {"drop"} or not isinstance(data["drop"], list):
        line = getattr(data, "line", 1)
        raise BriefbookError(
            f"{path}:{line}: expected a mapping with one key, 'drop', holding a list of rules"
        )
    return compile_rules(data["drop"], str(path))


@cache
def shared_rules() -> tuple[Rule, ...]:
    """The shared clutter rules, loaded once."""
    return load_rules_file(shared_rules_path())


# ---------------------------------------------------------------------------
# Small text predicates shared by the passes

# Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘([«"
# A last word that ends in a dot without ending a sentence: an abbreviation or
# an initial ("St.", "Gen.", "G.", "U.S.").
_ABBREVIATION_RE = re.compile(
    r"(?:St|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Pres|Jan|Feb|Mar"
    r"|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|etc|approx|Inc|Corp|Co|Ltd|Jr|Sr|Fig|Vol)\."
    r"|[A-Z]\.|(?:[A-Za-z]\.){2,}"
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: . ! ? or … (then any closing quotes),
    but not the dot of an abbreviation or an initial ("St.", "U.S.").

    Looks at the last word only, so it costs the same for any line length.
    """
    end = text.rstrip(_CLOSERS)
    if not end or end[-1] not in ".!?…":
        return False
    if end[-1] != ".":
        return True
    last_word = end.rsplit(None, 1)[-1].lstrip(_OPENERS)
    return not _ABBREVIATION_RE.fullmatch(last_word)


def is_finished(text: str) -> bool:
    """A paragraph that stops here is finished: . ! ? … or : (a colon introduces what follows)."""
    end = text.rstrip(_CLOSERS)
    return bool(end) and end[-1] in ".!?…:"


def ends_in_split(text: str) -> bool:
    """The line ends in a hyphen right after a letter ("informa-", "military-to-")."""
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha()


def word_count(text: str) -> int:
    return len(text.split())


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
    return _without(draft, drop)


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
    return _without(draft, drop)


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
            return replace(_without(draft, {line.number: "caption"}), caption=line.text)
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


def _is_line_per_paragraph(texts: Sequence[str]) -> bool:
    """Whether a block holds one paragraph per line (web copy) rather than hard-wrapped prose.

    Hard-wrapped prose breaks lines mid-sentence; web copy without blank lines
    ends every line with a sentence.  So: at least two lines, every one ends a
    sentence (an abbreviation or initial does not count), and none after the
    first starts in lowercase (which would continue the sentence before it).
    """
    return (
        len(texts) >= 2
        and all(ends_sentence(text) for text in texts)
        and not any(text[:1].islower() for text in texts[1:])
    )


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
        return looks_like_headline(block[0].text) and _is_line_per_paragraph(
            [line.text for line in block[1:]]
        )

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
    return replace(_without(draft, drop), headline=headline)


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


# ---------------------------------------------------------------------------
# Joining lines into paragraphs

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_LEADING_WORD_RE = re.compile(r"[^\W\d_]+")
# Left halves that keep their hyphen before any ordinary word ("self-defence",
# "well-known", "mid-level", "non-state", "two-year"): compounds, not splits.
COMPOUND_HEADS = frozenset(
    """self well ex half all cross full high low long short mid non much ill far best worst vice
    one two three four five six seven eight nine ten twenty thirty forty fifty hundred
    first second third""".split()
)
# Left halves that close up with what follows ("some-thing", "with-out",
# "in-formation", "be-cause"): a hyphen after them at a line end is a split.
CLOSED_COMPOUND_HEADS = frozenset(
    """some any every no with there where here what when how who for to in out under over up
    down back through be fore after al""".split()
)
# Second halves that mostly come after a hyphen ("Russian-speaking",
# "Kremlin-backed", "state-run", "Soviet-era"): compounds, not splits.
COMPOUND_TAILS = frozenset(
    """speaking based led backed owned run made born era style held controlled occupied aligned
    leaning friendly funded sponsored oriented centred centered level scale term wide free like
    related linked bound type class ready designed built language""".split()
)
# Second halves that are endings, never words of a compound ("short-age",
# "high-ly", "self-ish", "informa-tion"): the hyphen was a split.
SUFFIXES = frozenset(
    """ly er ers est ed ing ings ish ness ment ments ful less ship age ages al ally ance ence ity
    ities ous tion tions sion sions ive ism ist ists ize ise able ible""".split()
)


@dataclass(frozen=True)
class Vocabulary:
    """Words and hyphenated compounds of one article, not counting the halves split at line ends."""

    words: frozenset[str]  # lower case
    cased: frozenset[str]  # as written (for names)
    compounds: frozenset[str]  # lower case, e.g. "military-to-military"


def _without_split_halves(texts: Sequence[str]) -> Iterable[str]:
    """The lines of a block with the two halves of each word split at a line end cut out."""
    split_before = False
    for index, text in enumerate(texts):
        split_after = index + 1 < len(texts) and ends_in_split(text)
        if split_before:
            text = text.split(None, 1)[1] if " " in text else ""
        if split_after:
            text = text.rsplit(None, 1)[0] if " " in text else ""
        yield text
        split_before = split_after


def build_vocabulary(blocks: Iterable[Sequence[str]]) -> Vocabulary:
    """Collect the article's words, skipping the fragments around a hyphen at a line end.

    The halves of a split word are not words ("informa", "tion"), so they are
    cut out before the text is tokenised; each distinct token is then looked
    at once, so the cost is about one regex scan of the text.
    """
    text = "\n".join(piece for texts in blocks for piece in _without_split_halves(texts))
    words: set[str] = set()
    cased: set[str] = set()
    compounds: set[str] = set()
    for token in set(_TOKEN_RE.findall(text)):
        parts = token.split("-")
        if len(parts) > 1:
            compounds.add(token.lower())
        cased.update(parts)
    words = {part.lower() for part in cased}
    return Vocabulary(frozenset(words), frozenset(cased), frozenset(compounds))


def keeps_hyphen(left_token: str, right_word: str, vocabulary: Vocabulary) -> bool:
    """Whether "left-" at a line end + "right" on the next line is a real hyphen.

    ``left_token`` is the whole token before the break without its final
    hyphen ("military-to", "Russian", "informa"); ``right_word`` the letters
    the next line starts with (may be empty).  The first rule that applies decides:

    1. the next line does not start with a lowercase letter ("mid-" "2021",
       "anti-" "NATO"): the second half of a split word is never capitalised: keep;
    2. the token is already a compound ("military-to-" "military"): keep;
    3. the article writes the hyphenated form elsewhere: keep; the closed-up
       form elsewhere: remove (the article is its own best dictionary);
    4. the second half is an ending ("short-" "age", "informa-" "tion"): remove;
    5. the first half is a capitalised name the article uses on its own
       ("Russian-" "speaking"): keep ("Wash-" "ington": "Wash" is not: remove);
    6. the first half usually closes up ("some-" "thing", "in-" "formation"): remove;
    7. the first half usually makes compounds ("well-" "known", "self-" "defence"),
       or the second half usually follows a hyphen ("-speaking", "-backed", "-era"): keep;
    8. both halves are words the article uses, of 3+ letters each ("post-" "war"): keep;
    9. otherwise it is an ordinary word split by the layout: remove the hyphen.

    Without a dictionary some cases stay wrong either way; rules 1-3 settle
    most real ones, and a wrong guess only ever adds or drops one hyphen.
    """
    if not right_word or not right_word[0].islower():
        return True
    if "-" in left_token:
        return True
    left, lower_left, lower_right = left_token, left_token.lower(), right_word.lower()
    if f"{lower_left}-{lower_right}" in vocabulary.compounds:
        return True
    if f"{lower_left}{lower_right}" in vocabulary.words:
        return False
    if lower_right in SUFFIXES:
        return False
    if left[:1].isupper() and left in vocabulary.cased:
        return True
    if lower_left in CLOSED_COMPOUND_HEADS:
        return False
    if lower_left in COMPOUND_HEADS or lower_right in COMPOUND_TAILS:
        return True
    return (
        len(lower_left) >= 3
        and len(lower_right) >= 3
        and lower_left in vocabulary.words
        and lower_right in vocabulary.words
    )


def join_wrapped_lines(texts: Sequence[str], vocabulary: Vocabulary) -> str:
    """Join hard-wrapped lines of one paragraph.

    Lines are joined with one space, except after a hyphen that ends a line
    right after a letter: then the lines close up, keeping the hyphen or
    dropping it as :func:`keeps_hyphen` decides.  Built with one ``join``, so
    the cost is linear in the paragraph's length.
    """
    parts: list[str] = []
    for index, text in enumerate(texts):
        if index and parts:
            previous = parts[-1]
            if ends_in_split(previous):
                token = previous.rsplit(None, 1)[-1][:-1]
                token = token.lstrip("\"'“‘(«[")
                right = _LEADING_WORD_RE.match(text)
                if not keeps_hyphen(token, right.group() if right else "", vocabulary):
                    parts[-1] = previous[:-1]
            else:
                parts.append(" ")
        parts.append(text)
    return "".join(parts)


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
        if _is_line_per_paragraph(texts):
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


def article_rules(raw: RawArticle, extra_rules: tuple[dict, ...]) -> tuple[Rule, ...]:
    """The shared rules followed by the article's own (from its sidecar's ``clean: drop:``)."""
    extra = compile_rules(extra_rules, str(raw.path.with_suffix(".yaml")), kind="clean: drop rule")
    return shared_rules() + extra


def run_passes(draft: Draft, passes: Sequence[Pass] = PASSES) -> Draft:
    for step in passes:
        draft = step(draft)
    return draft


def clean_article(raw: RawArticle, extra_rules: tuple[dict, ...] = ()) -> Article:
    """Clean one article: clutter out, headline and caption into metadata, paragraphs joined."""
    draft = run_passes(draft_from_text(raw.text, article_rules(raw, tuple(extra_rules))))
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
