"""The preview as a web application: the annotation API's endpoints and the book's pages, behind
the guard (:mod:`briefbook.serve.guard`)."""

from __future__ import annotations

import asyncio
import mimetypes
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from html import escape
from os import PathLike
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import limits
from ..book.readcache import ArticleCache
from ..errors import BriefbookError
from ..kinds import ARTICLE_KINDS, GLOSSARY_KINDS
from ..sidecar_edit.details import current_details
from ..sidecar_edit.entries import CLAIMS, GLOSSARY, current_entries
from ..sidecar_edit.filewrite import fingerprint
from ..sidecar_edit.writing import article_files
from .editing import Writes
from .forms import entry_rows
from .guard import API, TOKEN_HEADER, Allowed, Guard, refusal
from .judging import judgments_view, origins_view, reliability_view
from .preview import Preview, page_name
from .views import note_choices

EVENTS = "/_briefbook/events"
MAX_BODY = limits.MAX_BODY  # a note is a few hundred characters; this leaves room for a long one


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
        page = page_name(request.query_params.get("page"))
        first = {**self.preview.status(), "version": self.preview.page_version(page)}
        return StreamingResponse(
            self.preview.events.stream(first, page),
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
        try:
            details = await run_in_threadpool(current_details, article_files(self.seeds, stem))
        except BriefbookError:  # being edited by hand this moment: the form waits for the next build
            details = None
        return JSONResponse(
            {
                "article": view.stem,
                "generation": generation,
                "paragraphs": list(view.paragraphs),
                "caption": view.caption,
                "notes": [note.as_json() for note in view.notes],
                "claims": claims,
                "details": None
                if details is None
                else {"fields": details, "fingerprint": fingerprint(details)},
                "article_kinds": list(ARTICLE_KINDS),
                **self.choices,
            }
        )

    def read_cache(self) -> ArticleCache | None:
        """The articles as the last build read them (for the checks of a glossary or claims edit)."""
        path = self.preview.folders.article_cache
        return ArticleCache(path) if path.exists() else None

    async def glossary(self, request: Request) -> Response:
        """The glossary's entries as the file holds them now, and the terms it lacks."""
        entries = await run_in_threadpool(current_entries, self.seeds, GLOSSARY)
        return JSONResponse(
            {
                "entries": entry_rows(entries),
                "kinds": list(GLOSSARY_KINDS),
                "candidates": self.preview.candidate_terms(),
            }
        )

    async def claims(self, request: Request) -> Response:
        """The claims as the file holds them now."""
        entries = await run_in_threadpool(current_entries, self.seeds, CLAIMS)
        return JSONResponse({"claims": entry_rows(entries)})

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
            await WholeFiles(directory=site, html=True, check_dir=False)(
                scope, receive, with_published(send, self.preview.published)
            )

    def app(self) -> ASGIApp:
        @asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            self.preview.events.attach(asyncio.get_running_loop())
            yield

        writes = Writes(self)
        routes = [
            Route(f"{API}/session", self.session, methods=["GET"]),
            Route(f"{API}/status", self.status, methods=["GET"]),
            Route(f"{API}/article/{{stem}}", self.article, methods=["GET"]),
            Route(f"{API}/glossary", self.glossary, methods=["GET"]),
            Route(f"{API}/claims", self.claims, methods=["GET"]),
            Route(f"{API}/notes/{{action}}", writes.notes, methods=["POST"]),
            Route(f"{API}/glossary/{{action}}", writes.glossary, methods=["POST"]),
            Route(f"{API}/claims/{{action}}", writes.claims, methods=["POST"]),
            Route(f"{API}/details", writes.details, methods=["POST"]),
            Route(f"{API}/reliability/{{stem}}", partial(reliability_view, self), methods=["GET"]),
            Route(f"{API}/reliability", writes.reliability, methods=["POST"]),
            Route(f"{API}/origins", partial(origins_view, self), methods=["GET"]),
            Route(f"{API}/origins/{{action}}", writes.origins, methods=["POST"]),
            Route(f"{API}/judgments", partial(judgments_view, self), methods=["GET"]),
            Route(f"{API}/judgments/{{action}}", writes.judgments, methods=["POST"]),
            Route(EVENTS, self.events, methods=["GET"]),
            Mount("/", app=self.page),  # everything else is a page of the preview
        ]
        return Guard(Starlette(routes=routes, lifespan=lifespan), self.allowed)


class WholeFiles(StaticFiles):
    """The site's files, each read whole at once: a page the preview publishes anew (by rename) while
    it is being served is sent as it was or as it is, never with the length of one and the bytes of
    the other (Starlette's own response takes the length from the file it found, then opens it
    again to send it)."""

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        with open(full_path, "rb") as file:
            data = file.read()
        media_type = mimetypes.guess_type(os.fspath(full_path))[0] or "application/octet-stream"
        if scope["method"] == "HEAD":
            return Response(b"", status_code, {"content-length": str(len(data))}, media_type)
        return Response(data, status_code, media_type=media_type)


PUBLISHED_TIMING = "bb-published"  # the Server-Timing entry that says when a page was served


def with_published(send: Send, published: int) -> Send:
    """``send``, with a header that tells the page how many times pages had been published when it
    was served (Server-Timing: the one response header a page's script reads of its own). A page
    whose events open after its file was published again missed the event: its first status says
    so (``version``), and it reloads."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            header = (b"server-timing", f'{PUBLISHED_TIMING};desc="{published}"'.encode("ascii"))
            message = {**message, "headers": [*message.get("headers", []), header]}
        await send(message)

    return sending


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
