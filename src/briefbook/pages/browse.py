"""Finding an article in a book of hundreds: the articles grouped by the week, month or year of
their date and by their publisher, on the front page, in the sidebar and on a page per group.

The grouping is chosen by the book's span: weeks for a book of a few weeks, months for one of up
to three years, years beyond; dates given only to the month or the year, and no date at all, make
groups of their own.  A few large publishers get a group each, the others share one.  Each group
has a page (:data:`BROWSE_DIR`), continued on further pages past :data:`GROUP_PAGE` articles, so
no page grows with the book: the sidebar lists the groups (and, in a small book, the articles),
the front page lists the first few articles of each group and links to the rest.  In print the front page lists every article, by date and by publisher, with its page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..book import Book, BookArticle, source_number
from ..dates import human_date
from ..kinds import ARTICLE_KINDS
from ..models import Sidecar
from ..names import BROWSE_DIR, WHATSNEW_PAGE
from ..printable import counted
from . import blocks
from .myst import GENERATED_MARK, directive, escape_inline

ARTICLES_TOC = "_generated/articles-toc.md"
SUMMARY = "_generated/summary.md"
GROUP_PAGE = 100  # articles on one page of a group; a larger group continues on further pages
SIDEBAR_ARTICLES = 30  # a book of at most this many articles lists them in the sidebar too
SOURCE_GROUPS = 20  # groups by publisher at most: past that, the smaller publishers share one
WEEKS_UNTIL = 70  # days: a book whose dates span less is grouped by week
MONTHS_UNTIL = 3 * 366  # days: less, by month; more, by year
BY_DATE, BY_SOURCE = f"{BROWSE_DIR}/by-date", f"{BROWSE_DIR}/by-source"


@dataclass(frozen=True)
class Group:
    """Articles that go together: of one week, month or year, or of one publisher."""

    key: str  # names its pages: browse/<key>, browse/<key>-2, ...
    title: str
    entries: tuple[BookArticle, ...]

    @property
    def pages(self) -> list[str]:
        """The group's pages, each listing at most GROUP_PAGE articles."""
        count = max(1, -(-len(self.entries) // GROUP_PAGE))
        first = f"{BROWSE_DIR}/{self.key}"
        return [first] + [f"{first}-{n}" for n in range(2, count + 1)]


# --------------------------------------------------------------------- by date


@dataclass(frozen=True)
class Period:
    """Where a date falls: a group's key and title, and its place in the order (newest first)."""

    key: str
    title: str
    order: tuple  # larger comes first


def parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """A partial ISO date as (year, month or None, day or None); None for no date."""
    if not value:
        return None
    numbers = [int(p) for p in value.split("-")]
    return numbers[0], numbers[1] if len(numbers) > 1 else None, numbers[2] if len(numbers) > 2 else None


def date_scale(dates: list[str | None]) -> str:
    """``week``, ``month`` or ``year``: what the span of the dates known to the month suggests."""
    known = [p for p in map(parts, dates) if p and p[1]]
    if not known:
        return "year"
    firsts = [date(y, m or 1, d or 1) for y, m, d in known]
    span = (max(firsts) - min(firsts)).days
    if span < WEEKS_UNTIL and any(d for _, _, d in known):
        return "week"
    return "month" if span < MONTHS_UNTIL else "year"


def period_of(value: str | None, scale: str) -> Period:
    """The group a date belongs to at ``scale``; a date less precise than the scale gets one of its own."""
    found = parts(value)
    if found is None:
        return Period("date-undated", "Date not stated", (0,))
    year, month, day = found
    if scale == "week" and day:
        monday = date(year, month or 1, day) - timedelta(days=date(year, month or 1, day).weekday())
        return Period(
            f"date-week-{monday.isoformat()}", f"Week of {human_date(monday.isoformat())}", (1, monday, 2)
        )
    if scale in ("week", "month") and month:
        title = f"{date(year, month, 1):%B %Y}"
        finer = scale == "week"
        return Period(
            f"date-month-{year:04d}-{month:02d}",
            f"{title}, day not stated" if finer else title,
            (1, date(year, month, 1), 1),
        )
    partial = scale != "year"
    return Period(
        f"date-year-{year:04d}",
        f"{year}, month not stated" if partial else str(year),
        (1, date(year, 1, 1), 0),
    )


def newest_first(book: Book, entries: list[BookArticle]) -> tuple[BookArticle, ...]:
    """Newest first (a date given to the day before one given only to its month); undated last;
    articles of one date in the book's order."""
    ordered = sorted(entries, key=lambda e: book.position(e.stem))
    dated = sorted((e for e in ordered if e.sidecar.date), key=lambda e: e.sidecar.date or "", reverse=True)
    return (*dated, *(e for e in ordered if not e.sidecar.date))


def date_groups(book: Book) -> list[Group]:
    """The articles by week, month or year of their date, newest first; undated last."""
    scale = date_scale([e.sidecar.date for e in book.articles])
    members: dict[str, list[BookArticle]] = {}
    periods: dict[str, Period] = {}
    for entry in book.articles:
        period = period_of(entry.sidecar.date, scale)
        periods[period.key] = period
        members.setdefault(period.key, []).append(entry)
    order = sorted(periods.values(), key=lambda p: p.order, reverse=True)
    return [Group(p.key, p.title, newest_first(book, members[p.key])) for p in order]


# --------------------------------------------------------------------- by source


def slug(name: str) -> str:
    """A publisher's name as part of a page name: ASCII letters, digits and single hyphens; a name
    with none of those (a Cyrillic one) by a digest of itself."""
    text = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return text or "p" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def source_groups(book: Book) -> list[Group]:
    """The articles by publisher, alphabetical; the publishers past SOURCE_GROUPS - 1 (the ones with
    the fewest articles) share "Other publishers"; articles with no publisher stated come last."""
    by_name: dict[str, list[BookArticle]] = {}
    unstated = []
    for entry in book.articles:
        name = entry.sidecar.publisher
        if name:
            by_name.setdefault(name, []).append(entry)
        else:
            unstated.append(entry)
    names = sorted(by_name, key=lambda n: (-len(by_name[n]), n.casefold(), n))
    own = names if len(names) <= SOURCE_GROUPS else names[: SOURCE_GROUPS - 1]
    groups, keys = [], set()
    for name in sorted(own, key=lambda n: (n.casefold(), n)):
        key = f"source-{slug(name)}"
        if key in keys:  # two names that differ only in case or punctuation
            key += "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
        keys.add(key)
        groups.append(Group(key, name, newest_first(book, by_name[name])))
    others = [e for n in names if n not in own for e in by_name[n]]
    if others:  # "--": no publisher's slug has two hyphens in a row
        groups.append(Group("source--others", "Other publishers", newest_first(book, others)))
    if unstated:
        groups.append(Group("source--not-stated", "Publisher not stated", newest_first(book, unstated)))
    return groups


# --------------------------------------------------------------------- pages


def facts_line(sidecar: Sidecar) -> str:
    """Kind · publisher · date, as plain text (the line :func:`.myst.meta_line` writes as MyST)."""
    return " · ".join(
        [
            ARTICLE_KINDS.get(sidecar.kind, sidecar.kind.capitalize()),
            sidecar.publisher or "publisher not stated",
            human_date(sidecar.date) or "date not stated",
        ]
    )


def browse_entry(book: Book, entry: BookArticle) -> blocks.BrowseEntry:
    return blocks.BrowseEntry(
        entry.docname, source_number(book, entry), entry.title, facts_line(entry.sidecar)
    )


def browse_rows(book: Book, groups: list[Group]) -> list[blocks.BrowseGroup]:
    return [
        blocks.BrowseGroup(g.title, g.pages[0], tuple(browse_entry(book, e) for e in g.entries))
        for g in groups
    ]


def toctree_title(text: str) -> str:
    """A title for a toctree entry (``Title <page>``), which Sphinx shows as plain text: on one line,
    with no angle bracket that could be taken for the entry's page."""
    return " ".join(text.replace("<", "‹").replace(">", "›").split())


def group_pages(book: Book, group: Group, view: str) -> dict[str, str]:
    """A group's pages: its articles, GROUP_PAGE to a page, newest first."""
    pages = group.pages
    out = {}
    for index, name in enumerate(pages):
        chunk = group.entries[index * GROUP_PAGE : (index + 1) * GROUP_PAGE]
        heading = escape_inline(group.title) + (
            f" (page {index + 1} of {len(pages)})" if len(pages) > 1 else ""
        )
        lead = f"{counted(len(group.entries), 'article')}, newest first."
        if view == "source" and group.key == "source--others":
            lead = (
                f"{counted(len(group.entries), 'article')} from the publishers with the fewest, newest first."
            )
        text = [GENERATED_MARK, "", f"# {heading}", "", lead, ""]
        if len(pages) > 1:
            text.append(f"Articles {index * GROUP_PAGE + 1}–{index * GROUP_PAGE + len(chunk)}.\n")
        text.append(blocks.write_browse("list", browse_rows(book, [Group(group.key, group.title, chunk)])))
        if index + 1 < len(pages):
            following = pages[index + 1].rsplit("/", 1)[1]
            text.append(f"[Continued on page {index + 2}]({following}.md)\n")
        if index == 0 and len(pages) > 1:
            rest = "\n".join(p.rsplit("/", 1)[1] for p in pages[1:])
            text.append(directive("toctree", "", f":hidden:\n\n{rest}"))
        out[f"{name}.md"] = "\n".join(text)
    return out


def view_page(book: Book, title: str, lead: str, groups: list[Group]) -> str:
    """``browse/by-date`` or ``browse/by-source``: the groups, each with its number of articles."""
    entries = "\n".join(
        f"{toctree_title(g.title)} ({len(g.entries)}) <{g.pages[0].rsplit('/', 1)[1]}>" for g in groups
    )
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            f"# {title}",
            "",
            lead,
            "",
            directive("toctree", "", f":maxdepth: 1\n\n{entries}"),
        ]
    )


def render_browse_pages(book: Book) -> dict[str, str]:
    """Every page of the browse folder: the two views and each group's pages (none without articles)."""
    if not book.articles:
        return {}
    by_date, by_source = date_groups(book), source_groups(book)
    articles = counted(len(book.articles), "article")
    pages = {
        f"{BY_DATE}.md": view_page(
            book, "Articles by date", f"The book's {articles} by date, newest first.", by_date
        ),
        f"{BY_SOURCE}.md": view_page(
            book, "Articles by source", f"The book's {articles} by publisher.", by_source
        ),
    }
    for group in by_date:
        pages.update(group_pages(book, group, "date"))
    for group in by_source:
        pages.update(group_pages(book, group, "source"))
    return pages


def render_summary(book: Book) -> str:
    """What the front page includes: how many articles, over what span, from how many publishers,
    then the articles by date and by publisher (on screen, each group folds away); then the contents
    entry of the What's new page, so it comes first after the front page, on screen and in print
    (the front page includes this file before its own contents entries)."""
    whatsnew = directive("toctree", "", f":maxdepth: 1\n\n{WHATSNEW_PAGE.removesuffix('.md')}")
    if not book.articles:
        return "The book has no articles yet: `briefbook add` puts the first one in.\n\n" + whatsnew
    line = f"The book is compiled from {counted(len(book.articles), 'article')}"
    publishers = {e.sidecar.publisher for e in book.articles if e.sidecar.publisher}
    unstated = sum(1 for e in book.articles if not e.sidecar.publisher)
    if publishers:
        line += f" from {counted(len(publishers), 'publisher')}"
        line += f" (and {unstated} whose publisher is not stated)" if unstated else ""
    days = sorted(e.sidecar.date for e in book.articles if e.sidecar.date and len(e.sidecar.date) == 10)
    if days:
        first, last = human_date(days[0]), human_date(days[-1])
        line += f", dated {first}" if first == last else f", dated from {first} to {last}"
    partial = sum(1 for e in book.articles if e.sidecar.date and len(e.sidecar.date) < 10)
    undated = sum(1 for e in book.articles if not e.sidecar.date)
    more = " more" if days else ""
    others = [f"{partial}{more} dated to the month or year only"] if partial else []
    others += [f"{undated}{more} undated"] if undated else []
    line += f" ({', '.join(others)})" if others else ""
    return "\n".join(
        [
            escape_inline(line) + ".",
            "",
            "```{rubric} The articles by date",
            ":class: bb-browse-heading",
            "```",
            "",
            blocks.write_browse("folds", browse_rows(book, date_groups(book))),
            "```{rubric} The articles by source",
            ":class: bb-browse-heading",
            "```",
            "",
            blocks.write_browse("folds", browse_rows(book, source_groups(book))),
            whatsnew,
        ]
    )


def render_articles_toc(book: Book) -> str:
    """The front page's contents entry for the articles (it includes this file).

    The articles themselves, in the book's order, stand in a hidden contents list: the printed
    book's chapters and the site's previous and next links follow it, and the sidebar leaves it
    out.  On the site, the sidebar shows "By date" and "By source", whose groups unfold there, and
    in a small book the articles too.  A book with no articles yet gets no list rather than an
    empty one: a contents pattern that matches no page is a warning, and a new book builds
    without any.
    """
    if not book.articles:
        return GENERATED_MARK + "\n"
    articles = "\n".join(entry.docname for entry in book.articles)
    shown = ["By date <browse/by-date>", "By source <browse/by-source>"]
    if len(book.articles) <= SIDEBAR_ARTICLES:
        shown += [entry.docname for entry in book.articles]
    browse = directive("toctree", "", ":caption: The articles\n:maxdepth: 1\n\n" + "\n".join(shown))
    return "\n".join(
        [
            GENERATED_MARK,
            "",
            directive("toctree", "", f":hidden:\n:maxdepth: 1\n\n{articles}"),
            directive("only", "html", browse),
        ]
    )
