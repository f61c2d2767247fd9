"""Fetching a web page for ``briefbook add https://...``: bounded, honest, and clear when it fails.

Bounded: a timeout for connecting and for each read, an overall deadline, a
ceiling on the page's size (checked against ``Content-Length`` first, then while
reading) and a limit on redirects (a loop is named as one).  Honest: the
User-Agent says what is asking.  Clear: every failure is one
:class:`BriefbookError` line naming the address and what went wrong, and
nothing is written before the page is in memory and known to be a web page.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import urllib3
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
from ..printable import printable
from . import webpage

TIMEOUT_SECONDS = 20.0
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
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _fail(original, f"redirected to {printable(url)}, which is not an http or https address")
    if not parts.hostname:
        raise _fail(original, "not a web address with a host name")


def _reason(exc: BaseException, timeout: float) -> str:
    """One line for what went wrong underneath urllib3's wrappers."""
    cause = exc.reason if isinstance(exc, MaxRetryError) and exc.reason is not None else exc
    if isinstance(cause, NameResolutionError) or "Name or service not known" in str(cause):
        return "the host name could not be resolved (no such host, or no network)"
    if isinstance(cause, ConnectTimeoutError | ReadTimeoutError):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(cause, SSLError):
        return f"the secure connection failed ({str(cause).splitlines()[0][:160]})"
    if isinstance(cause, NewConnectionError):
        return "the connection was refused or could not be made"
    if isinstance(cause, ProtocolError):
        return "the connection broke off before the page was complete"
    return str(cause).splitlines()[0][:200] or type(cause).__name__


def fetch_page(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedPage:
    """GET a web page; raise BriefbookError (one line, naming the address) on any failure."""
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = webpage.MAX_PAGE_BYTES if max_bytes is None else max_bytes
    _check_address(url, url)
    deadline = time.monotonic() + timeout * 3  # connect, wait, and read a large page
    pool = urllib3.PoolManager(
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            # a fresh connection per request: a redirect's unread body never spoils the next one
            "Connection": "close",
        },
        retries=False,
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
    )
    seen = [url]
    current = url
    while True:
        try:
            response = pool.request("GET", current, redirect=False, preload_content=False)
        except (HTTPError, OSError) as exc:
            raise _fail(url, _reason(exc, timeout)) from None
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise _fail(url, f"HTTP {response.status} redirect without a Location")
                target = urljoin(current, location)
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
                    url, f"the server answered HTTP {response.status} {response.reason or ''}".rstrip()
                )
            if response.status != 200:
                raise _fail(url, f"the server answered HTTP {response.status}, not a page")
            content_type = response.headers.get("Content-Type", "")
            media = content_type.split(";")[0].strip().lower()
            if media and media not in HTML_TYPES:
                raise _fail(
                    url, f"not a web page: the server says it is {printable(media)}", Code.PAGE_NOT_HTML
                )
            length = response.headers.get("Content-Length")
            if length and length.isascii() and length.isdigit() and int(length) > max_bytes:
                raise _fail(
                    url,
                    f"the page is {int(length) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB",
                    Code.FILE_TOO_LARGE,
                )
            data = _read_bounded(response, url, max_bytes, deadline, timeout)
        except (HTTPError, OSError) as exc:
            raise _fail(url, _reason(exc, timeout)) from None
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


def _read_bounded(response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(_CHUNK, decode_content=True):
        size += len(chunk)
        if size > max_bytes:
            raise _fail(
                url, f"the page is larger than the limit of {max_bytes / 1e6:.0f} MB", Code.FILE_TOO_LARGE
            )
        if time.monotonic() > deadline:
            raise _fail(url, f"the page took longer than {timeout * 3:g} s to arrive (timed out)")
        chunks.append(chunk)
    if not size:
        raise _fail(url, "the server sent an empty page")
    return b"".join(chunks)
