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

Then the surfaces that take input from outside (``--surfaces``, or ``--only-surfaces``), each in
a process of its own on a fresh tiny book: the annotation API (a blank selection, a sentence
repeated ten thousand times, JSON nested or numbered to choke a parser), ``import-annotations``
(thousands of rows, a note of 60 MB, a file of 100 MB, deep nesting), ``add URL`` against a server
that sends a byte every 19 s, ``export-annotations -o`` onto device nodes of the case's own (never
the system's: a briefbook that replaced its target would replace them), ``init`` with a name that
is not UTF-8, and (with ``--build``) the PDF of 120 notes on one passage.  Each prints its wall
time and peak memory and whether it ended as it must (``answered``: a refusal or the work done,
no traceback, within its bound).  ``--src DIR`` runs every case against another copy of
briefbook's sources (to measure before and after a change).

Run:  .venv/bin/python scripts/bench_hostile.py [--build] [--timeout SECONDS] [--surfaces]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests" / "helpers"), str(ROOT / "tests")]  # tinybook; helpers.asgi

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


def run(command: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Outcome:
    """Run ``command``; its exit status, first line, wall time and peak resident memory (of the
    process and its children, as the kernel counted them)."""
    started = time.perf_counter()
    # a session of its own: a case that hangs is ended with everything it started
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
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
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    seconds = time.perf_counter() - started
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    lines = [line for line in output.splitlines() if line.strip()]
    return Outcome(status, lines[0] if lines else "", seconds, peak / 1024, "Traceback" in output)


def briefbook(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefbook", *args]


# ---------------------------------------------------------------- the surfaces


def case_script(name: str, root: Path) -> list[str]:
    """The command that runs one surface case in a process of its own."""
    return [sys.executable, str(Path(__file__).resolve()), "--run-case", name, "--root", str(root)]


def _add_echo(root: Path, times: int, paragraphs: int = 1) -> None:
    text = "\n\n".join(" ".join([SENTENCE.strip()] * (times // paragraphs)) for _ in range(paragraphs))
    (root / "seeds" / "004_echo.txt").write_text(text + "\n", "utf-8")
    (root / "seeds" / "004_echo.yaml").write_text(
        'title: "Echo"\npublisher: "Wire"\ndate: "2026-02-08"\nkind: news\n', "utf-8"
    )


def _api(root: Path, body: bytes) -> str:
    from helpers.asgi import server_for, write

    answer = write(server_for(root), "add", body)
    return f"HTTP {answer.status}: {answer.body[:140].decode('utf-8', 'replace')}"


def _note(quote: str, **selection: object) -> bytes:
    import json

    return json.dumps(
        {
            "article": "004_echo",
            "selection": {"quote": quote, **selection},
            "note": {"kind": "context", "note": "A note."},
        }
    ).encode()


RECORD_SENTENCES = 2_000  # an article of distinct sentences, for the rows of an import to quote


def _add_record(root: Path) -> None:
    sentences = [
        f"Sentence {i} of the record says what the delegations agreed." for i in range(RECORD_SENTENCES)
    ]
    paragraphs = [" ".join(sentences[i : i + 20]) for i in range(0, RECORD_SENTENCES, 20)]
    (root / "seeds" / "004_echo.txt").write_text("\n\n".join(paragraphs) + "\n", "utf-8")
    (root / "seeds" / "004_echo.yaml").write_text(
        'title: "Record"\npublisher: "Wire"\ndate: "2026-02-08"\nkind: news\n', "utf-8"
    )


def _rows(count: int, text: str = "A note on the passage.") -> bytes:
    """A Hypothesis export of ``count`` notes on the record's sentences (several on each, when there
    are more notes than sentences), each quoting its sentence with the text around it."""
    import json

    rows = [
        {
            "uri": "urn:briefbook:article:004_echo",
            "text": f"{text} {i}" if count > 1 else text,
            "target": [
                {
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": f"Sentence {i % RECORD_SENTENCES} of the record",
                            "prefix": "what the delegations agreed. ",
                            "suffix": " says what",
                        }
                    ]
                }
            ],
        }
        for i in range(count)
    ]
    return json.dumps({"rows": rows}).encode()


def _import(root: Path, data: bytes | None = None, sparse_size: int = 0) -> str:
    path = root / "annotations.json"
    if sparse_size:
        with path.open("wb") as handle:
            handle.truncate(sparse_size)
    else:
        path.write_bytes(data or b"")
    done = subprocess.run(
        briefbook("import-annotations", str(path), "--keep-going", "--article", "004_echo"),
        cwd=root,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    said = (done.stdout + done.stderr).strip().splitlines()
    return f"exit {done.returncode}: {said[-1][:140] if said else ''}" + (
        " Traceback" if "Traceback" in done.stdout + done.stderr else ""
    )


def _dripping_server(gap: float):
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        try:
            while True:
                conn.sendall(b"<")
                time.sleep(gap)
        except OSError:
            pass

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


def _surface(name: str, root: Path) -> str:
    """Run one surface case on the book at ``root``; what it answered, in a line."""
    if name == "api-blank":
        _add_echo(root, 90)  # 8 KB in one paragraph
        return _api(root, _note(" "))
    if name == "api-repeated-position":
        _add_echo(root, 10_000)
        start = (len(SENTENCE.strip()) + 1) * 7_000
        return _api(root, _note(SENTENCE.strip(), start=start, end=start + len(SENTENCE.strip())))
    if name == "api-repeated-unplaced":
        _add_echo(root, 10_000)
        return _api(root, _note(SENTENCE.strip()))
    if name == "api-nested":
        _add_echo(root, 10)
        return _api(root, b"[" * 30_000 + b"]" * 30_000)
    if name == "api-digits":
        _add_echo(root, 10)
        return _api(root, b'{"article": ' + b"7" * 5000 + b"}")
    if name.startswith("import-rows-"):
        _add_record(root)
        return _import(root, _rows(int(name.rsplit("-", 1)[1])))
    if name == "import-huge-note":
        _add_record(root)
        return _import(root, _rows(1, "x" * 60_000_000))
    if name == "import-huge-file":
        return _import(root, sparse_size=100_000_000)
    if name == "import-nested":
        return _import(root, b"[" * 100_000 + b"]" * 100_000)
    if name == "add-drip":
        port = _dripping_server(19.0)
        done = subprocess.run(
            briefbook("add", f"http://127.0.0.1:{port}/"),
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        return f"exit {done.returncode}: {(done.stdout + done.stderr).strip()[:140]}"
    if name.startswith("export-"):
        import os
        import stat

        # a device node of the case's own, never the system's: a briefbook that replaces its target
        # by a regular file (as one did) must not replace /dev/null
        minor = {"export-full": 7, "export-null": 3}[name]
        target = root / name
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        except PermissionError:
            return "skipped: making a device node needs root"
        done = subprocess.run(
            briefbook("export-annotations", "-o", str(target)),
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        kind = "still a device" if stat.S_ISCHR(target.stat().st_mode) else "REPLACED by a regular file"
        return f"exit {done.returncode}, {kind}: {(done.stdout + done.stderr).strip()[:120]}"
    if name == "init-not-utf8":
        import os

        folder = os.fsdecode(bytes(root / "book") + b"-\xff")
        first = subprocess.run(
            briefbook("init", folder), capture_output=True, text=True, errors="replace", check=False
        )
        second = subprocess.run(
            briefbook("init", folder, "--title", "T"),
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
        )
        return f"exit {first.returncode}, then {second.returncode}: {first.stderr.strip()[:120]}"
    if name == "pdf-120-notes":
        folder = root.parent / "pdfbook"
        subprocess.run(briefbook("init", str(folder), "--title", "Notes"), check=True, capture_output=True)
        _add_echo(folder, 30, paragraphs=5)
        notes = "".join(
            f'  - quote: "agreed to restore the channel"\n    occurrence: 7\n    kind: context\n'
            f'    note: "Note {i} on the same passage, a line or two to take room in the margin."\n'
            for i in range(120)
        )
        with (folder / "seeds" / "004_echo.yaml").open("a", encoding="utf-8") as handle:
            handle.write("notes:\n" + notes)
        done = subprocess.run(
            briefbook("build", "--pdf"), cwd=folder, capture_output=True, text=True, check=False
        )
        return f"exit {done.returncode}: {(done.stdout + done.stderr).strip().splitlines()[-1][:140]}"
    raise SystemExit(f"no case {name}")


@dataclass(frozen=True)
class Surface:
    name: str
    case: str
    bound: float  # seconds it must end within
    expect: str  # what its line must say
    slow: bool = False  # only with --build


SURFACES = [
    Surface("API: a blank selection on an 8 KB article", "api-blank", 30, "HTTP 400"),
    Surface("API: a sentence x10,000 in a paragraph, by position", "api-repeated-position", 60, "HTTP 200"),
    Surface("API: the same without a position (refused)", "api-repeated-unplaced", 60, "HTTP 422"),
    Surface("API: JSON nested 30,000 deep", "api-nested", 30, "HTTP 400"),
    Surface("API: an integer of 5,000 digits", "api-digits", 30, "HTTP 400"),
    Surface("import: 1,000 rows", "import-rows-1000", 90, "exit 0"),
    Surface("import: 2,000 rows", "import-rows-2000", 120, "exit 0"),
    Surface("import: 10,000 rows", "import-rows-10000", 300, "exit 0"),
    Surface("import: one note of 60 MB", "import-huge-note", 60, "exit 1"),
    Surface("import: a file of 100 MB", "import-huge-file", 30, "holds at most"),
    Surface("import: JSON nested 100,000 deep", "import-nested", 30, "nested more than"),
    Surface("add URL: a server sending a byte every 19 s", "add-drip", 75, "took longer than 60 s"),
    Surface("export -o a device like /dev/full", "export-full", 30, "still a device"),
    Surface("export -o a device like /dev/null", "export-null", 30, "still a device"),
    Surface("init: a folder name that is not UTF-8, then --title", "init-not-utf8", 30, "exit 1, then 0"),
    Surface("PDF: 120 notes on one passage", "pdf-120-notes", 300, "exit 0", slow=True),
]


def run_surfaces(args: argparse.Namespace, tmp: str, env: dict[str, str]) -> int:
    """Each surface case in a process of its own; how many failed."""
    bad = 0
    print(f"\n{'surface':52} {'':6}  {'seconds':>8}  {'memory':>7}")
    for surface in SURFACES:
        if surface.slow and not args.build:
            continue
        root = make_book(Path(tmp) / "surface" / "book")
        outcome = run(case_script(surface.case, root), root, min(args.timeout, surface.bound * 4), env)
        good = (
            outcome.status == 0
            and not outcome.traceback
            and outcome.seconds <= surface.bound
            and surface.expect in outcome.first_line
        )
        bad += not good
        status = "hang" if outcome.status is None else f"exit {outcome.status}"
        verdict = "answered" if good else "FAILED"
        print(f"{surface.name:52} {status:6}  {outcome.seconds:6.2f} s  {outcome.peak_mb:6.0f} MB  {verdict}")
        print(f"    {outcome.first_line[:150]}")
        shutil.rmtree(Path(tmp) / "surface")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="also build the accepted cases to HTML")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a case counts as a hang")
    parser.add_argument("--surfaces", action="store_true", help="also run the surface cases")
    parser.add_argument("--only-surfaces", action="store_true", help="run the surface cases only")
    parser.add_argument("--src", type=Path, help="run against this copy of briefbook's src/ folder")
    parser.add_argument("--run-case", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_case:  # a child process: one surface case
        print(_surface(args.run_case, args.root), flush=True)
        return 0
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = os.pathsep.join([str(args.src.resolve()), env.get("PYTHONPATH", "")])
    bad = 0
    refused = accepted = 0
    worst_seconds = worst_mb = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        if not args.only_surfaces:
            baseline = make_book(Path(tmp) / "baseline")
            base = run(briefbook("check"), baseline, args.timeout, env)
            print(
                f"{'the tiny book as it is':52} exit {base.status}  {base.seconds:6.2f} s  "
                f"{base.peak_mb:6.0f} MB"
            )
            for case in CASES:
                root = make_book(Path(tmp) / "book")
                case.change(root)
                outcome = run(briefbook("check"), root, args.timeout, env)
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
                    built = run(briefbook("build", "--html"), root, args.timeout * 4, env)
                    ok = built.status == 0 and not built.traceback
                    bad += not ok
                    print(
                        f"    build --html: exit {built.status}  {built.seconds:6.2f} s  "
                        f"{built.peak_mb:6.0f} MB  {'ok' if ok else 'FAILED'}"
                    )
                shutil.rmtree(root)
            print(
                f"\n{len(CASES)} inputs: {refused} refused cleanly, {accepted} accepted, {bad} failed; "
                f"check's worst: {worst_seconds:.1f} s, {worst_mb:.0f} MB peak"
            )
        if args.surfaces or args.only_surfaces:
            failed = run_surfaces(args, tmp, env)
            print(f"\nsurfaces: {failed} failed")
            bad += failed
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
