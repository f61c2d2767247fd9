"""The build's checks of one article, for a sidecar about to be written (by the preview's note
editor, an import, any endpoint that changes a sidecar): what ``load_book`` would say of it.

The same functions ``load_book`` calls, in the same order: the sidecar read (its schema, its
markup, its characters), the article read and cleaned by its rules, every note anchored, its
claims, its origins and its ``{term}``, ``{doc}`` and ``{claim}`` references looked up in the
book's claims, origins, glossary and pages.  So a sidecar this passes, the build takes: nothing is saved that the book
would then refuse to build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from threading import Lock
from typing import TypeVar

from ..editorial.claims import Claims, load_claims
from ..editorial.glossary import Glossary, load_glossary
from ..editorial.origins import Origins, load_origins
from ..editorial.references import check_claim_tags, check_origin_tags, check_references, hand_written_pages
from ..errors import Problem
from ..models import Sidecar
from ..names import CLAIMS_FILE, GLOSSARY_FILE, ORIGINS_FILE, article_paths
from .load import load_book_file, page_names, read_and_anchor
from .readcache import file_bytes

T = TypeVar("T")

# The book-wide files (claims, glossary, origins) as last loaded, by path, with the bytes they were
# loaded from.  Every sidecar write checks its article against them (each note saved from the
# preview), and validating a glossary again costs a tenth of a second; while a file's bytes are the
# same, what it loads to is the same (frozen values, made from the path and the bytes alone).
_LOADED: dict[str, tuple[bytes, object]] = {}
_LOADED_GUARD = Lock()


def _kept(loader: Callable[[Path], T]) -> Callable[[Path], T]:
    """``loader``, giving back the last load of a file whose bytes have not changed since.  A load
    is kept only if the file had the same bytes before and after it (not one changed meanwhile);
    one with problems is not kept: it raises them every time."""

    def load(path: Path) -> T:
        key = str(Path(path).resolve())
        before = file_bytes(path)
        with _LOADED_GUARD:
            found = _LOADED.get(key)
        if found is not None and found[0] == before:
            return found[1]  # type: ignore[return-value]
        loaded = loader(path)
        if file_bytes(path) == before:
            with _LOADED_GUARD:
                _LOADED[key] = (before, loaded)
        return loaded

    return load


def book_pages(seeds: Path) -> set[str] | None:
    """Every page of the book whose seeds are ``seeds``, for ``{doc}`` references: the hand-written
    pages of the docs/ folder beside them, the articles' and the overviews; None without docs/."""
    docs = Path(seeds).resolve().parent / "docs"
    if not (docs / "conf.py").is_file():
        return None
    return page_names((p.stem for p in article_paths(Path(seeds))), hand_written_pages(docs))


def check_article(
    seeds: Path, article: Path, sidecar: Path, pages: Iterable[str] | None = None
) -> tuple[Sidecar | None, list[Problem]]:
    """The sidecar at ``sidecar`` as the build reads it for ``article``, and every error the build
    would report for it (warnings, which do not stop a build, are left out).

    ``pages``: the book's pages (:func:`book_pages` by default).
    """
    seeds = Path(seeds)
    read = read_and_anchor(article, sidecar)
    problems = list(read.problems)
    if read.sidecar is not None:
        found: list[Problem] = []
        claims = load_book_file(
            seeds / CLAIMS_FILE, _kept(load_claims), Claims(seeds / CLAIMS_FILE, ()), found
        )
        claims_loaded = not found
        glossary = load_book_file(
            seeds / GLOSSARY_FILE, _kept(load_glossary), Glossary(seeds / GLOSSARY_FILE, ()), found
        )
        before = len(found)
        origins = load_book_file(
            seeds / ORIGINS_FILE, _kept(load_origins), Origins(seeds / ORIGINS_FILE, ()), found
        )
        origins_loaded = len(found) == before
        problems += found
        if claims_loaded:
            problems += check_claim_tags(read.sidecar.notes, claims, read.sidecar.path)
        if origins_loaded:
            problems += check_origin_tags(read.sidecar.notes, origins, read.sidecar.path)
        if not found:
            known = set(pages) if pages is not None else book_pages(seeds)
            problems += check_references(read.sidecar.references, glossary, claims, known)
    return read.sidecar, [p for p in problems if p.severity == "error"]
