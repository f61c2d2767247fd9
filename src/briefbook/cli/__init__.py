"""The command line: every command briefbook has, its options, and the one place they run.

briefbook turns a folder of news articles into an annotated briefing book: a web site and a PDF,
with the editor's notes in the margin.  Each command works from the book's folder (the one that
holds seeds/ and docs/conf.py) or any folder below it, or from the folder given with --root,
before or after the command.  Problems are printed as file:line: message, and the exit status is
1 when there is any.

- ``commands``: what each command does;
- ``reports``: what add, check and build print.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import BriefbookError
from ..kinds import ARTICLE_KINDS
from ..printable import counted, printable
from .commands import (
    cmd_add,
    cmd_build,
    cmd_check,
    cmd_edition,
    cmd_export_annotations,
    cmd_import_annotations,
    cmd_init,
    cmd_serve,
)
from .reports import print_problems, shown

__all__ = ["build_parser", "main"]

DESCRIPTION = (
    "briefbook turns a folder of news articles into an annotated briefing book: a web site and a PDF, "
    "with the editor's notes in the margin."
)
EPILOG = (
    "Each command works from the book's folder (the one that holds seeds/ and docs/conf.py) or any "
    "folder below it, or from the folder given with --root (before or after the command). Problems are printed as "
    "file:line: message, and the exit status is 1 when there is any. "
    "'briefbook COMMAND --help' tells a command's options."
)


def add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    """The options every command takes, before the command's name or after it.

    After it, they are the command's parser's too, with no default there: a command's default
    would overwrite a value given before the command's name.
    """
    parser.add_argument(
        "--root",
        default=default,
        help="the book's folder (default: found upwards from the current folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbook", description=DESCRIPTION, epilog=EPILOG)
    add_global_options(parser, ".")
    everywhere = argparse.ArgumentParser(add_help=False)
    add_global_options(everywhere, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")

    def command(name: str, summary: str, run) -> argparse.ArgumentParser:
        found = sub.add_parser(
            name, help=summary, description=f"briefbook {name}: {summary}.", parents=[everywhere]
        )
        found.set_defaults(func=run)
        return found

    init = command("init", "start a new book in a folder (new or empty)", cmd_init)
    init.add_argument("folder", help="the new book's folder")
    init.add_argument("--title", help="the book's subject, for its title (default: the folder's name)")
    init.add_argument(
        "--editor", help="who edits the book, named at the foot of every page of the site (default: no one)"
    )

    add = command("add", "add an article (text file, saved web page or address) to seeds/", cmd_add)
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

    check = command("check", "read and check every input without building", cmd_check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    build = command("build", "generate the pages and build the HTML site and the PDF", cmd_build)
    build.add_argument("--html", action="store_true", help="build the HTML site only")
    build.add_argument("--pdf", action="store_true", help="build the PDF only")
    build.add_argument("-j", "--jobs", default="auto", help="Sphinx processes: a number or 'auto' (default)")
    build.add_argument(
        "--since",
        metavar="EDITION",
        help="compare the book with this edition (on What's new and in the marks) and print an update "
        "brief beside the PDF: the front page, What's new and the articles new or changed since",
    )

    edition = command(
        "edition", "record the book as it is now as an edition (seeds/editions/NAME.json)", cmd_edition
    )
    edition.add_argument(
        "name",
        nargs="?",
        help="the edition's name: lowercase letters, digits, '-' and '_' (e.g. 2026-02-12, week-7)",
    )
    edition.add_argument("--date", help="the edition's date, YYYY-MM-DD (default: today)")
    edition.add_argument(
        "--list", action="store_true", help="list the book's editions, and what changed since the latest"
    )

    serve = command(
        "serve",
        "a live preview of the book, rebuilt as you edit, where notes are written from a selection",
        cmd_serve,
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

    export = command("export-annotations", "write every note as a W3C Web Annotation", cmd_export_annotations)
    export.add_argument("-o", "--output", help="the JSON-LD file to write (default: standard output)")

    imp = command(
        "import-annotations", "add W3C annotations or a Hypothesis export as notes", cmd_import_annotations
    )
    imp.add_argument("file", help="a JSON file: W3C Web Annotations, or Hypothesis's export")
    imp.add_argument("--article", help="the article (stem) for annotations whose address matches none")
    imp.add_argument(
        "--keep-going", action="store_true", help="add what can be placed even if some annotations cannot"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, sys.stdout)
    except BriefbookError as exc:
        print_problems(exc.problems, sys.stderr)
        if len(exc.problems) > 1:
            print(f"{counted(len(exc.problems), 'problem')} found; nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a folder that cannot be written: one line naming the path
        where = printable(shown(Path(exc.filename))) if exc.filename else "briefbook"
        print(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was added" if args.command == "add" else "interrupted", file=sys.stderr)
        return 130
