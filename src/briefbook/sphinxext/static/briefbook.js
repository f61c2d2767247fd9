// briefbook: on narrow screens, move each margin note under its paragraph;
// on wide screens, put it back beside its passage (where the page placed it).
(function () {
  "use strict";
  const narrow = window.matchMedia("(max-width: 991.98px)");
  const notes = Array.from(document.querySelectorAll("aside.bb-note"));
  const homes = new Map(); // note -> the placeholder marking its place in the text
  notes.forEach(function (note) {
    const home = document.createComment("bb-note " + note.id);
    note.parentNode.insertBefore(home, note);
    homes.set(note, home);
  });
  function place() {
    notes.forEach(function (note) {
      const home = homes.get(note);
      if (narrow.matches) {
        const para = home.parentNode.closest(".bb-para") || home.parentNode;
        // keep notes of one paragraph in their reading order
        let after = para;
        while (after.nextElementSibling && after.nextElementSibling.matches("aside.bb-note.bb-moved")
               && Number(after.nextElementSibling.dataset.number) < Number(note.dataset.number)) {
          after = after.nextElementSibling;
        }
        after.after(note);
        note.classList.add("bb-moved");
      } else if (note.classList.contains("bb-moved")) {
        home.after(note);
        note.classList.remove("bb-moved");
      }
    });
  }
  place();
  narrow.addEventListener("change", place);
})();
