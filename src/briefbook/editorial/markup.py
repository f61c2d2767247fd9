"""The editor's markup: a safe subset of MyST, checked the way MyST parses it.

Notes, bases, a sidecar's ``about``, glossary definitions and claim notes are
MyST written by editors, and notes also arrive from imports and the browser.
So they may hold only what cannot reach a file, a script or raw LaTeX:

* paragraphs, line breaks, ``*emphasis*``, ``**strong**``, ```inline code```;
* links to ``http:``, ``https:`` and ``mailto:`` addresses (``[text](https://…)``,
  ``<https://…>``);
* the roles ``{term}`` (a glossary entry), ``{doc}`` (a page of the book) and
  ``{claim}`` (a claim's row in the claims matrix);
* bullet and numbered lists.

Everything else is refused with the file and line of the offending text:
raw HTML, directives (``{include}``, ``{raw}`` ...), other roles, math,
images, targets, substitutions, footnotes, headings, code blocks, comments,
tables, attributes.  The check is an allow-list over the tokens of MyST's own
parser (markdown-it-py with the MyST plugins, as ``myst_parser`` builds it),
with every syntax extension MyST has switched on, so text that would be markup
in any book's configuration is seen as markup here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from docutils.utils import unescape
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..errors import Code, Problem, did_you_mean
from ..models import Reference
from .yamlload import LineDict

ROLES = ("term", "doc", "claim")
LINK_SCHEMES = ("http", "https", "mailto")
# Every MyST extension that makes new markup from text, so a note is checked as strictly as any
# configuration would parse it (smartquotes and replacements only change characters).
_ALL_SYNTAX = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "dollarmath",
        "fieldlist",
        "substitution",
        "strikethrough",
        "tasklist",
    }
)
_BLOCKS = frozenset(
    {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
    }
)
_INLINES = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "code_inline",
        "link_open",
        "link_close",
        "myst_role",
    }
)
# Attributes the allowed tokens carry by themselves; anything else came from attribute syntax.
_ATTRIBUTES = {"link_open": {"href", "title"}, "ordered_list_open": {"start"}}
_NAMES = {
    "html_inline": "raw HTML",
    "html_block": "raw HTML",
    "fence": "a code block",
    "code_block": "an indented code block (four spaces at the start of a line)",
    "colon_fence": "a directive",
    "math_inline": "math",
    "math_inline_double": "math",
    "math_block": "math",
    "math_block_label": "math",
    "amsmath": "math",
    "image": "an image",
    "myst_target": "a target",
    "myst_line_comment": "a comment (a line starting with %)",
    "myst_block_break": "a block break (+++)",
    "substitution_inline": "a substitution",
    "substitution_block": "a substitution",
    "footnote_ref": "a footnote",
    "footnote_reference_open": "a footnote",
    "footnote_block_open": "a footnote",
    "heading_open": "a heading",
    "hr": "a horizontal rule",
    "blockquote_open": "a block quote",
    "table_open": "a table",
    "dl_open": "a definition list",
    "field_list_open": "a field list",
    "front_matter": "front matter",
    "s_open": "strikethrough",
    "span_open": "an attribute span",
}
_FIXES = {
    "math": "write a dollar sign as \\$",
    "raw HTML": "write < as \\<",
    "a comment (a line starting with %)": "write a % at the start of a line as \\%",
    "an indented code block (four spaces at the start of a line)": "do not indent the note's lines",
}
SUBSET = (
    "notes allow paragraphs, *emphasis*, **strong**, `code`, links to http, https and mailto "
    "addresses, {term}, {doc} and {claim} references, and lists"
)


@dataclass(frozen=True)
class Finding:
    """Something in one markup text: a refused construct or a reference, with where it stands."""

    snippet: str  # text to find it by in the file
    text_line: int  # 0-based line inside the markup text
    construct: str | None = None  # what was refused, or None for a reference
    code: Code = Code.MARKUP_REFUSED
    hint: str | None = None
    role: str | None = None
    target: str | None = None


@cache
def parser() -> MarkdownIt:
    """MyST's markdown-it parser with every syntax extension on (no Sphinx needed)."""
    return create_md_parser(MdParserConfig(enable_extensions=set(_ALL_SYNTAX)), RendererHTML)


# How Sphinx's {term} and {doc} (its XRefRole, a ReferenceRole) read ``title <target>``: the title
# is the shortest text before a ``<`` that runs to a ``>`` at the very end.  ReferenceRole's own
# expression, copied (a test holds them equal): importing it would load much of Sphinx into the
# process that reads the book, which otherwise needs none of it.
EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<(.*?)>$", re.DOTALL)
# How briefbook's own {claim} role reads ``text <id>`` (sphinxext.overviews.claim_role uses it).
CLAIM_TARGET = re.compile(r"^(.*?)\s*<([a-z0-9-]+)>$", re.DOTALL)


def role_target(role: str, content: str) -> str | None:
    """The target a role's content names, read exactly as the build's role reads it (so the check
    and the build never disagree); None for a reference Sphinx does not make (``{term}`!x```).

    {term} and {doc}: Sphinx's reading (a ``!`` first: no link; ``text <target>`` with the first
    ``<`` that reaches the closing ``>``; ``~`` is part of the name).  {claim}: briefbook's role's.
    """
    if role == "claim":
        match = CLAIM_TARGET.match(content)
        return match.group(2) if match else content.strip()
    if content.startswith("!"):
        return None
    match = EXPLICIT_TITLE.match(content)
    return unescape(match.group(2)) if match else unescape(content)


def _extra_attributes(token: Token) -> list[str]:
    return sorted(set(token.attrs) - _ATTRIBUTES.get(token.type, set()))


def _attributes(token: Token, line: int) -> Finding:
    names = ", ".join(_extra_attributes(token))
    return Finding("{", line, f"attributes ({names})", hint="write the text without {#id .class} attributes")


def _refused(token: Token, line: int) -> Finding:
    what = _NAMES.get(token.type, token.type.removesuffix("_open").replace("_", " "))
    if token.type == "fence" and token.info.strip().startswith("{"):
        what = f"the directive {token.info.split()[0]}"
        return Finding(f"{token.markup}{token.info.split()[0]}", line, what, hint=SUBSET)
    snippet = {
        "html_inline": token.content,
        "html_block": token.content.split("\n", 1)[0],
        "fence": token.markup,
        "colon_fence": f"{token.markup}{token.info.split()[0] if token.info.split() else ''}",
        "image": token.attrGet("src") or "![",
        "myst_target": f"({token.content})=",
        "footnote_ref": f"[^{(token.meta or {}).get('label', '')}]",
        "math_inline": f"${token.content}",
        "math_inline_double": "$$",
        "math_block": "$$",
        "substitution_inline": "{{",
        "substitution_block": "{{",
        "myst_line_comment": "%",
    }.get(token.type, token.markup or token.content.split("\n", 1)[0])
    return Finding(str(snippet), line, what, hint=_FIXES.get(what, SUBSET))


def _outermost(tokens: Iterable[Token], allowed: frozenset[str]) -> Iterator[Token]:
    """The tokens to judge: an allowed token's content is judged token by token, a refused
    construct is judged once, as a whole (its closing and inner tokens are passed over)."""
    inside: int | None = None  # the level of the refused construct being passed over
    for token in tokens:
        if inside is not None:
            if token.level > inside or token.nesting != -1:
                continue
            inside = None  # its closing token
            continue
        if token.nesting == 1 and token.type not in allowed:
            inside = token.level
        yield token


def _inline_findings(inline: Token) -> Iterator[Finding]:
    line = inline.map[0] if inline.map else 0
    for child in _outermost(inline.children or (), _INLINES):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            continue
        if child.type not in _INLINES:
            yield _refused(child, line)
        elif _extra_attributes(child):
            yield _attributes(child, line)
        elif child.type == "myst_role":
            name = child.meta.get("name", "")
            snippet = f"{{{name}}}`"
            if name in ROLES:
                target = role_target(name, child.content)
                if target is not None:
                    yield Finding(snippet, line, role=name, target=target)
            else:
                hint = did_you_mean(name, ROLES) or "the roles notes allow are {term}, {doc} and {claim}"
                yield Finding(snippet, line, f"the role {{{name}}}", hint=hint)
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if urlsplit(href).scheme.lower() not in LINK_SCHEMES:
                yield Finding(
                    href,
                    line,
                    f"a link to {href!r}",
                    Code.MARKUP_LINK,
                    "links go to http, https or mailto addresses; for a page of the book use {doc}",
                )
        line += child.content.count("\n")


def findings(text: str) -> list[Finding]:
    """What a markup text holds beyond plain words: refused constructs and references, in order."""
    found: list[Finding] = []
    for token in _outermost(parser().parse(text), _BLOCKS):
        line = token.map[0] if token.map else 0
        if token.type == "inline":
            found.extend(_inline_findings(token))
        elif token.type not in _BLOCKS:
            found.append(_refused(token, line))
        elif _extra_attributes(token):
            found.append(_attributes(token, line))
    return found


class SourceLines:
    """The lines of a YAML file, to find where in it a piece of a (possibly folded) value stands."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self._taken: dict[tuple[int, str], int] = {}  # (line, snippet) -> occurrences already placed

    def place(self, snippet: str, first: int, last: int) -> tuple[int, int] | None:
        """Line and column (1-based) of the next occurrence of ``snippet`` within lines
        [first, last] that no earlier finding took."""
        needle = snippet.split("\n", 1)[0].strip()
        if not needle:
            return None
        for number in range(first, min(last, len(self.lines)) + 1):
            taken = self._taken.get((number, needle), 0)
            text = self.lines[number - 1]
            if text.count(needle) > taken:
                self._taken[(number, needle)] = taken + 1
                column = -1
                for _ in range(taken + 1):
                    column = text.index(needle, column + 1)
                return number, column + 1
        return None


def check_field(
    mapping: LineDict, key: str, source: SourceLines, path: str, what: str, page_folder: str
) -> tuple[list[Problem], list[Reference]]:
    """Check ``mapping[key]`` as editor's markup (``what`` names it: "a note", "a definition" ...).

    Returns problems for refused constructs and the references it makes.  Each
    is placed at the line of the file where its text stands (found in the
    lines the value spans), else at the line where the value starts.
    """
    text = mapping.get(key)
    if not isinstance(text, str) or not text.strip():
        return [], []
    first, last = mapping.span_of(key)
    block = getattr(mapping, "value_styles", {}).get(key) in ("|", ">")
    problems: list[Problem] = []
    references: list[Reference] = []
    told: set[tuple[str, str]] = set()  # a construct refused in a text is told once, where first found
    for finding in findings(text):
        # not found as written (YAML escapes, say): where its line of the text should be
        line, column = source.place(finding.snippet, first, last) or (
            min(first + finding.text_line + (1 if block else 0), last),
            None,
        )
        if finding.construct is None:
            references.append(Reference(finding.role or "", finding.target or "", path, line, page_folder))
        else:
            message = f"{finding.construct} is not allowed in {what}"
            if (finding.code, message) not in told:
                told.add((finding.code, message))
                problems.append(Problem(finding.code, message, path, line, column, finding.hint))
    return problems, references


def check_fields(
    fields: Iterable[tuple[LineDict, str, str]], text: str, path: str, page_folder: str
) -> tuple[list[Problem], list[Reference]]:
    """:func:`check_field` for each (mapping, key, what) of one file whose text is ``text``."""
    source = SourceLines(text)
    problems: list[Problem] = []
    references: list[Reference] = []
    for mapping, key, what in fields:
        found, refs = check_field(mapping, key, source, path, what, page_folder)
        problems += found
        references += refs
    return problems, references


def plain_text(text: str) -> str:
    """The words a reader reads in the editor's markup, as plain text: emphasis and links dropped,
    a ``{term}``, ``{doc}`` or ``{claim}`` reference as the words it shows, paragraphs and list
    items run together.  For showing a note as it once was (an edition's note may name what the
    book no longer has), where its markup must not be parsed again."""
    words: list[str] = []
    for token in parser().parse(text):
        if token.type != "inline":
            if token.type in ("paragraph_close", "list_item_close"):
                words.append(" ")
            continue
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                words.append(" ")
            elif child.type == "myst_role":
                words.append(role_words(child.meta.get("name", ""), child.content.strip()))
            elif child.type in ("text", "text_special", "code_inline") or not child.children:
                words.append(child.content)
    return " ".join("".join(words).split())


def role_words(role: str, content: str) -> str:
    """The words a reference shows: its own text (``text <target>``), else what it names."""
    explicit = (CLAIM_TARGET if role == "claim" else EXPLICIT_TITLE).match(content)
    if explicit and explicit.group(1).strip():
        return unescape(explicit.group(1).strip())
    return role_target(role, content) or unescape(content.lstrip("!"))
