"""What the commands print: what add took in and what to do next, the check report, the build's summary,
the editions.

Names, lines and quotes from outside pass through :func:`~briefbook.printable.printable`, so
nothing an article holds reaches the terminal raw; counts go through
:func:`~briefbook.printable.counted`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..dates import human_date
from ..names import OVERVIEW_PAGES
from ..printable import counted, printable

if TYPE_CHECKING:
    from ..book import Book
    from ..book.editions import EditionState
    from ..book.manifest import Manifest
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
        **provenance_report(book),
        "judgments": judgments_report(book),
    }


def judgments_report(book: Book) -> list[dict]:
    """The key judgments, each with the claims it rests on and their grades, and whether the
    editor has told the reader what its evidence lacks."""
    from ..book.judgmentcheck import cited_claims, rests_on_thin_evidence

    if book.judgments is None:
        return []
    return [
        {
            "judgment": judgment.id,
            "line": judgment.line,
            "claims": [
                {"claim": claim, "grade": book.standing(claim).grade}
                for claim in cited_claims(judgment)
                if book.claims.get(claim) is not None
            ],
            "caveat": judgment.caveat is not None,
            "thin": rests_on_thin_evidence(book, judgment),
        }
        for judgment in book.judgments.judgments
    ]


def provenance_report(book: Book) -> dict:
    """What check shows of provenance: copies, sources' grades, each claim's standing, and the
    origins the text suggests for passages that rest on none."""
    from ..book import grade_of, origin_suggestions

    copies = [
        {
            "copy": c.copy,
            "original": c.original,
            "share": round(c.share, 3),
            "original_share": round(c.original_share, 3),
        }
        for c in book.copies
    ]
    grades = [{"article": e.stem, "grade": grade_of(book, e.stem)} for e in book.articles]
    standings = []
    for claim in book.claims.claims:
        standing = book.standing(claim.id)
        standings.append(
            {
                "claim": claim.id,
                "grade": standing.grade,
                "computed_grade": standing.computed_grade,
                "overridden": standing.overridden,
                "counts": standing.counts(),
                "sources": list(standing.supports),
                "origins": list(standing.origins_supporting),
                "contradicted_by": list(standing.contradicts),
                "one_origin": standing.one_origin,
                "reason": standing.override_reason if standing.overridden else standing.grade_reason,
            }
        )
    suggestions = [s.as_dict() for s in origin_suggestions(book)]
    return {
        "copies": copies,
        "reliability": grades,
        "standings": standings,
        "origin_suggestions": suggestions,
    }


def print_problems(problems: list[Problem], out: TextIO) -> None:
    """One line each: ``error: file:line: message; hint``, control characters shown as escapes."""
    for problem in problems:
        print(f"{problem.severity}: {_lines(problem)}", file=out)


def _lines(message: object) -> str:
    """Each line of a message made printable (a name or a line from outside may hold anything)."""
    return "\n".join(printable(line) for line in str(message).split("\n"))


def print_report(report: dict, out: TextIO, warnings: int = 0) -> None:
    """The check report of a sound book (see :func:`book_report`), as lines to read; its last line
    counts the ``warnings`` printed above it."""
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
    print_provenance(report, say)
    print_judgments(report["judgments"], say)
    candidates = report["candidate_terms"]
    say(f"candidate glossary terms (not in the glossary yet): {len(candidates)}")
    if candidates:
        say("  " + ", ".join(f"{c['term']} ({c['count']})" for c in candidates))
    notes = sum(a["notes"] for a in report["articles"])
    say(
        f"ok: {counted(len(report['articles']), 'article')}, {counted(notes, 'note')}, "
        f"{counted(report['glossary_entries'], 'glossary entry', 'glossary entries')}, "
        f"{counted(report['claims'], 'claim')}; "
        + (f"{counted(warnings, 'warning')} (above)" if warnings else "no problems")
    )


def print_provenance(report: dict, say) -> None:
    """The provenance part of the check report: copies, ungraded sources, claims' grades, and the
    origins suggested from attributions in the text."""
    from ..book import share_text

    say(f"copies (counted as their original, never as another source): {len(report['copies'])}")
    for found in report["copies"]:
        say(
            f"  {found['copy']} is a copy of {found['original']}: {share_text(found['share'])} of its text "
            f"stands there ({share_text(found['original_share'])} of the original's stands in it)"
        )
    ungraded = [g["article"] for g in report["reliability"] if not g["grade"]]
    say(f"sources not graded yet (reliability: A–F in the sidecar): {len(ungraded)}")
    if ungraded:
        say("  " + ", ".join(ungraded))
    say(f"claims and their credibility: {len(report['standings'])}")
    for standing in report["standings"]:
        editor = (
            f", the editor's (the rule gives {standing['computed_grade']})" if standing["overridden"] else ""
        )
        flag = f"; {standing['one_origin']}" if standing["one_origin"] else ""
        say(f"  {standing['claim']}: credibility {standing['grade']}{editor}; {standing['counts']}{flag}")
    suggestions = report["origin_suggestions"]
    say(
        f"passages attributed in the text but tied to no origin (each counts as its source's own reporting): {len(suggestions)}"
    )
    for found in suggestions:
        origin = (
            f"origin: {found['origin']} ({found['label']})" if found["origin"] else "no origin declared yet"
        )
        say(f"  {found['sidecar']}:{found['line']}: {found['claim']}: {found['quote']!r}")
        say(f"    attribution: {found['attribution']!r} -> {origin}")


def print_judgments(judgments: list[dict], say) -> None:
    """The key judgments and the grades of the claims each rests on."""
    say(f"key judgments and the claims they rest on: {len(judgments)}")
    for judgment in judgments:
        claims = ", ".join(f"{c['claim']} ({c['grade']})" for c in judgment["claims"]) or "no claim cited"
        if judgment["thin"] and judgment["caveat"]:
            caveat = "; thin evidence (one origin or credibility 4-6 each), which its caveat tells the reader"
        else:
            caveat = "; with a caveat" if judgment["caveat"] else ""
        say(f"  {judgment['judgment']}: {claims}{caveat}")


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


def manifest_counts(edition: Manifest) -> str:
    notes = sum(len(a.notes) for a in edition.articles)
    return (
        f"{counted(len(edition.articles), 'article')}, {counted(notes, 'note')}, "
        f"{counted(len(edition.claims), 'claim')}, "
        f"{counted(len(edition.glossary), 'glossary entry', 'glossary entries')}"
    )


def print_edition(edition: Manifest, before: EditionState, out: TextIO) -> None:
    """What ``edition`` recorded, and what changed since the edition before it."""
    from ..book.changes import compare, summary_words
    from ..pages.changeitems import edition_label

    say = lambda text: print(printable(text), file=out)  # noqa: E731
    assert edition.path is not None
    say(f"recorded {edition_label(edition)} in {shown(edition.path)}:")
    say(f"  {manifest_counts(edition)}")
    if before.latest is not None:
        words = summary_words(compare(before.latest, edition))
        say(f"  since {edition_label(before.latest)}: {', '.join(words)}")
    else:
        say("  the book's first edition")
    say('commit it with the book; the next build names it on the title page and on "What\'s new"')


def print_editions(editions: list[Manifest], state: EditionState | None, out: TextIO) -> None:
    """The book's editions, and whether the book changed since the latest (None: it does not check)."""
    from ..book.changes import compare, summary_words
    from ..pages.changeitems import edition_name

    say = lambda text: print(printable(text), file=out)  # noqa: E731
    if not editions:
        say("the book has no edition yet: `briefbook edition NAME` records the book as it is now")
        return
    folder = shown(editions[0].path.parent) if editions[0].path else "seeds/editions"
    say(f"editions of this book, in {folder}/:")
    width = max(len(e.name) for e in editions)
    for edition in editions:
        date = human_date(edition.date) or edition.date
        say(f"  {edition.number:>3}  {edition.name:<{width}}  {date:<17}  {manifest_counts(edition)}")
    latest = editions[-1]
    if state is None:
        say("the book does not check now (`briefbook check` lists its problems)")
    elif state.current is not None:
        say(f"the book is {edition_name(latest)}")
    else:
        words = summary_words(compare(latest, state.now))
        say(f"the book has changed since {edition_name(latest)}: {', '.join(words)}")
