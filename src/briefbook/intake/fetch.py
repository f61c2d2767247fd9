"""Fetching a web page for ``briefbook add https://...``: bounded, honest, and clear when it fails.

Bounded: a timeout for connecting and for each read, an overall deadline, a
ceiling on the page's size (checked against ``Content-Length`` first, then while
reading) and a limit on redirects (a loop is named as one).  The deadline holds
however the server drips its answer (a byte every 19 s never trips a 20 s read
timeout): a timer shuts the fetch's sockets down when it passes, so the read
under way returns (:class:`Deadline`).  Honest: the User-Agent says what is
asking.  Clear: every failure is one :class:`BriefbookError` line naming the
address and what went wrong (a refused connection is not a timeout; an address
that is no address, given or redirected to, says so), and nothing is written
before the page is in memory and known to be a web page.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from ..errors import BriefbookError, Code, Problem
from ..limits import FETCH_DEADLINE, FETCH_TIMEOUT
from ..printable import printable
from . import webpage

TIMEOUT_SECONDS = FETCH_TIMEOUT
DEADLINE_FACTOR = FETCH_DEADLINE / FETCH_TIMEOUT  # the whole fetch: connect, wait, and read a large page
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def user_agent() -> str:
    return (
        f"briefbook/{version('briefbook')} (fetches one article a person asked for, "
        f"for a briefing book; urllib3/{urllib3.__version__})"
    )


@dataclass(frozen=True)
class FetchedPage:
    url: str  # where the page was found, after redirects
    data: bytes
    content_type: str  # the server's Content-Type, as sent
    charset: str | None  # the charset it names, if any
    redirects: tuple[str, ...] = ()  # the addresses passed through on the way


def is_url(text: str) -> bool:
    return bool(re.match(r"(?i)^https?://", text))


def _fail(url: str, problem: str, code: Code = Code.FETCH_FAILED) -> BriefbookError:
    """One line naming the address (the problem's place) and what went wrong."""
    return BriefbookError(Problem(code, f"{problem}; nothing was added", printable(url)))


def _check_address(url: str, original: str) -> None:
    """An http(s) address with a host name, or BriefbookError saying what is wrong with it."""
    redirected = url != original
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port that is no number, or out of range, raises here)
    except ValueError as exc:  # an unclosed [ of an IPv6 address, a port of letters
        said = f"redirected to {printable(url)}, which is" if redirected else "it is"
        raise _fail(original, f"{said} not a valid web address ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        said = f"redirected to {printable(url)}, which is" if redirected else "it is"
        raise _fail(original, f"{said} not an http or https address")
    if not parts.hostname:
        said = f"redirected to {printable(url)}, which is" if redirected else "it is"
        raise _fail(original, f"{said} not a web address with a host name")


class Deadline:
    """The end of a whole fetch, which no server can put off.

    Every socket the fetch opens is watched; when the deadline passes, a timer shuts them down
    (the socket, not its file: any thread blocked reading it returns at once), and ``expired`` says
    why the read ended.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(0.001, self.at - time.monotonic())

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket | None) -> None:
    """Shut a connection down from another thread (through a copy of its descriptor: an SSL socket
    must not be touched while it is being read)."""
    try:
        fd = sock.fileno() if sock is not None else -1
        if fd < 0:
            return
        with socket.socket(fileno=os.dup(fd)) as copy:
            copy.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # closed already


def _pool_classes(deadline: Deadline) -> dict[str, type]:
    """Connection pools whose connections tell ``deadline`` of their sockets as soon as they exist."""

    class Watched(HTTPConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class WatchedTLS(HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class Pool(HTTPConnectionPool):
        ConnectionCls = Watched

    class PoolTLS(HTTPSConnectionPool):
        ConnectionCls = WatchedTLS

    return {"http": Pool, "https": PoolTLS}


_CONNECT_ERRORS = {
    errno.ECONNREFUSED: "the server refused the connection (nothing answers at that address and port)",
    errno.ENETUNREACH: "the network is unreachable (no route to it)",
    errno.EHOSTUNREACH: "the host cannot be reached (no route to it)",
    errno.ECONNRESET: "the server reset the connection",
}


def _reason(exc: BaseException, timeout: float) -> str:
    """One line for what went wrong underneath urllib3's wrappers.

    The order matters: urllib3's NewConnectionError (a refused connection) is a subclass of its
    ConnectTimeoutError, and a name that does not resolve is a NewConnectionError.
    """
    cause = exc.reason if isinstance(exc, MaxRetryError) and exc.reason is not None else exc
    if isinstance(cause, NameResolutionError) or "Name or service not known" in str(cause):
        return "the host name could not be resolved (no such host, or no network)"
    if isinstance(cause, NewConnectionError):
        underneath = cause.__cause__ or cause.__context__
        code = getattr(underneath, "errno", None)
        if code in _CONNECT_ERRORS:
            return _CONNECT_ERRORS[code]
        if isinstance(underneath, TimeoutError | socket.timeout):
            return f"no answer within {timeout:g} s (timed out)"
        return "the connection could not be made"
    if isinstance(cause, ConnectTimeoutError | ReadTimeoutError | TimeoutError):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(cause, SSLError):
        return f"the secure connection failed ({str(cause).splitlines()[0][:160]})"
    if isinstance(cause, ProtocolError):
        return "the connection broke off before the page was complete"
    if isinstance(cause, ValueError):  # http.client's InvalidURL, an IDNA name that cannot be encoded
        return f"not a valid web address ({str(cause).splitlines()[0][:160]})"
    if code := _CONNECT_ERRORS.get(getattr(cause, "errno", None) or -1):
        return code
    return str(cause).splitlines()[0][:200] or type(cause).__name__


def fetch_page(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedPage:
    """GET a web page; raise BriefbookError (one line, naming the address) on any failure.

    ``timeout`` bounds connecting and each wait for the server; the whole fetch, redirects
    included, ends at :data:`DEADLINE_FACTOR` times it, however the server drips its answer.
    """
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = webpage.MAX_PAGE_BYTES if max_bytes is None else max_bytes
    _check_address(url, url)
    with Deadline(timeout * DEADLINE_FACTOR) as deadline:
        try:
            return _fetch(url, timeout, max_bytes, max_redirects, deadline)
        except (HTTPError, OSError, ValueError) as exc:
            if deadline.expired:
                raise _late(url, deadline) from None
            raise _fail(url, _reason(exc, timeout)) from None


def _late(url: str, deadline: Deadline) -> BriefbookError:
    return _fail(url, f"the page took longer than {deadline.seconds:g} s to arrive (timed out)")


def _fetch(url: str, timeout: float, max_bytes: int, max_redirects: int, deadline: Deadline) -> FetchedPage:
    pool = urllib3.PoolManager(
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            # a fresh connection per request: a redirect's unread body never spoils the next one
            "Connection": "close",
        },
        retries=False,
    )
    pool.pool_classes_by_scheme = _pool_classes(deadline)
    seen = [url]
    current = url
    while True:
        wait = urllib3.Timeout(connect=min(timeout, deadline.left()), read=timeout)
        response = pool.request("GET", current, redirect=False, preload_content=False, timeout=wait)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise _fail(url, f"HTTP {response.status} redirect without a Location")
                try:
                    target = urljoin(current, location)
                except ValueError:
                    target = location
                _check_address(target, url)
                if target in seen:
                    raise _fail(url, f"a redirect loop ({printable(current)} -> {printable(target)})")
                if len(seen) > max_redirects:
                    raise _fail(url, f"more than {max_redirects} redirects")
                seen.append(target)
                current = target
                continue
            if response.status >= 400:
                raise _fail(
                    url,
                    f"the server answered HTTP {response.status} {printable(response.reason or '')}".rstrip(),
                )
            if response.status != 200:
                raise _fail(url, f"the server answered HTTP {response.status}, not a page")
            content_type = response.headers.get("Content-Type", "")
            media = content_type.split(";")[0].strip().lower()
            if media and media not in HTML_TYPES:
                raise _fail(
                    url, f"not a web page: the server says it is {printable(media)}", Code.PAGE_NOT_HTML
                )
            length = response.headers.get("Content-Length", "")
            if length.isascii() and length.isdigit() and int(length) > max_bytes:
                raise _fail(
                    url,
                    f"the page is {int(length) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB",
                    Code.FILE_TOO_LARGE,
                )
            data = _read_bounded(response, url, max_bytes, deadline)
        finally:
            _finish(response)
        charset = _CHARSET.search(content_type)
        return FetchedPage(
            url=current,
            data=data,
            content_type=content_type,
            charset=charset.group(1) if charset else None,
            redirects=tuple(seen[1:]),
        )


def _finish(response) -> None:
    """Done with a response: drop its connection, so the next request (a redirect's) starts clean."""
    response.close()
    response.release_conn()


def _read_bounded(response, url: str, max_bytes: int, deadline: Deadline) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(_CHUNK, decode_content=True):
        size += len(chunk)
        if size > max_bytes:
            raise _fail(
                url, f"the page is larger than the limit of {max_bytes / 1e6:.0f} MB", Code.FILE_TOO_LARGE
            )
        if deadline.expired:
            raise _late(url, deadline)
        chunks.append(chunk)
    if deadline.expired:  # the deadline's shutdown ended the answer: it may look complete; it is not
        raise _late(url, deadline)
    if not size:
        raise _fail(url, "the server sent an empty page")
    return b"".join(chunks)
