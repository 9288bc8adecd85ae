// Review sessions: in a decision form, the "extend to" date shown only when the decision is an extension;
// after a refused form, the page scrolled to it. (The minutes' print button: data-print, static/js/portal.js.)
(function () {
  "use strict";

  document.querySelectorAll("form.council-decision").forEach(function (form) {
    var select = form.querySelector("select[name$='-decision']");
    var due = form.querySelector(".council-new-due");
    if (!select || !due) { return; }
    var sync = function () {
      due.hidden = select.value !== "extend" && !due.querySelector(".is-invalid");
    };
    select.addEventListener("change", sync);
    sync();
  });

  var failed = document.querySelector("[data-council-failed]");
  if (failed) { failed.scrollIntoView({ block: "start" }); }
})();
