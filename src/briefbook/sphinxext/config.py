"""The book's settings in ``conf.py``: declared once, with their type, their choices and help.

:data:`SETTINGS` is the one list: :func:`setup_settings` registers each with
Sphinx, :func:`setting_problems` checks the values a book sets (as problems at
``conf.py``'s line, with the nearest choice), and the README documents them
(a test compares).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..errors import Code, Problem, did_you_mean
from ..names import LINK_TERMS

PAPERS = {"a4": "a4paper", "letter": "letterpaper"}


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    choices: tuple[str, ...] = ()  # empty: any text
    # what Sphinx reads again when the value changes: everything ("env"), or nothing, where the
    # generated pages change by themselves with it
    rebuild: str = "env"

    def problem(self, value: object, conf_py: Path) -> Problem | None:
        """What is wrong with a value the book sets, or None."""
        if not isinstance(value, str):
            message = f"{self.name} = {value!r}: expected text"
        elif self.choices and value.lower() not in self.choices:
            message = f"{self.name} = {value!r}: expected one of: {', '.join(self.choices)}"
        else:
            return None
        hint = did_you_mean(value, self.choices) if self.choices and isinstance(value, str) else None
        return Problem(Code.CONFIG_VALUE, message, str(conf_py), line_in_conf(conf_py, self.name), hint=hint)


SETTINGS = (
    Setting(
        "briefbook_seeds",
        "../seeds",
        "the folder of articles, sidecars, glossary.yaml, claims.yaml and origins.yaml, relative to conf.py",
    ),
    Setting(
        "briefbook_paper",
        "a4",
        "the PDF's paper size (any case)",
        tuple(PAPERS),
    ),
    Setting(
        "briefbook_link_terms",
        "first",
        "which mentions of a glossary term link to the glossary: the first in each article, or every one",
        LINK_TERMS,
    ),
    Setting(
        "briefbook_since",
        "",
        'the edition to compare the book with on "What\'s new" and in the marks, by name (default: the '
        "latest edition, or the one before it when the book is that edition); naming one also prints "
        "an update brief",
        rebuild="",
    ),
)


def line_in_conf(conf_py: Path, name: str) -> int | None:
    """The line of conf.py that sets ``name``, when it is set there plainly."""
    try:
        lines = conf_py.read_text("utf-8").splitlines()
    except OSError:
        return None
    assignment = re.compile(rf"^{re.escape(name)}\s*(?::[^=]*)?=")
    return next((number for number, text in enumerate(lines, 1) if assignment.match(text)), None)


def setup_settings(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, setting.rebuild, types=frozenset({str}), description=setting.help
        )


def setting_problems(config: Config, confdir: str | Path) -> list[Problem]:
    """Every setting the book gives a value it cannot use."""
    conf_py = Path(confdir) / "conf.py"
    found = (setting.problem(getattr(config, setting.name), conf_py) for setting in SETTINGS)
    return [problem for problem in found if problem is not None]
