"""The editor's prose as a reader reads it: plain words, with the claims, pages and links it cites.

For the checks that hold what the book says to what it holds (a count beside a claim, a quotation,
a date): MyST's roles and links become their text, each remembered with its target and where it
stands; emphasis marks and backslash escapes go.  Every character keeps the offset it came from,
so a finding is reported at its line.  A hand-written page (the front page) is cut into the
paragraphs and list items a reader reads, leaving out directives, comments and headings.

Pure text work: nothing here knows the book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import role_target

_ROLE = re.compile(r"\{(term|doc|claim)\}`([^`]*)`")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MARK = re.compile(r"\*\*|\*|\\(?=[^\w\s])")  # emphasis marks, and the backslash of an escape
_PIECES = re.compile("|".join(f"(?:{p.pattern})" for p in (_ROLE, _LINK, _AUTOLINK, _MARK)))
_TITLED = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)

# Words a full stop ends without ending a sentence ("Gen. Grynkewich", "U.S. forces").
ABBREVIATIONS = frozenset(
    "gen lt col maj capt sgt adm brig cmdr mr mrs ms dr st no vs e.g i.e u.s u.k u.n eu "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[*{]?[A-Z0-9])")


@dataclass(frozen=True)
class Cited:
    """Something the prose cites: a claim, a page, a glossary term or a web address."""

    role: str  # "claim", "doc", "term" or "link"
    target: str  # the claim's id, the page, the term, the address
    start: int  # where its text stands in the plain text
    end: int


@dataclass(frozen=True)
class Prose:
    """A piece of the editor's MyST as plain text, what it cites, and where each character came from."""

    text: str
    cited: tuple[Cited, ...]
    origins: tuple[int, ...]  # the source offset of each character of ``text``, and of its end

    def source_offset(self, offset: int) -> int:
        return self.origins[min(max(offset, 0), len(self.origins) - 1)]

    def citing(self, role: str, start: int = 0, end: int | None = None) -> list[Cited]:
        """What it cites with ``role`` between two offsets of the plain text."""
        stop = len(self.text) if end is None else end
        return [c for c in self.cited if c.role == role and c.start < stop and c.end > start]

    def sentences(self) -> list[tuple[int, int]]:
        """Where each sentence starts and ends in the plain text."""
        bounds, start = [], 0
        for match in _SENTENCE_END.finditer(self.text):
            word = re.search(r"(\S+)$", self.text[start : match.start()])
            if word and word.group(1).lower().lstrip('("“') in ABBREVIATIONS:
                continue
            bounds.append((start, match.end()))
            start = match.end()
            while start < len(self.text) and self.text[start].isspace():
                start += 1
        if start < len(self.text):
            bounds.append((start, len(self.text)))
        return bounds


def _role_text(role: str, content: str) -> tuple[str, str | None]:
    """What a role shows of itself in the prose, and its target."""
    titled = _TITLED.match(content)
    target = role_target(role, content)
    if titled:
        return titled.group(1), target
    return (content.lstrip("!~") if role != "claim" else content.strip()), target


def read_prose(source: str) -> Prose:
    """``source`` (the editor's MyST) as plain text, with what it cites."""
    text: list[str] = []
    origins: list[int] = []
    cited: list[Cited] = []

    def put(words: str, at: int) -> None:
        text.append(words)
        origins.extend(range(at, at + len(words)) if len(words) else ())

    position = 0
    for match in _PIECES.finditer(source):
        put(source[position : match.start()], position)
        position = match.end()
        whole = match.group(0)
        role = _ROLE.fullmatch(whole)
        link = _LINK.fullmatch(whole) or _AUTOLINK.fullmatch(whole)
        if role:
            shown, target = _role_text(role.group(1), role.group(2))
            kind, inner = role.group(1), match.start() + len(role.group(1)) + 3
        elif link and _LINK.fullmatch(whole):
            shown, target, kind, inner = link.group(1), link.group(2), "link", match.start() + 1
        elif link:
            shown, target, kind, inner = link.group(1), link.group(1), "link", match.start() + 1
        else:
            continue  # an emphasis mark or an escape's backslash: no text of its own
        start = sum(map(len, text))
        text.append(shown)
        origins.extend(min(inner + i, match.end() - 1) for i in range(len(shown)))
        if target is not None:
            cited.append(Cited(kind, target, start, start + len(shown)))
    put(source[position:], position)
    origins.append(len(source))
    plain = "".join(text)
    # one space for each run of white space, as a reader sees it, the offsets kept
    squeezed, kept = [], []
    for index, char in enumerate(plain):
        if char.isspace() and squeezed and squeezed[-1] == " ":
            continue
        squeezed.append(" " if char.isspace() else char)
        kept.append(index)
    moved = {old: new for new, old in enumerate(kept)}

    def moved_to(offset: int) -> int:
        while offset not in moved and offset < len(plain):
            offset += 1
        return moved.get(offset, len(squeezed))

    return Prose(
        "".join(squeezed),
        tuple(Cited(c.role, c.target, moved_to(c.start), moved_to(c.end)) for c in cited),
        tuple([*(origins[i] for i in kept), origins[-1]]),
    )


_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def page_paragraphs(page: str) -> list[tuple[int, str]]:
    """The prose of a hand-written page: each paragraph or list item with the offset it starts at,
    leaving out fenced blocks (directives), comments, headings and targets."""
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    start = offset = 0
    fence: str | None = None

    def close() -> None:
        if current and "".join(current).strip():
            paragraphs.append((start, "".join(current)))
        current.clear()

    for line in page.splitlines(keepends=True):
        here, offset = offset, offset + len(line)
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                if not line.strip()[len(opening.group(1)) :].strip():
                    fence = None
            continue
        if opening:
            close()
            fence = opening.group(1)
            continue
        stripped = line.strip()
        if not stripped or (stripped.startswith(("%", "#", "(")) and _not_prose(stripped)):
            close()
            continue
        if _ITEM.match(line):
            close()
        if not current:
            start = here
        current.append(line)
    close()
    return paragraphs


def _not_prose(stripped: str) -> bool:
    """A comment, a heading or a target line ("(claims)="), not a paragraph's words."""
    return stripped.startswith(("%", "#")) or bool(re.fullmatch(r"\([^()\s]+\)=", stripped))
