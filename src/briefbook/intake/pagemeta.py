"""What a page says about its article: headline, author, date, publisher, address; each checked.

trafilatura reads the page's metadata; the headline is chosen here from every title the page
gives (:mod:`briefbook.intake.pagetitle`), and its author is checked: an author field that
holds a label ("Name", "Admin"), a reader's comment ("Art Edwards says"), the site's own name
or the company that runs it is no author, and is set aside with the reason, so that ``add``
looks for a byline in the text instead.  A wrong name in the sidecar looks right; an empty one
is filled in by the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import parse_date
from .pagefacts import PageFacts, flat, site_names
from .pagetitle import TitleChoice, page_title, site_keys, split_parts, title_key

MAX_AUTHOR_CHARS = 120
MAX_AUTHOR_WORDS = 8


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about its article (each None when the page does not say)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    publisher: str | None = None  # the site's name
    url: str | None = None  # the canonical address the page gives for itself
    description: str | None = None
    language: str | None = None
    title_source: str = ""  # which of the page's titles was chosen, and what confirmed it
    titles_found: tuple[str, ...] = ()  # the page's other titles, "og:title: '...'"
    author_source: str = ""  # where the author comes from, or why the page's was set aside


def _full_date(value: str | None) -> str | None:
    """A page's date when it names a day that exists (YYYY-MM-DD); anything else is no date."""
    return value if value and len(value) == 10 and parse_date(value) else None


def _clean_field(value) -> str | None:
    return flat(value) or None if isinstance(value, str) else None


# ---------------------------------------------------------------- authors

# what a page's author field holds when a form or a template filled it, not a person
_NOT_A_NAME = re.compile(
    r"^(?:name|your name|username|user|admin|administrator|webmaster|author|autor|auteur|autore|"
    r"posted|posted by|by|von|written by|no author|unknown|anonymous|anonym|guest|gast|none|null|"
    r"datum|date|text|editor|作者|编辑|작성자)$",
    re.IGNORECASE,
)
# a reader's comment signed "Art Edwards says:" or "Jane said on May 3"
_COMMENTER = re.compile(r"\b(?:says|said|sagt|schreibt|écrit|dice|escribió|replied|commented)\b", re.I)
# labels before a name: "Author Bo", "Artikel von hausinfo", "Interview Julia Lauter"
_LEAD_LABEL = re.compile(
    r"^(?:(?:posted|written|published|reported|text|interview|fotos?|photos?)\s+(?:by|von)\s+|"
    r"(?:by|von|par|por|di|door|av)\s+|"
    r"(?:author|autor|auteur|autore|artikel von|beitrag von|text|interview)\s*:?\s+)",
    re.IGNORECASE,
)
# what follows a name in a byline: "Nathan Willis March", "Aleš Vávra před", "Houzz Deutschland vor"
# (not May, June, April, August: they are names too)
_TRAIL = re.compile(
    r"\s+(?:jan|january|januar|feb|february|februar|mar|march|märz|jul|july|juli|sep|sept|september|"
    r"oct|october|oktober|nov|november|dec|december|dezember|vor|před|ago|hace|il y a|on|am|"
    r"tiempo de lectura|\d[\d.:,/-]*)\.?$",
    re.IGNORECASE,
)
# who runs a site rather than writes for it
_COMPANY = re.compile(
    r"\b(?:GmbH|e\.\s?V\.?|Inc|Ltd|LLC|S\.A|AG|KG|Verlag)\b|\bwww\b|https?:|\.(?:com|de|org|net)\b"
)


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _names_the_site(name: str, sites: set[str]) -> bool:
    key = _letters(name)
    if key in sites:
        return True
    # "Die FURCHE" on furche.at, "Mdr De" for mdr.de, "FOCUS Online" for focus.de
    return len(name.split()) <= 4 and any(
        len(site) >= 4 and (key.startswith(site) or key.endswith(site)) for site in sites
    )


# a name made from the site's address: "Mdr De", "Katholisch At", "MesOpinions com"
_HOST_AS_NAME = re.compile(r"\s(?:de|at|ch|com|org|net|fr|it|es|pl|eu|info|co uk)$", re.IGNORECASE)


def check_name(name: str, sites: set[str]) -> tuple[str | None, str]:
    """One name of a page's author field, tidied ("By Jane Doe" -> "Jane Doe"), or None and why not."""
    name = flat(name).strip(" ,;:|-–—·")
    if _COMMENTER.search(name):
        return None, "a reader's comment signed"
    name = _LEAD_LABEL.sub("", name).strip(" ,;:")
    while (trimmed := _TRAIL.sub("", name)) != name:
        name = trimmed.strip(" ,;:")
    if not name or _NOT_A_NAME.match(name) or not any(c.isalpha() for c in name):
        return None, "a label, not a name"
    if len(name) > MAX_AUTHOR_CHARS or len(name.split()) > MAX_AUTHOR_WORDS:
        return None, "too long to be a name"
    if _COMPANY.search(name) or (_HOST_AS_NAME.search(name) and _names_the_site(name, sites)):
        return None, "a company or an address, not an author"
    return name, ""


def checked_author(value: str | None, sites: set[str]) -> tuple[str | None, str]:
    """The page's author field less what is no author's name; and where it comes from or why not.

    The site's own name is set aside when the field names someone else too ("CNN; Rob
    Picheta"); alone, it stays: a personal site or an organisation is its own author.
    """
    if not value:
        return None, ""
    kept: list[str] = []
    refused: list[str] = []
    for part in re.split(r"\s*;\s*", value):
        name, why = check_name(part, sites)
        if name and title_key(name) not in {title_key(k) for k in kept}:
            kept.append(name)
        elif not name and part.strip():
            refused.append(f"{part.strip()!r} ({why})")
    people = [k for k in kept if not _names_the_site(k, sites)]
    if people and len(people) < len(kept):
        refused += [f"{k!r} (the site's own name)" for k in kept if k not in people]
        kept = people
    if kept:
        note = "from the page's metadata (its author)"
        if refused:
            note += "; set aside: " + ", ".join(refused)
        return "; ".join(kept), note
    return None, "the page's author field is no author: " + ", ".join(refused)


# ---------------------------------------------------------------- the whole


def _microdata_publisher(tree) -> str | None:
    for node in tree.xpath('//*[@itemprop="publisher"]//*[@itemprop="name"]'):
        value = flat(node.get("content") or node.text_content())
        if value:
            return value
    return None


_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")


def _publisher(document, tree, title: TitleChoice) -> str | None:
    publisher = _clean_field(document.sitename)
    if publisher and (_DOMAIN.match(publisher) or publisher == _clean_field(document.hostname)):
        publisher = None  # trafilatura falls back on the host name: that is an address, not a name
    return publisher or _microdata_publisher(tree) or site_in_title(title)


def site_in_title(choice: TitleChoice) -> str | None:
    """The part of the <title> around the chosen headline: "Headline | Site" -> "Site"."""
    for c in choice.candidates:
        if c.where == "<title>" and choice.title:
            if c.removed:
                return c.removed[0]
            parts, _ = split_parts(c.text)
            key = title_key(choice.title)
            for i in range(len(parts)):
                for j in range(i + 1, len(parts) + 1):
                    if title_key(" ".join(parts[i:j])) == key and (rest := parts[:i] or parts[j:]):
                        site = " ".join(rest)
                        return site if len(site.split()) <= 6 else None
    return None


def _found(choice: TitleChoice) -> tuple[str, ...]:
    chosen = title_key(choice.title or "")
    seen: set[str] = {chosen}
    found = []
    for c in choice.candidates:
        if c.where != "h2" and (key := title_key(c.text)) not in seen:
            seen.add(key)
            found.append(f"{c.where}: {c.text!r}")
    return tuple(found[:6])


def page_metadata(document, tree, facts: PageFacts, url: str | None = None) -> PageMetadata:
    """The page's metadata, read by trafilatura (``document``) and checked against the page's facts."""
    title = page_title(facts, url)
    if document is None:
        return PageMetadata(title=title.title, title_source=title.why, titles_found=_found(title))
    sites = site_keys(site_names(facts, url))
    author, author_source = checked_author(_clean_field(document.author), sites)
    return PageMetadata(
        title=title.title or _clean_field(document.title),
        author=author,
        date=_full_date(_clean_field(document.date)),
        publisher=_publisher(document, tree, title),
        url=_clean_field(document.url),
        description=_clean_field(document.description),
        language=_clean_field(getattr(document, "language", None)),
        title_source=title.why,
        titles_found=_found(title),
        author_source=author_source,
    )
