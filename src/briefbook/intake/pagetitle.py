"""A page's headline: the one the page shows its reader, told from its social and search titles.

A page names its article several times: in its ``<h1>`` (what the reader sees), in its
JSON-LD ``headline``, in ``og:title`` and ``twitter:title`` (written for social media), and in
its ``<title>`` (written for search engines and the browser's tab, usually with the site's
name and sometimes a slogan).  They often differ.  The headline chosen here is

1. the reader's headline (an ``<h1>``, the JSON-LD or microdata ``headline``) that another
   of the page's titles confirms (see :func:`agreed`): with a kicker before it dropped when the
   other title lacks it ("Tunisia Great tasks ahead" under ``og:title`` "Great tasks ahead"), or
   what follows a bar or a date after it ("Headline | OTHERNAME.NET", "Headline 02.02.2022 •
   Press"); whole where the other is a shortened version of it (the other's words in it, more
   before or after); and where the headline so confirmed is a JSON-LD or microdata one, the
   page's one ``<h1>`` instead when it says the same in other words (half its words or more);
2. else a post's title in an ``<h2>`` that a social or search title confirms (a blog's name in
   the ``<h1>``);
3. else the one reader's headline there is, when it is no label ("Imprint", "Main menu", one
   word) and not the site's name;
4. else the title the page's social and search titles agree on;
5. else the first of the JSON-LD headline, ``og:title``, ``twitter:title``, ``<title>``.

An ``<h1>`` that opens with a kicker in an element of its own (``<span class="kicker">``) is read
without it (:func:`briefbook.intake.pagefacts.page_facts` finds it); HTML entities a JSON-LD
headline carries as text ("&#8222;") are read.  Every candidate is taken with the site's name,
its slogan and a date stamp cut off where they stand at either end ("Site | Slogan: Headline",
"Headline - Site", "Headline | 05.02.2026"), the site known by ``og:site_name``, the publisher,
the address's host, or by standing in most of the titles; a text of more than a few words only
mentions the site.  The sidecar says which candidate was chosen and what else was found.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .pagefacts import PageFacts, flat, host_of, site_names

MAX_TITLE_CHARS = 300  # a headline is shorter; a longer "title" is text
MAX_CANDIDATES = 12
KICKER_MAX_WORDS = 5
MAX_PARTS = 8  # a title's parts compared (site, section, headline, date...); more is a list
SITE_NAME_MAX_WORDS = 8
AFFIXED_SITE_MAX_WORDS = 4  # a site's name with a word before or after it: "Four Years Remaining"

_SEPARATOR = re.compile(
    r"(\s+(?:[|│·•»«›‹⋆~/\\]|::|-{1,2}|–|—|:|\*)\s+|\s*(?:｜|\.::|::\.|\|\|)\s*|\s+\|\s*|\s*\|\s+)"
)
_UNSPACED_SEPARATOR = re.compile(r"(\s*[_｜]\s*)")  # "标题_频道_网站": CJK titles join parts so
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})
_DATE_PART = re.compile(
    r"^\W*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|"
    r"(?:19|20)\d\d)(?:,?\s*\d{1,2}[.:]\d{2}(?:\s*(?:uhr|h|[ap]\.?m\.?))?)?\W*$",
    re.IGNORECASE,
)
# what begins the rest of an h1 after the headline, when it is no part of it: a separator, a date
_TAIL_START = re.compile(r"\s*(?:[|│·•»›]|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b)")
REWORDING_MIN_SHARE = 0.5  # of the words of the longer of two titles, for one to be the other reworded
WRITTEN_OUT_MIN_WORDS = 3  # a shorter title found inside a headline is a coincidence of words
_CSS = re.compile(r"[{};]\s*[\w-]+\s*:")
# what a page's heading says when it is a label of the site, not a headline
_LABEL = re.compile(
    r"^(?:home|homepage|news|blog|menu|main menu|navigation|search|archive|archives|categories|"
    r"category|tags?|comments?|leave a reply|related|related posts|recent posts|about|about us|"
    r"contact|imprint|impressum|privacy policy|datenschutz\w*|hauptmenü|navigation und service|"
    r"detailansicht|startseite|aktuelles|allgemein|nachrichten|uncategorized|sin categoría|"
    r"actualités|accueil|inicio|noticias|blog archives?|blog archiv|recent (?:comments|posts)|"
    r"neueste (?:kommentare|beiträge|artikel)|letzte beiträge|press releases?|pressemitteilungen|"
    r"medienmitteilungen|mitteilungen|meldungen|fachmeldungen|communiqués?|comunicados?)$",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return flat(_INVISIBLE.sub("", text))


def title_key(text: str) -> str:
    """A title as compared: Unicode NFKC, case folded, quotes and dashes even, punctuation a space."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).translate(_TYPOGRAPHY).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def split_parts(title: str) -> tuple[list[str], list[str]]:
    """A title's parts and the separators between them: "A | B - C" -> ([A, B, C], [" | ", " - "]).

    A title of more than MAX_PARTS parts is one part: a list, not a headline with its site.
    """
    pieces = _SEPARATOR.split(title)
    if len(pieces) == 1 and _UNSPACED.search(title):
        pieces = _UNSPACED_SEPARATOR.split(title)
    if len(pieces) > 2 * MAX_PARTS - 1:
        return [title], []
    return pieces[0::2], pieces[1::2]


_GENERIC_HOST_LABELS = {
    "www", "com", "org", "net", "news", "blog", "blogs", "wordpress", "blogspot", "archive", "web", "info",
    "online", "magazin", "magazine", "forum", "foren", "shop", "home", "co", "gov", "edu",
}  # fmt: skip


def site_keys(names: list[str]) -> set[str]:
    keys = set()
    for name in names:
        if len(name.split()) > SITE_NAME_MAX_WORDS:
            continue  # a sentence: a page that puts its headline where its site's name belongs
        host = host_of(name) if "." in name and " " not in name else ""
        keys.add(_letters(name))
        if host:
            keys.add(_letters(host.rsplit(".", 1)[0]))  # "fouryears.eu" -> "fouryears"
            keys.update(_letters(label) for label in host.split(".") if label not in _GENERIC_HOST_LABELS)
    return {k for k in keys if len(k) >= 3}


def is_site_name(text: str, sites: set[str]) -> bool:
    """Whether a title's part names the site: its letters are a site name's, or, for a name of a
    few words, begin or end with one ("Four Years Remaining" on fouryears.eu), or begin or end one
    ("ICON" of "ICON Magazine").  A longer text only mentions the site: "What does a Privatkredit
    cost?" on a site named "Privatkredit" is a headline."""
    key = _letters(text)
    if len(key) < 2:
        return False
    if key in sites:
        return True
    if len(text.split()) > AFFIXED_SITE_MAX_WORDS:
        return False
    return any(
        (len(site) >= 4 and (key.startswith(site) or key.endswith(site)))
        or (len(key) >= 4 and (site.startswith(key) or site.endswith(key)))
        for site in sites
    )


def strip_site(title: str, sites: set[str]) -> tuple[str, list[str]]:
    """A title less the parts at either end that name the site, or are a date or a label."""
    parts, separators = split_parts(title)
    removed: list[str] = []

    def removable(part: str) -> bool:
        return is_site_name(part, sites) or bool(_DATE_PART.match(part)) or bool(_LABEL.match(part.strip()))

    while len(parts) > 1 and removable(parts[-1]):
        removed.append(parts.pop())
        separators.pop()
    while len(parts) > 1 and removable(parts[0]):
        removed.append(parts.pop(0))
        separators.pop(0)
    kept = parts[0] + "".join(s + p for s, p in zip(separators, parts[1:], strict=True))
    return kept.strip(" |:-–—·•»«›‹"), removed


@dataclass(frozen=True)
class Candidate:
    where: str  # "h1", "JSON-LD headline", "og:title", "twitter:title", "<title>", "microdata headline"
    text: str  # as the page has it, site name and all
    headline: str  # less the site's name, slogan or date at its ends
    removed: tuple[str, ...] = ()  # what was cut off: the site's name, a date

    @property
    def reader(self) -> bool:
        """The page shows it to its reader (or says it is the headline), rather than to a search engine."""
        return self.where in ("h1", "JSON-LD headline", "microdata headline", "h2")


@dataclass(frozen=True)
class TitleChoice:
    title: str | None
    why: str  # which candidate, and what confirmed it
    candidates: tuple[Candidate, ...] = ()
    where: str = ""  # where the chosen title stands ("h1", "JSON-LD headline"...)


def _headline_strings(facts: PageFacts) -> list[str]:
    found = []
    for node in facts.articles or list(facts.json_ld):
        for key in ("headline", "name") if node in facts.articles else ("headline",):
            value = node.get(key)
            if isinstance(value, str) and value.strip():
                found.append(html.unescape(value))  # JSON-LD often carries "&#8222;" or "&amp;" as text
                break
    return found


def title_candidates(facts: PageFacts, sites: set[str]) -> list[Candidate]:
    """Every title the page gives, each less the site's name (``sites``: as :func:`site_keys` makes them)."""
    raw: list[tuple[str, str]] = [("h1", h) for h in facts.h1[:4]]
    raw += [("JSON-LD headline", h) for h in _headline_strings(facts)[:2]]
    raw += [("microdata headline", h) for h in facts.microdata_headlines[:2]]
    raw += [("og:title", t) for t in facts.meta.get("og:title", [])[:1]]
    raw += [("twitter:title", t) for t in facts.meta.get("twitter:title", [])[:1]]
    raw += [("<title>", facts.title)]
    raw += [("h2", h) for h in facts.h2[:4]]
    candidates = []
    for where, text in raw:
        kicker, shown = facts.h1_kickers.get(text, ("", text)) if where == "h1" else ("", text)
        text, shown = _clean(f"{kicker} {shown}" if kicker else text), _clean(shown)
        if not text or len(text) > MAX_TITLE_CHARS or _CSS.search(text):
            continue
        headline, removed = strip_site(shown, sites)
        removed = [kicker, *removed] if kicker else removed
        candidates.append(Candidate(where, text, headline or shown, tuple(removed)))
    return candidates[:MAX_CANDIDATES]


def _runs(text: str, first_only: bool = False) -> set[str]:
    """The keys of the runs of consecutive parts of a title (a headline may be one of them);
    ``first_only``: the runs that start with its first part."""
    parts, _ = split_parts(text)
    starts = range(1 if first_only else len(parts))
    return {title_key(" ".join(parts[i:j])) for i in starts for j in range(i + 1, len(parts) + 1)}


def agreed(reader: Candidate, other: Candidate, bare: bool = False) -> str | None:
    """The headline two titles agree on, or None: the same words; the reader's headline as a
    part of the other (its first part, for a ``bare`` one-word headline: a part further on is
    a section or the site); the other as the reader's headline less a short kicker before it, or
    less what follows a separator or a date after it (a site's name the page spells otherwise
    elsewhere, the date and sections of a post); or the reader's headline as the other written
    out: the other's words in it, more before or after (a shortened social or search title)."""
    mine, theirs = title_key(reader.headline), title_key(other.headline)
    if not mine or not theirs:
        return None
    if mine == theirs or mine in _runs(other.headline, first_only=bare):
        return reader.headline
    if theirs.endswith(" " + mine) and len(theirs.split()) - len(mine.split()) <= KICKER_MAX_WORDS:
        return reader.headline  # "Trails! Ischgl" and "Ischgl": the other has a kicker
    if mine.endswith(" " + theirs) and len(mine.split()) - len(theirs.split()) <= KICKER_MAX_WORDS:
        return other.headline  # "Tunisia Great tasks ahead" and "Great tasks ahead": a kicker
    if (tail := _tail_after(reader.headline, theirs)) is not None and _TAIL_START.match(tail):
        return other.headline  # "Headline | Other name of the site", "Headline 02.02.2022 • Press"
    if _written_out(reader.headline, mine, theirs):
        return reader.headline  # "Juicy lemon cake: simply delicious!" and "Lemon cake"
    return None


def _written_out(headline: str, mine: str, theirs: str) -> bool:
    """Whether a headline holds another title's words with more of its own, not as a kicker before
    them, nor as a sentence after them ("Deal agreed. The minister: ..." is headline and summary)."""
    if len(theirs.split()) < WRITTEN_OUT_MIN_WORDS or mine.endswith(theirs):
        return False
    if f" {theirs} " not in f" {mine} ":
        return False
    tail = _tail_after(headline, theirs)
    return tail is None or not tail.lstrip().startswith((".", "!", "?"))


def _tail_after(text: str, key: str) -> str | None:
    """What follows the words of ``key`` (a title key) at the start of ``text``, as the page has it."""
    if not title_key(text).startswith(key + " "):
        return None
    for i, char in enumerate(text):
        if (char.isspace() or not char.isalnum()) and title_key(text[:i]) == key:
            return text[i:]
    return None


def _is_noise(candidate: Candidate, sites: set[str]) -> bool:
    """A title that names no article: a label of the site ("Imprint", "About us") or the site's name."""
    text = candidate.headline.strip(" :.")
    return bool(_LABEL.match(text)) or _letters(text) in sites


def _is_bare(candidate: Candidate, sites: set[str]) -> bool:
    """Too little to be a headline unconfirmed: one word, or a name holding the site's."""
    text = candidate.headline
    return (len(text.split()) < 2 and not _UNSPACED.search(text)) or is_site_name(text, sites)


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in candidates:
        seen.setdefault(title_key(c.headline), c)
    return list(seen.values())


def _confirmed(readers: list[Candidate], candidates: list[Candidate], sites: set[str]) -> TitleChoice | None:
    """The reader's headline most of the page's other titles confirm (an h1 before the others)."""
    best: tuple[tuple[bool, int, int], str, Candidate, list[str]] | None = None
    for rank, reader in enumerate(readers):
        bare = _is_bare(reader, sites)
        support: dict[str, str] = {}
        for other in candidates:
            if other.where != reader.where and (text := agreed(reader, other, bare)) is not None:
                support.setdefault(other.where, text)
        if support:
            key = (reader.where == "h1", len(support), -rank)
            texts = list(support.values())
            # the text most of them agree on; the reader's own where they are as many
            text = max(texts, key=lambda t: (texts.count(t), t == reader.headline))
            if best is None or key > best[0]:
                best = (key, text, reader, sorted(support))
    if best is None:
        return None
    _, text, reader, confirmed = best
    return TitleChoice(
        text, f"the page's {reader.where}, as its {' and '.join(confirmed)} say", where=reader.where
    )


def _shown_over_declared(
    choice: TitleChoice | None, readers: list[Candidate], sites: set[str]
) -> TitleChoice | None:
    """The page's one h1, where the headline the other titles confirm is a JSON-LD or microdata
    headline that says the same in other words ("VW chief warns of Tesla" on the page, "VW chief
    Diess warns of Tesla" in JSON-LD, og:title and <title>): the reader sees the h1; the declared
    headline is often an earlier version, or the one written for search engines."""
    if choice is None or not choice.title or choice.where in ("", "h1"):
        return None
    h1s = _distinct([c for c in readers if c.where == "h1" and not _is_bare(c, sites)])
    if len(h1s) != 1 or title_key(h1s[0].headline) == title_key(choice.title):
        return None
    tail = _tail_after(h1s[0].headline, title_key(choice.title))
    if tail is not None and tail.lstrip().startswith((".", "!", "?")):
        return None  # the declared headline and a sentence after it: a summary run into the h1
    shown, declared = set(title_key(h1s[0].headline).split()), set(title_key(choice.title).split())
    if len(shown & declared) < REWORDING_MIN_SHARE * max(len(shown), len(declared)):
        return None
    return TitleChoice(
        h1s[0].headline, f"the page's h1, which its {choice.where} words otherwise", where="h1"
    )


def _alone(readers: list[Candidate], sites: set[str]) -> TitleChoice | None:
    alone = _distinct([c for c in readers if not _is_bare(c, sites)])
    if len(alone) != 1:
        return None
    return TitleChoice(alone[0].headline, f"the page's {alone[0].where}, which nothing else confirms")


def _socials_agree(socials: list[Candidate]) -> TitleChoice | None:
    for i, first in enumerate(socials):
        for second in socials[i + 1 :]:
            if title_key(first.headline) == title_key(second.headline):
                why = f"the page's {first.where} and {second.where}, which agree (no headline is shown)"
                return TitleChoice(first.headline, why)
    return None


_FALLBACK_ORDER = ("JSON-LD headline", "microdata headline", "og:title", "twitter:title", "<title>", "h1")


def _first_given(useful: list[Candidate]) -> TitleChoice | None:
    ranked = sorted(
        (c for c in useful if c.where in _FALLBACK_ORDER), key=lambda c: _FALLBACK_ORDER.index(c.where)
    )
    if not ranked:
        return None
    return TitleChoice(ranked[0].headline, f"the page's {ranked[0].where}, which nothing else confirms")


def choose_title(candidates: list[Candidate], sites: set[str]) -> TitleChoice:
    """The headline the page shows its reader, confirmed where the page allows (see the module)."""
    useful = [c for c in candidates if not _is_noise(c, sites)]
    readers = [c for c in useful if c.reader and c.where != "h2"]
    socials = [c for c in useful if not c.reader]
    rules = (
        lambda: _shown_over_declared(_confirmed(readers, useful, sites), readers, sites),
        lambda: _confirmed(readers, useful, sites),
        # a blog's post title is often an h2 under the blog's name in the h1
        lambda: _confirmed([c for c in useful if c.where == "h2"], socials, sites),
        lambda: _alone(readers, sites),
        lambda: _socials_agree(socials),
        lambda: _first_given(useful),
    )
    for rule in rules:
        if choice := rule():
            return TitleChoice(choice.title, choice.why, tuple(candidates))
    return TitleChoice(None, "the page gives no title", tuple(candidates))


def _headings_naming_the_site(facts: PageFacts, sites: set[str]) -> set[str]:
    """A bare heading (one word, or holding the site's name) that is the last part of the <title>
    is the site's name, shown as a logo: "Some headline | Dimido" under an h1 "Dimido"."""
    parts, _ = split_parts(facts.title)
    if len(parts) < 2:
        return set()
    last = title_key(parts[-1])
    found = set()
    for heading in facts.h1[:4]:
        bare = len(heading.split()) < 2 or is_site_name(heading, sites)
        if bare and title_key(heading) == last:
            found.add(_letters(heading))
    return found


def page_title(facts: PageFacts, url: str | None = None) -> TitleChoice:
    """The page's headline and where it comes from."""
    sites = site_keys(site_names(facts, url))
    sites |= _headings_naming_the_site(facts, sites)
    return choose_title(title_candidates(facts, sites), sites)
