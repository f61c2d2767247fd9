// briefbook serve, on the glossary and the claims pages: an Edit button on each entry and each
// claim, a button to add one, and on the glossary page the names the articles use that it lacks
// (those `briefbook check` lists), each one click from its form. Only the preview's build
// includes this file.
(function () {
  "use strict";

  const bbp = window.briefbookPreview;
  const forms = window.briefbookForms;
  if (!bbp || !forms) return;
  const { el, say, getJSON, recall, spotlight, pageName } = bbp;

  function plain(node) {
    const copy = node.cloneNode(true);
    copy.querySelectorAll(".headerlink, [data-bbp]").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function button(label, name, onClick) {
    const node = el("button", { type: "button", class: "bbp-edit", "aria-label": name }, [label]);
    node.addEventListener("click", onClick);
    return node;
  }

  // the page's heading, and a row of the page's own actions after it
  function actions(children) {
    const heading = document.querySelector(".bd-article h1");
    if (!heading) return null;
    const row = el("div", { class: "bbp-page-actions" }, children);
    heading.after(row);
    return row;
  }

  // ------------------------------------------------------------------ the glossary

  async function glossaryPage() {
    const terms = Array.from(document.querySelectorAll(".bd-article dl.glossary > dt"));
    const shown = new Map(terms.map(function (dt) { return [plain(dt), dt]; }));
    // the buttons stand in the page at once; what each entry holds is read when it is used
    terms.forEach(function (dt) {
      const term = plain(dt);
      const place = dt.nextElementSibling && dt.nextElementSibling.tagName === "DD" ? dt.nextElementSibling : dt;
      place.append(button("Edit", "Edit the glossary entry " + term, async function () {
        const { status, body } = await getJSON("/glossary");
        const entry = status === 200 && body.entries.find(function (e) { return e.fields.term === term; });
        if (entry) forms.openGlossary({ entry: entry });
        else say("This entry cannot be edited until the preview has been rebuilt.");
      }));
    });
    const candidates = el("section", { class: "bbp-candidates", "aria-labelledby": "bbp-candidates-title", hidden: true });
    actions([
      el("button", { type: "button", class: "bbp-button bbp-primary bbp-add-entry" }, ["Add an entry"]),
      candidates,
    ]).querySelector(".bbp-add-entry").addEventListener("click", function () { forms.openGlossary({ term: "" }); });
    // what was just saved is shown at once; the names the glossary lacks come when the server has them
    const wanted = recall();
    if (wanted) {
      if (wanted.term) spotlight(shown.get(wanted.term) || null);
      if (wanted.said) say(wanted.said);
    }
    const { status, body } = await getJSON("/glossary");
    if (status === 200 && body.candidates.length) {
      const list = el("ul", { class: "bbp-candidate-list" }, body.candidates.map(function (c) {
        const times = c.count === 1 ? "once" : c.count + " times";
        return el("li", {}, [
          el("span", { text: c.term + " " }),
          el("span", { class: "bbp-count", text: "(" + times + ")" }),
          " ",
          button("Add…", "Add " + c.term + " to the glossary", function () { forms.openGlossary({ term: c.term }); }),
        ]);
      }));
      const count = body.candidates.length;
      candidates.append(
        el("h2", { id: "bbp-candidates-title", class: "bbp-candidates-title",
          text: count === 1 ? "A name the glossary lacks" : count + " names the glossary lacks" }),
        el("p", { class: "bbp-help", text: count === 1
          ? "The articles use it; briefbook check lists it too."
          : "The articles use them; briefbook check lists them too." }),
        list);
      candidates.hidden = false;
    }
    document.documentElement.dataset.bbpReady = "glossary"; // for tools and tests
  }

  // ------------------------------------------------------------------ the claims

  function claimsPage() {
    const anchors = Array.from(document.querySelectorAll('.bd-article [id^="bb-claim-"]'));
    const places = new Map();
    anchors.forEach(function (anchor) {
      const id = anchor.id.slice("bb-claim-".length);
      const place = anchor.closest("p, li, td, dt") || anchor.parentElement;
      if (!place || places.has(id)) return;
      places.set(id, place);
      place.append(" ", button("Edit", "Edit the claim " + id, async function () {
        const { status, body } = await getJSON("/claims");
        const entry = status === 200 && body.claims.find(function (c) { return c.id === id; });
        if (entry) forms.openClaim({ entry: entry });
        else say("This claim cannot be edited until the preview has been rebuilt.");
      }));
    });
    const add = el("button", { type: "button", class: "bbp-button bbp-primary" }, ["Add a claim"]);
    add.addEventListener("click", function () { forms.openClaim({ statement: "", date: "" }); });
    actions([add]);
    const wanted = recall();
    if (wanted) {
      if (wanted.claim) spotlight(places.get(wanted.claim) || null);
      if (wanted.said) say(wanted.said);
    }
  }

  if (pageName === "glossary") glossaryPage();
  else if (pageName === "claims") claimsPage();
})();
