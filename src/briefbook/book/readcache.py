"""Articles read, cleaned and anchored by an earlier run, kept by the bytes they were made from.

Reading an article (decoding, cleaning, its sidecar's schema and markup
checks) and anchoring its notes depend on nothing but its two files and
briefbook's own code and rules, and they are most of the time it takes to read
a book.  So a build keeps what it found for each article, under a key made of
those files' bytes and a fingerprint of briefbook's code, and the next build
takes it back instead of doing it again: after one sidecar edit, one article is
read.  The book-wide files (claims, glossary, origins) are kept the same way, by their bytes.  Anything else that changes (the files, briefbook, Python) changes the
key; of what the book does across articles (claims, glossary, shared passages), only
the shared passages are kept, under a key of every article's words.

The cache is one pickle file in the build's own folder (the work folder of
``briefbook build``, Sphinx's doctree folder otherwise), written atomically;
a file that cannot be read is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..analysis.reuse import Words
from ..errors import Problem
from ..models import Article, LocatedNote, Sidecar

T = TypeVar("T")

CACHE_FORMAT = b"briefbook-read-cache 2"
PACKAGE = Path(__file__).resolve().parent.parent
CODE_SUFFIXES = {".py", ".yaml", ".json"}


@dataclass(frozen=True)
class ReadArticle:
    """One article as read: its cleaned text and sidecar (None where they did not load), the
    problems found, and its notes anchored and its words (only when both loaded)."""

    article: Article | None
    sidecar: Sidecar | None
    problems: tuple[Problem, ...]
    located: tuple[LocatedNote, ...] = ()
    words: Words | None = None  # its words as the search for shared passages reads them


@cache
def code_fingerprint() -> bytes:
    """What briefbook reads articles with: its code and rule files (names, sizes, times) and Python's version."""
    digest = hashlib.sha256(CACHE_FORMAT + sys.version.encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in CODE_SUFFIXES):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.digest()


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b"\0missing"


def _key(*parts: bytes) -> str:
    digest = hashlib.sha256(code_fingerprint())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def article_key(path: Path) -> str:
    """The key of an article's entry: briefbook's fingerprint, its path and both its files' bytes."""
    return _key(str(path).encode(), file_bytes(path), file_bytes(path.with_suffix(".yaml")))


class ArticleCache:
    """The entries of the last run, and the ones this run uses (only those are saved)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.previous = self._load()
        self.current: dict[str, Any] = {}  # ReadArticle by article key; what remember keeps
        self.saved = set(self.previous)  # the keys of the file as it is on disk

    def _load(self) -> dict[str, Any]:
        try:
            with self.path.open("rb") as handle:
                entries = pickle.load(handle)
        except Exception:  # missing, truncated or from another version: start again
            return {}
        return entries if isinstance(entries, dict) else {}

    def read(self, path: Path, reader: Callable[[Path], ReadArticle]) -> ReadArticle:
        """The article at ``path``, from the last run if its files are the same, else read now."""
        key = article_key(path)
        found = self.previous.get(key)
        if found is None:
            found = reader(path)
        self.current[key] = found
        return found

    def load(self, path: Path, loader: Callable[[Path], T]) -> T:
        """A book-wide file (claims, glossary, origins) as an earlier run loaded it, if its bytes are
        the same, else loaded now.  Only a file that loads is kept: one with problems raises them
        from ``loader`` every time."""
        key = f"file:{_key(str(path).encode(), file_bytes(path))}"
        found = self.previous.get(key)
        if found is None:
            found = loader(path)
        self.current[key] = found
        return found

    def remember(self, parts: Iterable[str], compute: Callable[[], T]) -> T:
        """What ``compute`` gave an earlier run for the same ``parts`` (and briefbook's code), or
        what it gives now.  For what a book does across its articles, kept while their words are the
        same: the shared passages of a book whose texts did not change, after a sidecar edit."""
        digest = hashlib.sha256(code_fingerprint())
        for part in parts:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        key = f"across:{digest.hexdigest()}"
        found = self.previous.get(key)
        if found is None:
            found = compute()
        self.current[key] = found
        return found

    def resume(self) -> None:
        """Go on with the run that saved the file, in another process (the preview's first build):
        its entries are this run's, so the next run still finds them, whatever this one adds."""
        self.current = dict(self.previous)

    def next_run(self) -> None:
        """Begin another run with the same cache in memory (the live preview reads the book again
        and again): what this run used becomes what the next may take, and only that is kept, so
        entries for files as they no longer are do not pile up."""
        if self.current:
            self.previous = self.current
        self.current = {}

    def save(self) -> None:
        """Write this run's entries, if they differ from those the file holds (atomically: a reader
        never meets half a file)."""
        if self.current.keys() == self.saved and self.path.exists():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".bb-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(self.current, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # (the last run's entries stay at hand: what this run still does after saving, such as the
        # preview's terms the glossary lacks, finds them there)
        self.saved = set(self.current)
