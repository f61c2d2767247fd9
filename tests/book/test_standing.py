"""Each claim's standing: sources and independent origins counted honestly (copies folded, one
statement one origin), and its credibility graded by the rule, every branch of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefbook.book import load_book


def sentence(stem: str, claim: str, number: int) -> str:
    # every five words hold the article's own name, so no two articles share a shingle (no copies)
    return f"Desk {stem} says {claim} {stem} holds {number} {stem} firmly."


def write_book(
    seeds: Path,
    sources: dict[str, tuple[str | None, list[tuple[str, str, str | None]]]],
    claims: dict[str, dict] | None = None,
    origins: list[dict] | None = None,
    texts: dict[str, str] | None = None,
) -> Path:
    """A book: per article its grade and its notes (claim, stance, origin); claims.yaml with
    ``claims`` (id -> extra keys); origins.yaml with ``origins``; ``texts`` in place of the made-up ones."""
    seeds.mkdir(parents=True, exist_ok=True)
    claim_ids: dict[str, dict] = dict(claims or {})
    for stem, (grade, notes) in sources.items():
        lines = [sentence(stem, claim, n) for n, (claim, _, _) in enumerate(notes)]
        text = (texts or {}).get(stem) or " ".join(lines) + "\n"
        (seeds / f"{stem}.txt").write_text(text, "utf-8")
        sidecar = [f'title: "Article {stem}"', f'date: "2026-02-0{int(stem[-1]) + 1}"', "kind: news"]
        if grade:
            sidecar += ["reliability:", f"  grade: {grade}", '  reason: "A reason."']
        sidecar.append("notes:")
        for n, (claim, stance, origin) in enumerate(notes):
            quote = sentence(stem, claim, n) if stem not in (texts or {}) else text.split(".")[n].strip()
            sidecar += [f"  - quote: {json.dumps(quote)}", "    kind: context", '    note: "A note."']
            sidecar += [f"    claim: {claim}", f"    stance: {stance}"]
            if origin:
                sidecar.append(f"    origin: {origin}")
            claim_ids.setdefault(claim, {})
        (seeds / f"{stem}.yaml").write_text("\n".join(sidecar) + "\n", "utf-8")
    entries = [{"id": cid, "statement": f"Claim {cid}.", **extra} for cid, extra in claim_ids.items()]
    (seeds / "claims.yaml").write_text(json.dumps({"claims": entries}), "utf-8")
    if origins is not None:
        (seeds / "origins.yaml").write_text(json.dumps({"origins": origins}), "utf-8")
    return seeds


def statement(origin_id: str = "stmt", label: str = "the statement of 5 February") -> dict:
    return {"id": origin_id, "kind": "statement", "who": "A command", "label": label}


def standing(tmp_path: Path, sources, claims=None, origins=None, claim: str = "c", texts=None):
    return load_book(write_book(tmp_path / "seeds", sources, claims, origins, texts)).standing(claim)


# --- the rule, branch by branch


def test_nothing_for_or_against_cannot_be_judged(tmp_path):
    found = standing(tmp_path, {"001": ("A", [("c", "qualifies", None)])})
    assert (found.grade, found.support_count, found.contradict_count) == (6, 0, 0)
    assert found.grade_reason == "no origin supports or contradicts it"
    assert found.qualifies == ("001",) and found.counts() == "qualified by 1 source"


def test_two_origins_each_reported_by_a_source_graded_a_to_c_confirm_a_claim(tmp_path):
    found = standing(
        tmp_path, {"001": ("B", [("c", "supports", None)]), "002": ("C", [("c", "supports", None)])}
    )
    assert (found.grade, found.support_count) == (1, 2)
    assert (
        found.grade_reason
        == "two independent origins, each reported by a source graded A–C; no contradiction"
    )
    assert found.counts() == "2 sources · 2 independent origins" and found.one_origin is None


def test_two_origins_without_two_good_sources_are_probably_true(tmp_path):
    found = standing(
        tmp_path, {"001": ("C", [("c", "supports", None)]), "002": ("D", [("c", "supports", None)])}
    )
    assert found.grade == 2
    assert found.grade_reason.startswith(
        "two independent origins, fewer than two of them reported by a source"
    )


@pytest.mark.parametrize(
    ("grades", "grade", "reason"),
    [
        (("A",), 2, "one independent origin, reported by a source graded A"),
        (("B", "D"), 2, "one independent origin, reported by a source graded B"),
        (("C",), 3, "one independent origin, its best source graded C"),
        ((None,), 3, "one independent origin, its best source not graded"),
        (("F",), 3, "one independent origin, its best source graded F"),
        (("D",), 4, "one independent origin, reported only by sources graded D or E"),
        (("D", "E"), 4, "one independent origin, reported only by sources graded D or E"),
    ],
)
def test_one_origin_is_graded_by_its_best_source(tmp_path, grades, grade, reason):
    sources = {f"00{n}": (g, [("c", "supports", "stmt")]) for n, g in enumerate(grades, 1)}
    found = standing(tmp_path, sources, origins=[statement()])
    assert found.support_count == 1 and found.grade == grade
    assert found.grade_reason == f"{reason}; no contradiction"


@pytest.mark.parametrize(
    ("supporters", "contradictors", "grade", "reason"),
    [
        (2, 1, 3, "two independent origins support it and one contradicts it"),
        (1, 1, 4, "one independent origin supports it and one contradicts it"),
        (1, 2, 5, "one independent origin supports it and two contradict it"),
    ],
)
def test_a_contradicted_claim_weighs_origins_for_against_origins_against(
    tmp_path, supporters, contradictors, grade, reason
):
    sources = {f"00{n}": ("C", [("c", "supports", None)]) for n in range(1, supporters + 1)}
    sources |= {f"00{n}": ("C", [("c", "contradicts", None)]) for n in range(5, 5 + contradictors)}
    found = standing(tmp_path, sources)
    assert (found.support_count, found.contradict_count, found.grade) == (supporters, contradictors, grade)
    assert found.grade_reason == reason


def test_a_contradiction_only_from_weak_sources_lowers_the_grade_one_step(tmp_path):
    found = standing(
        tmp_path, {"001": ("B", [("c", "supports", None)]), "002": ("D", [("c", "contradicts", None)])}
    )
    assert found.grade == 3  # 2 uncontradicted, one step lower
    assert found.grade_reason == (
        "one independent origin, reported by a source graded B; contradicted only by sources graded D or E, "
        "one step lower"
    )
    # a contradiction from an ungraded source is not weak: the plain rule applies
    found = standing(
        tmp_path / "b", {"001": ("B", [("c", "supports", None)]), "002": (None, [("c", "contradicts", None)])}
    )
    assert found.grade == 4


# --- counting honestly


def test_reports_of_one_statement_are_one_origin_and_say_so(tmp_path):
    sources = {f"00{n}": ("C", [("c", "supports", None)]) for n in range(1, 4)}
    sources["004"] = ("B", [("c", "qualifies", None)])
    found = standing(tmp_path, sources, claims={"c": {"origins": ["stmt"]}}, origins=[statement()])
    assert found.origins_supporting == ("stmt",) and found.support_count == 1
    assert found.one_origin == "four reports, one origin: the statement of 5 February"
    assert found.counts() == "3 sources · 1 independent origin; qualified by 1 source"
    assert found.grade == 3  # the only source graded B merely qualifies it


def test_a_passage_s_own_origin_wins_over_its_claim_s(tmp_path):
    sources = {"001": ("B", [("c", "supports", None)]), "002": ("B", [("c", "supports", "other")])}
    origins = [statement(), statement("other", "an unnamed official")]
    found = standing(tmp_path, sources, claims={"c": {"origins": ["stmt"]}}, origins=origins)
    assert found.origins_supporting == ("stmt", "other") and found.grade == 1


def test_two_origins_known_only_from_one_source_count_once(tmp_path):
    sources = {"001": ("D", [("c", "supports", "stmt"), ("c", "supports", "other")])}
    origins = [statement(), statement("other", "an unnamed official")]
    found = standing(tmp_path, sources, origins=origins)
    assert len(found.origins_supporting) == 2 and found.support_count == 1 and found.grade == 4
    assert found.grade_reason.startswith("two origins, known only from one source, so counted as one")


def test_a_copy_is_counted_as_its_original_never_as_another_source(tmp_path):
    text = (
        " ".join(sentence("001", "c", n) for n in range(1)) + " " + "Filler words of the first article. " * 30
    )
    sources = {"001": ("C", [("c", "supports", None)]), "002": ("A", [("c", "supports", None)])}
    book = load_book(
        write_book(tmp_path / "seeds", sources, texts={"001": text, "002": text + "\n\nOne more line.\n"})
    )
    assert book.copy_of("002") == "001" and [c.copy for c in book.copies_of("001")] == ["002"]
    found = book.standing("c")
    assert found.supports == ("001",) and found.support_count == 1
    assert [r.stem for r in found.reports] == ["001", "002"] and {r.source for r in found.reports} == {"001"}
    assert found.counts() == "1 source · 1 independent origin" and found.one_origin is None


def test_the_editor_s_grade_replaces_the_rule_s_and_says_so(tmp_path):
    claims = {"c": {"credibility": {"grade": 5, "reason": "The record says otherwise."}}}
    found = standing(tmp_path, {"001": ("B", [("c", "supports", None)])}, claims=claims)
    assert (found.grade, found.computed_grade, found.overridden) == (5, 2, True)
    assert found.override_reason == "The record says otherwise."
    assert found.grade_text == "credibility 5, improbable, the editor's grade"
    assert found.computed_text == "credibility 2, probably true"


def test_the_seeds_announcement_is_four_reports_of_one_statement():
    from helpers import SEEDS

    found = load_book(SEEDS).standing("announcement")
    assert found.one_origin == "four reports, one origin: EUCOM's statement of 5 February 2026"
    assert (found.grade, found.support_count) == (2, 1)
