"""Sidecar loading and validation: errors name the file and line, and suggest the fix."""

from __future__ import annotations

import pytest

from briefbook.editorial.sidecar import load_sidecar
from briefbook.errors import BriefbookError, Code


def write(tmp_path, text: str):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(BriefbookError) as caught:
        load_sidecar(path)
    return [str(p) for p in caught.value.problems]


def test_a_valid_sidecar_loads_with_note_lines(tmp_path):
    path = write(
        tmp_path,
        'title: T\nkind: news\ndate: "2026-02-05"\nnotes:\n  - quote: q\n    kind: sic\n    note: >-\n      folded\n      text\n',
    )
    sidecar = load_sidecar(path)
    assert (sidecar.title, sidecar.date, sidecar.publisher) == ("T", "2026-02-05", None)
    assert sidecar.notes[0].line == 5 and sidecar.notes[0].note_line == 8
    assert sidecar.notes[0].note == "folded text"


def test_unknown_key_suggests_the_nearest(tmp_path):
    path = write(
        tmp_path,
        "title: T\nkind: news\nnotes:\n  - quote: q\n    kind: context\n    note: n\n    bassis: b\n",
    )
    [message] = problems(path)
    assert message == (
        f"{path}:7: unknown key 'bassis' in note (expected one of: quote, prefix, suffix, occurrence, in, "
        "kind, note, basis, claim, stance, origin); did you mean 'basis'?"
    )


def test_fact_check_needs_a_basis_and_bad_kind_is_named(tmp_path):
    path = write(tmp_path, "title: T\nkind: newz\nnotes:\n  - quote: q\n    kind: fact-check\n    note: n\n")
    found = problems(path)
    assert found == [
        f"{path}:2: 'kind': 'newz' is not allowed; expected one of: news, analysis, opinion, newsletter; "
        "did you mean 'news'?",
        f"{path}:5: a fact-check needs a 'basis': where the outside fact comes from",
    ]


def test_yaml_syntax_error_has_file_and_line(tmp_path):
    path = write(tmp_path, "title: T\nkind: news\nnotes: [\n")
    with pytest.raises(Exception, match=rf"{path}:4: YAML error"):
        load_sidecar(path)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-13-45", "'date': '2026-13-45' is not a date on the calendar"),
        ("2026-02-31", "'date': '2026-02-31' is not a date on the calendar"),
        ("5 Feb 2026", "'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '5 Feb 2026'"),
    ],
)
def test_a_date_must_exist_on_the_calendar(tmp_path, date, message):
    path = write(tmp_path, f'title: T\nkind: news\ndate: "{date}"\n')
    with pytest.raises(BriefbookError) as caught:
        load_sidecar(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.message) == (Code.DATE_INVALID, 3, message)


def test_a_year_a_month_or_a_day_are_dates(tmp_path):
    for date in ("2026", "2026-02", "2024-02-29"):
        assert load_sidecar(write(tmp_path, f'title: T\nkind: news\ndate: "{date}"\n')).date == date


def test_an_unknown_note_kind_suggests_the_nearest(tmp_path):
    path = write(tmp_path, "title: T\nkind: news\nnotes:\n  - quote: q\n    kind: contxt\n    note: n\n")
    assert problems(path) == [
        f"{path}:5: 'kind': 'contxt' is not allowed; expected one of: context, fact-check, discrepancy, "
        "definition, analysis, sic; did you mean 'context'?"
    ]


def test_a_claim_and_its_stance_go_together(tmp_path):
    path = write(
        tmp_path,
        "title: T\nkind: news\nnotes:\n  - quote: q\n    kind: context\n    note: n\n    stance: supports\n"
        "  - quote: r\n    kind: context\n    note: n\n    claim: c\n",
    )
    assert problems(path) == [
        f"{path}:7: a 'stance' needs the 'claim' it bears on",
        f"{path}:11: a 'claim' needs a 'stance': supports, contradicts or qualifies",
    ]


def test_an_empty_sidecar_names_what_is_missing(tmp_path):
    path = write(tmp_path, "")
    assert problems(path) == [
        f"{path}:1: missing required field 'title' in sidecar",
        f"{path}:1: missing required field 'kind' in sidecar",
    ]


def test_the_articles_own_clutter_rules_are_checked_with_the_sidecar(tmp_path):
    path = write(
        tmp_path,
        "title: T\nkind: news\nclean:\n  drop:\n    - rule: promo\n      pattern: '.*'\n"
        "    - rule: footer\n      line: Subscribe now\n",
    )
    assert problems(path) == [
        f"{path}:6: 'pattern' '.*' of rule 'promo' matches an empty line, so it would match anything; "
        "make it match only the clutter"
    ]
    path.write_text("title: T\nkind: news\nclean:\n  drop:\n    - rule: footer\n      line: Subscribe now\n")
    [rule] = load_sidecar(path).clean_rules
    assert rule.name == "footer" and rule.regex.fullmatch("Subscribe   now")
