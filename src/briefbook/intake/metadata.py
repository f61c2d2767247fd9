"""Guessing a pasted article's metadata from its text: headline, byline, dateline, date, publisher.

Each guess comes from a line the text shows, and says which (the sidecar
prints that as a comment).  When the text does not show a value, the guess is
``None`` with the reason: a wrong value looks right in the book and misleads,
an empty one is filled in by the editor.  So:

- the **date** is taken from a line that is metadata (a timestamp or a byline
  cleaning removed, a "date 2026-02-05" line, a dateline) and never from a
  sentence of the article, which may date an event rather than the article;
- the **publisher** only where the text names it: a copyright line, a wire
  agency in the dateline ("MOSCOW (Reuters) -") or after the byline
  ("JANE DOE, AP");
- the **author** from a byline ("By Jane Doe", "BY JANE DOE", "Jane Doe, AP",
  "Reporting by Jane Doe; Editing by ...").

The functions are pure: text and the cleaned article in, :class:`Guess` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from ..dates import parse_date
from ..models import Article, RawArticle

TOP_LINES = 15  # metadata stands above the article's text, within its first lines


@dataclass(frozen=True)
class Guess:
    """A sidecar value and where it comes from (shown as a comment in the sidecar)."""

    value: str | None
    source: str  # e.g. "from the headline (line 4)", "given with --date", "not found in the text"


# ---------------------------------------------------------------- dates

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    # Russian (genitive, as dates are written), German, French, Spanish
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    "jän": 1, "mär": 3, "mai": 5, "okt": 10, "dez": 12,
    "fév": 2, "avr": 4, "aoû": 8, "déc": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12,
}  # fmt: skip
# full names where the first three letters do not decide
_MONTH_NAMES = {
    "juin": 6, "juillet": 7, "junio": 6, "julio": 7, "juni": 6, "juli": 7, "enero": 1, "febrero": 2,
    "marzo": 3, "mayo": 5, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "août": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "januar": 1, "februar": 2, "märz": 3,
    "september": 9, "oktober": 10, "dezember": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:янв|фев|мар|апр|ма|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\.?"
    r"|(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
    r"|(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
    r"|(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"
DATE_PATTERNS = (
    re.compile(rf"(?<![\d-]){_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
    re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?P<mon>{_MONTH})\s*,?\s+(?:de\s+)?{_YEAR}\b",
        re.IGNORECASE,
    ),
    # 05.02.2026: day first (Europe); nobody writes month first with dots
    re.compile(rf"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.{_YEAR}(?![\d.])"),
)
_LEADING_DATE = re.compile(r"^(?:date|dated|published|posted|updated|last updated)\s*:?\s+", re.I)
_UPDATED = re.compile(r"^\s*(?:updated|last updated|modified|last modified)\b", re.I)


def _month(name: str) -> int:
    lower = name.lower().rstrip(".")
    if lower in _MONTH_NAMES:
        return _MONTH_NAMES[lower]
    return MONTHS.get(lower[:3], 0)


def iso_date(match: re.Match) -> str | None:
    """YYYY-MM-DD for a date pattern's match, or None when no such day is on the calendar."""
    parts = match.groupdict()
    month = _month(parts["mon"]) if parts.get("mon") else int(parts["m"])
    day, year = int(parts["d"]), int(parts["y"])
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def find_date(text: str) -> tuple[str, str] | None:
    """The first full date in ``text``: (YYYY-MM-DD, the words that say it)."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if iso := iso_date(match):
                found.append((match.start(), iso, match.group()))
                break
    if not found:
        return None
    _, iso, said = min(found)
    return iso, said


def _is_metadata_line(text: str) -> bool:
    """A line that dates the article rather than telling its story: short, not a sentence."""
    words = text.split()
    return (
        bool(words)
        and (len(words) <= 14 or bool(_LEADING_DATE.match(text)))
        and not (text.rstrip().endswith((".", "!", "?", "”", '"')) and len(words) > 8)
    )


def guess_date(raw: RawArticle, article: Article) -> Guess:
    """The article's date from its metadata lines (the published date before an updated one)."""
    lines = raw.text.split("\n")
    removed = {r.line: r for r in article.removed}
    candidates: list[tuple[int, str]] = []
    for number, text in enumerate(lines[:TOP_LINES], 1):
        text = text.strip()
        if text and (number in removed or _is_metadata_line(text)):
            candidates.append((number, text))
    for number, r in sorted(removed.items()):
        if number > TOP_LINES and r.rule in ("byline", "timestamp", "dateline"):
            candidates.append((number, r.text))
    for number, text in article_dateline_lines(article):
        candidates.append((number, text))
    dated = [(number, text, found) for number, text in candidates if (found := find_date(text))]
    if dated:
        published = [d for d in dated if not _UPDATED.match(d[1])] or dated
        number, _, (iso, said) = published[0]
        return Guess(iso, f"from line {number}: {said!r}; check it")
    for number, text in enumerate(lines[:TOP_LINES], 1):
        if found := find_date(text):
            return Guess(
                None,
                f"line {number} mentions {found[1]!r}, but in a sentence: the article's date is not shown",
            )
    return Guess(None, "no date shown near the top of the text")


# ---------------------------------------------------------------- datelines and wire agencies

# Wire agencies as datelines and bylines name them, and the name the book gives them.
AGENCIES = {
    "ap": "The Associated Press",
    "associated press": "The Associated Press",
    "the associated press": "The Associated Press",
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "tass": "TASS",
    "interfax": "Interfax",
    "ria novosti": "RIA Novosti",
    "dpa": "dpa",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "anadolu": "Anadolu Agency",
    "ukrinform": "Ukrinform",
    "bloomberg": "Bloomberg",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo News",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "тасс": "ТАСС",
    "интерфакс": "Интерфакс",
    "риа новости": "РИА Новости",
}
_AGENCY_NAMES = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_DASH = r"(?:-{1,2}|–|—|:)"
# "WASHINGTON —", "MOSCOW (Reuters) -", "KYIV, Ukraine (AP) —", "MOSCOW, Feb 5 (Reuters) -",
# and Russian wire style: "МОСКВА, 4 февраля. /ТАСС/."
DATELINE = re.compile(
    rf"^(?P<place>[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ .'’-]{{1,30}}?(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,2}})?)"
    rf"(?:,\s*(?P<when>[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[а-я]{{3,8}}))?"
    rf"(?:\s*(?:\((?P<agency>{_AGENCY_NAMES})\)\s*)?{_DASH}|\.\s*/(?P<slashed>{_AGENCY_NAMES})/\.)\s+(?=\S)",
    re.IGNORECASE | re.UNICODE,
)


@dataclass(frozen=True)
class Dateline:
    place: str
    agency: str | None  # as the text writes it ("Reuters", "AP")
    line: int
    text: str  # the dateline as written


def find_dateline(article: Article) -> Dateline | None:
    """The dateline opening the first paragraph, if there is one."""
    if not article.paragraphs:
        return None
    first = article.paragraphs[0]
    match = DATELINE.match(first)
    if not match:
        return None
    place = match.group("place").strip(" ,")
    # the place is written in capitals; a sentence's first word is not
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) < 3:
        return None
    line = article.paragraph_lines[0] if article.paragraph_lines else 1
    return Dateline(place, match.group("agency") or match.group("slashed"), line, match.group().strip())


def article_dateline_lines(article: Article) -> list[tuple[int, str]]:
    dateline = find_dateline(article)
    return [(dateline.line, dateline.text)] if dateline else []


# ---------------------------------------------------------------- bylines

_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*|de|da|van|von|der|al|bin|le|la|del)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"
# "By" in the languages the book's sources use, and author labels
_BY = r"By|BY|by|Von|VON|Par|PAR|Por|POR|Door|Av|Author:|Written by|Автор:|Текст:|Автор"
_ROLE = (
    r"(?:(?:Senior|Chief|Special|Foreign|Political|Diplomatic|Defen[cs]e|Staff|Contributing|Moscow|"
    r"Washington|White House|Pentagon|Europe|Security|Military)\s+)*"
    r"(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Analyst|Staff)"
)
BYLINE = re.compile(
    rf"^(?:{_BY})\s+(?P<names>{_NAMES})"
    rf"(?:\s*(?:,|\||/|–|—|-)\s*(?P<affiliation>[^,|/]{{2,60}}?))?"
    rf"(?:\s*(?:,|\||•|·|–|—|-|on)\s*(?P<rest>.*))?$",
    re.UNICODE,
)
# "By MARCUS WEBB Associated Press": a wire byline with the agency after the name, no comma
NAMES_THEN_AGENCY = re.compile(
    rf"^(?:By|BY)\s+(?P<names>{_NAMES}?)\s+(?P<affiliation>{_AGENCY_NAMES})$", re.I
)
# "Posted on December 3, 2025 by Jane Doe": a blog's line
POSTED_BY = re.compile(rf"^(?:Posted|Published|Written)(?: on .{{4,40}}?)? by (?P<names>{_NAMES})$")
NAME_AGENCY = re.compile(
    rf"^(?P<names>{_NAMES})\s*(?:,|\||/|–|—)\s*(?P<affiliation>{_AGENCY_NAMES})\.?$", re.I
)
REPORTING_BY = re.compile(rf"^\(?Reporting by (?P<names>{_NAMES})(?:\s+in\s+[A-Z][\w ]+)?\s*[;,.)]")


def _tidy_name(names: str) -> str:
    """All-caps bylines in the case a reader expects: "JANE O'DOE" -> "Jane O'Doe"."""
    names = " ".join(names.split())
    if names.isupper():
        names = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), names.lower())
        names = re.sub(r"\bAnd\b", "and", names)
    return names


def _agency(text: str | None) -> str | None:
    if not text:
        return None
    return AGENCIES.get(text.strip(" .()").lower())


@dataclass(frozen=True)
class Byline:
    author: str
    publisher: str | None  # a wire agency the byline names
    line: int
    text: str


def _without_roles(names: str) -> str:
    """ "Jane Doe, Staff Writer" -> "Jane Doe": a role is not a name."""
    parts = [p for p in re.split(r"\s*,\s*", names) if not re.fullmatch(_ROLE, p.strip(), re.I)]
    return ", ".join(parts)


def parse_byline(text: str) -> tuple[str, str | None] | None:
    """(author, agency) from a byline, or None when the line is no byline."""
    text = " ".join(text.split())
    for pattern in (NAMES_THEN_AGENCY, POSTED_BY):
        match = pattern.match(text)
        if match:
            names = _without_roles(match.group("names"))
            agency = _agency(match.groupdict().get("affiliation"))
            if names:
                return _tidy_name(names), agency
    match = BYLINE.match(text)
    if match:
        names = _without_roles(match.group("names"))
        affiliation = match.group("affiliation")
        if affiliation and re.fullmatch(_ROLE, affiliation.strip(), re.I):
            affiliation = None
        if not names:
            return None
        return _tidy_name(names), _agency(affiliation) or _agency(match.group("rest"))
    match = NAME_AGENCY.match(text)
    if match:
        return _tidy_name(match.group("names")), _agency(match.group("affiliation"))
    return None


def find_byline(raw: RawArticle, article: Article) -> Byline | None:
    """The byline: the one cleaning took out, a byline line near the top, or "Reporting by" below."""
    lines = raw.text.split("\n")
    for removed in article.removed:
        if removed.rule == "byline" and (parsed := parse_byline(removed.text)):
            return Byline(parsed[0], parsed[1], removed.line, removed.text)
        if removed.rule == "byline":
            return Byline(
                _tidy_name(re.sub(r"^[Bb][Yy]\s+", "", removed.text)), None, removed.line, removed.text
            )
    for number, text in enumerate(lines[:TOP_LINES], 1):
        text = text.strip()
        if text and len(text) <= 120 and (parsed := parse_byline(text)):
            return Byline(parsed[0], parsed[1], number, text)
    for number in range(len(lines) - 1, max(len(lines) - 12, -1), -1):
        match = REPORTING_BY.match(lines[number].strip())
        if match:
            return Byline(_tidy_name(match.group("names")), None, number + 1, lines[number].strip())
    return None


def guess_author(raw: RawArticle, article: Article) -> Guess:
    byline = find_byline(raw, article)
    if byline is None:
        return Guess(None, "no byline found")
    return Guess(byline.author, f"from the byline (line {byline.line}): {byline.text!r}")


# ---------------------------------------------------------------- publisher

_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?(?:by\s+)?"
    r"(?P<name>[^\W\d_][\w&.'’ -]{1,60}?)[\s.,]*(?:All rights reserved\.?)?$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s)\"'>]+")
# "From: Ministry of Transport": who issues a government page or press release
_FROM = re.compile(r"^(?:From|Issued by|Published by):\s+(?P<name>[^\W\d_][\w&.,'’ -]{2,80}?)\.?$")


def guess_publisher(raw: RawArticle, article: Article, url: str | None = None) -> Guess:
    """The publisher where the text names it: copyright line, dateline agency, byline agency."""
    for number, text in enumerate(raw.text.split("\n"), 1):
        match = _COPYRIGHT.match(text.strip())
        if match and len(text) < 120:
            name = match.group("name").strip()
            return Guess(AGENCIES.get(name.lower(), name), f"from the copyright line (line {number})")
    for number, text in enumerate(raw.text.split("\n")[:TOP_LINES], 1):
        match = _FROM.match(text.strip())
        if match:
            return Guess(match.group("name"), f"from line {number}: {text.strip()!r}")
    for removed in article.removed:
        if removed.rule == "wire-agency" and (agency := _agency(removed.text)):
            return Guess(agency, f"from line {removed.line}: {removed.text!r}")
    dateline = find_dateline(article)
    if dateline and (agency := _agency(dateline.agency)):
        return Guess(agency, f"from the dateline (line {dateline.line}): {dateline.text!r}")
    byline = find_byline(raw, article)
    if byline and byline.publisher:
        return Guess(byline.publisher, f"from the byline (line {byline.line}): {byline.text!r}")
    hosts = [urlparse(u).hostname for u in ([url] if url else []) + _URL.findall(raw.text)]
    host = next((h.removeprefix("www.") for h in hosts if h), None)
    if host:
        return Guess(None, f"not stated; the text links to {host}: is that the publisher?")
    return Guess(None, "not stated in the text")


# ---------------------------------------------------------------- title and example


def example_quote(article: Article, words: int = 6) -> str:
    """The sidecar's example quote: the start of the first paragraph of text, never a byline or a
    line that only dates the article (cleaning leaves one where it is unsure)."""
    for paragraph in article.paragraphs:
        byline = parse_byline(paragraph) is not None
        dated = _is_metadata_line(paragraph) and find_date(paragraph) is not None
        if len(paragraph.split()) >= 4 and not byline and not dated:
            return " ".join(paragraph.split()[:words])
    return " ".join(article.paragraphs[0].split()[:words]) if article.paragraphs else ""


def guess_title(article: Article) -> Guess:
    if article.headline:
        line = next((r.line for r in article.removed if r.rule == "headline"), None)
        twice = any(r.rule == "repeated-headline" for r in article.removed)
        where = f"the headline (line {line})" if line else "the headline"
        return Guess(article.headline, f"from {where}{', printed twice' if twice else ''}")
    words = article.paragraphs[0].split()[:8] if article.paragraphs else []
    title = "[" + " ".join(words).rstrip(".,;:") + "…]"
    return Guess(title, "no headline found: a working title in [brackets]; write a descriptive one")
