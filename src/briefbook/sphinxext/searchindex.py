"""Keep the search index whole across incremental builds.

Sphinx's HTML search index forgets the index entries (glossary terms among
them) of every page it did not read again in this build (Sphinx issue #12599,
open): after editing one note, searching the site for a glossary term finds
nothing.  briefbook rebuilds incrementally all the time, so it puts the entries
back: when the builder loads the previous index, the entries of the pages still
in the book are restored, and entries of pages that are gone are dropped, so
an incremental build writes the same index a fresh one does; so are the words a
re-read page no longer holds.

Sphinx has no hook for this: the two methods of its ``IndexBuilder`` that load and prune the
index are wrapped, and the entries kept in its private ``_index_entries``, where ``load``
should have put them back; its private word maps lose the words no page holds any more.
"""

from __future__ import annotations

import io
from typing import Any

from sphinx.application import Sphinx
from sphinx.search import IndexBuilder

_original_load = IndexBuilder.load
_original_prune = IndexBuilder.prune


def _load(self: IndexBuilder, stream: Any, format: Any) -> None:
    if isinstance(format, str):
        format = self.formats[format]
    text = stream.read()
    _original_load(self, io.StringIO(text) if isinstance(text, str) else io.BytesIO(text), format)
    frozen = format.loads(text)
    names = frozen["docnames"]
    restored: dict[str, list[tuple[str, str, str]]] = {}
    for entry, places in frozen.get("indexentries", {}).items():
        for index, target, main in places:
            restored.setdefault(names[index], []).append((entry, target, "main" if main else ""))
    for docname, entries in restored.items():
        self._index_entries.setdefault(docname, sorted(entries))


def _prune(self: IndexBuilder, docnames: Any) -> None:
    keep = set(docnames)
    _original_prune(self, keep)
    for docname in [d for d in self._index_entries if d not in keep]:
        del self._index_entries[docname]
    # Sphinx's prune leaves a word whose pages were all re-read as an empty set, which it then writes
    # as ``"word": []``: a word that left the book stays in the index until a fresh build
    for mapping in (self._mapping, self._title_mapping):
        for word in [w for w, pages in mapping.items() if not pages]:
            del mapping[word]


def setup_search_index(app: Sphinx) -> None:
    if IndexBuilder.load is not _load:  # once per process, however many books it builds
        IndexBuilder.load = _load  # type: ignore[method-assign]
        IndexBuilder.prune = _prune  # type: ignore[method-assign]
