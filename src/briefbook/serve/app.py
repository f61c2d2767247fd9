"""The preview as a web application: the annotation API's endpoints and the book's pages, behind
the guard (:mod:`briefbook.serve.guard`)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import limits
from ..errors import BriefbookError
from ..locking import LockTimeout
from ..names import article_paths
from ..sidecar_edit.edits import EditResult, add_note, delete_note, edit_note
from ..sidecar_edit.writing import EditError
from .guard import API, TOKEN_HEADER, Allowed, Body, Guard, read_json, refusal, write_refused
from .payloads import REQUESTS, note_body, request_problem, selection_of
from .preview import Preview
from .views import note_choices, problem_json, problems_of

EVENTS = "/_briefbook/events"
MAX_BODY = limits.MAX_BODY  # a note is a few hundred characters; this leaves room for a long one
LOCK_WAIT = 120.0  # a write waits this long for a build under way before it gives up


@dataclass
class Server:
    """The preview's state as the request handlers see it."""

    preview: Preview
    seeds: Path
    allowed: Allowed
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    max_body: int = MAX_BODY
    choices: dict[str, list[str]] = field(default_factory=note_choices)

    # ---- reading

    async def session(self, request: Request) -> Response:
        # a page of another site cannot read this (no CORS), and a rebound name fails the Host check
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return refusal(403, "origin", "the token is only given to this preview's own pages")
        return JSONResponse({"token": self.token, "header": TOKEN_HEADER, "max_body": self.max_body})

    async def status(self, request: Request) -> Response:
        return JSONResponse(self.preview.status())

    async def events(self, request: Request) -> Response:
        return StreamingResponse(
            self.preview.events.stream(self.preview.status()),
            media_type="text/event-stream",
            headers={"x-accel-buffering": "no"},
        )

    async def article(self, request: Request) -> Response:
        stem = request.path_params["stem"]
        view, generation, claims = self.preview.view(stem)
        if view is None:
            if generation == 0:
                return refusal(503, "building", "the preview has not been built yet; it reloads when it is")
            return refusal(404, "article", f"no article {stem!r} in this book")
        return JSONResponse(
            {
                "article": view.stem,
                "generation": generation,
                "paragraphs": list(view.paragraphs),
                "caption": view.caption,
                "notes": [note.as_json() for note in view.notes],
                "claims": claims,
                **self.choices,
            }
        )

    # ---- writing

    async def write(self, request: Request) -> Response:
        action = request.path_params["action"]
        if action not in REQUESTS:
            return refusal(404, "request", f"no such action {action!r}; expected add, edit or delete")
        refused = write_refused(request, self.allowed, self.token)
        if refused is not None:
            return refused
        try:
            payload = await read_json(request, self.max_body)
        except Body as exc:
            return exc.response
        problem = request_problem(action, payload)
        if problem:
            return refusal(400, "request", f"{problem}; nothing was written")
        stem = payload["article"]
        if stem not in {path.stem for path in article_paths(self.seeds)}:
            return refusal(404, "article", f"no article {stem!r} in this book; nothing was written")
        try:
            result = await run_in_threadpool(self.change, action, payload)
        except LockTimeout as exc:
            return refusal(503, "busy", f"{exc}; nothing was written")
        except EditError as exc:
            return refusal(
                409, "stale", f"{exc}; nothing was written (close the form to see the note as it is now)"
            )
        except BriefbookError as exc:
            return refusal(422, "problems", "Nothing was written.", problems=problems_of(exc))
        if not result.written:
            problems = [problem_json(p) for p in result.problems]
            return refusal(422, "problems", "The note was not saved; nothing was written.", problems=problems)
        self.preview.request()  # the watcher would see it too; this saves it the wait
        return JSONResponse(
            {
                "ok": True,
                "action": action,
                "article": stem,
                "index": result.index,
                "note": {str(k): v for k, v in result.note.items()},
                "sidecar": str(result.sidecar),
            }
        )

    def change(self, action: str, payload: dict[str, Any]) -> EditResult:
        stem = payload["article"]
        if action == "add":
            return add_note(
                self.seeds,
                stem,
                selection_of(payload["selection"]),
                note_body(payload["note"]),
                lock_timeout=LOCK_WAIT,
            )
        if action == "edit":
            return edit_note(
                self.seeds,
                stem,
                payload["index"],
                note_body(payload["note"]),
                fingerprint=payload["fingerprint"],
                lock_timeout=LOCK_WAIT,
            )
        return delete_note(
            self.seeds, stem, payload["index"], fingerprint=payload["fingerprint"], lock_timeout=LOCK_WAIT
        )

    # ---- pages

    async def page(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A page of the last good build, as Sphinx wrote it; before there is one, the build's state."""
        site = self.preview.folders.site
        if scope["method"] not in ("GET", "HEAD"):
            await PlainTextResponse("briefbook serve: pages can only be read\n", status_code=405)(
                scope, receive, send
            )
        elif not site.is_dir():
            await HTMLResponse(status_page(self.preview.status()), status_code=503)(scope, receive, send)
        else:
            await StaticFiles(directory=site, html=True, check_dir=False)(scope, receive, send)

    def app(self) -> ASGIApp:
        @asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            self.preview.events.attach(asyncio.get_running_loop())
            yield

        routes = [
            Route(f"{API}/session", self.session, methods=["GET"]),
            Route(f"{API}/status", self.status, methods=["GET"]),
            Route(f"{API}/article/{{stem}}", self.article, methods=["GET"]),
            Route(f"{API}/notes/{{action}}", self.write, methods=["POST"]),
            Route(EVENTS, self.events, methods=["GET"]),
            Mount("/", app=self.page),  # everything else is a page of the preview
        ]
        return Guard(Starlette(routes=routes, lifespan=lifespan), self.allowed)


def status_page(status: dict[str, Any]) -> str:
    """The page shown before the first good build: building, or why the build failed."""
    if status["state"] == "failed":
        items = "".join(f"<li><code>{escape(p['text'])}</code></li>" for p in status["problems"])
        body = f"<h1>The book did not build</h1><p>Fix these and save; the page reloads.</p><ul>{items}</ul>"
    else:
        body = "<h1>Building the preview…</h1><p>The page reloads when it is ready.</p>"
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>briefbook preview</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        '<body style="font-family: sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">'
        f"{body}"
        f'<script>new EventSource("{EVENTS}").addEventListener("status", function (e) {{'
        ' if (JSON.parse(e.data).state !== "building") location.reload(); });</script>'
        "</body></html>"
    )
