"""The book theme's sidebar navigation, resolved once per folder instead of once per page (the
theme's "on this page" column, kept off the articles, is :mod:`.pagetoc`'s).

sphinx-book-theme lists every page of the book in the sidebar of every page.
For each page it asks Sphinx for the whole toctree (a copy of every page's
table of contents) and re-parses the HTML with BeautifulSoup: work that grows
with the number of pages, for each page, so with the square of the book's size
(more than half of a 300-article build).

Two pages of one folder get the same sidebar but for the entry that is the
page itself: that entry and its ancestors carry "current" (and "active",
an open ``<details>``, ``href="#"``).  So the sidebar is built once per folder
by the theme itself, for a page that is in no toctree, and each page marks its
own branch in a copy of that text.  The HTML is the theme's, byte for byte (a
test compares every page), but for a name given to each button that folds an
entry's pages away (the theme's hold only an icon); only the calls the book
theme's sidebar makes take this path, any other falls through to the theme.
The folders' sidebars are kept for the next build while the tables of contents
are the same (:mod:`.navstore`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..names import BROWSE_DIR
from .navstore import keep_sidebar, kept_sidebar, setup_navstore

TEMPLATES = Path(__file__).parent / "templates"
# A page name no book has, so no toctree entry is current when the sidebar is built for it.
NEUTRAL_PAGE = "_bb_sidebar_"
SLOT = "data-bb-slot"
_SLOT_IN_TAG = re.compile(rf' {SLOT}="(\d+)"')
_TAG = re.compile(r"<[^<>]*>")
MARKED = ("ul", "li", "details", "a")


@dataclass(frozen=True)
class Slot:
    start: int  # the start tag's place in the folder's sidebar text
    end: int
    current: str  # the start tag when its entry, or one below it, is the page shown


@dataclass(frozen=True)
class FolderSidebar:
    """One folder's sidebar with no entry current, and where each page's branch is."""

    html: str
    slots: tuple[Slot, ...]
    branches: dict[str, tuple[int, ...]]  # an entry's href -> the slots to mark, in text order

    def for_page(self, href: str) -> str:
        """The sidebar of the page the entries at ``href`` link to."""
        marked = self.branches.get(href)
        if not marked:
            return self.html
        pieces, position = [], 0
        for index in marked:
            slot = self.slots[index]
            pieces += [self.html[position : slot.start], slot.current]
            position = slot.end
        pieces.append(self.html[position:])
        return "".join(pieces)


def mark_current(element: Any) -> None:
    """Give one element of the theme's sidebar soup the marks of the current page's branch.

    The order of classes is the order Sphinx and the theme add them: Sphinx puts "current" on
    every list, item and link of the branch, the theme then adds "active" to items and
    "has-children" to items with a sub-list, and opens their ``<details>``.
    """
    classes = list(element.get("class", []))
    if element.name == "li":
        own = [c for c in classes if c != "has-children"]
        element["class"] = [
            *own,
            "current",
            "active",
            *(["has-children"] if "has-children" in classes else []),
        ]
    elif element.name in ("ul", "a"):
        element["class"] = ["current", *classes]
        if element.name == "a":
            element["href"] = "#"
    else:  # details
        element["open"] = "open"


def branch_of(link: Any) -> list[Any]:
    """A link's branch: the link, every list and item above it, and the ``<details>`` of each item."""
    branch = [link]
    for ancestor in link.parents:
        if ancestor.name in ("ul", "details"):
            branch.append(ancestor)
        elif ancestor.name == "li":
            branch.append(ancestor)
            details = ancestor.find("details", recursive=False)
            if details is not None:
                branch.append(details)
    return branch


def start_tags(text: str) -> dict[int, tuple[int, int, str]]:
    """Each marked start tag in ``text``: slot number -> (start, end, the tag without its mark)."""
    found = {}
    for tag in _TAG.finditer(text):
        mark = _SLOT_IN_TAG.search(tag.group())
        if mark:
            found[int(mark.group(1))] = (tag.start(), tag.end(), _SLOT_IN_TAG.sub("", tag.group()))
    return found


def folder_sidebar(soup: Any) -> FolderSidebar:
    """Split the theme's sidebar (a BeautifulSoup tree, no entry current) into text and slots."""
    elements = soup.find_all(MARKED)
    for index, element in enumerate(elements):
        element[SLOT] = str(index)
    neutral = str(soup)
    branches: dict[str, set[int]] = {}
    for link in soup.find_all("a", href=True):
        if link.find_parent("li") is not None:
            # by slot number: a soup's tags hash by their whole text
            branches.setdefault(link["href"], set()).update(int(e[SLOT]) for e in branch_of(link))
    for element in elements:
        mark_current(element)
    current = start_tags(str(soup))
    # the neutral text without the marks, and where each start tag now stands in it
    pieces, places, position, removed = [], {}, 0, 0
    for index, (start, end, tag) in sorted(start_tags(neutral).items(), key=lambda item: item[1][0]):
        pieces += [neutral[position:start], tag]
        begin = start - removed
        removed += (end - start) - len(tag)
        places[index] = (begin, begin + len(tag))
        position = end
    pieces.append(neutral[position:])
    slots = tuple(Slot(*places[i], current[i][2]) for i in range(len(elements)))
    ordered = {
        href: tuple(sorted(indexes, key=lambda i: slots[i].start)) for href, indexes in branches.items()
    }
    return FolderSidebar("".join(pieces), slots, ordered)


@dataclass
class SidebarCache:
    """The folders' sidebars of one builder's run (the toctrees do not change while it writes)."""

    folders: dict[tuple, FolderSidebar] = field(default_factory=dict)
    built: int = 0  # how many folder sidebars the theme was asked for


_caches: WeakKeyDictionary[Builder, SidebarCache] = WeakKeyDictionary()


def cache_of(builder: Builder) -> SidebarCache:
    return _caches.setdefault(builder, SidebarCache())


def forget_sidebars(app: Sphinx, builder: Builder) -> None:
    """Start each run's writing with no sidebar kept: a builder that writes again (the live
    preview keeps one application between builds) must not show the toctree of the last run."""
    _caches.pop(builder, None)


def theme_sidebar(app: Sphinx, pagename: str, kind: str, startdepth: int, show_nav_level: int, kwargs: dict):
    """The theme's own sidebar for ``pagename`` (a BeautifulSoup tree), built as its template would."""
    from pydata_sphinx_theme.toctree import add_toctree_functions

    builder = app.builder
    # The HTML builder's own ``toctree`` for a page, as it puts it in the page's context.  Its method
    # is private, and there is no public way to have that function for a page other than the one
    # being written; the sidebar must be the theme's own, byte for byte, so it is called as it is.
    context: dict[str, Any] = {
        "toctree": lambda **options: builder._get_local_toctree(pagename, **options),  # type: ignore[attr-defined]
    }
    add_toctree_functions(app, pagename, "page.html", context, None)
    return context["generate_toctree_html"](
        kind, startdepth=startdepth, show_nav_level=show_nav_level, **kwargs
    )


def is_cacheable(app: Sphinx, kind: str, startdepth: int, show_nav_level: int, kwargs: dict) -> bool:
    """Whether marking the current branch is all that tells two pages' sidebars apart.

    True for the whole toctree (startdepth 0) written by the plain HTML builder (the same links
    from every page of a folder), not collapsed (a collapsed sidebar drops other branches) and
    with the theme's sections shown as lists (``show_nav_level`` 0 folds them differently).
    """
    return (
        kind == "sidebar"
        and int(startdepth) == 0
        and int(show_nav_level) >= 1
        and not kwargs.get("collapse")
        and app.builder.name == "html"
    )


# The theme's button that folds an entry's pages away: a <summary> holding only an icon.
_TOGGLE = re.compile(
    r'(<a class="[^"]*" href="[^"]*">(?P<title>[^<]*)</a><details(?: open="open")?>)<summary>'
)


def name_toggles(html: str) -> str:
    """Give each of the sidebar's fold buttons a name (the theme's have none, only an icon), so that
    a screen reader says what it opens: "By date: show or hide its pages"."""

    def named(match: re.Match) -> str:
        name = f"{unescape(match.group('title')).strip()}: show or hide its pages"
        return f'{match.group(1)}<summary aria-label="{escape(name, quote=True)}">'

    return _TOGGLE.sub(named, str(html))


def sidebar_function(app: Sphinx, pagename: str, context: dict) -> Callable[..., Any]:
    """The function the book theme's sidebar template calls, for one page.

    The theme calls it twice for each page (once to see whether the sidebar is empty, once to
    write it): the page's sidebar is made once, the second call given the first one's text."""
    made: dict[tuple, str] = {}

    def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any):
        if not is_cacheable(app, kind, startdepth, show_nav_level, kwargs):
            theirs = context["generate_toctree_html"]
            return name_toggles(theirs(kind, startdepth=startdepth, show_nav_level=show_nav_level, **kwargs))
        folder = posixpath.dirname(pagename)
        key = (folder, kind, startdepth, show_nav_level, tuple(sorted(kwargs.items())))
        if key not in made:
            made[key] = page_sidebar(app, pagename, key, kwargs)
        return made[key]

    return generate_toctree_html


def page_sidebar(app: Sphinx, pagename: str, key: tuple, kwargs: dict) -> str:
    """A page's sidebar: its folder's (made once per build, or kept from the last), its own branch marked."""
    folder, kind, startdepth, show_nav_level, _ = key
    builder = app.builder
    neutral = posixpath.join(folder, NEUTRAL_PAGE)
    cache = cache_of(builder)
    if key not in cache.folders and (kept := kept_sidebar(app, key)) is not None:
        cache.folders[key] = kept  # the last build's: the tables of contents are the same
    if key not in cache.folders:
        soup = theme_sidebar(app, neutral, kind, startdepth, show_nav_level, kwargs)
        cache.folders[key] = folder_sidebar(soup)
        cache.built += 1
        keep_sidebar(app, key, cache.folders[key])
    return name_toggles(cache.folders[key].for_page(builder.get_relative_uri(neutral, pagename)))


def add_sidebar_function(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["bb_generate_toctree_html"] = sidebar_function(app, pagename, context)


def add_templates_path(app: Sphinx, config) -> None:
    # after the book's own template folders, before the theme's: the book can still override it
    config.templates_path = [*config.templates_path, str(TEMPLATES)]  # a new list: see htmlpage


def cache_compiled_templates(app: Sphinx) -> None:
    """Keep the theme's templates compiled between builds (in the doctree folder, which goes with
    the build's other work).  Jinja compiles some thirty templates for every run otherwise, a
    large part of a small rebuild; an entry is used only while its template's text is the same."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    from jinja2 import FileSystemBytecodeCache

    folder = Path(app.doctreedir) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


# --- pages that come, go or are renamed -----------------------------------------------------

# Sphinx writes again only the pages it read again, so when an article is added or removed (an
# edition's usual changes) or a page's title changes, every other page would keep a sidebar that
# lists the book as it was, unlike a fresh build of the same files.
_SIDEBAR_BEFORE: WeakKeyDictionary[Sphinx, tuple[bool, dict[str, str | None]]] = WeakKeyDictionary()
# The pages whose contents lists the sidebar shows with counts ("February 2026 (45)"): when one is
# read again (an article moved to another month or publisher), every page's sidebar has changed.
COUNTED = (f"{BROWSE_DIR}/by-date", f"{BROWSE_DIR}/by-source")


def note_pages_before_reading(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """``env-get-outdated``: whether pages come or go, and the titles of those about to be read."""
    titles = {name: env.titles[name].astext() if name in env.titles else None for name in added | changed}
    _SIDEBAR_BEFORE[app] = (bool(added or removed), titles)
    return []


def every_page_when_the_sidebar_changed(app: Sphinx, env: Any) -> list[str]:
    """``env-updated``: every page is written again when the sidebar they all show has changed."""
    came_or_went, titles = _SIDEBAR_BEFORE.pop(app, (False, {}))
    retitled = any(env.titles[name].astext() != title for name, title in titles.items() if name in env.titles)
    recounted = any(name in COUNTED for name in titles)
    return sorted(env.found_docs) if came_or_went or retitled or recounted else []


def setup_navigation(app: Sphinx) -> None:
    app.connect("config-inited", add_templates_path)
    app.connect("builder-inited", cache_compiled_templates)
    app.connect("html-page-context", add_sidebar_function)
    app.connect("write-started", forget_sidebars)
    app.connect("env-get-outdated", note_pages_before_reading)
    app.connect("env-updated", every_page_when_the_sidebar_changed)
    setup_navstore(app)
