"""A build with nothing to do knows so before Sphinx starts: the inputs' digest against the last build's.

After every build that published, :func:`record` writes down (in the work folder) one digest of
everything the output depends on, and what each builder published, file by file with its size
and time.  The next build computes the same digest first; when it is the one recorded and every
published file is still there as it was written, there is nothing to do and :func:`still_published`
says so: the site, the PDFs and the generated pages are already what these inputs make.

The digest covers, by content: every file below ``seeds/``; every file below ``docs/`` that is not
generated (``conf.py`` and the hand-written pages, their images and includes); briefbook's own code
and files.  And by value: the settings ``conf.py`` computes (it may read the environment), the
environment variables a build reads, the Sphinx options, the Python and the packages installed
(name and version), and the TeX programs the PDF builder runs.  A file touched but not changed
leaves the digest as it was; anything else makes a build run, and a build that starts forgets the
record before it writes anything, so a failed or killed one never leaves a record behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path

from .folders import Folders, conf_namespace, files_below, is_generated

# bump when what the record holds, or what the digest covers, changes
RECORD_VERSION = 1
# the environment variables a build (conf.py, Sphinx, the TeX tools) is known to read
ENVIRONMENT = ("SOURCE_DATE_EPOCH", "LATEXMKOPTS", "TEXINPUTS", "SPHINXOPTS")
# the programs the PDF builder runs
TEX_PROGRAMS = ("latexmk", "xelatex", "xindy")
PACKAGE = Path(__file__).resolve().parent.parent  # briefbook's own code and files


def record_path(folders: Folders) -> Path:
    return folders.work / "built.json"


def _hash_files(digest: hashlib._Hash, label: str, files: Iterable[tuple[str, Path]]) -> None:
    for rel, path in sorted(files):
        digest.update(f"{label}/{rel}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _hash_value(digest: hashlib._Hash, label: str, value: object) -> None:
    digest.update(f"{label}\0{value!r}\0".encode())


def settings_of(namespace: dict) -> list[tuple[str, str]]:
    """The settings ``conf.py`` computed, as text: everything but modules, functions and classes."""
    plain = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset)
    return sorted((key, repr(value)) for key, value in namespace.items() if isinstance(value, plain))


def installed_packages() -> list[str]:
    """The distributions Python finds (their metadata folders name each with its version)."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def program_identity(name: str) -> str:
    """Where a program is and what its file is (size and time): a new TeX Live changes it."""
    path = shutil.which(name)
    if path is None:
        return f"{name}: none"
    real = os.path.realpath(path)
    status = os.stat(real)
    return f"{name}: {real} {status.st_size} {status.st_mtime_ns}"


def inputs_digest(folders: Folders, seeds: Path, options: Sequence[str], pages: bool) -> str:
    """One digest of everything the build's output depends on (see the module's docstring)."""
    digest = hashlib.sha256()
    _hash_value(digest, "record", RECORD_VERSION)
    _hash_files(digest, "seeds", files_below(seeds).items())
    docs = [(rel, path) for rel, path in files_below(folders.docs).items() if not is_generated(rel, path)]
    _hash_files(digest, "docs", docs)
    _hash_files(digest, "code", files_below(PACKAGE).items())
    _hash_value(digest, "settings", settings_of(conf_namespace(folders.docs)))
    environment = sorted(
        (key, value)
        for key, value in os.environ.items()
        if key.startswith("BRIEFBOOK_") or key in ENVIRONMENT
    )
    _hash_value(digest, "environment", environment)
    _hash_value(digest, "options", (list(options), pages, str(folders.out.resolve())))
    _hash_value(digest, "python", (sys.version, sys.executable, installed_packages()))
    _hash_value(digest, "tex", [program_identity(name) for name in TEX_PROGRAMS])
    return digest.hexdigest()


def _manifest(root: Path, files: Iterable[Path]) -> dict[str, list[int]]:
    shown = {}
    for path in files:
        status = path.stat()
        shown[path.relative_to(root).as_posix()] = [status.st_size, status.st_mtime_ns]
    return shown


def published(folders: Folders, builder: str) -> dict[str, list[int]]:
    """What a builder published, file by file: (size, modification time)."""
    if builder == "html":
        return _manifest(folders.site, files_below(folders.site).values()) if folders.site.is_dir() else {}
    if builder == "latexpdf":
        return _manifest(folders.pdfs, sorted(folders.pdfs.glob("*.pdf"))) if folders.pdfs.is_dir() else {}
    if builder == "pages":  # the generated pages copied into docs/
        return _manifest(
            folders.docs, [p for rel, p in files_below(folders.docs).items() if is_generated(rel, p)]
        )
    raise ValueError(builder)


def whole(manifest: dict[str, list[int]], root: Path) -> bool:
    """Whether every file of a manifest is still there as it was published."""
    for rel, (size, mtime) in manifest.items():
        try:
            status = (root / rel).stat()
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns) != (size, mtime):
            return False
    return bool(manifest)


def _root_of(folders: Folders, output: str) -> Path:
    return {"html": folders.site, "latexpdf": folders.pdfs, "pages": folders.docs}[output]


def still_published(folders: Folders, digest: str, outputs: Sequence[str]) -> dict | None:
    """The last build's record, when it was made from inputs of this digest and every output asked
    for is still published as it was; None when a build has something to do."""
    try:
        record = json.loads(record_path(folders).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("digest") != digest:
        return None
    made = record.get("outputs", {})
    for output in outputs:
        if output not in made or not whole(made[output], _root_of(folders, output)):
            return None
    return record


def forget(folders: Folders, digest: str) -> dict[str, dict[str, list[int]]]:
    """A build starts: the record no longer says what is published until it finishes.

    Returns what the last build published from inputs of this same ``digest`` and is still whole
    (the site, when this build makes only the PDF): it stays what these inputs make.
    """
    try:
        last = json.loads(record_path(folders).read_text("utf-8"))
    except (OSError, ValueError):
        last = None
    record_path(folders).unlink(missing_ok=True)
    if not isinstance(last, dict) or last.get("digest") != digest:
        return {}
    made = last.get("outputs", {})
    return {output: made[output] for output in made if whole(made[output], _root_of(folders, output))}


def record(
    folders: Folders, digest: str, outputs: Sequence[str], pages: object, kept: dict | None = None
) -> None:
    """A build published ``outputs`` from inputs of ``digest`` (and ``kept`` from the last build of
    the same inputs is still published): write down what is published."""
    made = {**(kept or {}), **{output: published(folders, output) for output in outputs}}
    text = json.dumps({"digest": digest, "outputs": made, "pages": asdict(pages)}, sort_keys=True)
    path = record_path(folders)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)
