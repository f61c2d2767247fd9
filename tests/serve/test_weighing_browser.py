"""The editor's weighing in the preview, in headless Chromium: an article's reliability grade set,
refused at its field, changed with the sidecar's comments kept, shown as text whatever it holds,
and removed; the front page's key judgments added, refused at their field (as `briefbook check`
would warn), edited with the file's comments kept, and deleted; a stale edit refused; two tabs
saving at once; the origins declared, edited and deleted on the sources page, and named in a
note's form (and kept when the note is edited); and the forms checked by axe-core, at desktop and phone widths, light and dark.

The tiny book with the book's theme, a front page that shows the key judgments, and a
judgments file and a graded sidecar whose comments must survive every edit.
"""

from __future__ import annotations

import pytest
from helpers import require_tool
from helpers.browser import DESKTOP, PHONE, forms_failing_axe
from helpers.served import Served, start
from helpers.tinybook import INDEX, make_book

from briefbook.sidecar_edit.entries import JUDGMENTS, current_entries
from briefbook.sidecar_edit.grading import set_reliability

pytestmark = pytest.mark.browser

LOAD_TIMEOUT = 240_000  # ms: a rebuild on a loaded machine
FRONT_PAGE = INDEX + "\n```{include} _generated/judgments.md\n```\n"
JUDGMENTS_TEXT = """\
# The tiny book's key judgments: these comments stay whatever the forms write.
judgments:
  # the one judgment so far
  - id: suspended
    title: "The dialogue was suspended in 2021."
    text: >-
      One report says so; another disputes it.
    claims: [suspension-2021]
    caveat: "One report for it, one against."  # said to the reader
# the end of the judgments
"""
ORIGINS_TEXT = """\
# The tiny book's origins: these comments stay whatever the forms write.
origins:
  - id: officials
    kind: anonymous
    who: unnamed officials  # as 000 has them
    label: the officials 000 quotes
# the end of the origins
"""
GRADED = "003_delta"
GRADED_SIDECAR = """\
title: "Delta quiet day"
publisher: "Daily"
date: "2026-02-07"
kind: news
# the editor's grade, kept whatever the form writes
reliability:
  grade: C  # first reading
  reason: "A short item with no statements."
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    require_tool("/usr/bin/chromium")
    root = make_book(tmp_path_factory.mktemp("weighing-browser") / "book")
    with (root / "docs" / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "sphinx_book_theme"\n')
    (root / "docs" / "index.md").write_text(FRONT_PAGE, "utf-8")
    (root / "seeds" / "judgments.yaml").write_text(JUDGMENTS_TEXT, "utf-8")
    (root / "seeds" / f"{GRADED}.yaml").write_text(GRADED_SIDECAR, "utf-8")
    (root / "seeds" / "origins.yaml").write_text(ORIGINS_TEXT, "utf-8")
    server = start(root)
    yield server
    assert server.stop() == 0, server.log()


def open_article(page, served: Served, stem: str) -> None:
    served.wait_until_idle()
    page.goto(f"{served.url}/articles/{stem}.html")
    page.wait_for_selector("html[data-bbp-ready=article]", state="attached")
    page.wait_for_selector(".bbp-edit-grade")


def open_front_page(page, served: Served) -> None:
    served.wait_until_idle()
    page.goto(f"{served.url}/index.html")
    page.wait_for_selector(".bbp-add-judgment")


def saved_and_reloaded(page, press: str = "Control+Enter") -> None:
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.keyboard.press(press)


def sidecar(served: Served, stem: str) -> str:
    return (served.root / "seeds" / f"{stem}.yaml").read_text("utf-8")


def judgments_text(served: Served) -> str:
    return (served.root / "seeds" / "judgments.yaml").read_text("utf-8")


def judgment(served: Served, judgment_id: str) -> dict | None:
    return next(
        (j for j in current_entries(served.root / "seeds", JUDGMENTS) if j["id"] == judgment_id), None
    )


def reliability_line(page) -> str:
    return page.locator(".bb-meta p", has_text="Reliability:").inner_text()


# ---------------------------------------------------------------- an article's grade


def test_a_grade_is_refused_at_its_field_then_set_shown_as_text_and_removed(served, page) -> None:
    open_article(page, served, "001_beta")
    assert "not graded" in reliability_line(page)
    page.locator(".bbp-edit-grade").click()
    page.wait_for_selector("#bbp-gr-grade")
    assert page.locator("#bbp-gr-remove, .bbp-danger:visible").count() == 0  # nothing to remove yet
    page.locator("#bbp-gr-grade").select_option("D")
    page.keyboard.press("Control+Enter")
    said = page.locator("#bbp-gr-reason-error")
    said.wait_for(state="visible")
    assert "missing required field 'reason'" in said.inner_text()
    assert page.locator("#bbp-gr-reason").get_attribute("aria-invalid") == "true"
    assert "bbp-gr-reason-error" in page.locator("#bbp-gr-reason").get_attribute("aria-describedby")
    assert "reliability" not in sidecar(served, "001_beta")  # nothing written
    reason = "Says <script>alert(1)</script> {raw}`html <b>x</b>` without a source."
    page.locator("#bbp-gr-reason").fill(reason)
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-edit-grade")
    shown = reliability_line(page)
    assert "D (not usually reliable)" in shown
    assert "<script>alert(1)</script>" in shown and "{raw}`html <b>x</b>`" in shown  # text, never markup
    assert page.locator(".bb-meta script, .bb-meta b").count() == 0
    assert "reliability:\n  grade: D\n" in sidecar(served, "001_beta")
    page.locator(".bbp-edit-grade").click()
    page.wait_for_selector("#bbp-gr-grade")
    page.get_by_role("button", name="Remove grade…").click()
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.get_by_role("button", name="Yes, remove it").click()
    page.wait_for_selector(".bbp-edit-grade")
    assert "not graded" in reliability_line(page)
    assert "reliability" not in sidecar(served, "001_beta")
    assert "null" not in sidecar(served, "001_beta").split("kind:")[1]  # no empty field written as null


def test_a_grade_changed_keeps_the_sidecars_comments(served, page) -> None:
    open_article(page, served, GRADED)
    page.locator(".bbp-edit-grade").click()
    page.wait_for_selector("#bbp-gr-grade")
    assert page.locator("#bbp-gr-grade").input_value() == "C"
    assert page.locator("#bbp-gr-reason").input_value() == "A short item with no statements."
    page.locator("#bbp-gr-grade").select_option("B")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-edit-grade")
    assert "B (usually reliable)" in reliability_line(page)
    assert sidecar(served, GRADED) == GRADED_SIDECAR.replace("grade: C", "grade: B")


def test_a_stale_grade_is_refused(served, page) -> None:
    open_article(page, served, "000_alpha")
    page.locator(".bbp-edit-grade").click()
    page.wait_for_selector("#bbp-gr-grade")
    # the sidecar changes behind the form's back (another tab, the editor's text editor)
    set_reliability(served.root / "seeds", "000_alpha", {"grade": "B", "reason": "Named officials."})
    page.locator("#bbp-gr-grade").select_option("A")
    page.locator("#bbp-gr-reason").fill("Confirmed elsewhere.")
    page.keyboard.press("Control+Enter")
    errors = page.locator("#bbp-gr-errors")
    errors.wait_for(state="visible")
    assert "the article's grade has changed since it was read" in errors.inner_text()
    assert "grade: B" in sidecar(served, "000_alpha")


# ---------------------------------------------------------------- the key judgments


def test_a_judgment_is_refused_at_its_field_then_added_edited_and_deleted(served, page) -> None:
    open_front_page(page, served)
    page.locator(".bbp-add-judgment").click()
    page.wait_for_selector("#bbp-jd-title")
    page.locator("#bbp-jd-title").fill("The talks will probably resume.")
    assert page.locator("#bbp-jd-id").input_value() == "the-talks-will-probably-resume"
    page.locator("#bbp-jd-id").fill("talks-resume")
    page.locator("#bbp-jd-claims").fill("suspension-2021")
    page.keyboard.press("Control+Enter")
    # ICD 203's words only, and a caveat where the evidence is thin: each said at its field
    page.locator("#bbp-jd-title-error").wait_for(state="visible")
    assert "probably" in page.locator("#bbp-jd-title-error").inner_text()
    assert "thin evidence" in page.locator("#bbp-jd-caveat-error").inner_text()
    assert "talks-resume" not in judgments_text(served)
    page.locator("#bbp-jd-title").fill("The talks are likely to resume.")
    page.locator("#bbp-jd-caveat").fill("One report, disputed by another.")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-add-judgment")
    added = page.locator("li.bb-judgment", has_text="The talks are likely to resume.")
    assert "Caveat: One report, disputed by another." in added.inner_text()
    assert judgment(served, "talks-resume") == {
        "id": "talks-resume",
        "title": "The talks are likely to resume.",
        "claims": ["suspension-2021"],
        "caveat": "One report, disputed by another.",
    }
    page.get_by_role("button", name="Edit the judgment talks-resume").click()
    page.wait_for_selector("#bbp-jd-text")
    page.locator("#bbp-jd-text").fill("One report says the *dialogue* was suspended; another disputes it.")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-add-judgment")
    edited = page.locator("li.bb-judgment", has_text="The talks are likely to resume.")
    assert edited.locator("em", has_text="dialogue").count() == 1
    text = judgments_text(served)
    assert text.startswith(JUDGMENTS_TEXT.removesuffix("# the end of the judgments\n")), text
    assert "# the end of the judgments\n" in text
    page.get_by_role("button", name="Edit the judgment talks-resume").click()
    page.wait_for_selector("#bbp-jd-text")
    page.get_by_role("button", name="Delete judgment…").click()
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_selector(".bbp-add-judgment")
    assert page.locator("li.bb-judgment", has_text="likely to resume").count() == 0
    assert judgments_text(served) == JUDGMENTS_TEXT


def test_an_unknown_claim_and_unsafe_markup_are_refused_at_their_fields(served, page) -> None:
    open_front_page(page, served)
    page.get_by_role("button", name="Edit the judgment suspended").click()
    page.wait_for_selector("#bbp-jd-text")
    page.locator("#bbp-jd-text").fill("Says <b>so</b>.\n\n```{raw} html\n<i>x</i>\n```")
    page.keyboard.press("Control+Enter")
    page.locator("#bbp-jd-text-error").wait_for(state="visible")
    said = page.locator("#bbp-jd-text-error").inner_text()
    assert "raw HTML is not allowed in a judgment's text" in said
    assert "the directive {raw} is not allowed in a judgment's text" in said
    page.locator("#bbp-jd-text").fill("Says so.")
    page.locator("#bbp-jd-claims").fill("suspension-2021, no-such-claim")
    page.keyboard.press("Control+Enter")
    page.locator("#bbp-jd-claims-error").wait_for(state="visible")
    assert "unknown claim 'no-such-claim'" in page.locator("#bbp-jd-claims-error").inner_text()
    assert page.locator("#bbp-jd-text-error").count() == 0  # the fixed field no longer says it
    assert judgments_text(served) == JUDGMENTS_TEXT


def test_a_stale_judgment_is_refused(served, page) -> None:
    open_front_page(page, served)
    page.get_by_role("button", name="Edit the judgment suspended").click()
    page.wait_for_selector("#bbp-jd-text")
    path = served.root / "seeds" / "judgments.yaml"
    path.write_text(JUDGMENTS_TEXT.replace("another disputes it", "a second disputes it"), "utf-8")
    try:
        page.locator("#bbp-jd-text").fill("Changed in the form.")
        page.keyboard.press("Control+Enter")
        errors = page.locator("#bbp-jd-errors")
        errors.wait_for(state="visible")
        assert "has changed since it was read" in errors.inner_text()
        assert "a second disputes it" in judgments_text(served)
    finally:
        path.write_text(JUDGMENTS_TEXT, "utf-8")
        served.wait_until_idle()


def test_two_tabs_saving_judgments_at_once_lose_nothing(served, browser) -> None:
    pages = [browser.new_page(viewport=DESKTOP) for _ in range(2)]
    titles = ["Contact is likely to go on.", "A second round is unlikely."]
    for tab, title in zip(pages, titles, strict=True):
        open_front_page(tab, served)
        tab.locator(".bbp-add-judgment").click()
        tab.wait_for_selector("#bbp-jd-title")
        tab.locator("#bbp-jd-title").fill(title)
        tab.locator("#bbp-jd-claims").fill("suspension-2021")
        tab.locator("#bbp-jd-caveat").fill("One report, disputed by another.")
    for tab in pages:  # both saves go out before either is answered
        tab.evaluate("document.querySelector('#bbp-jd-title').form.requestSubmit()")
    for tab in pages:
        tab.wait_for_selector("dialog.bbp-dialog", state="hidden", timeout=LOAD_TIMEOUT)
    served.wait_until_idle()
    ids = [j["id"] for j in current_entries(served.root / "seeds", JUDGMENTS)]
    assert ids == ["suspended", "contact-is-likely-to-go", "a-second-round-is-unlikely"] or ids == [
        "suspended",
        "a-second-round-is-unlikely",
        "contact-is-likely-to-go",
    ]
    for tab in pages:  # each tab shows both: its own and the other's
        for title in titles:
            tab.wait_for_selector(f"li.bb-judgment:has-text('{title}')", timeout=LOAD_TIMEOUT)
        tab.close()
    (served.root / "seeds" / "judgments.yaml").write_text(JUDGMENTS_TEXT, "utf-8")
    served.wait_until_idle()


# ---------------------------------------------------------------- accessibility of both forms


def open_each_form(page, served: Served):
    """Open each form in turn, and each with a refusal at a field; yield its name while it is open."""
    open_article(page, served, "002_gamma")
    page.locator(".bbp-edit-grade").click()
    page.wait_for_selector("#bbp-gr-grade")
    yield "grade"
    page.locator("#bbp-gr-grade").select_option("E")
    page.keyboard.press("Control+Enter")
    page.locator("#bbp-gr-reason-error").wait_for(state="visible")
    yield "grade refused"
    page.keyboard.press("Escape")
    open_front_page(page, served)
    yield "front page"
    page.get_by_role("button", name="Edit the judgment suspended").click()
    page.wait_for_selector("#bbp-jd-text")
    yield "judgment"
    page.locator("#bbp-jd-title").fill("It will probably resume.")
    page.keyboard.press("Control+Enter")
    page.locator("#bbp-jd-title-error").wait_for(state="visible")
    yield "judgment refused"
    page.keyboard.press("Escape")
    open_sources(page, served)
    yield "sources page"
    page.get_by_role("button", name="Edit the origin officials").click()
    page.wait_for_selector("#bbp-or-who")
    yield "origin"
    page.locator("#bbp-or-date").fill("someday")
    page.keyboard.press("Control+Enter")
    page.locator("#bbp-or-date-error").wait_for(state="visible")
    yield "origin refused"
    page.keyboard.press("Escape")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_forms_meet_wcag_21_aa(served, browser, viewport) -> None:
    failures = forms_failing_axe(browser, viewport, lambda page: open_each_form(page, served))
    assert failures == [], "\n".join(failures)


# ---------------------------------------------------------------- the origins


def origins_text(served: Served) -> str:
    return (served.root / "seeds" / "origins.yaml").read_text("utf-8")


def open_sources(page, served: Served) -> None:
    served.wait_until_idle()
    page.goto(f"{served.url}/sources.html")
    page.wait_for_selector(".bbp-add-origin")


def test_an_origin_is_declared_refused_at_its_field_edited_and_deleted(served, page) -> None:
    open_sources(page, served)
    page.locator(".bbp-add-origin").click()
    page.wait_for_selector("#bbp-or-label")
    page.locator("#bbp-or-label").fill("The OSCE mission's report")
    assert page.locator("#bbp-or-id").input_value() == "the-osce-mission-s"
    page.locator("#bbp-or-id").fill("osce-report")
    page.locator("#bbp-or-who").fill("the OSCE mission in Geneva")
    page.locator("#bbp-or-kind").select_option("document")
    page.locator("#bbp-or-date").fill("2026-13")
    page.keyboard.press("Control+Enter")
    page.locator("#bbp-or-date-error").wait_for(state="visible")
    assert "'2026-13' is not a date on the calendar" in page.locator("#bbp-or-date-error").inner_text()
    assert "osce-report" not in origins_text(served)
    page.locator("#bbp-or-date").fill("2026-02")
    page.locator("#bbp-or-names").fill("the OSCE, the OSCE mission")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-add-origin")
    shown = page.locator("dl.bb-origins > dt", has_text="The OSCE mission’s report")  # typographic
    assert shown.count() == 1
    text = origins_text(served)
    assert text.startswith(ORIGINS_TEXT.removesuffix("# the end of the origins\n")), text
    assert (
        "  - id: osce-report\n    kind: document\n    who: the OSCE mission in Geneva\n"
        '    names: [the OSCE, the OSCE mission]\n    date: "2026-02"\n    label: The OSCE mission\'s report\n'
    ) in text
    page.get_by_role("button", name="Edit the origin osce-report").click()
    page.wait_for_selector("#bbp-or-who")
    page.locator("#bbp-or-note").fill("Not yet *published*.")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-add-origin")
    assert page.locator("dl.bb-origins dd em", has_text="published").count() == 1
    page.get_by_role("button", name="Edit the origin osce-report").click()
    page.wait_for_selector("#bbp-or-who")
    page.get_by_role("button", name="Delete origin…").click()
    with page.expect_event("load", timeout=LOAD_TIMEOUT):
        page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_selector(".bbp-add-origin")
    assert origins_text(served) == ORIGINS_TEXT


def test_a_notes_origin_is_named_in_its_form_kept_when_it_is_edited_and_guards_the_origin(
    served, page
) -> None:
    open_article(page, served, "000_alpha")
    page.locator("aside.bb-note .bbp-edit").first.click()
    page.wait_for_selector("#bbp-origin")
    assert page.locator("#bbp-origin").input_value() == ""  # the source's own reporting
    page.locator("#bbp-origin").select_option("officials")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-edit-grade")
    assert "    origin: officials\n" in sidecar(served, "000_alpha")
    assert page.locator("aside.bb-note", has_text="Rests on").count() >= 1
    # editing the note's words keeps the origin the form shows
    page.locator("aside.bb-note .bbp-edit").first.click()
    page.wait_for_selector("#bbp-origin")
    assert page.locator("#bbp-origin").input_value() == "officials"
    page.locator("#bbp-note").fill("The suspension came in late 2021, officials said.")
    saved_and_reloaded(page)
    page.wait_for_selector(".bbp-edit-grade")
    assert "    origin: officials\n" in sidecar(served, "000_alpha")
    # an origin a passage rests on is not deleted: the form says where
    open_sources(page, served)
    page.get_by_role("button", name="Edit the origin officials").click()
    page.wait_for_selector("#bbp-or-who")
    page.get_by_role("button", name="Delete origin…").click()
    page.get_by_role("button", name="Yes, delete it").click()
    errors = page.locator("#bbp-or-errors")
    errors.wait_for(state="visible")
    assert "000_alpha.yaml" in errors.inner_text() and "unknown origin 'officials'" in errors.inner_text()
    assert origins_text(served) == ORIGINS_TEXT
