"""One validation layer: the published schemas, the lists they share with the code, dates,
suggestions, problem codes and settings, each documented where users look."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from io import StringIO

import jsonschema
import pytest
from helpers import REPO
from sphinx.errors import ConfigError
from sphinx.util.console import strip_colors

from briefbook.dates import parse_date
from briefbook.editorial.validation import SCHEMAS, schema, validate
from briefbook.editorial.yamlload import load_yaml_text
from briefbook.errors import BriefbookError, Code, Problem, did_you_mean
from briefbook.kinds import (
    ARTICLE_KINDS,
    CREDIBILITY_GRADES,
    GLOSSARY_KINDS,
    NOTE_KINDS,
    ORIGIN_KINDS,
    RELIABILITY_GRADES,
    STANCES,
)
from briefbook.sphinxext.config import SETTINGS
from briefbook.sphinxext.generator import log_problem

README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", SCHEMAS)
def test_published_schemas_are_valid_json_schema_and_what_briefbook_reads(name):
    text = resources.files("briefbook.editorial").joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    published = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(published)
    assert published == schema(name)
    assert f"`{name}.schema.json`" in README


def test_the_schemas_list_the_same_kinds_and_stances_as_the_code():
    sidecar = schema("sidecar")
    note = sidecar["properties"]["notes"]["items"]["properties"]
    assert sidecar["properties"]["kind"]["enum"] == list(ARTICLE_KINDS)
    assert note["kind"]["enum"] == list(NOTE_KINDS)
    assert note["stance"]["enum"] == list(STANCES)
    glossary_kind = schema("glossary")["$defs"]["entry"]["properties"]["kind"]
    assert glossary_kind["examples"] == list(GLOSSARY_KINDS)
    # the open list of glossary kinds: every listed kind passes the pattern
    assert all(re.fullmatch(glossary_kind["pattern"], kind) for kind in GLOSSARY_KINDS)
    # the provenance lists: origin kinds, a source's grades, a claim's grades
    assert schema("origins")["$defs"]["origin"]["properties"]["kind"]["enum"] == list(ORIGIN_KINDS)
    assert sidecar["properties"]["reliability"]["properties"]["grade"]["enum"] == list(RELIABILITY_GRADES)
    credibility = schema("claims")["$defs"]["claim"]["properties"]["credibility"]["properties"]["grade"]
    assert (credibility["minimum"], credibility["maximum"]) == (
        min(CREDIBILITY_GRADES),
        max(CREDIBILITY_GRADES),
    )


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("2026", "2026"),
        ("2026-02", "2026-02"),
        ("2026-02-05", "2026-02-05"),
        ("2024-02-29", "2024-02-29"),
        (2025, "2025"),
        ("2026-13-45", None),
        ("2026-02-31", None),
        ("2025-02-29", None),
        ("2026-00", None),
        ("0000", None),
        ("26-02-05", None),
        ("5 Feb 2026", None),
        ("2026-2-5", None),
        (True, None),
        (None, None),
        (20260205, None),
    ],
)
def test_one_date_parser_for_every_date(value, parsed):
    assert parse_date(value) == parsed


def test_the_suggestion_is_the_nearest_choice_whatever_its_case():
    assert did_you_mean("newz", ["news", "analysis"]) == "did you mean 'news'?"
    assert did_you_mean("Acronym", ["acronym", "person"]) == "did you mean 'acronym'?"
    assert did_you_mean("zzz", ["news", "analysis"]) is None


def test_every_problem_code_is_documented_in_the_readme():
    table = README[README.index("## Problems and their codes") :]
    documented = re.findall(r"^\| `([a-z.-]+)` \|", table, re.MULTILINE)
    assert documented == [code.value for code in Code]


def test_every_setting_is_documented_in_the_readme_with_its_default():
    table = README[README.index("## Settings") :]
    for setting in SETTINGS:
        assert f"| `{setting.name}` | `{json.dumps(setting.default)}` |" in table
        for choice in setting.choices:
            assert f"`{choice}`" in table


def test_a_validation_problem_carries_every_field():
    data = load_yaml_text("title: T\nkind: newz\n", "a.yaml")
    [problem] = validate(data, "sidecar", "a.yaml")
    assert problem.as_dict() == {
        "file": "a.yaml",
        "line": 2,
        "column": None,
        "code": "schema.choice",
        "severity": "error",
        "message": "'kind': 'newz' is not allowed; expected one of: news, analysis, opinion, newsletter",
        "hint": "did you mean 'news'?",
    }


# --------------------------------------------------------------------- in Sphinx


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_problems_are_logged_at_their_line_as_briefbook_codes(app, warning):
    log_problem(Problem(Code.SIDECAR_ORPHAN, "no article for this sidecar", "seeds/a.yaml", 3))
    log_problem(Problem(Code.SCHEMA_CHOICE, "'kind': 'newz' is not allowed", "seeds/b.yaml", 4, hint="news?"))
    lines = strip_colors(warning.getvalue()).splitlines()
    assert lines[0].startswith("seeds/a.yaml:3: WARNING: no article for this sidecar")
    assert lines[0].endswith("[briefbook.sidecar.orphan]")
    assert lines[1].startswith("seeds/b.yaml:4: ERROR: 'kind': 'newz' is not allowed; news?")


@pytest.mark.sphinx(
    "html", testroot="basic", freshenv=True, confoverrides={"suppress_warnings": ["briefbook.sidecar.orphan"]}
)
def test_a_kind_of_warning_can_be_suppressed(app, warning):
    log_problem(Problem(Code.SIDECAR_ORPHAN, "no article for this sidecar", "seeds/a.yaml", 3))
    assert warning.getvalue() == ""


def test_a_setting_out_of_its_choices_stops_the_build_at_conf_py(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "basic"
    shutil.copytree(rootdir / "test-basic", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'briefbook_link_terms = "evry"\n', "utf-8")
    line = len(conf.read_text("utf-8").splitlines())
    warning = StringIO()
    with pytest.raises(ConfigError, match="1 problem"):
        make_app("html", srcdir=srcdir, warning=warning)
    assert strip_colors(warning.getvalue()).startswith(
        f"{conf}:{line}: ERROR: briefbook_link_terms = 'evry': expected one of: first, every; "
        "did you mean 'every'?"
    )
    assert not (srcdir / "articles").exists()  # nothing generated


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # a billion laughs in ten lines: refused at the first alias, before anything is built
        (
            "a: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
            ),
            2,
            "an alias (*a): briefbook files do not use YAML anchors and aliases",
        ),
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "YAML error: exceeded maximum nesting depth"),
        (
            "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n",
            41,
            "nested more than 40 levels",
        ),
    ],
)
def test_hostile_yaml_is_refused_with_its_line_and_no_traceback(tmp_path, text, line, message):
    from briefbook.editorial.sidecar import load_sidecar

    path = tmp_path / "000_x.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(BriefbookError) as caught:
        load_sidecar(path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (str(path), line)
    assert problem.message.startswith(message)


def test_a_yaml_file_too_large_is_refused_before_it_is_read(tmp_path):
    from briefbook.editorial.yamlload import load_yaml

    path = tmp_path / "glossary.yaml"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    with pytest.raises(BriefbookError) as caught:
        load_yaml(path)
    assert str(caught.value) == f"{path}: 6.0 MB of YAML; a briefbook file holds at most 5 MB"
