/* Accord report filters: show only the segments that match; works from file://. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.segment"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.article"));
  var shown = document.getElementById("shown-count");

  function matches(row, errorsOnly, check, state) {
    var checks = row.getAttribute("data-checks").split(" ");
    if (errorsOnly && row.getAttribute("data-severity") !== "error") {
      return false;
    }
    if (check && checks.indexOf(check) < 0) {
      return false;
    }
    return !state || row.getAttribute("data-state") === state;
  }

  function apply() {
    var errorsOnly = form.elements["errors-only"].checked;
    var check = form.elements["check"].value;
    var state = form.elements["state"].value;
    var count = 0;
    rows.forEach(function (row) {
      var visible = matches(row, errorsOnly, check, state);
      row.hidden = !visible;
      if (visible) {
        count += 1;
      }
    });
    sections.forEach(function (section) {
      section.hidden = section.querySelector("tr.segment:not([hidden])") === null;
    });
    shown.textContent = String(count);
    document.body.classList.toggle("filtered", errorsOnly || check !== "" || state !== "");
  }

  function fromHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    if (!params.has("check") && !params.has("state") && !params.has("errors")) {
      apply();
      return;
    }
    form.elements["errors-only"].checked = params.get("errors") === "1";
    form.elements["check"].value = params.get("check") || "";
    form.elements["state"].value = params.get("state") || "";
    apply();
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
