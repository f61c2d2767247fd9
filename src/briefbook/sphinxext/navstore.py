"""The folders' sidebars kept from one build to the next, while the book's tables of contents are the same.

:mod:`.navigation` builds each folder's sidebar once per build; at 300 articles that is still a
third of a rebuild after one edit, which changes no title and no table of contents.  So each
folder's sidebar is kept (in the doctree folder, which goes with the build's other work), under
a digest of everything it is made from: every page's title and table of contents, the toctrees
and their order, the theme's settings, the versions of Sphinx and the themes, and briefbook's own
code.  A sidebar is taken back only under the same digest; anything else builds it afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders import Builder

STORE = "briefbook-sidebars.pickle"
_PACKAGES = ("sphinx", "pydata-sphinx-theme", "sphinx-book-theme", "beautifulsoup4")


class _Store:
    def __init__(self, digest: str, path: Path) -> None:
        self.digest, self.path = digest, path
        self.kept: dict[tuple, Any] = {}
        self.changed = False
        try:
            with path.open("rb") as handle:
                stored_digest, stored = pickle.load(handle)
            if stored_digest == digest:
                self.kept = stored
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            pass


_stores: WeakKeyDictionary[Builder, _Store] = WeakKeyDictionary()


def _versions() -> list[str]:
    found = []
    for name in _PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} none")
    return found


def navigation_digest(app: Sphinx) -> str:
    """A digest of all a folder's sidebar is made from (see the module's docstring)."""
    from .generator import code_digest

    env, config = app.env, app.config
    made_from = (
        sorted((doc, title.pformat()) for doc, title in env.titles.items()),
        sorted((doc, toc.pformat()) for doc, toc in env.tocs.items()),
        sorted(env.toctree_includes.items()),
        sorted(env.glob_toctrees),
        sorted(env.numbered_toctrees),
        sorted(env.found_docs),
        config.root_doc,
        config.html_theme,
        repr(config.html_theme_options),
        config.html_file_suffix,
        config.html_link_suffix,
        app.builder.name,
        _versions(),
        code_digest(),
    )
    # as text (repr of plain values, in a fixed order): a pickle changes with what its objects share
    return hashlib.sha256(repr(made_from).encode()).hexdigest()


def _store_of(app: Sphinx) -> _Store:
    store = _stores.get(app.builder)
    if store is None:
        store = _Store(navigation_digest(app), Path(app.doctreedir) / STORE)
        _stores[app.builder] = store
    return store


def kept_sidebar(app: Sphinx, key: tuple) -> Any | None:
    """The folder's sidebar the last build made from the same tables of contents, if any."""
    return _store_of(app).kept.get(key)


def keep_sidebar(app: Sphinx, key: tuple, sidebar: Any) -> None:
    store = _store_of(app)
    store.kept[key] = sidebar
    store.changed = True


def save_sidebars(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the sidebars this build made, for the next."""
    store = _stores.get(app.builder)
    if exception is not None or store is None or not store.changed:
        return
    temporary = store.path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump((store.digest, store.kept), handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(store.path)


def setup_navstore(app: Sphinx) -> None:
    app.connect("build-finished", save_sidebars)
