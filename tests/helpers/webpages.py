"""Small synthetic web pages for the tests of the page rules.

A test of a rule copies the markup pattern of a public page that showed the rule's mistake
(named in the test's comment), never its text: the prose here is invented, about invented
places, and each page holds only what the rule looks at.
"""

from __future__ import annotations

import html
import json

PROSE = (
    "The harbour council of Almera voted on Tuesday to extend the ferry timetable into the winter months.",
    "Officials said the change would cost about four hundred thousand euros a year, paid from port fees.",
    "Fishing crews had asked for the later sailings since the spring, when two boats were stranded overnight.",
    "The council's transport committee will review the timetable again after the first full season.",
    "Residents of the outer islands welcomed the vote, though several said the fares were still too high.",
    "A spokesperson for the ferry operator declined to say whether new crew would be hired for the routes.",
    "The regional government has promised a separate grant for the repair of the northern pier next year.",
    "Engineers found cracks in two of its pillars during an inspection last autumn, the report showed.",
    "Until the repairs are done, heavier vehicles will be directed to the southern landing instead.",
    "The mayor said the town would publish the new timetable online by the end of the month.",
)


def prose(count: int, start: int = 0) -> list[str]:
    """``count`` invented paragraphs of two sentences each (about 35 words)."""
    return [
        f"{PROSE[(start + 2 * i) % len(PROSE)]} {PROSE[(start + 2 * i + 1) % len(PROSE)]}"
        for i in range(count)
    ]


def e(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs_html(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)


def json_ld(**fields) -> str:
    data = {"@context": "https://schema.org", **fields}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def meta(**pairs: str) -> str:
    """``og_title="x"`` -> ``<meta property="og:title" content="x">``; ``name_author`` -> name=author."""
    out = []
    for key, value in pairs.items():
        if key.startswith("name_"):
            out.append(f'<meta name="{key[5:].replace("_", "-")}" content="{e(value)}">')
        else:
            out.append(f'<meta property="{key.replace("_", ":", 1)}" content="{e(value)}">')
    return "\n".join(out)


def page(body: str, *, title: str = "", head: str = "", lang: str = "en") -> bytes:
    """A whole page: ``head`` (meta tags, JSON-LD) and ``body`` as given."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">\n<title>{e(title)}</title>\n{head}\n'
        f"</head><body>\n{body}\n</body></html>\n"
    ).encode()


def article_page(
    headline: str,
    paragraphs: list[str],
    *,
    title: str | None = None,
    head: str = "",
    before: str = "",
    after: str = "",
    lang: str = "en",
) -> bytes:
    """An article: ``before`` (navigation), the h1 and paragraphs in <article>, ``after`` (related links)."""
    body = f"{before}\n<main><article><h1>{e(headline)}</h1>\n{paragraphs_html(paragraphs)}\n</article>\n{after}</main>"
    return page(body, title=headline if title is None else title, head=head, lang=lang)


def teaser_list(count: int, heading: str = "More stories", tag: str = "h3", teaser: str = "") -> str:
    """A list of links to other articles, each a linked headline (and a teaser when given)."""
    items = "".join(
        f'<div class="card"><{tag}><a href="/news/story-{n}">Ferry council story number {n} of the week</a></{tag}>'
        + (f"<p>{e(teaser)}</p>" if teaser else "")
        + "</div>"
        for n in range(count)
    )
    return f'<section class="more"><h2>{e(heading)}</h2>{items}</section>'
