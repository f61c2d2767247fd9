"""What briefbook prints on a terminal: names and text from outside made safe, and counts in words.

A file name or an article line may hold control characters: an escape sequence
that recolours or clears the terminal, a carriage return that overwrites what was
printed, a bidi override that reverses it.  Printed as they are, they show the user
something other than what is there.  :func:`printable` shows each as an escape
(``\\x1b``, ``\\u202e``) instead, and leaves every other character alone.

:func:`counted` puts a count and its noun together, in the singular or the plural, so that no
message says "1 lines" or "2 problem(s)".
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab included: it would line up a report wrongly), DEL, the bidi
# embeddings, overrides and isolates, and the line and paragraph separators.
# A file name that is not UTF-8 reaches Python with lone surrogates: they cannot be printed either.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """``str(value)`` with control and bidi characters shown as escapes."""
    return _UNPRINTABLE.sub(_escape, str(value))


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """A count and its noun: ``1 article``, ``2 articles``, ``1 glossary entry``, ``3 glossary entries``.

    ``plural`` is for a noun that does not simply take an s; thousands are grouped (``1,024 bytes``).
    """
    noun = singular if number == 1 else plural or f"{singular}s"
    return f"{number:,} {noun}"
