"""The editor's weighing, written from the preview: an article's reliability grade (on its page),
the origins its passages rest on (declared on the sources page or from an article's page, and
named in a note's form) and the front page's key judgments (each added, changed, deleted).

Each write takes the same steps as the others (:class:`briefbook.serve.editing.Writes`: the
guard, the request's schema, the write under the book's lock, checked before it is put in place);
the judgments are held to everything ``briefbook check`` says of them, warnings too
(:mod:`briefbook.sidecar_edit.entries`).  A refusal names the field of the form it concerns, where
it can be told (:func:`field_of`), so the form shows it there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import BriefbookError
from ..kinds import ORIGIN_KINDS, RELIABILITY_GRADES
from ..sidecar_edit.entries import CLAIMS, JUDGMENTS, ORIGINS, current_entries
from ..sidecar_edit.grading import current_reliability, reliability_fingerprint, wanted_grade
from ..sidecar_edit.writing import article_files
from .forms import ID_FIELD, TEXT_FIELD, WORDS_FIELD, entry_requests, entry_rows, json_object, sent_fields
from .guard import refusal
from .payloads import PAGE_FIELD

RELIABILITY_FIELDS = {"grade": TEXT_FIELD, "reason": TEXT_FIELD}
RELIABILITY_REQUESTS = {
    "edit": json_object(
        {
            "article": ID_FIELD,
            "fingerprint": {"type": "string"},
            "reliability": json_object(RELIABILITY_FIELDS),
            "page": PAGE_FIELD,
        },
        ("article", "fingerprint", "reliability"),
    )
}
ORIGIN_FIELDS = {
    "id": TEXT_FIELD,
    "kind": TEXT_FIELD,
    "who": TEXT_FIELD,
    "names": WORDS_FIELD,
    "date": TEXT_FIELD,
    "label": TEXT_FIELD,
    "url": TEXT_FIELD,
    "note": TEXT_FIELD,
}
ORIGIN_REQUESTS = entry_requests(ORIGIN_FIELDS)
JUDGMENT_FIELDS = {
    "id": TEXT_FIELD,
    "title": TEXT_FIELD,
    "text": TEXT_FIELD,
    "claims": WORDS_FIELD,
    "caveat": TEXT_FIELD,
}
JUDGMENT_REQUESTS = entry_requests(JUDGMENT_FIELDS)


async def reliability_view(server: Any, request: Request) -> Response:
    """An article's grade as its sidecar holds it now, and the grades to choose from."""
    stem = request.path_params["stem"]
    try:
        files = await run_in_threadpool(article_files, server.seeds, stem)
        now = await run_in_threadpool(current_reliability, files)
    except BriefbookError as exc:
        return refusal(404, "article", str(exc))
    return JSONResponse(
        {
            "article": stem,
            "fields": now or {},
            "fingerprint": reliability_fingerprint(now),
            "grades": [[letter, f"{letter}: {meaning}"] for letter, meaning in RELIABILITY_GRADES.items()],
        }
    )


async def origins_view(server: Any, request: Request) -> Response:
    """The declared origins as the file holds them now, and the kinds an origin may be."""
    entries = await run_in_threadpool(current_entries, server.seeds, ORIGINS)
    return JSONResponse(
        {
            "origins": entry_rows(entries),
            "kinds": [[kind, f"{kind}: {meaning}"] for kind, meaning in ORIGIN_KINDS.items()],
        }
    )


async def judgments_view(server: Any, request: Request) -> Response:
    """The key judgments as the file holds them now, and the claims they may rest on."""
    entries = await run_in_threadpool(current_entries, server.seeds, JUDGMENTS)
    claims = await run_in_threadpool(current_entries, server.seeds, CLAIMS)
    return JSONResponse(
        {
            "judgments": entry_rows(entries),
            "claims": [c.get("id") for c in claims],
        }
    )


def reliability_wanted(payload: Mapping[str, Any]) -> dict[str, Any] | None:
    """The grade a request asks for (None: remove it)."""
    return wanted_grade(sent_fields(payload["reliability"]))
