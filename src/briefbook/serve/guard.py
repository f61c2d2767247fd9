"""Who may ask the preview what: the ``Host`` every request must name, the origin and token every
write must carry, and the size and type of a write's body.  Every refusal is a JSON answer
``{"ok": false, "code": ..., "error": ...}`` (plain text for a page)."""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..jsonin import BadJson, parse_json

API = "/_briefbook/api"
TOKEN_HEADER = "x-briefbook-token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# added to every response: never cached (a reload shows the latest build), never framed by another site
RESPONSE_HEADERS = {
    "cache-control": "no-cache",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


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
    # ASCII digits only: '²' is a digit to isdigit() but no number to int()
    return name, int(port_text) if port_text.isascii() and port_text.isdigit() else None


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


def write_refused(request: Request, allowed: Allowed, token: str) -> Response | None:
    """Why a write must not be made (a refusal to send back), or None when it may."""
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if not origin:
        return refusal(403, "origin", "a write must come from a page of this preview (no Origin header)")
    if not allowed.origin_ok(origin, host):
        return refusal(403, "origin", f"a write must come from a page of this preview, not from {origin}")
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return refusal(403, "origin", "a write must come from a page of this preview")
    sent = request.headers.get(TOKEN_HEADER)
    if not sent:
        return refusal(403, "token", f"a write needs this run's token in {TOKEN_HEADER}")
    if not hmac.compare_digest(sent.encode(), token.encode()):
        return refusal(403, "token", "wrong token: the preview was restarted; reload the page")
    return None


class Body(Exception):
    """A request body that cannot be used; carries the response that says why."""

    def __init__(self, response: Response) -> None:
        self.response = response


async def read_json(request: Request, limit: int) -> Any:
    """The request's JSON body, read no further than ``limit`` bytes; :class:`Body` (a 4xx answer
    saying why) for anything else: a wrong type, too large, not JSON (:mod:`briefbook.jsonin`:
    huge numbers, deep nesting), or a client that went away before it had sent it all."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Body(refusal(415, "type", "a write must be sent as application/json"))
    declared = request.headers.get("content-length", "")
    too_big = refusal(413, "size", f"the request is larger than {limit // 1024} KiB; nothing was written")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise Body(too_big)
    data = bytearray()
    try:
        async for chunk in request.stream():
            data += chunk
            if len(data) > limit:
                raise Body(too_big)
    except ClientDisconnect:
        # no one is left to read an answer; this one only ends the request quietly
        raise Body(refusal(400, "disconnected", "the request ended before its body was complete")) from None
    try:
        return parse_json(bytes(data))
    except BadJson as exc:
        raise Body(
            refusal(400, "json", f"the request is not JSON briefbook reads ({exc}); nothing was written")
        ) from None
