"""Files written whole or not at all, and only when their content changes.

A module of its own, light to import: the process that runs a build publishes
with it after Sphinx, without the reading pipeline.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def file_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp would give 0600 whatever it is)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically, and only if the content differs; return whether it was written.

    The text goes to a temporary file beside ``path``, then replaces it by rename, so a reader
    (or a kill) never meets half a file; if writing fails (a full disk), the temporary file goes.
    """
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".bb-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
