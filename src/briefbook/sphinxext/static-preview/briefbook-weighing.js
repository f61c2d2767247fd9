// briefbook serve: the editor's weighing, edited where it is read: an article's reliability grade
// (a Grade button beside it on the article page), the origins the sources' reports come from (Edit
// on each on the sources page, a button to add one there and on each article page; a note's form
// names the origin its passage rests on) and the front page's key judgments (Edit on each, a
// button to add one). The server checks each as the build and `briefbook check` would; what it
// refuses is listed at the top of the form and said again at the field it concerns. Only the
// preview's build includes this file.
(function () {
  "use strict";

  const bbp = window.briefbookPreview;
  if (!bbp) return;
  const forms = window.briefbookForms;
  if (!forms) return;
  const { el, say, post, getJSON, makeForm, remember, recall, spotlight, pageName } = bbp;
  const { words, listed, idFrom } = forms;

  // ------------------------------------------------------------------ refusals at their fields

  // Which field a refusal concerns: the one its message names, else the prose field that holds the
  // words it quotes (a likelihood word, a count); null when it cannot be told.
  const NAMED = [
    [/'reason'|\breason\b/, "reason"],
    [/'grade'/, "grade"],
    [/duplicate id|'id'/, "id"],
    [/'kind'/, "kind"],
    [/'who'/, "who"],
    [/'label'/, "label"],
    [/'date'|a date written/, "date"],
    [/'url'|address/, "url"],
    [/an origin's note|'note'/, "note"],
    [/judgment's title|'title'/, "title"],
    [/judgment's text|'text'/, "text"],
    [/judgment's caveat/, "caveat"],
    [/unknown claim|cites no claim|'claims'/, "claims"],
    [/thin evidence|'caveat'/, "caveat"],
  ];

  function fieldOf(text, values) {
    const named = NAMED.find(function ([pattern, name]) { return name in values && pattern.test(text); });
    if (named) return named[1];
    const quoted = Array.from(text.matchAll(/“([^”]+)”/g), function (m) { return m[1].toLowerCase(); });
    const prose = ["title", "text", "caveat"].filter(function (name) { return name in values; });
    for (const words of quoted) {
      const found = prose.find(function (name) { return String(values[name] || "").toLowerCase().includes(words); });
      if (found) return found;
    }
    return null;
  }

  function clearFields(form) {
    Object.values(form.controls).forEach(function (control) {
      const said = document.getElementById(control.id + "-error");
      if (said) said.remove();
      control.removeAttribute("aria-invalid");
      const help = document.getElementById(control.id + "-help");
      if (help) control.setAttribute("aria-describedby", help.id);
      else control.removeAttribute("aria-describedby");
    });
  }

  function atFields(form, answer, values) {
    clearFields(form);
    if (!answer || answer.ok) return;
    (answer.problems || []).forEach(function (problem) {
      const name = fieldOf(problem.text || "", values);
      const control = name && form.controls[name];
      if (!control) return;
      const id = control.id + "-error";
      let said = document.getElementById(id);
      if (!said) {
        said = el("p", { id: id, class: "bbp-field-error" });
        control.after(said);
        control.setAttribute("aria-invalid", "true");
        const help = control.getAttribute("aria-describedby");
        control.setAttribute("aria-describedby", help ? id + " " + help : id);
      }
      // at its field, the problem without the file and line the list above names
      const text = (problem.text || "").replace(/^\S+?\.ya?ml(:\d+)?: /, "");
      said.append(el("span", { class: "bbp-field-error-line", text: text }));
    });
  }

  // ------------------------------------------------------------------ an article's grade

  const grade = makeForm({
    id: "bbp-gr",
    fields: [
      { name: "grade", label: "Reliability", control: "select",
        help: "The Admiralty (NATO) grade of the source, A to F; “Not graded” removes it." },
      { name: "reason", label: "Reason", control: "input",
        help: "Why, in one line of plain text: what the text shows of the source." },
    ],
    save: "Save grade",
    remove: { label: "Remove grade…", question: "Remove this source’s grade? It will show as “not graded”.",
      yes: "Yes, remove it", no: "Keep it" },
    opened: clearFields,
    submit: async function (values, state) {
      const answer = await post("reliability", { article: state.article, fingerprint: state.fingerprint,
        reliability: { grade: values.grade, reason: values.reason } });
      atFields(grade, answer, values);
      if (answer.ok) {
        const said = answer.unchanged ? "Nothing changed." : "Grade saved.";
        remember({ details: true, said: said });
        say(answer.unchanged ? said : said + " Rebuilding the page…");
      }
      return answer;
    },
    removed: async function (state) {
      const answer = await post("reliability", { article: state.article, fingerprint: state.fingerprint,
        reliability: { grade: null, reason: null } });
      if (answer.ok) {
        remember({ details: true, said: "Grade removed." });
        say("Grade removed. Rebuilding the page…");
      }
      return answer;
    },
  });

  async function openGrade(stem) {
    const { status, body } = await getJSON("/reliability/" + encodeURIComponent(stem));
    if (status !== 200) {
      say("The grade cannot be edited now; try again in a moment.");
      return;
    }
    grade.open({
      title: "Grade the source’s reliability",
      values: body.fields,
      choices: { grade: [["", "Not graded"]].concat(body.grades) },
      canRemove: Boolean(body.fields.grade),
      state: { article: stem, fingerprint: body.fingerprint },
      focus: "grade",
    });
  }

  function offerGrade() {
    const meta = document.querySelector('meta[name="briefbook-article"]');
    const box = document.querySelector(".bb-meta");
    if (!meta || !box) return;
    const stem = meta.getAttribute("content");
    const paragraphs = Array.from(box.querySelectorAll(":scope > p"));
    const place = paragraphs.find(function (p) { return /^Reliability:/.test(p.textContent.trim()); })
      || paragraphs[paragraphs.length - 1];
    if (!place) return;
    const button = el("button", { type: "button", class: "bbp-edit bbp-edit-grade",
      "aria-label": "Grade the source’s reliability" }, ["Grade"]);
    button.addEventListener("click", function () { openGrade(stem); });
    // an origin the article's reports come from, declared here, then named in a note's form
    const declare = el("button", { type: "button", class: "bbp-edit bbp-new-origin",
      "aria-label": "Declare an origin of this source’s reports" }, ["New origin"]);
    declare.addEventListener("click", function () { openOrigin(null); });
    place.append(" ", button, " ", declare);
  }

  // ------------------------------------------------------------------ the origins

  const origin = makeForm({
    id: "bbp-or",
    fields: [
      { name: "label", label: "Label", control: "input", required: true,
        empty: "The label is empty: how the book names it, e.g. “EUCOM’s statement of 5 February 2026”.",
        help: "How the book names it, in plain text: “EUCOM’s statement of 5 February 2026”." },
      { name: "who", label: "Who", control: "input", required: true,
        empty: "Who it comes from is empty: “U.S. European Command”, “an unnamed Ukrainian official”.",
        help: "Who it comes from, in plain text." },
      { name: "kind", label: "Kind", control: "select", required: true },
      { name: "id", label: "Id", control: "input", required: true,
        help: "Lowercase words joined by hyphens; notes name it by this." },
      { name: "date", label: "Date", control: "input", help: "YYYY, YYYY-MM or YYYY-MM-DD, as far as it is known." },
      { name: "names", label: "Other names", control: "input",
        help: "Other ways the articles name who it comes from, separated by commas (for briefbook check)." },
      { name: "url", label: "Address", control: "input", help: "Where the origin itself can be read, if it is published." },
      { name: "note", label: "Note", control: "textarea", rows: 3, help: "The editor’s remark on it (MyST)." },
    ],
    layout: ["label", "who", ["kind", "date"], "id", "names", "url", "note"],
    save: "Save origin",
    remove: { label: "Delete origin…", question: "Delete this origin from the book? (Not while a passage or claim names it.)",
      yes: "Yes, delete it", no: "Keep it" },
    opened: clearFields,
    submit: async function (values, state) {
      const entry = { id: values.id, kind: values.kind, who: values.who, names: words(values.names),
        date: values.date, label: values.label, url: values.url, note: values.note };
      const answer = state.fingerprint
        ? await post("origins/edit", { id: state.id, fingerprint: state.fingerprint, entry: entry })
        : await post("origins/add", { entry: entry });
      atFields(origin, answer, values);
      if (answer.ok) {
        const said = "Origin “" + values.id + "” " + (state.fingerprint ? "saved." : "added.");
        remember({ origin: values.id, details: true, said: said });
        say(said + " Rebuilding the page…");
      }
      return answer;
    },
    removed: async function (state) {
      const answer = await post("origins/delete", { id: state.id, fingerprint: state.fingerprint });
      if (answer.ok) {
        remember({ said: "Origin “" + state.id + "” deleted." });
        say("Origin deleted. Rebuilding the page…");
      }
      return answer;
    },
  });
  const originId = idFrom(origin, "label", "id", 4);

  // an origin's id to edit it, or null to add one
  async function openOrigin(id) {
    const { status, body } = await getJSON("/origins");
    if (status !== 200) {
      say("The origins cannot be read now; try again in a moment.");
      return;
    }
    const current = id && body.origins.find(function (o) { return o.id === id; });
    if (id && !current) {
      say("This origin cannot be edited until the preview has been rebuilt.");
      return;
    }
    originId(Boolean(current));
    const fields = current ? current.fields : { kind: "statement" };
    origin.open({
      title: current ? "Edit the origin “" + current.id + "”" : "Declare an origin",
      values: Object.assign({}, fields, { names: listed(fields.names) }),
      choices: { kind: body.kinds },
      canRemove: Boolean(current),
      state: current ? { id: current.id, fingerprint: current.fingerprint } : {},
      focus: current ? "who" : "label",
    });
  }

  function sourcesPage() {
    const places = new Map();
    document.querySelectorAll('.bd-article dl.bb-origins > dt [id^="bb-origin-"]').forEach(function (anchor) {
      const id = anchor.id.slice("bb-origin-".length);
      const dt = anchor.closest("dt");
      const dd = dt.nextElementSibling && dt.nextElementSibling.tagName === "DD" ? dt.nextElementSibling : dt;
      const place = dd.querySelector("p") || dd;
      places.set(id, dt);
      const button = el("button", { type: "button", class: "bbp-edit", "aria-label": "Edit the origin " + id }, ["Edit"]);
      button.addEventListener("click", function () { openOrigin(id); });
      place.append(" ", button);
    });
    const heading = document.querySelector(".bd-article section#origins > h2");
    const add = el("button", { type: "button", class: "bbp-button bbp-primary bbp-add-origin" }, ["Add an origin"]);
    add.addEventListener("click", function () { openOrigin(null); });
    if (heading) heading.after(el("div", { class: "bbp-page-actions" }, [add]));
    const wanted = recall();
    if (wanted) {
      if (wanted.origin) spotlight(places.get(wanted.origin) || null);
      if (wanted.said) say(wanted.said);
    }
  }

  // ------------------------------------------------------------------ the key judgments

  const judgment = makeForm({
    id: "bbp-jd",
    fields: [
      { name: "title", label: "Judgment", control: "textarea", rows: 2, required: true,
        empty: "The judgment is empty: say it in one sentence.",
        help: "One sentence, plain text. Likelihood only in ICD 203’s words: unlikely, likely, very likely…" },
      { name: "id", label: "Id", control: "input", required: true,
        help: "Lowercase words joined by hyphens: its anchor on the front page." },
      { name: "text", label: "Evidence", control: "textarea", rows: 5,
        help: "Which sources report it, which differ, how much weight they bear (MyST)." },
      { name: "claims", label: "Rests on the claims", control: "input", list: true,
        help: "Ids of claims, separated by commas, in the order the front page cites them." },
      { name: "caveat", label: "Caveat", control: "textarea", rows: 2,
        help: "What the evidence lacks, said to the reader (one origin, doubtful claims) (MyST)." },
    ],
    layout: ["title", "id", "text", "claims", "caveat"],
    save: "Save judgment",
    remove: { label: "Delete judgment…", question: "Delete this judgment from the front page?",
      yes: "Yes, delete it", no: "Keep it" },
    opened: function (form) {
      clearFields(form);
      const text = form.controls.text; // a long evidence is read from its start
      if (document.activeElement === text) {
        text.setSelectionRange(0, 0);
        text.scrollTop = 0;
      }
    },
    submit: async function (values, state) {
      const entry = { title: values.title, id: values.id, text: values.text, claims: words(values.claims),
        caveat: values.caveat };
      const answer = state.fingerprint
        ? await post("judgments/edit", { id: state.id, fingerprint: state.fingerprint, entry: entry })
        : await post("judgments/add", { entry: entry });
      atFields(judgment, answer, values);
      if (answer.ok) {
        const said = "Judgment “" + values.id + "” " + (state.fingerprint ? "saved." : "added.");
        remember({ judgment: values.id, said: said });
        say(said + " Rebuilding the page…");
      }
      return answer;
    },
    removed: async function (state) {
      const answer = await post("judgments/delete", { id: state.id, fingerprint: state.fingerprint });
      if (answer.ok) {
        remember({ said: "Judgment “" + state.id + "” deleted." });
        say("Judgment deleted. Rebuilding the page…");
      }
      return answer;
    },
  });
  const judgmentId = idFrom(judgment, "title", "id", 5);

  // {entry} to edit one, or nothing to add one
  async function openJudgment(entry) {
    const { status, body } = await getJSON("/judgments");
    if (status !== 200) {
      say("The judgments cannot be read now; try again in a moment.");
      return;
    }
    const current = entry && body.judgments.find(function (j) { return j.id === entry; });
    if (entry && !current) {
      say("This judgment cannot be edited until the preview has been rebuilt.");
      return;
    }
    judgmentId(Boolean(current));
    const fields = current ? current.fields : {};
    judgment.open({
      title: current ? "Edit the judgment “" + current.id + "”" : "Add a key judgment",
      values: Object.assign({}, fields, { claims: listed(fields.claims) }),
      suggestions: { claims: body.claims },
      canRemove: Boolean(current),
      state: current ? { id: current.id, fingerprint: current.fingerprint } : {},
      focus: current ? "text" : "title",
    });
  }

  function frontPage() {
    const items = Array.from(document.querySelectorAll(".bd-article li.bb-judgment"));
    const places = new Map();
    items.forEach(function (item) {
      const anchor = item.querySelector('[id^="bb-judgment-"]');
      if (!anchor) return;
      const id = anchor.id.slice("bb-judgment-".length);
      const place = anchor.closest("p") || item;
      places.set(id, item);
      const button = el("button", { type: "button", class: "bbp-edit", "aria-label": "Edit the judgment " + id },
        ["Edit"]);
      button.addEventListener("click", function () { openJudgment(id); });
      place.append(" ", button);
    });
    const after = document.querySelector(".bd-article ol.bb-judgments, .bd-article p.bb-no-judgments");
    if (after) {
      const add = el("button", { type: "button", class: "bbp-button bbp-primary bbp-add-judgment" },
        ["Add a judgment"]);
      add.addEventListener("click", function () { openJudgment(null); });
      after.after(el("div", { class: "bbp-page-actions" }, [add]));
    }
    const wanted = recall();
    if (wanted) {
      if (wanted.judgment) spotlight(places.get(wanted.judgment) || null);
      if (wanted.said) say(wanted.said);
    }
  }

  if (pageName === "index") frontPage();
  else if (pageName === "sources") sourcesPage();
  else offerGrade();
})();
