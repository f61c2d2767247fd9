"""The preview's web application called in the test's own process, without a socket: a request
in, the status, headers and body out; a client may go away before it has sent its whole body."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefbook import build
from briefbook.serve.app import Server
from briefbook.serve.guard import TOKEN_HEADER, Allowed, host_names
from briefbook.serve.preview import Preview

PORT = 8765
HOST = f"127.0.0.1:{PORT}"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def _header_bytes(value: str) -> bytes:
    """A header's bytes as a client sends them: Latin-1 where it can be (the server reads headers so:
    a byte 0xB2 is '²'), else UTF-8."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def server_for(root: Path) -> Server:
    """A preview server of the book at ``root`` that never builds (writes go to the sidecars)."""
    docs, seeds = root / "docs", root / "seeds"
    preview = Preview(root, build.Folders(docs, output=docs / "_build" / "preview"), seeds)
    return Server(preview, seeds, Allowed(host_names("127.0.0.1", ()), PORT))


def call(
    server: Server,
    method: str,
    path: str,
    body: bytes | str | dict | None = None,
    headers: dict[str, str] | None = None,
    *,
    disconnect_after: int | None = None,
) -> Answer:
    """One request to the application; ``disconnect_after``: the client leaves after that many bytes."""
    if isinstance(body, dict):
        body = json.dumps(body)
    data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
    sent = {"host": HOST, "content-length": str(len(data))} | (headers or {})
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), _header_bytes(v)) for k, v in sent.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", PORT),
    }
    pieces = [data] if disconnect_after is None else [data[:disconnect_after]]
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if pieces:
            piece = pieces.pop(0)
            return {"type": "http.request", "body": piece, "more_body": disconnect_after is not None}
        if disconnect_after is not None:
            return {"type": "http.disconnect"}
        await asyncio.sleep(3600)  # the response is sent before anything else is asked
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(server.app()(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    body_out = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return Answer(start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body_out)


def write(server: Server, action: str, payload: dict | str | bytes, **headers: str) -> Answer:
    """A write from a page of the preview: its origin and this run's token."""
    sent = {
        "origin": f"http://{HOST}",
        "content-type": "application/json",
        TOKEN_HEADER: server.token,
    } | headers
    return call(server, "POST", f"/_briefbook/api/notes/{action}", payload, sent)
