"""What each command does: find the book, run the step, print what it did.

Each command imports what it needs when it runs: the process that runs a build waits for Sphinx
for most of it, and should hold no more than it uses (the book is read in a child process).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from .. import build
from ..errors import BriefbookError, Code, Problem
from ..files import target_kind, write_target
from ..printable import counted, printable
from .reports import (
    book_report,
    print_added,
    print_built,
    print_edition,
    print_editions,
    print_problems,
    print_report,
    shown,
)


def find_root(start: Path) -> Path:
    """The book's folder: the nearest folder upwards that holds seeds/ and docs/."""
    for folder in [start, *start.parents]:
        if (folder / "seeds").is_dir() and (folder / "docs" / "conf.py").is_file():
            return folder
    raise BriefbookError(
        Problem(
            Code.BOOK_NOT_FOUND, "not inside a briefbook book (expected seeds/ and docs/conf.py)", str(start)
        )
    )


def book_paths(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    root = find_root(Path(args.root).resolve())
    return root, shown(root / "seeds"), shown(root / "docs")


def book_settings(docs: Path) -> tuple[Path, str, str]:
    """The seeds folder, the way terms are linked and the edition the book is compared with, as the
    book's ``conf.py`` sets them."""
    conf = build.read_conf(docs)
    seeds = shown((docs / conf.get("briefbook_seeds", "../seeds")).resolve())
    return seeds, conf.get("briefbook_link_terms", "first"), conf.get("briefbook_since", "")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    from ..intake.add import add_article

    _, seeds, _ = book_paths(args)
    # SIGTERM unwinds like Ctrl-C, so add takes back whatever it had begun to write
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        added = add_article(
            seeds,
            args.path,
            title=args.title,
            publisher=args.publisher,
            date=args.date,
            author=args.author,
            url=args.url,
            kind=args.kind,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    print_added(added, out)
    return 0


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from ..intake.newbook import init_book

    created = init_book(Path(args.folder), title=args.title, editor=args.editor)
    print(f"created a new book in {printable(shown(created.root))}:", file=out)
    for path in created.files:
        print(f"  {printable(shown(path))}", file=out)
    print(file=out)
    print("next:", file=out)
    print(f"  cd {printable(shown(created.root))}", file=out)
    print("  briefbook add ARTICLE.txt | PAGE.html | https://...   (one article at a time)", file=out)
    print("  briefbook check && briefbook build                    (or: make html / make pdf)", file=out)
    return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from ..book import load_book
    from ..book.editions import book_state
    from ..editorial.references import hand_written_pages
    from ..intake.seedwrite import settle_interrupted
    from ..names import FRONT_PAGE

    root, seeds, docs = book_paths(args)
    for line in settle_interrupted(root, seeds):  # what a killed add left, finished or undone
        print(printable(line), file=sys.stderr)
    try:
        book = load_book(seeds, pages=hand_written_pages(docs), front_page=docs / FRONT_PAGE)
    except BriefbookError as exc:
        book, problems = None, exc.problems
    else:
        problems = list(book.warnings)
        try:  # the editions too, and the one conf.py names to compare with: the build reads them
            book_state(book, docs, book_settings(docs)[2] or None)
        except BriefbookError as exc:
            book, problems = None, problems + exc.problems
    if args.json:
        report = {"ok": book is not None, "problems": [p.as_dict() for p in problems]}
        if book is not None:
            report.update(book_report(book))
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if book is not None else 1
    print_problems(problems, out)
    if book is None:
        print(f"{counted(len(problems), 'problem')} found in {seeds}; nothing was built", file=out)
        return 1
    print_report(book_report(book), out, warnings=len(problems))
    return 0


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    root, _, docs = book_paths(args)
    wanted = [builder for builder, asked in (("html", args.html), ("latexpdf", args.pdf)) if asked]
    seeds, link_terms, since = book_settings(docs)
    started = time.perf_counter()
    built = build.build_book(
        root,
        build.Folders(docs),
        wanted or ["html", "latexpdf"],
        seeds=seeds,
        link_terms=link_terms,
        since=args.since or since,
        jobs=args.jobs,
        say=lambda text: print(text, file=out, flush=True),
    )
    if built.failed:
        for line in built.warnings:
            print(line, file=out)
        print(
            f"sphinx {built.failed} failed (exit status {built.status}); "
            "the published site and PDF are unchanged",
            file=out,
        )
        return built.status
    print_built(built, time.perf_counter() - started, out)
    return 0


def cmd_edition(args: argparse.Namespace, out: TextIO) -> int:
    from ..book import load_book
    from ..book.editions import book_state, check_day, check_name, cut_edition, read_editions
    from ..editorial.references import hand_written_pages
    from ..locking import BookLock

    root, _, docs = book_paths(args)
    seeds, link_terms, _ = book_settings(docs)
    if args.list:
        editions = read_editions(seeds)
        try:
            state = book_state(load_book(seeds, link_terms, hand_written_pages(docs)), docs)
        except BriefbookError:
            state = None
        print_editions(editions, state, out)
        return 0
    if not args.name:
        message = "name the edition to record (briefbook edition NAME), or list the book's editions (--list)"
        raise BriefbookError(Problem(Code.OPTION_VALUE, message))
    check_name(args.name)  # before reading the book: a name that cannot be is said at once
    day = check_day(args.date) if args.date else date.today().isoformat()
    with BookLock(root):
        try:
            book = load_book(seeds, link_terms, hand_written_pages(docs))
        except BriefbookError as exc:
            print_problems(exc.problems, sys.stderr)
            print(
                f"the book does not check ({counted(len(exc.problems), 'problem')}), "
                "so no edition was recorded: fix it first",
                file=sys.stderr,
            )
            return 1
        edition, before = cut_edition(book, docs, args.name, day)
    print_edition(edition, before, out)
    return 0


def cmd_export_annotations(args: argparse.Namespace, out: TextIO) -> int:
    from ..interchange.export import export_collection

    _, seeds, _ = book_paths(args)
    collection = export_collection(seeds)
    text = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    if args.output in (None, "-"):
        out.write(text)
    else:
        target = Path(args.output)
        streamed = target_kind(target) == "stream"
        write_target(target, text.encode("utf-8"))
        # to a pipe or terminal (/dev/stdout, say) the JSON stands alone: the summary goes to stderr
        summary = f"wrote {counted(collection['total'], 'annotation')} to {printable(args.output)}"
        print(summary, file=sys.stderr if streamed else out)
    return 0


def cmd_import_annotations(args: argparse.Namespace, out: TextIO) -> int:
    from ..interchange.importing import import_annotations, print_import_report
    from ..interchange.reading import load_annotations_file

    _, seeds, _ = book_paths(args)
    kind, annotations = load_annotations_file(Path(args.file))
    report = import_annotations(seeds, kind, annotations, article=args.article, keep_going=args.keep_going)
    print_import_report(report, args.file, out, args.keep_going)
    return 1 if report.blocking else 0


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from ..serve.run import serve  # the web server's libraries load only for this command

    root, _, docs = book_paths(args)
    seeds, link_terms, since = book_settings(docs)
    return serve(
        root,
        docs,
        seeds,
        host=args.host,
        port=args.port,
        allow_hosts=args.allow_host,
        link_terms=link_terms,
        jobs=args.jobs,
        out=out,
        since=since,
    )
