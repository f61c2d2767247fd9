"""The command line: ``briefbook check`` and ``briefbook build``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .errors import BriefbookError, ProblemsFound
from .pipeline import load_book


def find_root(start: Path) -> Path:
    """The book's folder: the nearest folder upwards that holds seeds/ and docs/."""
    for folder in [start, *start.parents]:
        if (folder / "seeds").is_dir() and (folder / "docs" / "conf.py").is_file():
            return folder
    raise BriefbookError(f"{start}: not inside a briefbook book (expected seeds/ and docs/conf.py)")


def cmd_check(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    book = load_book(root / "seeds")
    for entry in book.articles:
        article = entry.article
        print(f"{article.path.name}: {len(article.paragraphs)} paragraphs, {len(entry.notes)} notes")
        for removed in article.removed:
            print(f"  removed line {removed.line} ({removed.rule}): {removed.text}")
    print(f"ok: {len(book.articles)} articles, {sum(len(e.notes) for e in book.articles)} notes")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root).resolve())
    formats = [f for f, wanted in (("html", args.html), ("latexpdf", args.pdf)) if wanted] or ["html", "latexpdf"]
    for fmt in formats:
        cmd = [sys.executable, "-m", "sphinx", "-M", fmt, "docs", "docs/_build", "-W", "--keep-going", "-n", "-q"]
        result = subprocess.run(cmd, cwd=root)
        if result.returncode:
            return result.returncode
    print(f"built: {', '.join(formats)} in {root / 'docs/_build'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbook", description=__doc__)
    parser.add_argument("--root", default=".", help="the book's folder (default: found upwards from here)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="read and check every input without building")
    check.set_defaults(func=cmd_check)
    build = sub.add_parser("build", help="generate the pages and build HTML and PDF")
    build.add_argument("--html", action="store_true", help="build the HTML site only")
    build.add_argument("--pdf", action="store_true", help="build the PDF only")
    build.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ProblemsFound as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    except BriefbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
