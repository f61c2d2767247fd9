"""What the commands print: what add took in and what to do next, the check report, the build's summary.

Names, lines and quotes from outside pass through :func:`~briefbook.printable.printable`, so
nothing an article holds reaches the terminal raw; counts go through
:func:`~briefbook.printable.counted`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..names import OVERVIEW_PAGES
from ..printable import counted, printable

if TYPE_CHECKING:
    from ..book import Book
    from ..build import Built
    from ..errors import Problem
    from ..intake.add import Added


def shown(path: Path) -> Path:
    """A path as the user most easily reads it: relative when it is below the current folder."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def print_added(added: Added, out: TextIO) -> None:
    """What ``add`` took in, how it read it, the sidecar's guessed fields, and the next steps."""
    from ..intake.add import removed_report

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
    paragraphs, removed = counted(len(article.paragraphs), "paragraph"), counted(len(article.removed), "line")
    say(f"{paragraphs}; cleaning removed {removed}:")
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
            say(f"     {counted(passage.words, 'word')} with {other}: {passage.text!r}")
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


def book_report(book: Book) -> dict:
    """What check shows of a sound book: per article, removed lines; shared passages; candidate terms."""
    from ..analysis.candidates import candidate_terms
    from ..analysis.termmatch import TermMatcher

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


def print_problems(problems: list[Problem], out: TextIO) -> None:
    """One line each: ``error: file:line: message; hint``, control characters shown as escapes."""
    for problem in problems:
        print(f"{problem.severity}: {_lines(problem)}", file=out)


def _lines(message: object) -> str:
    """Each line of a message made printable (a name or a line from outside may hold anything)."""
    return "\n".join(printable(line) for line in str(message).split("\n"))


def print_report(report: dict, out: TextIO) -> None:
    """The check report of a sound book (see :func:`book_report`), as lines to read."""
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
            f"({counted(p['words'], 'word')}): {p['text']!r}"
        )
    candidates = report["candidate_terms"]
    say(f"candidate glossary terms (not in the glossary yet): {len(candidates)}")
    if candidates:
        say("  " + ", ".join(f"{c['term']} ({c['count']})" for c in candidates))
    notes = sum(a["notes"] for a in report["articles"])
    say(
        f"ok: {counted(len(report['articles']), 'article')}, {counted(notes, 'note')}, "
        f"{counted(report['glossary_entries'], 'glossary entry', 'glossary entries')}, "
        f"{counted(report['claims'], 'claim')}; no problems"
    )


def print_built(built: Built, seconds: float, out: TextIO) -> None:
    """The build's summary: what the book holds, what changed, the warnings and where the output is."""
    found = built.pages
    say = lambda text: print(text, file=out, flush=True)  # noqa: E731
    editor_notes = counted(found.editor_notes, "editor's note")
    say(f"up to date in {seconds:.1f} s" if built.unchanged else f"built in {seconds:.1f} s")
    say(
        f"  pages: {counted(found.articles, 'article')} + {counted(len(OVERVIEW_PAGES), 'overview page')} "
        f"({len(built.changed)} regenerated)"
    )
    say(
        f"  notes: {editor_notes}, "
        f"{counted(found.shared, 'shared passage')}, {counted(found.claims, 'claim')}"
    )
    say(f"  glossary: {counted(found.glossary, 'term')}, {counted(found.linked, 'mention')} linked")
    say(f"  warnings: {len(built.warnings)}")
    for label, path in built.outputs:
        say(f"  {label}: {shown(path)}")
