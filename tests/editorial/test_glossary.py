"""Glossary: loading and validation (with file:line), the term matcher, the content."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import REPO

from briefbook.analysis.candidates import candidate_terms
from briefbook.analysis.termlinks import link_terms_in
from briefbook.analysis.termmatch import TermMatch, TermMatcher, url_spans
from briefbook.editorial.glossary import Entry, Glossary, load_glossary
from briefbook.errors import BriefbookError, Code
from briefbook.models import Article

SEEDS = REPO / "seeds"
GLOSSARY = SEEDS / "glossary.yaml"


# ----------------------------------------------------------------- helpers


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(BriefbookError) as info:
        load_glossary(path)
    return [str(p) for p in info.value.problems]


def entry(entry_id: str, term: str, *aliases: str, case: str = "sensitive") -> Entry:
    return Entry(entry_id, term, "acronym", "definition", 1, aliases=aliases, case=case)


def surfaces(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entry_id) for m in matcher.find(text)]


def seed_text(stem_prefix: str) -> str:
    """A seed article with its lines joined by spaces (no cleaning needed here)."""
    (path,) = SEEDS.glob(f"{stem_prefix}_*.txt")
    return " ".join(path.read_text(encoding="utf-8").split())


# ----------------------------------------------------------------- loading


def test_load_minimal_entry_fills_defaults(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: eucom
            term: EUCOM
            kind: acronym
            expansion: United States European Command
            aliases: [Eucom, U.S. European Command]
            definition: >-
              A US combatant command.
            roles:
              - role: Commander
                from: 2025
                to: null
            date: "2026-02-05"
            sources:
              - title: EUCOM
                url: https://www.eucom.mil/
          - id: saceur
            term: SACEUR
            kind: office
            definition: NATO's top commander.
            related: [eucom]
        """,
    )
    glossary = load_glossary(path)
    assert isinstance(glossary, Glossary)
    assert [e.id for e in glossary.entries] == ["eucom", "saceur"]
    eucom = glossary.by_id("eucom")
    assert eucom.line == 2
    assert eucom.case == "sensitive"
    assert eucom.aliases == ("Eucom", "U.S. European Command")
    assert eucom.roles[0].start == "2025" and eucom.roles[0].end is None
    assert eucom.sources[0].url == "https://www.eucom.mil/"
    assert glossary.by_id("saceur").kind == "office"  # kinds are extendable
    assert glossary.by_id("saceur").related == ("eucom",)
    with pytest.raises(KeyError, match="nope"):
        glossary.by_id("nope")


def test_missing_required_fields_are_reported_at_the_entry(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: eucom
            kind: acronym
            definition: x
          - id: nato
            term: NATO
        """,
    )
    assert problems(path) == [
        f"{path}:2: missing required field 'term' in glossary entry",
        f"{path}:5: missing required field 'kind' in glossary entry",
        f"{path}:5: missing required field 'definition' in glossary entry",
    ]


def test_bad_id_and_bad_kind(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: EUCOM_1
            term: EUCOM
            kind: Acronym
            definition: x
        """,
    )
    assert problems(path) == [
        f"{path}:2: 'id' must be lowercase letters and digits joined by single hyphens, not 'EUCOM_1'",
        f"{path}:4: 'kind' must be a lowercase word (e.g. person, organisation, acronym, unit, treaty, "
        "event, place, concept), not 'Acronym'",
    ]


def test_duplicate_ids_name_both_lines(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: nato
            term: NATO
            kind: acronym
            definition: x
          - id: nato
            term: North Atlantic Treaty Organization
            kind: organisation
            definition: y
        """,
    )
    assert problems(path) == [f"{path}:6: duplicate id 'nato' (first at line 2)"]


def test_alias_claimed_by_two_entries(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: eucom
            term: EUCOM
            kind: acronym
            aliases:
              - European Command
            definition: x
          - id: other
            term: Other
            kind: organisation
            aliases: [European Command]
            definition: y
        """,
    )
    assert problems(path) == [
        f"{path}:11: alias 'European Command' of 'other' is also claimed by 'eucom' (line 6)"
    ]


def test_alias_clash_is_case_folded_for_insensitive_entries(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: us
            term: US
            kind: place
            definition: x
          - id: pronoun
            term: us
            kind: word
            case: insensitive
            definition: y
          - id: usa
            term: Us
            kind: place
            definition: z
        """,
    )
    # 'us' (insensitive) clashes with 'US'; 'Us' clashes with the insensitive 'us'
    # but not with the case-sensitive 'US'.
    assert problems(path) == [
        f"{path}:7: alias 'us' of 'pronoun' is also claimed by 'us' (line 3)",
        f"{path}:12: alias 'Us' of 'usa' is also claimed by 'pronoun' (line 7)",
    ]


def test_case_sensitive_entries_may_differ_only_in_case(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: us
            term: US
            kind: place
            definition: x
          - id: us-lower
            term: Us
            kind: word
            definition: y
        """,
    )
    assert len(load_glossary(path)) == 2


def test_related_must_exist(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: eucom
            term: EUCOM
            kind: acronym
            definition: x
            related:
              - saceur
              - eucom
          - id: saceurs
            term: SACEURS
            kind: acronym
            definition: x
        """,
    )
    assert problems(path) == [
        f"{path}:7: related id 'saceur' does not exist; did you mean 'saceurs'?",
        f"{path}:8: entry 'eucom' lists itself as related",
    ]


def test_unknown_key_suggests_the_nearest(tmp_path):
    path = write(
        tmp_path,
        """
        term:
          - id: x
        """,
    )
    assert problems(path) == [
        f"{path}:1: missing required field 'terms' in glossary file",
        f"{path}:1: unknown key 'term' in glossary file (expected one of: terms); did you mean 'terms'?",
    ]

    path = write(
        tmp_path,
        """
        terms:
          - id: eucom
            term: EUCOM
            kind: acronym
            defintion: x
            alias: [Eucom]
            roles:
              - role: Commander
                form: "2025"
        """,
    )
    entry_keys = "id, term, kind, expansion, aliases, case, definition, roles, date, until, related, sources"
    assert problems(path) == [
        f"{path}:2: missing required field 'definition' in glossary entry",
        f"{path}:5: unknown key 'defintion' in glossary entry (expected one of: {entry_keys}); "
        "did you mean 'definition'?",
        f"{path}:6: unknown key 'alias' in glossary entry (expected one of: {entry_keys}); "
        "did you mean 'aliases'?",
        f"{path}:9: unknown key 'form' in role (expected one of: role, from, to); did you mean 'from'?",
    ]


def test_wrong_types(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: eucom
            term: 1945
            kind: acronym
            definition: x
            aliases: Eucom
            case: loose
            date: 5 Feb 2026
            related: [nato, 3]
            sources:
              - title: EUCOM
                url: eucom.mil
          - just a string
        """,
    )
    assert problems(path) == [
        f"{path}:3: 'term' must be text, not a number",
        f"{path}:6: 'aliases' must be a list, not text",
        f"{path}:7: 'case': 'loose' is not allowed; expected one of: sensitive, insensitive",
        f"{path}:8: 'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '5 Feb 2026'",
        f"{path}:9: related id must be text, not a number",
        f"{path}:12: 'url' must be an http(s) address, not 'eucom.mil'",
        f"{path}:13: glossary entry must be a mapping, not text",
    ]


def test_all_problems_are_collected(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: a
            term: A
            kind: acronym
          - id: Bad Id
            term: B
            kind: acronym
            definition: x
        """,
    )
    assert len(problems(path)) == 2


def test_entries_that_pass_are_checked_against_each_other_while_others_fail(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: nato
            term: NATO
            kind: acronym
            definition: x
          - id: broken
            term: 12
            kind: acronym
            definition: y
          - id: nato
            term: NATO again
            kind: acronym
            definition: z
        """,
    )
    assert problems(path) == [
        f"{path}:7: 'term' must be text, not a number",
        f"{path}:10: duplicate id 'nato' (first at line 2)",
    ]


def test_role_dates_are_calendar_dates_in_order(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: grynkewich
            term: Alexus Grynkewich
            kind: person
            definition: x
            roles:
              - role: SACEUR
                from: 2025-07
                to: 2024
              - role: Earlier post
                from: 2023
                to: "2023-02-30"
        """,
    )
    with pytest.raises(BriefbookError) as info:
        load_glossary(path)
    assert [(p.line, p.code, p.message) for p in info.value.problems] == [
        (12, Code.DATE_INVALID, "'to': '2023-02-30' is not a date on the calendar"),
    ]
    text = path.read_text("utf-8").replace('"2023-02-30"', "2024")
    path.write_text(text, "utf-8")
    with pytest.raises(BriefbookError) as info:
        load_glossary(path)
    [problem] = info.value.problems
    assert (problem.line, problem.code, problem.message) == (
        9,
        Code.GLOSSARY_ROLE_DATES,
        "role ends (2024) before it starts (2025-07)",
    )
    path.write_text(text.replace("to: 2024\n", "to: null\n", 1), "utf-8")
    roles = load_glossary(path).by_id("grynkewich").roles
    assert [(r.role, r.start, r.end) for r in roles] == [
        ("SACEUR", "2025-07", None),
        ("Earlier post", "2023", "2024"),
    ]


# ----------------------------------------------------------------- matcher


@pytest.fixture
def matcher() -> TermMatcher:
    return TermMatcher(
        [
            entry("eucom", "EUCOM", "Eucom", "U.S. European Command", "European Command"),
            entry("us", "United States", "US", "U.S."),
            entry("nato", "NATO", "Nato"),
            entry("new-start", "New START"),
            entry("new-start-treaty", "New START treaty"),
            entry("russia", "Russia"),
            entry("m2m", "military-to-military dialogue", "mil-to-mil", case="insensitive"),
            entry("kremlin", "Kremlin"),
            entry("obrien", "O'Brien"),
            entry("o", "O"),
            entry("brien", "Brien"),
        ]
    )


def test_longest_match_wins(matcher):
    text = "The U.S. European Command said the New START treaty expired; New START matters."
    assert surfaces(matcher, text) == [
        ("U.S. European Command", "eucom"),
        ("New START treaty", "new-start-treaty"),
        ("New START", "new-start"),
    ]


def test_offsets_are_half_open_and_sorted(matcher):
    text = "NATO and Russia"
    found = matcher.find(text)
    assert found == [TermMatch(0, 4, "nato", "NATO"), TermMatch(9, 15, "russia", "Russia")]
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_whole_words_only(matcher):
    assert surfaces(matcher, "NATOs, UNATO, Russian, Russias, EUCOMs, USA") == []
    assert surfaces(matcher, "pro-NATO and NATO-led") == [("NATO", "nato"), ("NATO", "nato")]


def test_aliases_link_to_their_entry(matcher):
    assert surfaces(matcher, "Eucom, European Command and EUCOM") == [
        ("Eucom", "eucom"),
        ("European Command", "eucom"),
        ("EUCOM", "eucom"),
    ]


def test_case_rules(matcher):
    assert surfaces(matcher, "Let us talk to US officials") == [("US", "us")]
    assert surfaces(matcher, "nato, Nato, NATO") == [("Nato", "nato"), ("NATO", "nato")]
    assert surfaces(matcher, "MILITARY-TO-MILITARY DIALOGUE and Mil-to-Mil") == [
        ("MILITARY-TO-MILITARY DIALOGUE", "m2m"),
        ("Mil-to-Mil", "m2m"),
    ]


def test_possessives_match_the_base_term(matcher):
    text = "NATO’s allies, Russia's war and the Kremlin’s view"
    assert surfaces(matcher, text) == [("NATO", "nato"), ("Russia", "russia"), ("Kremlin", "kremlin")]


def test_apostrophe_inside_a_name_is_not_a_possessive(matcher):
    assert surfaces(matcher, "O'Brien and O’Brien") == [("O'Brien", "obrien"), ("O’Brien", "obrien")]
    assert surfaces(matcher, "d'Brien") == []


def test_typographic_hyphens_and_spaces_are_equivalent(matcher):
    text = "military‑to‑military\ndialogue and military–to–military  dialogue"
    found = matcher.find(text)
    assert [m.entry_id for m in found] == ["m2m", "m2m"]
    assert [m.surface for m in found] == [
        "military‑to‑military\ndialogue",
        "military–to–military  dialogue",
    ]


def test_offsets_survive_squeezed_spaces(matcher):
    text = "A  lot   of    space: U.S.   European  Command and    NATO."
    for m in matcher.find(text):
        assert text[m.start : m.end] == m.surface
    assert [m.entry_id for m in matcher.find(text)] == ["eucom", "nato"]


def test_urls_and_domains_are_skipped(matcher):
    text = (
        "See https://www.nato.int/NATO/Russia and www.example.com/Kremlin, "
        "mail press@Nato.org, or eucom.mil/NATO; NATO itself counts."
    )
    assert surfaces(matcher, text) == [("NATO", "nato")]
    assert surfaces(matcher, "https://x.org/mil-to-mil/page") == []


def test_url_spans_exclude_trailing_punctuation():
    text = "Read https://nato.int/a. Then nato.int, and (www.x.com)."
    assert [text[s:e] for s, e in url_spans(text)] == ["https://nato.int/a", "nato.int", "www.x.com"]


def test_initials_and_abbreviations_are_not_domains(matcher):
    assert surfaces(matcher, "The U.S. and St. Petersburg; Russia.Then") == [
        ("U.S.", "us"),
        ("Russia", "russia"),
    ]


def test_dotted_acronym_does_not_match_inside_a_longer_one(matcher):
    assert surfaces(matcher, "the U.S.S.R. and U.S.") == [("U.S.", "us")]


def test_cyrillic_and_other_scripts_do_not_crash(matcher):
    text = "Россия и НАТО: NATO, İstanbul, ß, 日本 Russia"
    assert surfaces(matcher, text) == [("NATO", "nato"), ("Russia", "russia")]
    cyrillic = TermMatcher([entry("nato-ru", "НАТО", case="insensitive")])
    assert surfaces(cyrillic, "Россия и нато, НАТОвский") == [("нато", "nato-ru")]


def test_empty_text_and_empty_glossary():
    assert TermMatcher([]).find("NATO") == []
    assert TermMatcher([entry("nato", "NATO")]).find("") == []


def test_first_mention_per_article_or_every_mention(matcher):
    article = Article("a", Path("a.txt"), ("NATO and NATO", "Russia and NATO", "Russia"))
    firsts, counts = link_terms_in(article, [], matcher, "first")
    assert firsts == ((TermMatch(0, 4, "nato", "NATO"),), (TermMatch(0, 6, "russia", "Russia"),), ())
    assert counts == (("nato", 3), ("russia", 2))
    every, _ = link_terms_in(article, [], matcher, "every")
    assert [len(p) for p in every] == [2, 2, 1]


def test_matcher_builds_from_a_glossary(tmp_path):
    path = write(
        tmp_path,
        """
        terms:
          - id: nato
            term: NATO
            kind: acronym
            aliases: [Nato]
            definition: x
        """,
    )
    assert surfaces(TermMatcher(load_glossary(path)), "Nato") == [("Nato", "nato")]


# ----------------------------------------------------------------- candidates


def test_candidate_terms_lists_acronyms_and_recurring_names(matcher):
    paragraphs = [
        "The Joint Chiefs of Staff met the FBI. NATO agreed.",
        "Despite that, the Joint Chiefs of Staff said President Donald Trump agreed.",
        "In Washington, President Donald Trump spoke. Meanwhile the CIA and the FBI waited.",
        "SCROLL FOR NEXT",
        "See https://www.example.com/ABC for more. The World War II veterans met.",
    ]
    assert candidate_terms(paragraphs, matcher) == [
        ("FBI", 2),
        ("Joint Chiefs of Staff", 2),
        ("President Donald Trump", 2),
        ("CIA", 1),
    ]


def test_candidate_terms_skip_what_the_glossary_covers(matcher):
    paragraphs = ["President Donald Trump met NATO.", "President Donald Trump met NATO."]
    with_trump = TermMatcher([entry("trump", "Donald Trump"), entry("nato", "NATO")])
    assert candidate_terms(paragraphs, matcher) == [("President Donald Trump", 2)]
    assert candidate_terms(paragraphs, with_trump) == []


# ----------------------------------------------------------------- the content

REQUIRED_TERMS = [
    "EUCOM", "SACEUR", "NATO", "New START", "Alexus Grynkewich", "Valery Gerasimov",
    "Vladimir Putin", "Donald Trump", "Steve Witkoff", "Jared Kushner", "Sergei Lavrov",
    "Dmitry Peskov", "Volodymyr Zelenskyy", "Lloyd Austin", "Sergei Shoigu",
    "Andrei Belousov", "Josep Borrell", "Kaja Kallas", "Jim Townsend",
    "Joint Chiefs of Staff", "General Staff of the Russian Armed Forces", "Abu Dhabi",
    "Torgau", "Arthur Nicholson", "Military liaison missions", "Deconfliction line",
    "Kremlin", "Donbas", "RT", "Crimean War", "George McClellan",
]  # fmt: skip

# Entries each seed article must mention (read from the raw .txt, lines joined).
EXPECTED_PER_SEED = {
    "000": {
        "eucom", "alexus-grynkewich", "valery-gerasimov", "donald-trump", "george-mcclellan",
        "crimean-war", "torgau", "elbe-day", "william-robertson", "69th-infantry-division",
        "military-liaison-missions", "arthur-nicholson", "totskoye", "peacekeeper-exercise",
        "joint-chiefs-of-staff", "general-staff", "pacific-command", "strategic-command",
        "us-coast-guard", "fsb-border-service", "cold-war", "world-war-ii", "soviet-union",
        "st-petersburg", "inner-german-border", "victory-day", "1st-infantry-division",
        "3rd-infantry-division", "27th-guards-motor-rifle-division", "war-department",
        "combatant-command", "zaporizhzhia", "starlink", "mark-rutte", "nato", "moscow-times",
        "military-to-military-dialogue",
    },
    "001": {
        "eucom", "saceur", "alexus-grynkewich", "valery-gerasimov", "abu-dhabi-talks",
        "kremlin", "nato", "european-union", "politico", "josep-borrell", "vladimir-putin",
        "white-house", "military-to-military-dialogue",
    },
    "002": {
        "eucom", "alexus-grynkewich", "abu-dhabi-talks", "donald-trump", "vladimir-putin",
        "new-start", "dmitry-peskov", "kremlin", "axios", "deconfliction-line", "nato",
        "syria", "black-sea", "world-war-ii", "cold-war",
    },
    "003": {
        "eucom", "saceur", "alexus-grynkewich", "valery-gerasimov", "general-staff",
        "abu-dhabi", "abu-dhabi-talks", "nato", "jim-townsend", "lloyd-austin",
        "sergei-shoigu", "andrei-belousov", "joe-biden", "steve-witkoff", "jared-kushner",
        "sergei-lavrov", "rt", "donbas", "kyiv", "united-arab-emirates", "donald-trump",
        "poland-drone-incursion", "security-guarantees",
    },
    "004": {
        "eucom", "saceur", "alexus-grynkewich", "al-udeid", "abu-dhabi", "abu-dhabi-talks",
        "donald-trump", "vladimir-putin", "steve-witkoff", "jared-kushner", "donald-tusk",
        "volodymyr-zelenskyy", "kyiv", "united-arab-emirates", "deconfliction-line",
        "us-air-force", "russian-invasion-of-ukraine",
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def seed_matcher(seed_glossary) -> TermMatcher:
    return TermMatcher(seed_glossary)


def test_seed_glossary_loads_with_required_display_terms(seed_glossary):
    terms = {e.term for e in seed_glossary.entries}
    assert not [t for t in REQUIRED_TERMS if t not in terms]
    for e in seed_glossary.entries:
        assert e.definition.strip()
        if e.kind == "acronym":
            assert e.expansion, e.id
        if e.kind == "person":
            assert e.roles or e.id in {"william-robertson", "arthur-nicholson"}, e.id


def test_seed_glossary_spellings(seed_matcher):
    cases = {
        "EUCOM": "eucom", "Eucom": "eucom", "U.S. European Command": "eucom",
        "US European Command": "eucom", "United States European Command": "eucom",
        "European Command": "eucom", "Gen. Alexus Grynkewich": "alexus-grynkewich",
        "Alexus G. Grynkewich": "alexus-grynkewich",
        "General Alexus Grynkewich": "alexus-grynkewich", "Grynkewich": "alexus-grynkewich",
        "Zelenskyy": "volodymyr-zelenskyy", "Zelensky": "volodymyr-zelenskyy",
        "Nato": "nato", "NATO": "nato", "New START": "new-start",
        "Supreme Allied Commander Europe": "saceur",
    }  # fmt: skip
    for text, entry_id in cases.items():
        assert surfaces(seed_matcher, f"({text}’s)") == [(text, entry_id)], text


@pytest.mark.parametrize("seed", sorted(EXPECTED_PER_SEED))
def test_each_seed_mentions_its_entries(seed, seed_matcher):
    found = {m.entry_id for m in seed_matcher.find(seed_text(seed))}
    assert EXPECTED_PER_SEED[seed] <= found, sorted(EXPECTED_PER_SEED[seed] - found)


def test_every_entry_is_found_in_the_seeds_or_is_deliberately_context(seed_glossary, seed_matcher):
    found = {m.entry_id for seed in EXPECTED_PER_SEED for m in seed_matcher.find(seed_text(seed))}
    # Entries that explain the seeds but are not named in them.
    context_only = {"afcent", "kaja-kallas"}
    assert {e.id for e in seed_glossary.entries} - found == context_only


def test_seed_text_offsets_point_at_the_surface(seed_matcher):
    for seed in EXPECTED_PER_SEED:
        text = seed_text(seed)
        for m in seed_matcher.find(text):
            assert text[m.start : m.end] == m.surface


def test_seed_url_is_not_linked(seed_matcher):
    text = seed_text("000")
    spans = url_spans(text)
    assert spans, "seed 000 contains a URL"
    for m in seed_matcher.find(text):
        assert not any(s < m.end and m.start < e for s, e in spans)


def test_no_candidate_terms_left_in_the_seeds(seed_matcher):
    paragraphs = [
        " ".join(block.split())
        for path in sorted(SEEDS.glob("*.txt"))
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if block.strip()
    ]
    assert candidate_terms(paragraphs, seed_matcher) == []


def test_the_search_for_candidates_gives_up_when_asked(matcher):
    from briefbook.analysis.candidates import Interrupted

    paragraphs = ["The FBI met the CIA."] * 200
    asked: list[int] = []

    def give_up() -> bool:
        asked.append(1)
        return len(asked) == 3  # more urgent work comes after the first checks

    with pytest.raises(Interrupted):
        candidate_terms(paragraphs, matcher, give_up)
    assert len(asked) == 3
    assert candidate_terms(paragraphs, matcher, lambda: False) == [("CIA", 200), ("FBI", 200)]
