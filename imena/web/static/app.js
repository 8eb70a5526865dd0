// Small progressive enhancements; every page works without them.
"use strict";

document.addEventListener("keydown", (event) => {
  // "/" jumps to the search box, as on many sites, unless one is typing already.
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const box = document.getElementById("q-top");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  }
});

document.addEventListener("change", (event) => {
  // Chronology filters apply as soon as a list choice changes.
  const select = event.target.closest("form.filters select");
  if (select) {
    select.form.requestSubmit();
  }
});

document.addEventListener("submit", (event) => {
  // Rejecting keeps the claim but marks it as wrong, linking two records makes them one
  // person: ask once, so a slip is not recorded.  A button words its question in
  // data-confirm; any reject button asks.
  const button = event.submitter;
  if (button && (button.dataset.confirm || button.value === "reject")) {
    const question = button.dataset.confirm || "Reject this claim? It stays visible, marked rejected.";
    if (!window.confirm(question)) {
      event.preventDefault();
    }
  }
});
