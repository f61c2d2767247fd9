"""Benchmark: what hostile and outsized inputs cost, and how each is answered.

Each case is a copy of the tiny book (``tests/tinybook.py``) with one file made
hostile: YAML alias bombs in a sidecar, the glossary and the claims, nesting a
thousand and a hundred thousand levels deep, a YAML file over the size
ceiling, an article over the size ceiling, one just under it, two 600 KB
articles repeating one sentence (quadratic before shared passages were
bounded), an article that is a saved web page's HTML, a single paragraph of
a megabyte, bytes that are not text.  ``briefbook check`` runs on each in a
process of its own; the script prints its exit status, the first line it
said, its wall time and its peak memory, and a verdict:

* **refused**: exit status 1, no traceback, the first line names the file;
* **accepted**: exit status 0, no traceback;
* anything else (a traceback, a signal, a timeout) fails the run.

With ``--build`` the accepted cases are also built to HTML (``briefbook build
--html``), the step that took minutes on them before.

Run:  .venv/bin/python scripts/bench_hostile.py [--build] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests")]

from tinybook import make_book  # noqa: E402

SENTENCE = "The delegations agreed to restore the channel between the two general staffs at once. "


def alias_bomb(key: str) -> str:
    """A billion laughs: ten lines, nine aliases deep."""
    lines = [f"{key}: &a [x,x,x,x,x,x,x,x,x]\n"]
    for i in range(9):
        name, previous = chr(98 + i), chr(97 + i)
        lines.append(f"k{name}: &{name} [{','.join(['*' + previous] * 9)}]\n")
    return "".join(lines)


def write(relative: str, text: str | bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")

    return change


def sparse(relative: str, size: int) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with (root / relative).open("wb") as handle:
            handle.truncate(size)

    return change


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        for one in changes:
            one(root)

    return change


def article(stem: str, text: str) -> Callable[[Path], None]:
    sidecar = f'title: "{stem}"\npublisher: "Test"\ndate: "2026-02-08"\nkind: news\n'
    return both(write(f"seeds/{stem}.txt", text), write(f"seeds/{stem}.yaml", sidecar))


def web_page() -> str:
    chrome = '<div class="nav"><a href="/">Home</a> <a href="/world">World</a></div>\n'
    body = "".join(f"<p>{SENTENCE * 4}</p>\n<script>track({i});</script>\n" for i in range(2_000))
    return f"<!doctype html><html><head><title>x</title></head><body>{chrome * 50}{body}</body></html>\n"


MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], None]
    refused: bool  # whether briefbook must refuse it (else: accept it, at a bounded cost)


CASES = [
    Case("sidecar: YAML alias bomb (1 KB)", write("seeds/001_beta.yaml", alias_bomb("title")), True),
    Case("glossary: YAML alias bomb", write("seeds/glossary.yaml", alias_bomb("terms")), True),
    Case("claims: YAML alias bomb", write("seeds/claims.yaml", alias_bomb("claims")), True),
    Case(
        "sidecar: nested 1,000 deep (flow)",
        write("seeds/001_beta.yaml", "a: " + "[" * 1000 + "]" * 1000),
        True,
    ),
    Case(
        "sidecar: nested 100,000 deep (flow)",
        write("seeds/001_beta.yaml", "a: " + "[" * 100_000 + "]" * 100_000),
        True,
    ),
    Case(
        "sidecar: nested 1,000 deep (block)",
        write(
            "seeds/001_beta.yaml", "".join("  " * i + f"k{i}:\n" for i in range(1000)) + "  " * 1000 + "v\n"
        ),
        True,
    ),
    Case("glossary: 6 MB of YAML", sparse("seeds/glossary.yaml", 6 * MB), True),
    Case("article: 50 MB", sparse("seeds/003_delta.txt", 50 * MB), True),
    Case("article: bytes that are not text", write("seeds/003_delta.txt", bytes(range(256)) * 64), True),
    Case(
        "article: 4.9 MB of prose, 1,000 paragraphs",
        article("004_big", "\n\n".join([SENTENCE * 60] * 1000)[: int(4.9 * MB)]),
        False,
    ),
    Case("article: one paragraph of 1 MB", article("004_line", (SENTENCE * 12_500)[:MB]), False),
    Case(
        "two 600 KB articles repeating one sentence",
        both(
            article("004_echo", (SENTENCE * 7_000).strip()),
            article("005_echo", "Before that, nothing. " + (SENTENCE * 7_000).strip()),
        ),
        False,
    ),
    Case("article: a saved web page's HTML as text (1.7 MB)", article("004_page", web_page()), False),
]


@dataclass(frozen=True)
class Outcome:
    status: int | None  # None: timed out
    first_line: str
    seconds: float
    peak_mb: float
    traceback: bool


def run(command: list[str], cwd: Path, timeout: float) -> Outcome:
    """Run ``command``; its exit status, first line, wall time and peak resident memory (of the
    process and its children, as the kernel counted them)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = started + timeout
    status = None
    peak = 0
    while time.perf_counter() < deadline:
        pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(wait_status)
            peak = usage.ru_maxrss
            process.returncode = status
            break
        time.sleep(0.02)
    else:
        process.kill()
        process.wait()
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    lines = [line for line in output.splitlines() if line.strip()]
    return Outcome(status, lines[0] if lines else "", seconds, peak / 1024, "Traceback" in output)


def briefbook(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefbook", *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="also build the accepted cases to HTML")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a case counts as a hang")
    args = parser.parse_args()
    bad = 0
    refused = accepted = 0
    worst_seconds = worst_mb = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        baseline = make_book(Path(tmp) / "baseline")
        base = run(briefbook("check"), baseline, args.timeout)
        print(
            f"{'the tiny book as it is':52} exit {base.status}  {base.seconds:6.2f} s  {base.peak_mb:6.0f} MB"
        )
        for case in CASES:
            root = make_book(Path(tmp) / "book")
            case.change(root)
            outcome = run(briefbook("check"), root, args.timeout)
            good = outcome.status == (1 if case.refused else 0) and not outcome.traceback
            verdict = ("refused" if case.refused else "accepted") if good else "FAILED"
            bad += not good
            refused += good and case.refused
            accepted += good and not case.refused
            worst_seconds = max(worst_seconds, outcome.seconds)
            worst_mb = max(worst_mb, outcome.peak_mb)
            status = "hang" if outcome.status is None else f"exit {outcome.status}"
            print(
                f"{case.name:52} {status:6}  {outcome.seconds:6.2f} s  {outcome.peak_mb:6.0f} MB  {verdict}"
            )
            print(f"    {outcome.first_line[:150]}")
            if args.build and not case.refused and good:
                built = run(briefbook("build", "--html"), root, args.timeout * 4)
                ok = built.status == 0 and not built.traceback
                bad += not ok
                print(
                    f"    build --html: exit {built.status}  {built.seconds:6.2f} s  {built.peak_mb:6.0f} MB"
                    f"  {'ok' if ok else 'FAILED'}"
                )
            shutil.rmtree(root)
    print(
        f"\n{len(CASES)} inputs: {refused} refused cleanly, {accepted} accepted, {bad} failed; "
        f"check's worst: {worst_seconds:.1f} s, {worst_mb:.0f} MB peak"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
