"""``briefbook serve`` run on a book in a temporary folder, and plain HTTP requests to it (for the
tests of the preview, and for the preview's benchmark, ``scripts/bench_preview.py``)."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# An article both serve suites add to the book, with its sidecar
ECHO = "004_echo"
# written by hand, with what an editor writes that no YAML dumper would
ECHO_SIDECAR = """\
# Echo: the editor's comments stay where they are.
title: 'Echo report'   # as the wire gave it
publisher: "Echo Wire"
date: "2026-02-08"
kind: news
notes:
  # the first note
  - quote: "A second round is planned"
    kind: context   # a comment on the kind
    note: >-
      No date was given; this folded text is wrapped
      by hand and stays as it is.
# the end of the file
"""

SETTLE = 0.5  # s: longer than the watcher takes to pass on a change (it waits 0.1 s for more)
BUILD_TIMEOUT = 240.0  # s: a rebuild of the tiny book takes seconds; a loaded machine is slower


@dataclass
class Served:
    """A running ``briefbook serve``: its address, its book, and what it has printed."""

    root: Path
    process: subprocess.Popen
    port: int
    output: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return self.url

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | dict | None = None,
        headers: dict[str, str] | None = None,
        **options: Any,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request (headers as given: a Host header given replaces the real one)."""
        if isinstance(body, dict):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode("utf-8")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=BUILD_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers or {}, **options)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def get_json(self, path: str) -> tuple[int, dict]:
        status, _, data = self.request("GET", path)
        return status, json.loads(data)

    def token(self) -> str:
        return self.get_json("/_briefbook/api/session")[1]["token"]

    def write(
        self, action: str, payload: dict | bytes | str, *, token: str | None = None, **headers: str
    ) -> tuple[int, dict]:
        """A note's write as the preview's page makes it (valid token and Origin), less what is overridden."""
        return self.post(f"notes/{action}", payload, token=token, **headers)

    def post(
        self, endpoint: str, payload: dict | bytes | str, *, token: str | None = None, **headers: str
    ) -> tuple[int, dict]:
        """A write to ``/_briefbook/api/<endpoint>`` as the preview's page makes it (valid token and
        Origin), less what is overridden."""
        sent = {
            "Content-Type": "application/json",
            "Origin": self.origin,
            "X-Briefbook-Token": token if token is not None else self.token(),
        }
        for name, value in headers.items():
            name = name.replace("_", "-")
            sent = {k: v for k, v in sent.items() if k.lower() != name.lower()}
            if value is not None:
                sent[name] = value
        status, _, data = self.request("POST", f"/_briefbook/api/{endpoint}", payload, sent)
        return status, json.loads(data)

    def status(self) -> dict:
        return self.get_json("/_briefbook/api/status")[1]

    def wait_for_build(self, after: int, timeout: float = BUILD_TIMEOUT) -> dict:
        """Wait until a build newer than generation ``after`` has finished (or one has failed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status()
            if status["state"] == "ok" and status["generation"] > after:
                return status
            if status["state"] == "failed":
                return status
            time.sleep(0.2)
        raise AssertionError(f"no build after generation {after} within {timeout:.0f} s:\n{self.log()}")

    def idle(self, after: int) -> bool:
        """Whether a build newer than generation ``after`` has finished and nothing is left to do."""
        status = self.status()
        busy = status["state"] == "building" or status.get("pending")
        return status["state"] == "ok" and status["generation"] > after and not busy

    def wait_until_idle(self, timeout: float = BUILD_TIMEOUT) -> dict:
        """Wait until no build is under way or asked for (every save so far is built, or failed),
        and stays so for SETTLE seconds: a file a test has just written back is seen by the watcher
        a moment later, and a page opened before that build would reload under the next test."""
        deadline = time.monotonic() + timeout
        quiet: dict | None = None
        while time.monotonic() < deadline:
            status = self.status()
            if status["state"] in ("ok", "failed") and not status.get("pending"):
                if quiet is not None and quiet["generation"] == status["generation"]:
                    return status
                quiet = status
                time.sleep(SETTLE)
                continue
            quiet = None
            time.sleep(0.1)
        raise AssertionError(f"the preview was still busy after {timeout:.0f} s:\n{self.log()}")

    def wait_for_state(self, state: str, timeout: float = BUILD_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status()
            if status["state"] == state:
                return status
            time.sleep(0.2)
        raise AssertionError(f"the preview did not become {state!r} within {timeout:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return "".join(self.output[-60:])

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start(root: Path, *args: str, jobs: str = "1", timeout: float = BUILD_TIMEOUT) -> Served:
    """Start ``briefbook serve --port 0 -j JOBS`` in ``root`` and wait ``timeout`` seconds at most
    for its first build."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefbook", "serve", "--port", "0", "-j", jobs, *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    output: list[str] = []
    assert process.stdout is not None
    port = None
    for line in process.stdout:
        output.append(line)
        if found := re.search(r"http://127\.0\.0\.1:(\d+)/", line):
            port = int(found.group(1))
            break
    if port is None:
        process.wait()
        raise AssertionError("briefbook serve did not start:\n" + "".join(output))
    served = Served(root, process, port, output)
    # keep reading what it prints, so its pipe never fills
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
    status = served.wait_for_build(0, timeout)
    assert status["state"] == "ok", served.log()
    return served
