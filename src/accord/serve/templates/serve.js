// Accord workbench: keyboard shortcuts on an article page, as CAT tools have them.
// j/k next/previous segment, e edit, Ctrl+Enter or Ctrl+S save, a approve (then the next),
// r reject (focus the reason), f apply the glossary fix, / search, Esc leave a field.
// Every action is a plain form, so the page works without this script too.
(function () {
  "use strict";
  var segments = Array.prototype.slice.call(document.querySelectorAll("section.seg"));
  if (!segments.length && !document.getElementById("search")) { return; }
  var current = -1;

  function select(index) {
    if (!segments.length) { return; }
    index = Math.max(0, Math.min(segments.length - 1, index));
    if (current >= 0 && segments[current]) { segments[current].classList.remove("current"); }
    current = index;
    var seg = segments[current];
    seg.classList.add("current");
    seg.focus({ preventScroll: true });
    seg.scrollIntoView({ block: "nearest" });
  }

  function here() { return current >= 0 ? segments[current] : null; }

  function press(name) {
    var seg = here();
    var button = seg && seg.querySelector('button[data-key="' + name + '"]');
    if (button && !button.disabled) { button.form.requestSubmit(button); }
  }

  segments.forEach(function (seg, index) {
    seg.addEventListener("focusin", function () {
      if (current !== index) {
        if (current >= 0 && segments[current]) { segments[current].classList.remove("current"); }
        current = index;
        seg.classList.add("current");
      }
    });
  });

  // Back from a write: stay on an edited segment (its fresh findings show there);
  // after a decision (approve, reject) go on to the next one, as CAT tools do.
  var start = window.location.hash.match(/^#(?:at|seg)-([0-9a-f]{8})$/);
  if (start) {
    var found = segments.findIndex(function (s) { return s.dataset.id === start[1]; });
    var notice = document.getElementById("notice");
    var decided = notice && /^(approve|reject)$/.test(notice.dataset.action || "");
    if (found >= 0) { select(decided && found + 1 < segments.length ? found + 1 : found); }
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target.closest ? event.target.closest("input, textarea, select") : null;
    var save = (event.ctrlKey || event.metaKey) && (event.key === "Enter" || event.key === "s");
    if (save) {
      if (field && field.form && field.tagName === "TEXTAREA") {
        event.preventDefault();
        field.form.requestSubmit();
      } else if (event.key === "s") {
        event.preventDefault();
        press("save");
      }
      return;
    }
    if (field) {
      if (event.key === "Escape") {
        field.blur();
        var seg = field.closest("section.seg");
        if (seg) { seg.focus({ preventScroll: true }); }
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var seg = here();
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": press("approve"); break;
      case "f": press("fix"); break;
      case "e":
        if (seg && seg.querySelector("textarea")) { seg.querySelector("textarea").focus(); }
        break;
      case "r":
        if (seg && seg.querySelector('input[name="reason"]')) {
          seg.querySelector('input[name="reason"]').focus();
        }
        break;
      case "/": document.getElementById("search").focus(); break;
      default: return;
    }
    event.preventDefault();
  });
}());
