"""Errors briefbook reports to its user: always with the file (and line) at fault."""

from __future__ import annotations

from dataclasses import dataclass


class BriefbookError(Exception):
    """An error in the user's input; its message says where and what was expected."""


@dataclass(frozen=True)
class Problem:
    """One problem found while checking the book's inputs."""

    path: str
    line: int | None
    message: str
    code: str = "error"  # short machine-readable kind, e.g. "anchor.orphan"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" if where else self.message


class ProblemsFound(BriefbookError):
    """Several problems at once, so the user can fix them all in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
