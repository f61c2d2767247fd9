"""What a page says about itself in its markup, read once: its ``<meta>`` tags, its JSON-LD objects,
its headings, the kind of page it declares and the names of its site.

The other readers of a page (the title choice, the refusal of a page without an article, the
author check) ask these facts rather than walk the tree again.  Everything here is bounded: a
page's JSON-LD is parsed once per script, objects are visited to a fixed depth and number, and
no value longer than :data:`MAX_VALUE_CHARS` is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_VALUE_CHARS = 1000  # a title, a name or a description; longer is not one
MAX_OBJECTS = 500  # JSON-LD objects visited per page
MAX_DEPTH = 12
MAX_HEADINGS = 40
_SPACE = re.compile(r"\s+")

# JSON-LD and microdata types of a page that is one article (schema.org's Article and its kinds)
_ARTICLE_TYPE = re.compile(
    r"(?:^|/)(?:\w*Article|BlogPosting|LiveBlogPosting|Report|Review|SocialMediaPosting|"
    r"DiscussionForumPosting|Recipe|HowTo|QAPage)$",
    re.IGNORECASE,
)
_OG_ARTICLE = {"article", "blog", "news", "blogposting", "newsarticle"}


def flat(text: object) -> str:
    """A value as one line of text: runs of whitespace made one space, at most MAX_VALUE_CHARS."""
    if not isinstance(text, str):
        return ""
    return _SPACE.sub(" ", text[: MAX_VALUE_CHARS * 2]).strip()[:MAX_VALUE_CHARS]


@dataclass(frozen=True)
class PageFacts:
    """A page's self-description; every list in the page's order."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # og:title, twitter:title, author ...
    json_ld: tuple[dict, ...] = ()  # every JSON-LD object, @graph members included
    h1: tuple[str, ...] = ()
    h2: tuple[str, ...] = ()
    title: str = ""  # the <title>
    canonical: str = ""  # the address the page gives for itself
    microdata_types: tuple[str, ...] = ()
    microdata_headlines: tuple[str, ...] = ()  # itemprop="headline"
    h1_kickers: dict[str, tuple[str, str]] = field(default_factory=dict)  # h1 -> (kicker, headline)

    def first(self, *keys: str) -> str:
        """The first non-empty value of the first meta key that has one."""
        for key in keys:
            for value in self.meta.get(key, []):
                if value:
                    return value
        return ""

    def of_type(self, pattern: re.Pattern[str]) -> list[dict]:
        return [o for o in self.json_ld if any(pattern.search(t) for t in types_of(o))]

    @property
    def articles(self) -> list[dict]:
        """The JSON-LD objects that are an article (NewsArticle, BlogPosting...)."""
        return self.of_type(_ARTICLE_TYPE)


def types_of(node: dict) -> list[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def _json_ld_objects(tree) -> tuple[dict, ...]:
    found: list[dict] = []

    def visit(node, depth: int) -> None:
        if len(found) >= MAX_OBJECTS or depth > MAX_DEPTH:
            return
        if isinstance(node, dict):
            if "@type" in node or "headline" in node:
                found.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
                if isinstance(node.get(key), (dict, list)):
                    visit(node[key], depth + 1)
        elif isinstance(node, list):
            for value in node[:MAX_OBJECTS]:
                visit(value, depth + 1)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            visit(json.loads(script.text or ""), 0)
        except (ValueError, RecursionError):
            continue
    return tuple(found)


def _meta(tree) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip()
        value = flat(element.get("content"))
        if key and value:
            meta.setdefault(key.lower(), []).append(value)
    return meta


def heading_text(element) -> str:
    """A heading's text, a line break in it read as a space: "Headline<br>05.02.2026" is not
    "Headline05.02.2026"."""
    pieces: list[str] = []

    def walk(node) -> None:
        if node.tag == "br":
            pieces.append(" ")
        elif isinstance(node.tag, str):
            pieces.append(node.text or "")
            for child in node:
                walk(child)
                pieces.append(child.tail or "")

    walk(element)
    return flat("".join(pieces))


def _texts(elements) -> tuple[str, ...]:
    texts = (heading_text(e) for e in elements[:MAX_HEADINGS])
    return tuple(t for t in texts if t)


KICKER_MAX_WORDS = 5
_KICKER_TAGS = {"span", "div", "p", "small", "strong", "b"}
_KICKER_JOIN = " -–—:|·•"


def _kicker(heading) -> tuple[str, str] | None:
    """An h1 that opens with a kicker in an element of its own, styled apart (it has a class),
    before the headline: ``<h1><span class="dachzeile">Leak</span> <span>Data stolen</span></h1>``
    -> ("Leak", "Data stolen").  The kicker is a topic line above the headline, not part of it;
    read as one, the h1 is "Leak Data stolen", which no other title of the page says."""
    children = [c for c in heading if isinstance(c.tag, str)]
    if (heading.text or "").strip() or not children:
        return None
    first = children[0]
    if not isinstance(first.tag, str) or first.tag.lower() not in _KICKER_TAGS or not first.get("class"):
        return None
    kicker = flat(first.text_content())
    rest_parts = [first.tail or ""]
    for sibling in first.itersiblings():
        rest_parts += [sibling.text_content() if isinstance(sibling.tag, str) else "", sibling.tail or ""]
    rest = flat(" ".join(rest_parts)).lstrip(_KICKER_JOIN).strip()
    if not kicker or not 0 < len(kicker.split()) <= KICKER_MAX_WORDS or len(rest.split()) < 2:
        return None
    return kicker, rest


def page_facts(tree) -> PageFacts:
    """Read a page's facts once from its parsed tree."""
    canonical = next(iter(tree.xpath('//link[@rel="canonical"]/@href')), "")
    meta = _meta(tree)
    return PageFacts(
        meta=meta,
        json_ld=_json_ld_objects(tree),
        h1=_texts(tree.xpath("//h1")),
        h1_kickers={
            heading_text(h): found for h in tree.xpath("//h1")[:MAX_HEADINGS] if (found := _kicker(h))
        },
        h2=_texts(tree.xpath("//h2")),
        title=flat(tree.findtext(".//title")),
        canonical=flat(canonical) or next(iter(meta.get("og:url", [])), ""),
        microdata_types=tuple(flat(t) for t in tree.xpath("//*[@itemtype]/@itemtype")[:MAX_OBJECTS]),
        microdata_headlines=tuple(
            text
            for e in tree.xpath('//*[@itemprop="headline"]')[:3]
            if (text := flat(e.get("content") or e.text_content()))
        ),
    )


def declares_one_article(facts: PageFacts) -> bool:
    """Whether the page says it is an article: og:type, JSON-LD or microdata type."""
    if facts.first("og:type").casefold() in _OG_ARTICLE:
        return True
    return bool(facts.articles) or any(_ARTICLE_TYPE.search(t) for t in facts.microdata_types)


def _name_of(value) -> str:
    if isinstance(value, dict):
        return flat(value.get("name"))
    if isinstance(value, list) and value:
        return _name_of(value[0])
    return flat(value) if isinstance(value, str) else ""


def host_of(address: str | None) -> str:
    """ "https://www.example.co.uk/x" -> "example.co.uk"."""
    if not address:
        return ""
    try:
        host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def site_names(facts: PageFacts, url: str | None = None) -> list[str]:
    """What names the page's site: og:site_name, application-name, the publisher in JSON-LD, its host."""
    names = [
        *facts.meta.get("og:site_name", []),
        *facts.meta.get("application-name", []),
        *facts.meta.get("apple-mobile-web-app-title", []),
        *facts.meta.get("twitter:site", []),
        *facts.meta.get("publisher", []),
    ]
    for node in facts.json_ld:
        if any(t in ("WebSite", "Organization", "NewsMediaOrganization") for t in types_of(node)):
            names.append(flat(node.get("name")))
        names.append(_name_of(node.get("publisher")))
    for address in (facts.canonical, url):
        if host := host_of(address):
            names.append(host)
    seen: dict[str, None] = {}
    for name in names:
        name = name.removeprefix("@").strip()
        if name and name not in seen:
            seen[name] = None
    return list(seen)
