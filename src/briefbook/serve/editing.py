"""The preview's writes: a note, a glossary entry, a claim, an article's details and grade, an
origin, a key judgment.

Each goes through the same steps: the guard (the origin, the run's token, JSON of bounded size,
:mod:`briefbook.serve.guard`), the request's schema (:mod:`~briefbook.serve.payloads`,
:mod:`~briefbook.serve.forms`), the write itself by :mod:`briefbook.sidecar_edit` under the book's
lock (checked as the build checks the book, all or nothing), then a build at once, the page the
write came from first.  The terminal says what each write did: which file, which entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..book.readcache import ArticleCache
from ..errors import BriefbookError, Problem
from ..locking import LockTimeout
from ..names import GENERATED_DIR, article_paths
from ..sidecar_edit.details import set_details
from ..sidecar_edit.edits import EditResult, add_note, delete_note, edit_note
from ..sidecar_edit.entries import LISTS, add_entry, current_entries, delete_entry, edit_entry
from ..sidecar_edit.filewrite import EditError, FileEdit
from ..sidecar_edit.grading import set_reliability
from .forms import CLAIM_REQUESTS, DETAIL_REQUESTS, GLOSSARY_REQUESTS, merged, sent_fields
from .guard import Allowed, Body, read_json, refusal, write_refused
from .judging import JUDGMENT_REQUESTS, ORIGIN_REQUESTS, RELIABILITY_REQUESTS, reliability_wanted
from .payloads import REQUESTS, note_body, schema_problem, selection_of
from .preview import Preview, page_name
from .views import note_said, problem_json, problems_of, shown_path


class Server(Protocol):
    """What the write endpoints need of the server (``app.Server`` is it)."""

    preview: Preview
    seeds: Path
    allowed: Allowed
    token: str
    max_body: int

    def read_cache(self) -> ArticleCache | None: ...


LOCK_WAIT = 120.0  # a write waits this long for a build under way before it gives up


class NoSuchArticle(LookupError):
    """A write named an article the book does not have."""


@dataclass(frozen=True)
class Outcome:
    """What a write did, in the terms every write answers in."""

    path: Path
    written: bool
    problems: tuple[Problem, ...] = ()
    said: str = ""  # for the terminal: what changed in the file
    body: dict[str, Any] = field(default_factory=dict)  # what the answer carries besides "ok"


Perform = Callable[[str, dict[str, Any]], Outcome]


class Writes:
    """The write endpoints of one server."""

    def __init__(self, server: Server) -> None:
        self.server = server

    @property
    def seeds(self) -> Path:
        return self.server.seeds

    async def notes(self, request: Request) -> Response:
        return await self._write(request, REQUESTS, self._note, _article_page, "the note")

    async def glossary(self, request: Request) -> Response:
        return await self._write(
            request, GLOSSARY_REQUESTS, self._entry("glossary"), lambda _: ("glossary",), "the entry"
        )

    async def claims(self, request: Request) -> Response:
        return await self._write(
            request, CLAIM_REQUESTS, self._entry("claims"), lambda _: ("claims",), "the claim"
        )

    async def details(self, request: Request) -> Response:
        # the sources' table and the contents name the article too
        return await self._write(
            request,
            DETAIL_REQUESTS,
            self._details,
            lambda payload: (*_article_page(payload), "sources", "index"),
            "the article's details",
        )

    async def reliability(self, request: Request) -> Response:
        # the sources' table shows the grade too
        return await self._write(
            request,
            RELIABILITY_REQUESTS,
            self._reliability,
            lambda payload: (*_article_page(payload), "sources"),
            "the grade",
        )

    async def origins(self, request: Request) -> Response:
        # the sources page lists the origins (the page the form was opened on comes first anyway)
        return await self._write(
            request, ORIGIN_REQUESTS, self._entry("origins"), lambda _: ("sources",), "the origin"
        )

    async def judgments(self, request: Request) -> Response:
        return await self._write(
            request, JUDGMENT_REQUESTS, self._entry("judgments"), lambda _: ("index",), "the judgment"
        )

    # ---------------------------------------------------------------- the steps of every write

    async def _write(
        self,
        request: Request,
        requests: Mapping[str, dict[str, Any]],
        perform: Perform,
        focus: Callable[[dict[str, Any]], tuple[str, ...]],
        what: str,
    ) -> Response:
        action = request.path_params.get("action", "edit")
        if action not in requests:
            *others, last = list(requests)
            expected = f"{', '.join(others)} or {last}" if others else last
            return refusal(404, "request", f"no such action {action!r}; expected {expected}")
        server = self.server
        refused = write_refused(request, server.allowed, server.token)
        if refused is not None:
            return refused
        try:
            payload = await read_json(request, server.max_body)
        except Body as exc:
            return exc.response
        problem = schema_problem(requests[action], payload)
        if problem:
            return refusal(400, "request", f"{problem}; nothing was written")
        # the pages to show first, known to a build that starts while this write waits for the lock
        page = page_name(payload.get("page"))
        server.preview.expect([*focus(payload), *([page] if page else [])])
        try:
            outcome = await run_in_threadpool(perform, action, payload)
        except NoSuchArticle as exc:
            return refusal(404, "article", f"{exc}; nothing was written")
        except LockTimeout as exc:
            return refusal(503, "busy", f"{exc}; nothing was written")
        except EditError as exc:
            return refusal(
                409, "stale", f"{exc}; nothing was written (close the form to see {what} as it is now)"
            )
        except BriefbookError as exc:
            return refusal(422, "problems", "Nothing was written.", problems=problems_of(exc))
        if not outcome.written:
            if not outcome.problems:
                return JSONResponse({"ok": True, "action": action, "unchanged": True, **outcome.body})
            problems = [problem_json(p) for p in outcome.problems]
            unsaved = f"{what[0].upper()}{what[1:]} {'were' if what.endswith('s') else 'was'} not saved"
            return refusal(422, "problems", f"{unsaved}; nothing was written.", problems=problems)
        preview = server.preview
        preview.wrote(outcome.path)  # the watcher will see it too: it need not ask again
        preview.request(now=True)
        preview.say(f"saved {shown_path(outcome.path, self.seeds)}: {outcome.said}")
        return JSONResponse({"ok": True, "action": action, "said": outcome.said, **outcome.body})

    def _article(self, stem: str) -> str:
        if stem not in {path.stem for path in article_paths(self.seeds)}:
            raise NoSuchArticle(f"no article {stem!r} in this book")
        return stem

    # ---------------------------------------------------------------- what each write does

    def _note(self, action: str, payload: dict[str, Any]) -> Outcome:
        stem = self._article(payload["article"])
        if action == "add":
            result = add_note(
                self.seeds,
                stem,
                selection_of(payload["selection"]),
                note_body(payload["note"]),
                lock_timeout=LOCK_WAIT,
            )
        elif action == "edit":
            result = edit_note(
                self.seeds,
                stem,
                payload["index"],
                note_body(payload["note"]),
                fingerprint=payload["fingerprint"],
                lock_timeout=LOCK_WAIT,
            )
        else:
            result = delete_note(
                self.seeds, stem, payload["index"], fingerprint=payload["fingerprint"], lock_timeout=LOCK_WAIT
            )
        return _note_outcome(action, stem, result, payload.get("index"))

    def _entry(self, name: str) -> Perform:
        book_list = LISTS[name]

        def perform(action: str, payload: dict[str, Any]) -> Outcome:
            cache = self.server.read_cache()
            if action == "add":
                fields = merged({}, payload["entry"])
                edit = add_entry(self.seeds, name, fields, lock_timeout=LOCK_WAIT, cache=cache)
            elif action == "edit":
                current = next(
                    (e for e in current_entries(self.seeds, book_list) if e.get("id") == payload["id"]), {}
                )
                fields = merged(current, payload["entry"])
                edit = edit_entry(
                    self.seeds,
                    name,
                    payload["id"],
                    fields,
                    fingerprint_seen=payload["fingerprint"],
                    lock_timeout=LOCK_WAIT,
                    cache=cache,
                )
            else:
                edit = delete_entry(
                    self.seeds,
                    name,
                    payload["id"],
                    fingerprint_seen=payload["fingerprint"],
                    lock_timeout=LOCK_WAIT,
                    cache=cache,
                )
            return _file_outcome(edit, {"entry": edit.fields})

        return perform

    def _details(self, action: str, payload: dict[str, Any]) -> Outcome:
        stem = self._article(payload["article"])
        edit = set_details(
            self.seeds,
            stem,
            sent_fields(payload["details"]),
            fingerprint_seen=payload["fingerprint"],
            lock_timeout=LOCK_WAIT,
        )
        return _file_outcome(edit, {"article": stem, "details": edit.fields})

    def _reliability(self, action: str, payload: dict[str, Any]) -> Outcome:
        stem = self._article(payload["article"])
        edit = set_reliability(
            self.seeds,
            stem,
            reliability_wanted(payload),
            fingerprint_seen=payload["fingerprint"],
            lock_timeout=LOCK_WAIT,
        )
        return _file_outcome(edit, {"article": stem, **edit.fields})


def _article_page(payload: dict[str, Any]) -> tuple[str, ...]:
    return (f"{GENERATED_DIR}/{payload['article']}",)


def _file_outcome(edit: FileEdit, body: dict[str, Any]) -> Outcome:
    return Outcome(edit.path, edit.written, edit.problems, edit.said, body)


def _note_outcome(action: str, stem: str, result: EditResult, index: int | None) -> Outcome:
    body = {
        "article": stem,
        "index": result.index,
        "note": {str(k): v for k, v in result.note.items()},
        "sidecar": str(result.sidecar),
    }
    said = note_said(action, result, index)
    return Outcome(result.sidecar, result.written, result.problems, said, body)
