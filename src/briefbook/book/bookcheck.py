"""The build's checks across the book, for a glossary, claims or origins file about to be written (by the
preview's editor, or any program): what ``load_book`` would say of the book with that file's new
text in its place; for a judgments file, what ``briefbook check`` would say of it, warnings too
(:func:`review_findings`).

A glossary or claims file is checked on its own when it is loaded (its schema, its markup, ids
used twice, related entries that do not exist); then the book's other files must still find in it
what they name: every ``{term}``, ``{claim}`` and ``{doc}`` reference, every note's ``claim:``
and ``origin:``, every claim's ``origins:``.
:func:`new_errors` gives only the errors the new text brings, so that a problem the book already
had elsewhere does not stop an edit (the edit may be its fix).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..editorial.claims import Claims, load_claims
from ..editorial.glossary import Glossary, load_glossary
from ..editorial.origins import Origins, load_origins
from ..editorial.references import check_claim_origins, check_claim_tags, check_origin_tags, check_references
from ..editorial.sidecar import load_sidecar
from ..errors import BriefbookError, Problem
from ..models import Sidecar
from ..names import CLAIMS_FILE, GLOSSARY_FILE, ORIGINS_FILE, article_paths
from .load import load_book, load_book_file, read_and_anchor
from .readcache import ArticleCache


def _sidecar(path: Path, cache: ArticleCache | None) -> Sidecar | None:
    """An article's sidecar as the build reads it (from the read cache when its files are as they
    were), or None when it does not load (its own problem, not this check's)."""
    if cache is not None:
        return cache.read(path, read_and_anchor).sidecar
    try:
        return load_sidecar(path.with_suffix(".yaml"))
    except BriefbookError:
        return None


def book_errors(
    seeds: Path,
    *,
    glossary: Path | None = None,
    claims: Path | None = None,
    origins: Path | None = None,
    pages: Iterable[str] | None = None,
    cache: ArticleCache | None = None,
) -> list[Problem]:
    """Every error the build would report in the book's glossary, claims and origins and in what
    the book's files name in them, with ``glossary``, ``claims`` or ``origins`` read in place of
    the book's own."""
    seeds = Path(seeds)
    claims_path = claims or seeds / CLAIMS_FILE
    glossary_path = glossary or seeds / GLOSSARY_FILE
    origins_path = origins or seeds / ORIGINS_FILE
    problems: list[Problem] = []
    book_claims = load_book_file(claims_path, load_claims, Claims(claims_path, ()), problems)
    claims_loaded = not problems
    before = len(problems)
    book_glossary = load_book_file(glossary_path, load_glossary, Glossary(glossary_path, ()), problems)
    glossary_loaded = len(problems) == before
    before = len(problems)
    book_origins = load_book_file(origins_path, load_origins, Origins(origins_path, ()), problems)
    origins_loaded = len(problems) == before
    if claims_loaded and origins_loaded:
        problems.extend(check_claim_origins(book_claims, book_origins))
    references = [*book_glossary.references, *book_claims.references, *book_origins.references]
    for path in article_paths(seeds):
        sidecar = _sidecar(path, cache)
        if sidecar is None:
            continue
        references.extend(sidecar.references)
        if claims_loaded:
            problems.extend(check_claim_tags(sidecar.notes, book_claims, sidecar.path))
        if origins_loaded:
            problems.extend(check_origin_tags(sidecar.notes, book_origins, sidecar.path))
    if claims_loaded and glossary_loaded:
        known = None if pages is None else set(pages)
        problems.extend(check_references(references, book_glossary, book_claims, known))
    return [p for p in problems if p.severity == "error"]


def review_findings(
    seeds: Path,
    *,
    judgments: Path | None = None,
    pages: Iterable[str] | None = None,
    cache: ArticleCache | None = None,
    front_page: Path | None = None,
) -> list[Problem]:
    """Everything ``briefbook check`` would say of the book with ``judgments`` read in place of its
    judgments file: the errors that stop a build, or else every warning, the review's included (the
    judgments held to ICD 203 and to the evidence they cite, counts held to the claims' standing,
    quotations that must stand in an article)."""
    try:
        book = load_book(seeds, pages=pages, cache=cache, front_page=front_page, judgments=judgments)
    except BriefbookError as exc:
        return list(exc.problems)
    return list(book.warnings)


def _identity(problem: Problem) -> tuple[str, str | None, str]:
    # not by line: an entry added, changed or removed moves the lines after it
    return (str(problem.code), problem.path, problem.message)


def new_errors(before: Iterable[Problem], after: Iterable[Problem]) -> list[Problem]:
    """The errors in ``after`` that ``before`` did not have."""
    known = {_identity(p) for p in before}
    return [p for p in after if _identity(p) not in known]
