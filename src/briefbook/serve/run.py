"""The ``briefbook serve`` command: a socket on loopback, the build and watch threads, and the
server, until Ctrl-C or SIGTERM stops them in order."""

from __future__ import annotations

import signal
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import uvicorn

from .. import build
from ..errors import BriefbookError
from .app import Server
from .guard import Allowed, host_names, is_loopback
from .preview import Preview, watch


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
    since: str = "",
) -> int:
    """Serve the live preview until interrupted (Ctrl-C); return the exit status."""

    def say(text: str = "") -> None:
        print(text, file=out, flush=True)

    folders = build.Folders(docs, output=docs / "_build" / "preview")
    sock = listening_socket(host, port)
    bound_port = sock.getsockname()[1]
    allowed = Allowed(host_names(host, allow_hosts), bound_port)
    shown_host = f"[{host}]" if ":" in host else host
    preview = Preview(root, folders, seeds, link_terms=link_terms, jobs=jobs, say=say, since=since)
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
