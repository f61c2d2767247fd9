"""The preview's forms beyond notes, in headless Chromium: a glossary entry from a selected name, from
the names the glossary lacks and on the glossary page (added, edited, deleted, refused); a claim
made from a passage and the passage tagged with it, a claim's statement edited on the claims page;
an article's details; a selection widened to whole words; two tabs saving at once; and every form
checked by axe-core, at desktop and phone widths, light and dark.

The tiny book with the book's theme, an article that uses an acronym the glossary lacks, and a
glossary whose comments must survive every edit.
"""

from __future__ import annotations

import pytest
from helpers import require_tool
from helpers.browser import DESKTOP, PHONE, forms_failing_axe, select
from helpers.served import Served, start
from helpers.tinybook import make_book

from briefbook.sidecar_edit.entries import CLAIMS, GLOSSARY, current_entries

pytestmark = pytest.mark.browser

LOAD_TIMEOUT = 240_000  # ms: a rebuild on a loaded machine
GLOSSARY_TEXT = """\
# The tiny book's glossary: these comments stay whatever the forms write.
terms:
  # the one organisation
  - id: eucom
    term: EUCOM
    kind: acronym
    expansion: United States European Command  # as the wire writes it
    definition: The U.S. military's command for Europe.
# the end of the glossary
"""
OBSERVERS = (
    "Observers Arrive\n\n"
    "Observers of the OSCE met the delegations in Geneva on Monday. Officials said the OSCE mission "
    "would report within a week.\n\n"
    "The talks were described as constructive by both sides.\n"
)
OBSERVERS_SIDECAR = (
    'title: "Observers arrive"\npublisher: "The Test Gazette"\ndate: "2026-02-08"\nkind: news\n'
)
STEM = "004_observers"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_tool("/usr/bin/chromium")
    root = make_book(tmp_path_factory.mktemp("editing-browser") / "book")
    with (root / "docs" / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "sphinx_book_theme"\n')
    (root / "seeds" / "glossary.yaml").write_text(GLOSSARY_TEXT, "utf-8")
    (root / "seeds" / f"{STEM}.txt").write_text(OBSERVERS, "utf-8")
    (root / "seeds" / f"{STEM}.yaml").write_text(OBSERVERS_SIDECAR, "utf-8")
    server = start(root)
    yield server
    assert server.stop() == 0, server.log()


def open_article(page, served: Served, stem: str = STEM) -> None:
    served.wait_until_idle()  # a page served before the last save's build is published reloads itself
    page.goto(f"{served.url}/articles/{stem}.html")
    page.wait_for_selector("html[data-bbp-ready=article]", state="attached")


def open_page(page, served: Served, name: str) -> None:
    served.wait_until_idle()
    page.goto(f"{served.url}/{name}.html")
    page.wait_for_selector(".bbp-page-actions", state="attached")


def saved_and_reloaded(page, press: str = "Control+Enter") -> None:
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.keyboard.press(press)


def glossary_entry(served: Served, entry_id: str) -> dict | None:
    return next((e for e in current_entries(served.root / "seeds", GLOSSARY) if e["id"] == entry_id), None)


def glossary_text(served: Served) -> str:
    return (served.root / "seeds" / "glossary.yaml").read_text("utf-8")


# the glossary's name of a term: whether it stands wholly inside the window, and where its top is
NAME = """const name = [...document.querySelectorAll("dl.glossary > dt")]
  .find((dt) => dt.textContent.trim().startsWith(term));
  const box = name.getBoundingClientRect();"""
IN_VIEW = f"(term) => {{ {NAME} return box.top >= 0 && box.bottom <= window.innerHeight; }}"
TOP = f"(term) => {{ {NAME} return box.top; }}"


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


# ---------------------------------------------------------------- the glossary


def test_a_selected_name_is_added_to_the_glossary_and_linked_in_the_article(served, page) -> None:
    open_article(page, served)
    select(page, "delegations in Gen")  # ends inside a word: widened to "Geneva"
    page.keyboard.press("g")
    page.wait_for_selector("#bbp-gl-kind")
    assert page.locator("#bbp-gl-title").inner_text() == "Add to the glossary"
    assert page.locator("#bbp-gl-term").input_value() == "delegations in Geneva"
    assert "widened to whole words" in page.locator(".bbp-form-note").inner_text()
    assert focused(page) == "bbp-gl-kind"
    # the term is only "Geneva": the id follows it as it is typed
    page.locator("#bbp-gl-term").fill("Geneva")
    assert page.locator("#bbp-gl-id").input_value() == "geneva"
    page.locator("#bbp-gl-kind").fill("place")
    page.locator("#bbp-gl-definition").fill("A Swiss city where talks are often held.")
    page.locator("#bbp-gl-aliases").fill("Genève, Genf")
    saved_and_reloaded(page)  # the article now links its first mention
    page.wait_for_selector("html[data-bbp-ready=article]", state="attached")
    assert glossary_entry(served, "geneva") == {
        "id": "geneva",
        "term": "Geneva",
        "kind": "place",
        "aliases": ["Genève", "Genf"],
        "definition": "A Swiss city where talks are often held.",
    }
    text = glossary_text(served)
    assert text.startswith(GLOSSARY_TEXT.removesuffix("# the end of the glossary\n"))
    assert "# the end of the glossary\n" in text
    assert page.locator(".bb-article a", has_text="Geneva").count() >= 1


def test_a_glossary_entry_is_edited_and_deleted_on_the_glossary_page(served, page) -> None:
    open_page(page, served, "glossary")
    page.locator('button[aria-label="Edit the glossary entry EUCOM"]').click()
    page.wait_for_selector("#bbp-gl-definition")
    assert page.locator("#bbp-gl-expansion").input_value() == "United States European Command"
    assert focused(page) == "bbp-gl-definition"
    page.keyboard.press("Control+A")
    page.keyboard.type("The U.S. military's command for Europe, in Stuttgart.")
    saved_and_reloaded(page)
    assert page.locator("dl.glossary", has_text="command for Europe, in Stuttgart.").count() == 1
    assert page.evaluate("document.activeElement.textContent").startswith("EUCOM")  # shown and focused
    text = glossary_text(served)
    assert "    expansion: United States European Command  # as the wire writes it\n" in text
    assert "  # the one organisation\n" in text and text.endswith("# the end of the glossary\n")

    # an entry no page names goes, asked twice
    served.post(
        "glossary/add",
        {"entry": {"id": "bern", "term": "Bern", "kind": "place", "definition": "The Swiss capital."}},
    )
    served.wait_until_idle()
    open_page(page, served, "glossary")
    page.locator('button[aria-label="Edit the glossary entry Bern"]').click()
    page.locator("text=Delete entry…").click()
    assert page.evaluate("document.activeElement.textContent") == "Yes, delete it"
    saved_and_reloaded(page, "Enter")
    assert glossary_entry(served, "bern") is None
    assert page.locator("dl.glossary dt", has_text="Bern").count() == 0


def test_a_term_the_book_names_is_not_deleted_and_the_form_says_why(served, page) -> None:
    served.post(
        "glossary/add",
        {
            "entry": {
                "id": "stuttgart",
                "term": "Stuttgart",
                "kind": "place",
                "definition": "Home of {term}`EUCOM`.",
            }
        },
    )
    served.wait_until_idle()
    before = glossary_text(served)
    open_page(page, served, "glossary")
    page.locator('button[aria-label="Edit the glossary entry EUCOM"]').click()
    page.locator("text=Delete entry…").click()
    page.keyboard.press("Enter")
    errors = page.locator("#bbp-gl-errors")
    errors.wait_for(state="visible")
    assert "The entry was not saved; nothing was written." in errors.inner_text()
    assert "unknown glossary term 'EUCOM'" in errors.inner_text()
    assert glossary_text(served) == before
    page.keyboard.press("Escape")


def test_a_name_the_glossary_lacks_is_one_click_from_its_form(served, page) -> None:
    open_page(page, served, "glossary")
    candidates = page.locator(".bbp-candidates")
    candidates.wait_for(state="visible")
    assert "OSCE (2 times)" in candidates.inner_text()
    page.locator('button[aria-label="Add OSCE to the glossary"]').click()
    page.wait_for_selector("#bbp-gl-kind")
    assert page.locator("#bbp-gl-term").input_value() == "OSCE"
    assert page.locator("#bbp-gl-id").input_value() == "osce"
    page.locator("#bbp-gl-kind").fill("acronym")
    page.locator("#bbp-gl-expansion").fill("Organization for Security and Co-operation in Europe")
    page.locator("#bbp-gl-definition").fill("A security organisation of 57 states.")
    saved_and_reloaded(page)
    assert (
        glossary_entry(served, "osce")["expansion"] == "Organization for Security and Co-operation in Europe"
    )


def test_a_saved_entry_is_shown_in_view_though_the_page_was_scrolled_past_its_name(served, page) -> None:
    # a short phone screen, scrolled until the entry's Edit button is at the top: its name is above
    page.set_viewport_size({"width": PHONE["width"], "height": 400})
    open_page(page, served, "glossary")
    edit = page.locator('button[aria-label="Edit the glossary entry EUCOM"]')
    edit.evaluate("(button) => button.scrollIntoView({block: 'start'})")
    assert page.evaluate(IN_VIEW, "EUCOM") is False
    edit.click()
    page.wait_for_selector("#bbp-gl-definition")
    page.keyboard.press("End")
    page.keyboard.type(" Its seat is in Germany.")
    saved_and_reloaded(page)
    # (the browser puts a reloaded page back where it was scrolled; the saved entry is shown instead)
    assert page.evaluate("document.activeElement.textContent").startswith("EUCOM")
    assert page.evaluate(IN_VIEW, "EUCOM") is True
    # and a later reload (the preview's, after a rebuild) keeps the place the reader scrolled to
    page.wait_for_selector("html[data-bbp-ready=glossary]", state="attached")
    page.evaluate("window.scrollTo(0, 150)")
    page.reload()
    page.wait_for_selector("html[data-bbp-ready=glossary]", state="attached")
    assert page.evaluate("window.scrollY") == 150

    # after a deletion, with nothing to show, the page stays where it was (not back at its top)
    served.post(
        "glossary/add",
        {"entry": {"id": "aarau", "term": "Aarau", "kind": "place", "definition": "A Swiss town."}},
    )
    open_page(page, served, "glossary")
    page.wait_for_selector("html[data-bbp-ready=glossary]", state="attached")
    page.locator('button[aria-label="Edit the glossary entry Aarau"]').click()  # scrolled to it
    page.locator("text=Delete entry…").click()
    # the name before it, and where it stands in the window
    neighbour = page.evaluate(
        """() => { const names = [...document.querySelectorAll("dl.glossary > dt")];
          const at = names.findIndex((dt) => dt.textContent.trim().startsWith("Aarau"));
          return names[at - 1].textContent.trim().replace(/#$/, ""); }"""
    )
    where = page.evaluate(TOP, neighbour)
    assert page.evaluate("window.scrollY") > 300
    saved_and_reloaded(page, "Enter")
    page.wait_for_selector("html[data-bbp-ready=glossary]", state="attached")
    assert page.locator("dl.glossary dt", has_text="Aarau").count() == 0
    # (the browser puts it back; the names the glossary lacks, which come later, may move it down)
    assert page.evaluate(TOP, neighbour) <= where
    assert page.evaluate(IN_VIEW, neighbour) is False  # as before: the page is not back at its top


# ---------------------------------------------------------------- claims


def test_a_claim_is_made_from_a_passage_and_the_passage_tagged_with_it(served, page) -> None:
    open_article(page, served)
    select(page, "would report within a week")
    page.keyboard.press("c")
    page.wait_for_selector("#bbp-cl-statement")
    assert page.locator("#bbp-cl-statement").input_value() == "would report within a week"
    assert "the article is dated 2026-02-08" in page.locator(".bbp-form-note").inner_text()
    page.locator("#bbp-cl-statement").fill("The OSCE mission would report within a week.")
    assert page.locator("#bbp-cl-id").input_value() == "the-osce-mission-would-report"
    page.locator("#bbp-cl-label").fill("OSCE report due")
    page.keyboard.press("Control+Enter")
    # then the passage is tagged with it: the note form, the claim chosen
    page.wait_for_selector("#bbp-title:text('Tag the passage with a claim')")
    assert page.locator("#bbp-claim").input_value() == "the-osce-mission-would-report"
    assert page.locator("#bbp-stance").input_value() == "supports"
    claim = next(
        c
        for c in current_entries(served.root / "seeds", CLAIMS)
        if c["id"] == "the-osce-mission-would-report"
    )
    assert claim == {
        "id": "the-osce-mission-would-report",
        "statement": "The OSCE mission would report within a week.",
        "label": "OSCE report due",
    }
    page.locator("#bbp-note").fill("The only source to give a date for the report.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("aside.bb-note:has-text('The only source to give a date')", timeout=LOAD_TIMEOUT)
    sidecar = (served.root / "seeds" / f"{STEM}.yaml").read_text("utf-8")
    assert "claim: the-osce-mission-would-report\n" in sidecar and "stance: supports\n" in sidecar


def test_the_passage_is_offered_for_tagging_though_the_book_was_rebuilt_while_the_claim_was_written(
    served, page
) -> None:
    # a page rebuilt while a form is open reloads when the form closes: the claim's form, once saved,
    # must hand the dialog to the tagging form, not close it and reload the page
    open_article(page, served)
    select(page, "Officials said")
    page.keyboard.press("c")
    page.wait_for_selector("#bbp-cl-statement")
    page.locator("#bbp-cl-statement").fill("Officials expected a report within a week.")
    other = served.root / "seeds" / "001_beta.yaml"
    original = other.read_text("utf-8")
    generation = served.status()["generation"]
    try:
        # another article retitled: every page's sidebar changes, so this page is rebuilt
        other.write_text(original.replace("Beta weather", "Beta weather, retitled"), "utf-8")
        served.wait_for_build(generation)
        page.wait_for_selector(".bbp-live:has-text('reloads when you close the form')", state="attached")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("#bbp-title:text('Tag the passage with a claim')")
        assert page.locator("#bbp-claim").input_value() == "officials-expected-a-report-within"
        page.locator("#bbp-note").fill("Both sides, as this source reports them.")
        page.keyboard.press("Control+Enter")
        # the form closed: the page reloads once, and shows the note
        page.wait_for_selector("aside.bb-note:has-text('Both sides, as this source')", timeout=LOAD_TIMEOUT)
    finally:
        other.write_text(original, "utf-8")
        served.wait_until_idle()
    sidecar = (served.root / "seeds" / f"{STEM}.yaml").read_text("utf-8")
    assert "claim: officials-expected-a-report-within\n" in sidecar


def test_a_claims_statement_is_edited_on_the_claims_page(served, page) -> None:
    open_page(page, served, "claims")
    page.locator('button[aria-label="Edit the claim suspension-2021"]').click()
    page.wait_for_selector("#bbp-cl-statement")
    assert page.locator("#bbp-cl-title").inner_text() == "Edit the claim “suspension-2021”"
    page.locator("#bbp-cl-statement").fill("The dialogue was suspended in late 2021.")
    saved_and_reloaded(page)
    assert page.locator(".bd-article", has_text="The dialogue was suspended in late 2021.").count() == 1
    claim = next(c for c in current_entries(served.root / "seeds", CLAIMS) if c["id"] == "suspension-2021")
    assert claim["date"] == "2021"  # what the form does not show stays


# ---------------------------------------------------------------- an article's details


def test_an_articles_details_are_edited_on_its_page(served, page) -> None:
    open_article(page, served, "001_beta")
    page.locator(".bbp-edit-details").click()
    page.wait_for_selector("#bbp-dt-title")
    assert page.locator("#bbp-dt-kind").input_value() == "opinion"
    page.locator("#bbp-dt-date").fill("2026-02-31")
    page.keyboard.press("Control+Enter")
    errors = page.locator("#bbp-dt-errors")
    errors.wait_for(state="visible")
    assert "2026-02-31" in errors.inner_text()
    page.locator("#bbp-dt-date").fill("2026-02-04")
    page.locator("#bbp-dt-title").fill("Beta weather, mild")
    saved_and_reloaded(page)
    assert page.locator(".bd-article h1").first.inner_text().startswith("Beta weather, mild")
    sidecar = (served.root / "seeds" / "001_beta.yaml").read_text("utf-8")
    assert sidecar.startswith(
        'title: "Beta weather, mild"\npublisher: null\ndate: "2026-02-04"\nkind: opinion\n'
    ), sidecar


# ---------------------------------------------------------------- two tabs at once


def test_two_tabs_saving_at_once_lose_nothing(served, browser) -> None:
    pages = [browser.new_page(viewport=DESKTOP) for _ in range(2)]
    words = ["constructive", "both sides"]
    for page, passage in zip(pages, words, strict=True):
        open_article(page, served, STEM)
        select(page, passage)
        page.keyboard.press("a")
        page.wait_for_selector("#bbp-note")
        page.locator("#bbp-note").fill(f"A note on “{passage}”.")
    for page in pages:  # both saves go out before either is answered
        page.evaluate("document.querySelector('#bbp-note').form.requestSubmit()")
    for page in pages:
        page.wait_for_selector("dialog.bbp-dialog", state="hidden", timeout=LOAD_TIMEOUT)
    served.wait_until_idle()
    sidecar = (served.root / "seeds" / f"{STEM}.yaml").read_text("utf-8")
    for passage in words:
        assert f"A note on “{passage}”." in sidecar
    for page in pages:  # each tab shows both notes: its own and the other's
        for passage in words:
            page.wait_for_selector(f"aside.bb-note:has-text('{passage}')", timeout=LOAD_TIMEOUT)
        page.close()


# ---------------------------------------------------------------- accessibility of every form


def open_each_form(page, served: Served):
    """Open each form in turn; yield its name while it is open."""
    open_article(page, served)
    select(page, "met the delegations")  # (words no earlier test links or marks)
    yield "toolbar"
    for key, name in (("a", "note"), ("t", "claim tag"), ("c", "new claim"), ("g", "glossary entry")):
        select(page, "met the delegations")
        page.keyboard.press(key)
        page.wait_for_selector("dialog.bbp-dialog[open]")
        yield name
        page.keyboard.press("Escape")
    page.locator(".bbp-edit-details").click()
    page.wait_for_selector("#bbp-dt-title")
    yield "details"
    page.keyboard.press("Escape")
    open_page(page, served, "glossary")
    yield "glossary page"
    page.locator('button[aria-label="Edit the glossary entry EUCOM"]').click()
    page.wait_for_selector("#bbp-gl-definition")
    yield "glossary edit"
    page.keyboard.press("Escape")
    open_page(page, served, "claims")
    yield "claims page"
    page.locator('button[aria-label="Edit the claim suspension-2021"]').click()
    page.wait_for_selector("#bbp-cl-statement")
    yield "claim edit"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_form_meets_wcag_21_aa(served, browser, viewport) -> None:
    failures = forms_failing_axe(browser, viewport, lambda page: open_each_form(page, served))
    assert failures == [], "\n".join(failures)
