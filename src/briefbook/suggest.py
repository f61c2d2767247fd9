"""One way to say "did you mean": the closest of the valid choices, when one is close enough."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like ``word``, or None when none is close."""
    found = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' for a misspelt word, or '' when nothing is close."""
    near = closest(word, choices, cutoff)
    return f" (did you mean {near!r}?)" if near else ""
