"""The key judgments held to ICD 203: likelihood in its own terms, and evidence cited.

Two of the directive's standards, as warnings at the judgment's ``file:line``:

- *estimative language*: a likelihood word outside ICD 203's seven terms, terms from both of its
  rows, or a confidence level beside a likelihood in one sentence (found by
  :mod:`briefbook.editorial.estimative`, in a judgment's title, text and caveat);
- *sources described*: a judgment must cite the claims it rests on, and not rest only on thin
  ones.  A claim is thin when it has one independent origin (however many sources repeat it) or a
  credibility of 4 to 6.  A judgment whose claims are all thin is warned about, claim by claim,
  until its ``caveat:`` tells the reader what the evidence lacks.

What a judgment cites: the claims of its ``claims:`` list, and any ``{claim}`` in its text.
"""

from __future__ import annotations

from ..editorial.estimative import estimative_findings
from ..editorial.judgments import Judgment
from ..editorial.prose import read_prose
from ..errors import Code, Problem
from .model import Book
from .standing import ClaimStanding, in_words

THIN_GRADES = frozenset({4, 5, 6})  # doubtful, improbable, cannot be judged


def cited_claims(judgment: Judgment) -> list[str]:
    """The claims a judgment rests on: its list, then any other its text cites, in order."""
    inline = [c.target for c in read_prose(judgment.text.text).citing("claim")] if judgment.text else []
    return list(dict.fromkeys([*judgment.claims, *inline]))


def thin_reason(standing: ClaimStanding) -> str | None:
    """Why a claim is thin evidence for a judgment, in words; None when it is not."""
    if standing.grade in THIN_GRADES:
        return standing.grade_text
    if standing.support_count <= 1:
        if standing.one_origin:
            return standing.one_origin
        origins = "no independent origin" if standing.support_count == 0 else "one independent origin"
        return f"{origins} ({standing.counts()})"
    return None


def estimative_problems(path: str, judgment: Judgment) -> list[Problem]:
    """ICD 203's estimative findings in a judgment's title, text and caveat, each at its line."""
    problems = []
    for placed in (judgment.title, judgment.text, judgment.caveat):
        if placed is None:
            continue
        prose = read_prose(placed.text)
        for finding in estimative_findings(prose.text):
            line = placed.line_at(prose.source_offset(finding.offset))
            message = f"judgment {judgment.id!r}: {finding.message}"
            problems.append(Problem(Code.JUDGMENT_ESTIMATIVE, message, path, line))
    return problems


def rests_on_thin_evidence(book: Book, judgment: Judgment) -> bool:
    """Whether every claim a judgment cites is thin (it cites at least one)."""
    cited = [claim for claim in cited_claims(judgment) if book.claims.get(claim) is not None]
    return bool(cited) and all(thin_reason(book.standing(claim)) for claim in cited)


def evidence_problems(book: Book, path: str, judgment: Judgment) -> list[Problem]:
    """A judgment that cites no claim, or only thin ones and says nothing of it to the reader."""
    cited = [claim for claim in cited_claims(judgment) if book.claims.get(claim) is not None]
    line = judgment.claims_line or judgment.line
    if not cited:
        message = f"judgment {judgment.id!r} cites no claim, so the reader cannot see what it rests on"
        hint = "list the claims it rests on under claims:"
        return [Problem(Code.JUDGMENT_NO_CLAIM, message, path, line, hint=hint)]
    reasons = {claim: thin_reason(book.standing(claim)) for claim in cited}
    if judgment.caveat is not None or not all(reasons.values()):
        return []
    which = "; ".join(f"{claim}: {reason}" for claim, reason in reasons.items())
    count = {1: "its only claim", 2: "both its claims"}.get(
        len(cited), f"all {in_words(len(cited))} of its claims"
    )
    message = (
        f"judgment {judgment.id!r} rests on thin evidence, {count} having one independent origin "
        f"or a credibility of 4 to 6 ({which})"
    )
    hint = (
        "cite a claim with two or more independent origins, graded 1 to 3, or say in caveat: what "
        "the evidence lacks, for the reader"
    )
    return [Problem(Code.JUDGMENT_THIN, message, path, line, hint=hint)]


def judgment_problems(book: Book) -> list[Problem]:
    """Every judgment held to ICD 203's estimative language and to the evidence it cites."""
    if book.judgments is None:
        return []
    path = str(book.judgments.path)
    problems: list[Problem] = []
    for judgment in book.judgments.judgments:
        problems += estimative_problems(path, judgment)
        problems += evidence_problems(book, path, judgment)
    return problems
