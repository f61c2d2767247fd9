"""The command line: ``briefbook add``, ``briefbook check`` and ``briefbook build``.

    briefbook init DIR [--title ...]              start a new book
    briefbook add PATH|URL [--title ... --kind ...]  add an article (text, web page, address) to seeds/
    briefbook check [--json]                      read and check every input, build nothing
    briefbook build [--html] [--pdf] [-j N]       generate the pages and run Sphinx
    briefbook export-annotations [-o FILE]        every note as a W3C Web Annotation (JSON-LD)
    briefbook import-annotations FILE             W3C annotations or a Hypothesis export into sidecars
    briefbook serve [--port N]                    a live preview where notes are written from a selection

Each works from the book's folder (the one holding seeds/ and docs/conf.py) or
any folder below it, or from ``--root``.  Problems are printed as
``file:line: message``; the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .build import steps as build
from .errors import BriefbookError, Code, Problem
from .files import write_if_changed
from .kinds import ARTICLE_KINDS
from .names import OVERVIEW_PAGES
from .printable import printable

# Each command imports what it needs when it runs: the process that runs a build waits for Sphinx
# for most of it, and should hold no more than it uses (the book is read in a child process).
if TYPE_CHECKING:
    from .book import Book
    from .intake.add import Added


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


def shown(path: Path) -> Path:
    """A path as the user most easily reads it: relative when it is below the current folder."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def book_paths(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    root = find_root(Path(args.root).resolve())
    return root, shown(root / "seeds"), shown(root / "docs")


# ---------------------------------------------------------------- add


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    from .intake.add import add_article

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


def print_added(added: Added, out: TextIO) -> None:
    from .intake.add import removed_report

    article = added.article

    def say(text: str = "") -> None:
        print(printable(text), file=out)  # names and lines from outside never reach the terminal raw

    if added.page_path is not None:
        say(f"added {added.article_path} (the article's text, extracted from a {added.encoding} page)")
        say(f"kept  {added.page_path} (the page as received, byte for byte)")
    else:
        say(f"added {added.article_path} (the file as received, {added.encoding})")
    say(f"wrote {added.sidecar_path} (a sidecar to complete)")
    for line in added.received:
        say(f"  taking it in: {line}")
    for repair in added.repairs:
        say(f"  reading it: {repair}")
    say(f"{len(article.paragraphs)} paragraphs; cleaning removed {len(article.removed)} lines:")
    for line in removed_report(article.removed) or ["(none)"]:
        say(f"  {line}")
    for notice in article.notices:
        say(f"  note: {notice}")
    if added.dateline:
        say(f"  dateline: {added.dateline!r} (left in the text)")
    say()
    say("the sidecar's fields:")
    for key, guess in added.fields.items():
        value = "null" if guess.value is None else repr(guess.value)
        say(f"  {key}: {value}  ({guess.source})")
    say()
    say("next:")
    step = 1
    say(f"  {step}. Check the fields above in {added.sidecar_path}, then add notes (examples are in it).")
    if added.unglossed:
        step += 1
        terms = ", ".join(f"{term} ({count})" for term, count in added.unglossed[:15])
        say(f"  {step}. Terms not in the glossary yet: {terms}. Add the ones a reader needs to glossary.yaml")
        say("     (as a term, or as an alias of an entry that is there).")
    if added.shared:
        step += 1
        say(f"  {step}. Passages other sources in the book share word for word (linked automatically;")
        say("     say in a note whether one source quotes the other):")
        for passage in added.shared:
            other = passage.b if passage.a == article.stem else passage.a
            say(f"     {passage.words} words with {other}: {passage.text!r}")
    if added.claims:
        step += 1
        say(f"  {step}. Claims of the book this article seems to report (tag the passage with")
        say("     claim: <id> and stance: supports | contradicts | qualifies):")
        for likely in added.claims:
            say(f"     {likely.claim.id} ({likely.claim.statement!r}): {likely.sentence!r}")
    step += 1
    say(f"  {step}. Run `briefbook check`, then `briefbook build`.")
    for note in added.notes:
        say(f"  ({note})")


# ---------------------------------------------------------------- init


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from .intake.newbook import init_book

    created = init_book(Path(args.folder), title=args.title)
    print(f"created a new book in {printable(shown(created.root))}:", file=out)
    for path in created.files:
        print(f"  {printable(shown(path))}", file=out)
    print(file=out)
    print("next:", file=out)
    print(f"  cd {printable(shown(created.root))}", file=out)
    print("  briefbook add ARTICLE.txt | PAGE.html | https://...   (one article at a time)", file=out)
    print("  briefbook check && briefbook build                    (or: make html / make pdf)", file=out)
    return 0


# ---------------------------------------------------------------- check


def book_report(book: Book) -> dict:
    """What check shows of a sound book: per article, removed lines; shared passages; candidate terms."""
    from .analysis.candidates import candidate_terms
    from .analysis.termmatch import TermMatcher

    articles = []
    for entry in book.articles:
        articles.append(
            {
                "file": str(entry.article.path),
                "paragraphs": len(entry.article.paragraphs),
                "notes": len(entry.notes),
                "removed": [{"line": r.line, "rule": r.rule, "text": r.text} for r in entry.article.removed],
            }
        )
    shared = [
        {
            "a": p.a,
            "b": p.b,
            "a_paragraph": p.a_span.paragraph + 1,
            "b_paragraph": p.b_span.paragraph + 1,
            "words": p.words,
            "text": p.text,
        }
        for p in book.shared
    ]
    paragraphs = [p for entry in book.articles for p in entry.article.paragraphs]
    candidates = [{"term": t, "count": c} for t, c in candidate_terms(paragraphs, TermMatcher(book.glossary))]
    return {
        "articles": articles,
        "shared_passages": shared,
        "candidate_terms": candidates,
        "glossary_entries": len(book.glossary),
        "claims": len(book.claims.claims),
    }


def settle_interrupted_adds(root: Path, seeds: Path) -> None:
    """Finish or undo what a killed ``add`` left in seeds/, saying what was done (on stderr)."""
    from .intake.seedwrite import settle_interrupted

    for line in settle_interrupted(root, seeds):
        print(printable(line), file=sys.stderr)


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from .book import load_book
    from .editorial.references import hand_written_pages

    root, seeds, docs = book_paths(args)
    settle_interrupted_adds(root, seeds)
    try:
        book = load_book(seeds, pages=hand_written_pages(docs))
        problems = list(book.warnings)
    except BriefbookError as exc:
        book, problems = None, exc.problems
    if args.json:
        report = {"ok": book is not None, "problems": [p.as_dict() for p in problems]}
        if book is not None:
            report.update(book_report(book))
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0 if book is not None else 1
    if book is None:
        print_problems(problems, out)
        print(f"{len(problems)} problem(s) found in {seeds}; nothing was built", file=out)
        return 1
    print_problems(problems, out)
    print_report(book_report(book), out)
    return 0


def print_problems(problems: list[Problem], out: TextIO) -> None:
    """One line each: ``error: file:line: message; hint``, control characters shown as escapes."""
    for problem in problems:
        print(f"{problem.severity}: {_lines(problem)}", file=out)


def _lines(message: object) -> str:
    """Each line of a message made printable (a name or a line from outside may hold anything)."""
    return "\n".join(printable(line) for line in str(message).split("\n"))


def counted(number: int, thing: str) -> str:
    """``1 note``, ``2 notes``: a count and its noun (which takes an s)."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def print_report(report: dict, out: TextIO) -> None:
    say = lambda text="": print(text, file=out)  # noqa: E731
    for article in report["articles"]:
        say(
            f"{article['file']}: {counted(article['paragraphs'], 'paragraph')}, "
            f"{counted(article['notes'], 'note')}, {counted(len(article['removed']), 'line')} removed"
        )
        for removed in article["removed"]:
            say(f"  removed line {removed['line']} ({removed['rule']}): {removed['text']}")
    say(f"shared passages: {len(report['shared_passages'])}")
    for p in report["shared_passages"]:
        say(
            f"  {p['a']} paragraph {p['a_paragraph']} = {p['b']} paragraph {p['b_paragraph']} "
            f"({p['words']} words): {p['text']!r}"
        )
    candidates = report["candidate_terms"]
    say(f"candidate glossary terms (not in the glossary yet): {len(candidates)}")
    if candidates:
        say("  " + ", ".join(f"{c['term']} ({c['count']})" for c in candidates))
    notes = sum(a["notes"] for a in report["articles"])
    say(
        f"ok: {len(report['articles'])} articles, {notes} notes, {report['glossary_entries']} glossary "
        f"entries, {report['claims']} claims; no problems"
    )


# ---------------------------------------------------------------- build


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    root, seeds, docs = book_paths(args)
    builders = [b for b, wanted in (("html", args.html), ("latexpdf", args.pdf)) if wanted] or [
        "html",
        "latexpdf",
    ]
    say = lambda text="": print(text, file=out, flush=True)  # noqa: E731
    conf = build.read_conf(docs)
    seeds = shown((docs / conf.get("briefbook_seeds", "../seeds")).resolve())
    started = time.perf_counter()
    built = build.build_book(
        root,
        build.Folders(docs),
        builders,
        seeds=seeds,
        link_terms=conf.get("briefbook_link_terms", "first"),
        jobs=args.jobs,
        say=say,
    )
    if built.failed:
        for line in built.warnings:
            say(line)
        say(
            f"sphinx {built.failed} failed (exit status {built.status}); "
            "the published site and PDF are unchanged"
        )
        return built.status
    found = built.prepared
    say(f"built in {time.perf_counter() - started:.1f} s")
    say(
        f"  pages: {found.articles} articles + {len(OVERVIEW_PAGES)} overview pages "
        f"({len(built.changed)} regenerated)"
    )
    say(
        f"  notes: {found.editor_notes} editor's notes, {found.shared} shared passages, {found.claims} claims"
    )
    say(f"  glossary: {found.glossary} terms, {found.linked} mentions linked")
    say(f"  warnings: {len(built.warnings)}")
    for label, path in built.outputs:
        say(f"  {label}: {shown(path)}")
    return 0


# ---------------------------------------------------------------- annotations


def cmd_export_annotations(args: argparse.Namespace, out: TextIO) -> int:
    from .interchange.export import export_collection

    _, seeds, _ = book_paths(args)
    collection = export_collection(seeds)
    text = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    if args.output in (None, "-"):
        out.write(text)
    else:
        write_if_changed(Path(args.output), text)
        print(f"wrote {collection['total']} annotations to {args.output}", file=out)
    return 0


def cmd_import_annotations(args: argparse.Namespace, out: TextIO) -> int:
    from .interchange.importing import import_annotations, print_import_report
    from .interchange.reading import load_annotations_file

    _, seeds, _ = book_paths(args)
    kind, annotations = load_annotations_file(Path(args.file))
    report = import_annotations(seeds, kind, annotations, article=args.article, keep_going=args.keep_going)
    print_import_report(report, args.file, out, args.keep_going)
    return 1 if report.blocking else 0


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from .serve.run import serve  # the web server's libraries load only for this command

    root, _, docs = book_paths(args)
    conf = build.read_conf(docs)
    seeds = shown((docs / conf.get("briefbook_seeds", "../seeds")).resolve())
    return serve(
        root,
        docs,
        seeds,
        host=args.host,
        port=args.port,
        allow_hosts=args.allow_host,
        link_terms=conf.get("briefbook_link_terms", "first"),
        jobs=args.jobs,
        out=out,
    )


# ---------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbook", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the book's folder (default: found upwards from here)")
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="start a new book in a folder (new or empty)")
    init.add_argument("folder", help="the new book's folder")
    init.add_argument("--title", help="the book's subject, for its title (default: the folder's name)")
    init.set_defaults(func=cmd_init)

    add = sub.add_parser("add", help="add an article (text file, saved web page or address) to seeds/")
    add.add_argument(
        "path",
        help="the article: a text file, a saved web page (.html, .htm) or an http(s) address; "
        "it is stored under a safe name of its own",
    )
    add.add_argument("--title", help="the headline (default: found in the text)")
    add.add_argument("--publisher", help="who published it")
    add.add_argument("--date", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--author", help="the byline")
    add.add_argument("--url", help="where the article was found")
    add.add_argument("--kind", choices=list(ARTICLE_KINDS), help="what sort of source it is (default: news)")
    add.set_defaults(func=cmd_add)

    check = sub.add_parser("check", help="read and check every input without building")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="generate the pages and build HTML and PDF")
    build.add_argument("--html", action="store_true", help="build the HTML site only")
    build.add_argument("--pdf", action="store_true", help="build the PDF only")
    build.add_argument("-j", "--jobs", default="auto", help="Sphinx processes: a number or 'auto' (default)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser(
        "serve",
        help="a live preview of the book, rebuilt as you edit, where notes are written from a selection",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0: any free port)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; any other is "
        "reachable from elsewhere, and serve warns)",
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another name the preview is reached by, e.g. this machine's name with --host 0.0.0.0",
    )
    serve.add_argument("-j", "--jobs", default="auto", help="Sphinx processes: a number or 'auto' (default)")
    serve.set_defaults(func=cmd_serve)

    export = sub.add_parser("export-annotations", help="write every note as a W3C Web Annotation")
    export.add_argument("-o", "--output", help="the JSON-LD file to write (default: standard output)")
    export.set_defaults(func=cmd_export_annotations)

    imp = sub.add_parser("import-annotations", help="add W3C annotations or a Hypothesis export as notes")
    imp.add_argument("file", help="a JSON file: W3C Web Annotations, or Hypothesis's export")
    imp.add_argument("--article", help="the article (stem) for annotations whose address matches none")
    imp.add_argument(
        "--keep-going", action="store_true", help="add what can be placed even if some annotations cannot"
    )
    imp.set_defaults(func=cmd_import_annotations)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, sys.stdout)
    except BriefbookError as exc:
        print_problems(exc.problems, sys.stderr)
        if len(exc.problems) > 1:
            print(f"{len(exc.problems)} problem(s) found; nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a folder that cannot be written: one line naming the path
        where = printable(shown(Path(exc.filename))) if exc.filename else "briefbook"
        print(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was added" if args.command == "add" else "interrupted", file=sys.stderr)
        return 130
