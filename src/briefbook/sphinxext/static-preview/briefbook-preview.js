// briefbook serve: what every page of the live preview shares. The page reloads when a build
// changed it (the pages readers have open are built first, then the rest of the book), a failed
// build is told at the foot of the page, and the editing scripts (briefbook-forms.js,
// briefbook-article.js, briefbook-lists.js) find here the page's way to the server and the one
// dialog their forms open in. Only the preview's build includes these files.
//
// Every element is built with createElement and textContent: no page or user text is ever parsed
// as HTML.
(function () {
  "use strict";

  const API = "/_briefbook/api";
  const EVENTS = "/_briefbook/events";
  const FOCUS_KEY = "briefbook-preview-focus";
  const STALE_TRIES = 5; // reloads of a page that does not show yet what was just saved

  const metaPage = document.querySelector('meta[name="briefbook-page"]');
  const pageName = metaPage ? metaPage.getAttribute("content") : null;
  const ownFile = pageName ? pageName + ".html" : null; // this page's file in the site

  // ------------------------------------------------------------------ small DOM helpers

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([name, value]) {
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    });
    node.dataset.bbp = ""; // ours: never part of the article's text
    return node;
  }

  // ------------------------------------------------------------------ status and reloading

  const live = el("div", { class: "bbp-live", role: "status", "aria-live": "polite" });
  const banner = el("div", { class: "bbp-banner", hidden: true });
  document.body.append(live, banner);

  function say(text) {
    live.textContent = "";
    // a fresh text node, so screen readers announce the same words again
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  let seenGeneration = null; // the build this page comes from (as far as the page can tell)
  let reloadOnClose = false;
  // how many times the server had published pages when it served this one (its Server-Timing)
  const servedAfter = (function () {
    const visit = (performance.getEntriesByType("navigation") || [])[0];
    const entry = ((visit && visit.serverTiming) || []).find(function (t) { return t.name === "bb-published"; });
    return entry ? Number(entry.description) : null;
  })();

  function showFailure(problems) {
    banner.replaceChildren();
    const close = el("button", { type: "button", class: "bbp-button", text: "Hide" });
    close.addEventListener("click", function () { banner.hidden = true; });
    const list = el("ul", { class: "bbp-problems" },
      problems.map(function (p) { return el("li", { text: p.text }); }));
    banner.append(
      el("p", { class: "bbp-banner-title", text: "The book did not build; this page is the last good one." }),
      list, close);
    banner.setAttribute("role", "alert");
    banner.hidden = false;
  }

  function reload() {
    if (dialog.open) {
      reloadOnClose = true; // never lose what is being typed: reload when the form closes
      say("The book was rebuilt; the page reloads when you close the form.");
    } else {
      window.location.reload();
    }
  }

  // Whether a build's changes reach this page: its own file, or the site's styles and scripts.
  // (null: the build does not say, as after the first build: every page reloads.)
  function touches(changed) {
    if (!Array.isArray(changed)) return true;
    return changed.some(function (path) { return path === ownFile || path.startsWith("_static/"); });
  }

  function onStatus(status) {
    if (seenGeneration === null) {
      // a build under way now makes pages newer than this one: reload when it is done
      seenGeneration = status.generation;
      // this page was published again after it was served and before its events opened (a save
      // just then): it missed the event, and reloads now
      if (servedAfter !== null && typeof status.version === "number" && status.version > servedAfter) {
        reload();
        return;
      }
    }
    if (status.state === "building") {
      say("Rebuilding the book…");
      return;
    }
    if (status.state === "failed") {
      showFailure(status.problems || []);
      return;
    }
    if (status.state !== "ok") return;
    banner.hidden = true;
    if (status.generation !== seenGeneration) {
      seenGeneration = status.generation;
      if (touches(status.changed)) reload();
    }
  }

  // The pages a build made first, before the rest of the book: this one, if it is among them.
  function onPages(published) {
    if (ownFile && (published.pages || []).indexOf(ownFile) >= 0) reload();
  }

  if (window.EventSource) {
    const events = new EventSource(EVENTS + (pageName ? "?page=" + encodeURIComponent(pageName) : ""));
    events.addEventListener("status", function (event) { onStatus(JSON.parse(event.data)); });
    events.addEventListener("pages", function (event) { onPages(JSON.parse(event.data)); });
  }

  // ------------------------------------------------------------------ talking to the server

  let token = null;

  async function getJSON(path) {
    const response = await fetch(API + path, { credentials: "same-origin", cache: "no-store" });
    return { status: response.status, body: await response.json() };
  }

  async function fetchToken() {
    const { body } = await getJSON("/session");
    token = body.token;
  }

  // A write to the API; its answer ({ok: true, ...} or {ok: false, error, problems}).
  async function post(endpoint, payload, retried) {
    let response;
    try {
      if (!token) await fetchToken();
      response = await fetch(API + "/" + endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Briefbook-Token": token },
        body: JSON.stringify(Object.assign({ page: pageName }, payload)),
      });
    } catch (error) {
      return { ok: false, error: "The preview server cannot be reached (" + error.message + ")." };
    }
    let body;
    try {
      body = await response.json();
    } catch (error) {
      body = { ok: false, error: "The server answered " + response.status + " " + response.statusText };
    }
    if (!body.ok && body.code === "token" && !retried) { // the server was restarted: a new token
      token = null;
      return post(endpoint, payload, true);
    }
    return body;
  }

  // ------------------------------------------------------------------ the one dialog

  // Every form opens in this dialog (one at a time): Escape closes it from any field, Ctrl+Enter
  // saves, focus goes back where it was, and a page the book rebuilt meanwhile reloads after.
  const dialog = el("dialog", { class: "bbp-dialog" });
  document.body.append(dialog);
  let current = null; // the form open now
  let returnFocus = null;

  dialog.addEventListener("close", function () {
    current = null;
    if (reloadOnClose) {
      window.location.reload();
      return;
    }
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  });
  // Sphinx's own page shortcuts (which take Escape outside text fields) never see it
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      dialog.close();
    }
  });

  // A form, built once: ``spec`` = {id (its elements' ids start so), fields: [{name, label, control:
  // "input" | "textarea" | "select", help, rows, list (has suggestions), required, empty (said when
  // a required field is empty)}], layout: [name | [name, name] (side by side)], save (its button),
  // remove ({label, question, yes, no}), submit(values, state), removed(state), opened(form)}.
  function makeForm(spec) {
    // (the heading's id is the form's "-title", unless a field is called so: then "-heading")
    const named = spec.fields.some(function (f) { return f.name === "title"; });
    const ids = { title: spec.id + (named ? "-heading" : "-title"), errors: spec.id + "-errors" };
    const form = el("form", { class: "bbp-form", novalidate: true });
    const title = el("h2", { id: ids.title, class: "bbp-title" });
    const quoted = el("blockquote", { class: "bbp-quote", hidden: true });
    const note = el("p", { class: "bbp-help bbp-form-note", hidden: true });
    const errors = el("div", { id: ids.errors, class: "bbp-errors", role: "alert", tabindex: "-1", hidden: true });
    const controls = {};
    const lists = {}; // the suggestions of each field that has them
    const fields = {};
    spec.fields.forEach(function (f) {
      const id = spec.id + "-" + f.name;
      const attrs = { id: id, name: f.name, required: f.required || false };
      let control;
      if (f.control === "textarea") control = el("textarea", Object.assign(attrs, { rows: f.rows || 3 }));
      else if (f.control === "select") control = el("select", attrs);
      else control = el("input", Object.assign(attrs, { type: "text", autocomplete: "off" }));
      const children = [el("label", { for: id, text: f.label }), control];
      if (f.list) {
        const list = el("datalist", { id: id + "-list" });
        control.setAttribute("list", list.id);
        lists[f.name] = list;
        children.push(list);
      }
      if (f.help) {
        const help = el("p", { id: id + "-help", class: "bbp-help", text: f.help });
        control.setAttribute("aria-describedby", help.id);
        children.push(help);
      }
      controls[f.name] = control;
      fields[f.name] = el("div", { class: "bbp-field" }, children);
    });
    // the fields in order, a list of names standing for a row of them side by side
    const laidOut = (spec.layout || spec.fields.map(function (f) { return f.name; })).map(function (item) {
      if (!Array.isArray(item)) return fields[item];
      return el("div", { class: "bbp-row" }, item.map(function (name) { return fields[name]; }));
    });
    const save = el("button", { type: "submit", class: "bbp-button bbp-primary" }, [spec.save]);
    const cancel = el("button", { type: "button", class: "bbp-button" }, ["Cancel"]);
    const remove = el("button", { type: "button", class: "bbp-button bbp-danger", hidden: true },
      [spec.remove ? spec.remove.label : ""]);
    const confirmRow = el("div", { class: "bbp-confirm", hidden: true });
    const confirmYes = el("button", { type: "button", class: "bbp-button bbp-danger" },
      [spec.remove ? spec.remove.yes : ""]);
    const confirmNo = el("button", { type: "button", class: "bbp-button" }, [spec.remove ? spec.remove.no : ""]);
    const status = el("p", { class: "bbp-form-status", role: "status" });
    if (spec.remove) confirmRow.append(el("p", { text: spec.remove.question }), confirmYes, confirmNo);
    form.append(title, quoted, note, errors, ...laidOut, confirmRow, status,
      el("div", { class: "bbp-actions" }, [remove, el("span", { class: "bbp-spacer" }), cancel, save]));

    let state = null; // what the form was opened for

    function showProblems(heading, problems) {
      errors.replaceChildren(el("p", { class: "bbp-errors-title", text: heading }));
      if (problems && problems.length) {
        errors.append(el("ul", {}, problems.map(function (p) { return el("li", { text: p.text }); })));
      }
      errors.hidden = false;
      errors.focus();
    }

    async function run(action) {
      save.disabled = true;
      confirmYes.disabled = true;
      status.textContent = "Saving…";
      let answer;
      try {
        answer = await action();
      } finally {
        save.disabled = false;
        confirmYes.disabled = false;
        status.textContent = "";
      }
      if (answer && !answer.ok) {
        confirmRow.hidden = true;
        showProblems(answer.error || "Not saved.", answer.problems);
        return null;
      }
      return answer;
    }

    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { // save from any field
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const values = {};
      Object.entries(controls).forEach(function ([name, control]) { values[name] = control.value; });
      const missing = spec.fields.find(function (f) { return f.required && !values[f.name].trim(); });
      if (missing) {
        showProblems(missing.empty || missing.label + " is empty.");
        controls[missing.name].focus();
        return;
      }
      run(function () { return spec.submit(values, state); }).then(function (answer) {
        // closed unless a form that follows it (a claim's passage to tag) has taken the dialog: a
        // page rebuilt meanwhile reloads when that one closes, so nothing typed there is lost
        if (answer && current === api) dialog.close();
      });
    });
    cancel.addEventListener("click", function () { dialog.close(); });
    remove.addEventListener("click", function () {
      confirmRow.hidden = false;
      confirmYes.focus();
    });
    confirmNo.addEventListener("click", function () {
      confirmRow.hidden = true;
      remove.focus();
    });
    confirmYes.addEventListener("click", function () {
      run(function () { return spec.removed(state); }).then(function (answer) {
        if (answer) dialog.close();
      });
    });

    // Open the form: {title, quote, note, values, choices: {name: [[value, label], ...]}, suggestions:
    // {name: [...]}, canRemove, state, focus (a field's name)}.
    function open(what) {
      state = what.state || null;
      title.textContent = what.title;
      quoted.textContent = what.quote || "";
      quoted.hidden = !what.quote;
      note.textContent = what.note || "";
      note.hidden = !what.note;
      Object.entries(what.choices || {}).forEach(function ([name, options]) {
        const select = controls[name];
        select.replaceChildren();
        options.forEach(function ([value, label]) { select.append(el("option", { value: value, text: label })); });
      });
      Object.entries(what.suggestions || {}).forEach(function ([name, words]) {
        lists[name].replaceChildren(...words.map(function (word) { return el("option", { value: word }); }));
      });
      Object.entries(controls).forEach(function ([name, control]) {
        const value = (what.values || {})[name];
        control.value = value === null || value === undefined ? "" : value;
      });
      remove.hidden = !what.canRemove;
      confirmRow.hidden = true;
      errors.hidden = true;
      status.textContent = "";
      save.disabled = false;
      returnFocus = document.activeElement;
      dialog.setAttribute("aria-labelledby", ids.title);
      dialog.replaceChildren(form);
      current = api;
      if (!dialog.open) dialog.showModal();
      (controls[what.focus] || Object.values(controls)[0]).focus();
      if (spec.opened) spec.opened(api);
    }

    const api = { open: open, controls: controls, showProblems: showProblems, form: form, save: save };
    return api;
  }

  // ------------------------------------------------------------------ after a save

  // The page reloads once the book is rebuilt; then what was saved is found, shown and told:
  // ``what`` names it ({term}, {claim}, {stem, index}...) and the words to say ({said}). Where there
  // is something to show, the page, not the browser, says where it is scrolled: the browser would
  // put it back where it was as it finishes loading, after the page had shown what was saved (at
  // the next reload it does again). Words alone (a deletion) leave the page where it was.
  let spotlit = false;
  if (window.history.scrollRestoration === "manual") {
    window.addEventListener("load", function () {
      window.setTimeout(function () { window.history.scrollRestoration = "auto"; });
    }, { once: true });
  }

  function remember(what) {
    const show = Object.keys(what).some(function (key) { return key !== "said"; });
    const kept = Object.assign({ page: pageName, show: show, scroll: window.scrollY }, what);
    window.sessionStorage.setItem(FOCUS_KEY, JSON.stringify(kept));
    if (show) window.history.scrollRestoration = "manual";
  }

  function recall() {
    const raw = window.sessionStorage.getItem(FOCUS_KEY);
    if (!raw) return null;
    window.sessionStorage.removeItem(FOCUS_KEY);
    const wanted = JSON.parse(raw);
    if (wanted.page !== pageName) return null;
    if (wanted.show) { // what was saved may not be found (renamed meanwhile): then where the page was
      const back = function () { if (!spotlit) window.scrollTo(0, wanted.scroll); };
      if (document.readyState === "complete") window.setTimeout(back);
      else window.addEventListener("load", back, { once: true });
    }
    return wanted;
  }

  // What was saved is not on this page yet, though the server has it: the page was loaded between
  // the save and its build (a form closed while an earlier build was reloading pages). Reload a few
  // times, a little later each time, rather than wait for a build that may have finished already.
  function notYetShown(wanted) {
    const tries = (wanted.tries || 0) + 1;
    if (tries > STALE_TRIES) return false;
    window.setTimeout(function () {
      remember(Object.assign({}, wanted, { tries: tries }));
      window.location.reload();
    }, 300 * tries);
    return true;
  }

  function spotlight(node) {
    if (!node) return;
    spotlit = true;
    node.setAttribute("tabindex", "-1");
    node.classList.add("bbp-just-saved");
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "center" });
  }

  // An id for a new entry, from its words: lowercase, hyphens, as the book's ids are written.
  function slug(text, words) {
    return String(text || "")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()
      .split(" ").filter(Boolean).slice(0, words || 6).join("-");
  }

  window.briefbookPreview = Object.freeze({
    el: el,
    say: say,
    getJSON: getJSON,
    post: post,
    makeForm: makeForm,
    dialog: dialog,
    isOpen: function () { return dialog.open; },
    remember: remember,
    recall: recall,
    spotlight: spotlight,
    notYetShown: notYetShown,
    slug: slug,
    pageName: pageName,
  });
})();
