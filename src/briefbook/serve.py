"""``briefbook serve``: a live preview of the book, where notes are written from a selection.

The preview
    is built by the same machinery as ``briefbook build`` (the book checked
    first, built aside, published in one step, under the book's lock) into a
    folder of its own, ``docs/_build/preview/``, with ``briefbook_preview`` set,
    so its pages, and only they, load the annotation script.  The published
    site, the PDF and the generated pages in ``docs/`` are never touched.
    Changes in ``seeds/`` and ``docs/`` are seen by watchfiles (the watcher
    sphinx-autobuild uses), gathered for a moment and rebuilt; open pages hear
    of each build through server-sent events and reload.  A failed build leaves
    the last good pages served and its problems shown in the page.

Writing notes
    goes through :mod:`briefbook.sidecar_edit`: the note is checked as the
    build checks it and written atomically, under the book's lock, or not at
    all; the problems come back to the form.

What the server guards
    Every request must name this server in its ``Host`` header (a page of
    another site that rebinds its name to 127.0.0.1 is refused).  A write must
    come from this server's own pages: the ``Origin`` header must be this
    server's, and the per-run secret token, which only a page of this origin
    can read (from ``/_briefbook/api/session``), must be in
    ``X-Briefbook-Token``.  A write is JSON (so a cross-site form cannot send
    one), at most :data:`MAX_BODY` bytes, and names an article by its stem,
    which is looked up among the book's articles, never used as a path.  Pages
    are sent as the build wrote them; only response headers are added (no
    caching, no framing by other sites).
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import jsonschema
import uvicorn
import watchfiles
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import build
from .errors import BriefbookError
from .locking import LockTimeout
from .models import Note
from .pipeline import Book, article_paths
from .sidecar_edit.edits import EditResult, NoteBody, add_note, current_notes, delete_note, edit_note
from .sidecar_edit.edits import note_fingerprint as fingerprint_of
from .sidecar_edit.placing import Selection
from .sidecar_edit.writing import EditError, article_files

API = "/_briefbook/api"
EVENTS = "/_briefbook/events"
TOKEN_HEADER = "x-briefbook-token"
MAX_BODY = 64 * 1024  # a note is a few hundred characters; this leaves room for a long one
LOCK_WAIT = 120.0  # a write waits this long for a build under way before it gives up
QUIET = 0.3  # a rebuild starts once changes have stopped arriving for this long (seconds)
KEEP_ALIVE = 15.0  # an idle event stream sends a comment this often, so proxies keep it open
PREVIEW_OPTIONS = ("-D", "briefbook_preview=1")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# added to every response: never cached (a reload shows the latest build), never framed by another site
RESPONSE_HEADERS = {
    "cache-control": "no-cache",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


# ---------------------------------------------------------------- what the pages show


@dataclass(frozen=True)
class PageNote:
    """A note as an article page shows it, and where it stands in the sidecar."""

    number: int  # its number on the page
    kind: str
    index: int | None = None  # its place among the sidecar's notes; None for notes the book adds
    fingerprint: str | None = None  # of the sidecar's note as the page was built from it
    fields: dict[str, Any] = field(default_factory=dict)  # the sidecar's note, as written

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "index": self.index,
            "fingerprint": self.fingerprint,
            "fields": self.fields,
        }


@dataclass(frozen=True)
class ArticleView:
    """What the annotation script needs of one article page: its text and its notes."""

    stem: str
    paragraphs: tuple[str, ...]
    caption: str | None
    notes: tuple[PageNote, ...]


def article_views(book: Book, seeds: Path) -> dict[str, ArticleView]:
    """Each article's page as the build made it, with each note's place in its sidecar.

    A located note is found among its sidecar's notes by the line it starts on
    (notes the book adds itself, for shared passages, have none), and its fields
    are read as the sidecar has them, for the fingerprint an edit must match.
    A note whose sidecar changed since the build is offered for no edit until
    the next build, which that change has already asked for.
    """
    views = {}
    for entry in book.articles:
        try:
            raw = current_notes(article_files(seeds, entry.stem))
        except (BriefbookError, OSError):  # being edited by hand this moment: the next build tells
            raw = []
        index_of_line = {note.line: index for index, note in enumerate(entry.sidecar.notes)}
        notes = []
        for located in entry.notes:
            index = index_of_line.get(located.note.line) if located.note.line else None
            fields = (
                {str(k): v for k, v in raw[index].items()} if index is not None and index < len(raw) else {}
            )
            if index is None or not describes(fields, located.note):
                notes.append(PageNote(located.number, located.note.kind))
                continue
            notes.append(PageNote(located.number, located.note.kind, index, fingerprint_of(fields), fields))
        article = entry.article
        views[entry.stem] = ArticleView(entry.stem, article.paragraphs, article.caption, tuple(notes))
    return views


def describes(fields: dict[str, Any], note: Note) -> bool:
    """Whether a sidecar's note (its fields) is the note the build placed."""
    return (fields.get("quote"), fields.get("kind"), fields.get("note")) == (note.quote, note.kind, note.note)


def note_choices() -> dict[str, list[str]]:
    """The note kinds and stances a sidecar allows, as its JSON Schema states them."""
    text = resources.files("briefbook").joinpath("schema/sidecar.schema.json").read_text("utf-8")
    note = json.loads(text)["properties"]["notes"]["items"]["properties"]
    kind = note["kind"]
    return {
        "kinds": list(kind.get("enum") or kind.get("examples") or ()),
        "stances": list(note["stance"].get("enum") or ()),
    }


def problem_json(problem: Any) -> dict[str, Any]:
    """A problem for the browser: the whole line as the terminal shows it, and its parts."""
    return {
        "text": str(problem),
        "file": getattr(problem, "path", None) or None,
        "line": getattr(problem, "line", None),
        "code": str(getattr(problem, "code", "") or "") or None,
    }


def problems_of(error: BriefbookError) -> list[dict[str, Any]]:
    """Each problem an error carries (one for an error that is only a message)."""
    problems = getattr(error, "problems", None) or [error]
    return [problem_json(p) for p in problems]


# ---------------------------------------------------------------- events to the open pages


class Events:
    """Server-sent events: the preview's state, told to every open page as it changes.

    ``publish`` may be called from any thread; pages listen on the server's event loop.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queues: set[asyncio.Queue[dict[str, Any]]] = set()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def publish(self, message: dict[str, Any]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._deliver, message)

    def _deliver(self, message: dict[str, Any]) -> None:
        for queue in list(self._queues):
            queue.put_nowait(message)

    async def stream(self, first: dict[str, Any]) -> AsyncIterator[str]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._queues.add(queue)
        try:
            yield sse("status", first)
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": still here\n\n"
                    continue
                yield sse("status", message)
        finally:
            self._queues.discard(queue)


def sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


# ---------------------------------------------------------------- builds


class Preview:
    """The preview's builds, one at a time in a thread of their own, and what the last one gave.

    ``request()`` asks for a build; requests that arrive while one is waiting or
    running are folded into the next.  ``generation`` counts good builds.
    """

    def __init__(
        self,
        root: Path,
        folders: build.Folders,
        seeds: Path,
        *,
        link_terms: str = "first",
        jobs: str = "auto",
        say: Callable[[str], None] = lambda text: None,
        events: Events | None = None,
    ) -> None:
        self.root, self.folders, self.seeds = root, folders, seeds
        self.link_terms, self.jobs, self.say = link_terms, jobs, say
        self.events = events or Events()
        self._wanted = threading.Event()
        self._guard = threading.Lock()
        self.state = "starting"  # building, ok or failed
        self.generation = 0
        self.problems: list[dict[str, Any]] = []
        self.views: dict[str, ArticleView] = {}
        self.claims: list[dict[str, str]] = []
        self.seconds: float | None = None  # how long the last build took

    def status(self) -> dict[str, Any]:
        with self._guard:
            return {
                "state": self.state,
                "generation": self.generation,
                "problems": list(self.problems),
                "seconds": self.seconds,
            }

    def view(self, stem: str) -> tuple[ArticleView | None, int, list[dict[str, str]]]:
        with self._guard:
            return self.views.get(stem), self.generation, list(self.claims)

    def request(self) -> None:
        self._wanted.set()

    def _set(self, **changes: Any) -> None:
        with self._guard:
            for name, value in changes.items():
                setattr(self, name, value)
        self.events.publish(self.status())

    def run(self, stop: threading.Event) -> None:
        """Build whenever asked, until ``stop`` is set."""
        while not stop.is_set():
            if not self._wanted.wait(0.2):
                continue
            self._wanted.clear()
            while self._wanted.wait(QUIET) and not stop.is_set():  # more changes still arriving
                self._wanted.clear()
            if not stop.is_set():
                self.build_once()

    def build_once(self) -> None:
        self._set(state="building")
        started = time.perf_counter()
        try:
            built = build.build_book(
                self.root,
                self.folders,
                ["html"],
                seeds=self.seeds,
                link_terms=self.link_terms,
                jobs=self.jobs,
                say=self.say,
                sphinx_options=PREVIEW_OPTIONS,
                publish_generated=False,  # docs/ is the editor's; the preview leaves it alone
            )
            if built.failed:
                problems = [
                    {"text": line, "file": None, "line": None, "code": None} for line in built.warnings
                ]
                self._failed(problems, started)
                return
            views = article_views(built.book, self.seeds)
            claims = [{"id": c.id, "statement": c.statement} for c in built.book.claims.claims]
        except BriefbookError as exc:
            self._failed(problems_of(exc), started)
            return
        except OSError as exc:
            self._failed([{"text": str(exc), "file": None, "line": None, "code": None}], started)
            return
        except Exception as exc:  # a bug: told, and the preview goes on serving and watching
            traceback.print_exc()
            text = f"briefbook failed unexpectedly: {exc!r} (the traceback is in the terminal)"
            self._failed([{"text": text, "file": None, "line": None, "code": None}], started)
            return
        seconds = time.perf_counter() - started
        with self._guard:
            generation = self.generation + 1
        self._set(
            state="ok",
            generation=generation,
            problems=[],
            views=views,
            claims=claims,
            seconds=round(seconds, 2),
        )
        self.say(f"preview built in {seconds:.1f} s; open pages reload")

    def _failed(self, problems: list[dict[str, Any]], started: float) -> None:
        self._set(state="failed", problems=problems, seconds=round(time.perf_counter() - started, 2))
        self.say(f"the build failed ({len(problems)} problem(s)); the last good pages stay served:")
        for problem in problems:
            self.say(f"  {problem['text']}")


class BookChanges(watchfiles.DefaultFilter):
    """The changes that call for a rebuild: the editor's files, not the build's own output."""

    def __init__(self, docs: Path) -> None:
        super().__init__()
        self.docs = docs.resolve()
        self.built = (self.docs / "_build").resolve()

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        where = Path(path)
        if where.name.startswith("."):  # temporary files of an edit, the book's lock
            return False
        if where.is_relative_to(self.built):
            return False
        if where.is_relative_to(self.docs):
            relative = where.relative_to(self.docs).as_posix()
            try:
                return not build.is_generated(relative, where)
            except OSError:  # gone already: a generated page would not be removed by the editor
                return not relative.startswith((f"{build.GENERATED_DIR}/", "_generated/"))
        return True


def watch(paths: Sequence[Path], docs: Path, preview: Preview, stop: threading.Event) -> None:
    """Ask for a build whenever the editor's files change, until ``stop`` is set."""
    for _changes in watchfiles.watch(
        *paths, watch_filter=BookChanges(docs), stop_event=stop, step=100, rust_timeout=500
    ):
        preview.request()


# ---------------------------------------------------------------- who may ask


@dataclass(frozen=True)
class Allowed:
    """The names this server answers to (its ``Host``), and so its own origins."""

    names: frozenset[str]
    port: int

    def host_ok(self, host: str) -> bool:
        name, port = split_host(host)
        return name in self.names and port == self.port

    def origin_ok(self, origin: str, host: str) -> bool:
        return self.host_ok(host) and origin.lower() == f"http://{host.lower()}"


def split_host(host: str) -> tuple[str, int | None]:
    """``name:port`` (``[::1]:port`` for IPv6) as (name, port); port 80 when none is given."""
    host = host.strip().lower()
    if host.startswith("["):
        name, _, rest = host.partition("]")
        name += "]"
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port_text = host.partition(":")
    if not port_text:
        return name, 80
    return name, int(port_text) if port_text.isdigit() else None


def host_names(host: str, extra: Iterable[str]) -> frozenset[str]:
    names = {*LOOPBACK_NAMES, *(n.lower() for n in extra)}
    names.add(f"[{host}]" if ":" in host else host.lower())
    return frozenset(names)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def refusal(status: int, code: str, message: str, **more: Any) -> JSONResponse:
    return JSONResponse({"ok": False, "code": code, "error": message, **more}, status_code=status)


class Guard:
    """Checks every request's ``Host`` and adds the preview's headers to every response."""

    def __init__(self, app: ASGIApp, allowed: Allowed) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if not self.allowed.host_ok(host):
            message = (
                f"this preview answers to http://127.0.0.1:{self.allowed.port}/ (and the names it was "
                f"started with), not to Host {host!r}"
            )
            if scope["path"].startswith(API):
                response: Response = refusal(421, "host", message)
            else:
                response = PlainTextResponse(f"briefbook serve: {message}\n", status_code=421)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in RESPONSE_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------- the requests a page may make

_TEXT_OR_NULL = {"type": ["string", "null"]}
NOTE_BODY = {
    "type": "object",
    "properties": {
        "kind": {"type": "string"},
        "note": {"type": "string"},
        "basis": _TEXT_OR_NULL,
        "claim": _TEXT_OR_NULL,
        "stance": _TEXT_OR_NULL,
    },
    "required": ["kind", "note"],
    "additionalProperties": False,
}
SELECTION = {
    "type": "object",
    "properties": {
        "quote": {"type": "string", "minLength": 1},
        "prefix": _TEXT_OR_NULL,
        "suffix": _TEXT_OR_NULL,
        "start": {"type": ["integer", "null"], "minimum": 0},
        "end": {"type": ["integer", "null"], "minimum": 0},
        "where": {"enum": ["text", "caption"]},
    },
    "required": ["quote"],
    "additionalProperties": False,
}
_ARTICLE = {"type": "string", "minLength": 1}
_INDEX = {"type": "integer", "minimum": 0}
REQUESTS = {
    "add": {
        "type": "object",
        "properties": {"article": _ARTICLE, "selection": SELECTION, "note": NOTE_BODY},
        "required": ["article", "selection", "note"],
        "additionalProperties": False,
    },
    "edit": {
        "type": "object",
        "properties": {
            "article": _ARTICLE,
            "index": _INDEX,
            "fingerprint": {"type": "string"},
            "note": NOTE_BODY,
        },
        "required": ["article", "index", "fingerprint", "note"],
        "additionalProperties": False,
    },
    "delete": {
        "type": "object",
        "properties": {"article": _ARTICLE, "index": _INDEX, "fingerprint": {"type": "string"}},
        "required": ["article", "index", "fingerprint"],
        "additionalProperties": False,
    },
}


def request_problem(action: str, payload: Any) -> str | None:
    """What is wrong with a request's JSON, in a line; None when it is well formed."""
    validator = jsonschema.Draft202012Validator(REQUESTS[action])
    errors = sorted(validator.iter_errors(payload), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return None
    error = errors[0]
    where = error.json_path.replace("$", "request", 1)
    return f"{where}: {error.message}"


def _optional(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text or None


def note_body(fields: dict[str, Any]) -> NoteBody:
    return NoteBody(
        kind=fields["kind"].strip(),
        note=fields["note"].replace("\r\n", "\n").strip(),
        basis=_optional(fields.get("basis")),
        claim=_optional(fields.get("claim")),
        stance=_optional(fields.get("stance")),
    )


def selection_of(fields: dict[str, Any]) -> Selection:
    return Selection(
        quote=fields["quote"],
        prefix=fields.get("prefix") or None,
        suffix=fields.get("suffix") or None,
        start=fields.get("start"),
        end=fields.get("end"),
        where=fields.get("where") or "text",
    )


class Body(Exception):
    """A request body that cannot be used; carries the response that says why."""

    def __init__(self, response: Response) -> None:
        self.response = response


async def read_json(request: Request, limit: int) -> Any:
    """The request's JSON body, read no further than ``limit`` bytes."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Body(refusal(415, "type", "a write must be sent as application/json"))
    declared = request.headers.get("content-length")
    too_big = refusal(413, "size", f"the request is larger than {limit // 1024} KiB; nothing was written")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Body(too_big)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise Body(too_big)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Body(refusal(400, "json", f"the request is not JSON ({exc}); nothing was written")) from None


# ---------------------------------------------------------------- the application


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

    def write_refused(self, request: Request) -> Response | None:
        """Why a write must not be made (a refusal to send back), or None when it may."""
        origin = request.headers.get("origin")
        host = request.headers.get("host", "")
        if not origin:
            return refusal(403, "origin", "a write must come from a page of this preview (no Origin header)")
        if not self.allowed.origin_ok(origin, host):
            return refusal(403, "origin", f"a write must come from a page of this preview, not from {origin}")
        if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
            return refusal(403, "origin", "a write must come from a page of this preview")
        token = request.headers.get(TOKEN_HEADER)
        if not token:
            return refusal(403, "token", f"a write needs this run's token in {TOKEN_HEADER}")
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            return refusal(403, "token", "wrong token: the preview was restarted; reload the page")
        return None

    async def write(self, request: Request) -> Response:
        action = request.path_params["action"]
        if action not in REQUESTS:
            return refusal(404, "request", f"no such action {action!r}; expected add, edit or delete")
        refused = self.write_refused(request)
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


# ---------------------------------------------------------------- running it


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (port 0: any free port), ready for the server."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise BriefbookError(
            f"cannot listen on {host} port {port}: {exc.strerror}; another preview may be running "
            "there (--port N chooses another port)"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class StopRequested(Exception):
    """SIGTERM: stop serving, as Ctrl-C does."""


def _stop_requested(signum: int, frame: Any) -> None:
    raise StopRequested


def serve(
    root: Path,
    docs: Path,
    seeds: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_hosts: Sequence[str] = (),
    link_terms: str = "first",
    jobs: str = "auto",
    out: TextIO = sys.stdout,
) -> int:
    """Serve the live preview until interrupted (Ctrl-C); return the exit status."""

    def say(text: str = "") -> None:
        print(text, file=out, flush=True)

    folders = build.Folders(docs, output=docs / "_build" / "preview")
    sock = listening_socket(host, port)
    bound_port = sock.getsockname()[1]
    allowed = Allowed(host_names(host, allow_hosts), bound_port)
    shown_host = f"[{host}]" if ":" in host else host
    preview = Preview(root, folders, seeds, link_terms=link_terms, jobs=jobs, say=say)
    server = Server(preview, seeds, allowed)
    if not is_loopback(host):
        names = ", ".join(sorted(allowed.names))
        say(
            f"warning: listening on {host}, not only on this machine: anyone who can reach it can read "
            f"the book and write notes from its pages (it answers to {names}; --allow-host NAME adds one)"
        )
    say(f"serving the preview at http://{shown_host}:{bound_port}/ (Ctrl-C to stop)")
    say(f"  built into {folders.out}; the published site is not touched")

    stop = threading.Event()
    preview.request()  # the first build
    threads = [
        threading.Thread(target=preview.run, args=(stop,), name="briefbook-build", daemon=True),
        threading.Thread(
            target=watch, args=([seeds, docs], docs, preview, stop), name="briefbook-watch", daemon=True
        ),
    ]
    for thread in threads:
        thread.start()
    config = uvicorn.Config(
        server.app(),
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=1,
        access_log=False,
    )
    # uvicorn stops on SIGINT or SIGTERM and then raises the signal again for the handler before it:
    # Ctrl-C's KeyboardInterrupt, or this one for SIGTERM, both ending here in an orderly stop
    previous = signal.signal(signal.SIGTERM, _stop_requested)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except (KeyboardInterrupt, StopRequested):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop.set()
        if preview.status()["state"] == "building":
            say("waiting for the build under way to finish ...")
        for thread in threads:
            thread.join(timeout=600)
        sock.close()
    say("stopped")
    return 0
