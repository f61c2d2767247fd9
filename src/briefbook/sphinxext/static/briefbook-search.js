// briefbook: the site's search as a reader expects it (on the search page only).
//
// Sphinx's search lists a page once for each way it matched (the glossary page for a word in its
// text, and again for the term), and orders pages of equal score by their titles as text, so that
// "Synthetic article 109" comes before "Synthetic article 11". Here each page is listed once, with
// its best match, and equal scores follow the titles as a reader orders them (numbers as numbers).
//
// Opened from the file system (file://), a browser lets no page read another, so the passages
// Sphinx fetches to show under each result fail, one error per result; there the results are
// listed without them, and a line says how to open the site to have them.
(function () {
  "use strict";
  if (typeof Search === "undefined" || typeof Search._performSearch !== "function") return;

  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const original = Search._performSearch;

  // Sphinx returns the results best last (it shows them from the end): [docname, title, anchor,
  // description, score, filename, kind].
  Search._performSearch = function () {
    const shown = original.apply(this, arguments).slice().reverse();
    const seen = new Set();
    const once = shown.filter(function (result) {
      if (seen.has(result[0])) return false;
      seen.add(result[0]);
      return true;
    });
    // within each run of equal scores (Sphinx keeps its groups in order), titles as a reader reads them
    const ordered = [];
    let run = [];
    once.forEach(function (result, i) {
      run.push(result);
      const next = once[i + 1];
      if (!next || next[4] !== result[4]) {
        run.sort(function (a, b) { return collator.compare(a[1], b[1]); });
        ordered.push.apply(ordered, run);
        run = [];
      }
    });
    return ordered.reverse();
  };

  if (window.location.protocol === "file:") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
    document.addEventListener("DOMContentLoaded", function () {
      const results = document.getElementById("search-results");
      if (!results) return;
      const note = document.createElement("p");
      note.className = "bb-search-note";
      note.textContent =
        "This copy of the site is opened from the file system, where a browser lets no page read " +
        "another, so results are listed without the passages they were found in. To see them, " +
        "serve the site: python3 -m http.server -d docs/_build/html, then open http://localhost:8000/.";
      results.before(note);
    });
  }
})();
