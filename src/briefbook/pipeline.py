"""The phases of a build, each a plain function: read, check, then write.

Everything is read and checked before anything is written, so a bad sidecar
stops the run with every problem listed and leaves the previous pages as they
were.  Pages are rewritten only when their text changes, so Sphinx re-reads
only what changed.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import anchors, clean, ingest, render
from .errors import BriefbookError, Problem, ProblemsFound
from .models import Article, LocatedNote, Sidecar
from .sidecar import load_sidecar

ARTICLE_SUFFIX = ".txt"
GENERATED_DIR = "articles"


@dataclass(frozen=True)
class BookArticle:
    article: Article
    sidecar: Sidecar
    notes: tuple[LocatedNote, ...]

    @property
    def stem(self) -> str:
        return self.article.stem


@dataclass(frozen=True)
class Book:
    seeds: Path
    articles: tuple[BookArticle, ...]

    def article(self, stem: str) -> BookArticle:
        for entry in self.articles:
            if entry.stem == stem:
                return entry
        raise KeyError(stem)

    def input_files(self, stem: str) -> list[Path]:
        """The files a page for ``stem`` is made from, so Sphinx can track them."""
        entry = self.article(stem)
        return [entry.article.path, entry.sidecar.path]


def article_paths(seeds: Path) -> list[Path]:
    """The articles of a book: every ``*.txt`` in ``seeds``, in file-name order."""
    if not seeds.is_dir():
        raise BriefbookError(f"{seeds}: no such folder (expected the book's seeds/ folder of articles)")
    return sorted(p for p in seeds.iterdir() if p.suffix == ARTICLE_SUFFIX and p.is_file())


def read_article(path: Path) -> tuple[Article | None, Sidecar | None, list[Problem]]:
    """Read, clean and anchor one article; problems are returned, not raised."""
    problems: list[Problem] = []
    sidecar_path = path.with_suffix(".yaml")
    sidecar = None
    if not sidecar_path.exists():
        problems.append(Problem(str(sidecar_path), None, f"missing sidecar for {path.name} (expected title and kind at least)", "sidecar.missing"))
    else:
        try:
            sidecar = load_sidecar(sidecar_path)
        except ProblemsFound as exc:
            problems.extend(exc.problems)
        except BriefbookError as exc:
            problems.append(Problem(str(sidecar_path), None, str(exc), "sidecar.yaml"))
    try:
        raw = ingest.read_article(path)
        article = clean.clean_article(raw, sidecar.clean_rules if sidecar else ())
    except BriefbookError as exc:
        problems.append(Problem(str(path), None, str(exc), "article.read"))
        return None, sidecar, problems
    return article, sidecar, problems


def load_book(seeds: Path) -> Book:
    """Read and check every input; raise ProblemsFound listing all problems."""
    seeds = Path(seeds)
    problems: list[Problem] = []
    entries: list[BookArticle] = []
    paths = article_paths(seeds)
    if not paths:
        raise BriefbookError(f"{seeds}: no articles (expected *{ARTICLE_SUFFIX} files)")
    for path in paths:
        article, sidecar, found = read_article(path)
        problems.extend(found)
        if article is None or sidecar is None:
            continue
        located, anchor_problems = anchors.anchor_notes(article, sidecar)
        problems.extend(anchor_problems)
        entries.append(BookArticle(article, sidecar, tuple(located)))
    if problems:
        raise ProblemsFound(problems)
    return Book(seeds=seeds, articles=tuple(entries))


def render_pages(book: Book) -> dict[str, str]:
    """Every generated page, keyed by its path relative to the docs folder."""
    pages = {
        f"{GENERATED_DIR}/{e.stem}.md": render.render_article_page(e.article, e.sidecar) for e in book.articles
    }
    pages["_generated/summary.md"] = render.render_summary([(e.article, e.sidecar) for e in book.articles])
    return pages


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically, and only if the content differs; return whether it was written."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bb-", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return True


def write_pages(pages: dict[str, str], docs: Path) -> list[str]:
    """Write changed pages, remove generated pages that are no longer generated."""
    changed = [rel for rel, text in sorted(pages.items()) if write_if_changed(docs / rel, text)]
    generated_dir = docs / GENERATED_DIR
    for stale in sorted(generated_dir.glob("*.md")):
        rel = f"{GENERATED_DIR}/{stale.name}"
        if rel not in pages and stale.read_text("utf-8", errors="replace").startswith(render.GENERATED_MARK):
            stale.unlink()
            changed.append(rel)
    return changed


def generate(seeds: Path, docs: Path) -> tuple[Book, list[str]]:
    """Read and check everything, then write the pages that changed."""
    book = load_book(seeds)
    return book, write_pages(render_pages(book), docs)
