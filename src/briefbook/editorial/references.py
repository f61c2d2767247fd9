"""What the editor's files name in each other, checked before anything is built.

A note's ``claim:`` and a judgment's ``claims:`` must be claims of ``claims.yaml``; a note's
``origin:`` and a claim's ``origins:`` must be origins of ``origins.yaml``; a claim's ``about:`` an
entry of the glossary; a ``{term}`` reference
must name a glossary entry's term; a ``{doc}`` reference a page of the book; a
``{claim}`` reference a claim.  Sphinx would stop on each of these too, but
only after the pages are written and naming the generated page: here each is
reported at the line of the sidecar, glossary or claims file that makes it,
with the nearest valid name.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import Code, Problem, did_you_mean
from ..models import Note, Reference
from ..names import GENERATED_FOLDERS
from .claims import Claims
from .glossary import Glossary
from .judgments import Judgments
from .origins import Origins

_SPACE = re.compile(r"\s+")


def check_claim_tags(notes: Iterable[Note], claims: Claims, sidecar_path: Path) -> list[Problem]:
    """Every claim a sidecar's notes tag must exist in claims.yaml."""
    return [
        Problem(
            Code.REF_UNKNOWN_CLAIM,
            f"unknown claim {note.claim!r} (claims are defined in {claims.path.name})",
            str(sidecar_path),
            note.line,
            hint=did_you_mean(note.claim, claims.ids),
        )
        for note in notes
        if note.claim and claims.get(note.claim) is None
    ]


def _unknown_origin(origin_id: str, origins: Origins, path: str, line: int) -> Problem:
    return Problem(
        Code.REF_UNKNOWN_ORIGIN,
        f"unknown origin {origin_id!r} (origins are declared in {origins.path.name})",
        path,
        line,
        hint=did_you_mean(origin_id, origins.ids),
    )


def check_origin_tags(notes: Iterable[Note], origins: Origins, sidecar_path: Path) -> list[Problem]:
    """Every origin a sidecar's notes name must be declared in origins.yaml."""
    return [
        _unknown_origin(note.origin, origins, str(sidecar_path), note.line)
        for note in notes
        if note.origin and origins.get(note.origin) is None
    ]


def check_claim_origins(claims: Claims, origins: Origins) -> list[Problem]:
    """Every origin a claim names must be declared in origins.yaml."""
    return [
        _unknown_origin(origin_id, origins, str(claims.path), claim.origins_line or claim.line)
        for claim in claims.claims
        for origin_id in claim.origins
        if origins.get(origin_id) is None
    ]


def check_judgment_claims(judgments: Judgments, claims: Claims) -> list[Problem]:
    """Every claim a judgment rests on must exist in claims.yaml."""
    return [
        Problem(
            Code.REF_UNKNOWN_CLAIM,
            f"unknown claim {claim_id!r} in judgment {judgment.id!r} (claims are defined in {claims.path.name})",
            str(judgments.path),
            line,
            hint=did_you_mean(claim_id, claims.ids),
        )
        for judgment in judgments.judgments
        for claim_id, line in zip(judgment.claims, judgment.claim_lines, strict=True)
        if claims.get(claim_id) is None
    ]


def check_claim_subjects(claims: Claims, glossary: Glossary) -> list[Problem]:
    """Every glossary entry a claim is ``about:`` must exist."""
    ids = [entry.id for entry in glossary.entries]
    known = set(ids)
    return [
        Problem(
            Code.REF_UNKNOWN_TERM,
            f"unknown glossary entry {claim.about!r} in the claim's about: (an entry's id in {glossary.path.name})",
            str(claims.path),
            claim.about_line or claim.line,
            hint=did_you_mean(claim.about, ids),
        )
        for claim in claims.claims
        if claim.about and claim.about not in known
    ]


def doc_name(target: str, page_folder: str) -> str:
    """The page a {doc} target names: absolute from the book's top ("/claims"), or relative to
    the folder of the page the reference lands on (as Sphinx joins them)."""
    return posixpath.normpath(posixpath.join("/" + page_folder, target))[1:]


def _term_key(target: str) -> str:
    # Sphinx finds a term whatever its case, with runs of white space as one space
    return _SPACE.sub(" ", target).strip().lower()


def check_references(
    references: Iterable[Reference], glossary: Glossary, claims: Claims, pages: set[str] | None
) -> list[Problem]:
    """Every {term}, {doc} and {claim} reference must name something the book has.

    ``pages`` are the book's page names ("index", "articles/003_x" ...); with
    None, {doc} targets are not checked (the pages are not known).
    """
    terms = {_term_key(e.term): e.term for e in glossary.entries}
    aliases = {_term_key(a): e.term for e in glossary.entries for a in e.aliases}
    problems = []
    for ref in references:
        if ref.role == "term" and _term_key(ref.target) not in terms:
            term = aliases.get(_term_key(ref.target))
            hint = (
                f"{ref.target!r} is an alias of {term!r}: write {{term}}`{ref.target} <{term}>`"
                if term
                else did_you_mean(ref.target, terms.values())
            )
            message = f"unknown glossary term {ref.target!r} (a {{term}} reference names an entry's term)"
            problems.append(Problem(Code.REF_UNKNOWN_TERM, message, ref.path, ref.line, hint=hint))
        elif ref.role == "claim" and claims.get(ref.target) is None:
            message = f"unknown claim {ref.target!r} (claims are defined in {claims.path.name})"
            hint = did_you_mean(ref.target, claims.ids)
            problems.append(Problem(Code.REF_UNKNOWN_CLAIM, message, ref.path, ref.line, hint=hint))
        elif ref.role == "doc" and pages is not None:
            name = doc_name(ref.target, ref.page_folder)
            if name not in pages:
                message = f"unknown page {ref.target!r} (a {{doc}} reference names a page of the book)"
                near = did_you_mean("/" + name, sorted("/" + p for p in pages))
                problems.append(Problem(Code.REF_UNKNOWN_DOC, message, ref.path, ref.line, hint=near))
    return problems


def hand_written_pages(docs: Path, generated: tuple[str, ...] = GENERATED_FOLDERS) -> set[str]:
    """The pages in the docs folder Sphinx reads (``*.md``, ``*.rst``), as page names.

    Folders starting with ``_`` or ``.`` (the build, generated parts, virtual
    environments) and the generator's folders (the articles, the browse pages) are not
    hand-written pages.
    """
    pages = set()
    for folder, subfolders, files in os.walk(docs):
        subfolders[:] = [d for d in subfolders if not d.startswith(("_", "."))]
        relative = Path(folder).relative_to(docs)
        if relative.parts[:1] and relative.parts[0] in generated:
            continue
        pages.update(
            (relative / name).with_suffix("").as_posix() for name in files if name.endswith((".md", ".rst"))
        )
    return pages
