// Job cards (templates/jobs/_progress.html): the bar takes its width from data-percent (the Content-Security-
// Policy allows no style attribute), and while the job runs the card polls its status JSON every 1.5 s and
// updates itself in place: bar, aria values, status, rows and times, error, result link, cancel button.
// A card with data-job-reload reloads its page once the job ends (the page then shows the outcome).
// Cancelling asks first through the portal's one confirmation (inspection/confirm.py, the dialog in portal.js).
(function () {
  "use strict";

  var POLL_MS = 1500;

  function setBar(card, percent, summary) {
    var bar = card.querySelector("[data-job-bar]");
    var meter = card.querySelector("[role=progressbar]");
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
    meter.setAttribute("aria-valuenow", String(percent));
    if (summary) { meter.setAttribute("aria-valuetext", summary); }
  }

  function setField(card, name, text) {
    var field = card.querySelector("[data-job-field=" + name + "]");
    if (!field) { return; }
    field.textContent = text || "";
    field.hidden = !text;
  }

  function update(card, state) {
    setBar(card, state.percent, state.summary);
    setField(card, "status_label", state.status_label);
    setField(card, "summary", state.summary);
    setField(card, "error", state.error);
    var result = card.querySelector("[data-job-result]");
    if (result && state.result_url) {
      result.href = state.result_url;
      result.hidden = false;
    }
    var cancel = card.querySelector("[data-job-cancel]");
    if (cancel && (state.finished || state.cancel_requested)) {
      cancel.querySelector("button").disabled = true;
      if (state.finished) { cancel.hidden = true; }
    }
    card.setAttribute("data-job-finished", state.finished ? "true" : "false");
  }

  function poll(card) {
    fetch(card.getAttribute("data-job-status"), {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        update(card, state);
        if (state.finished && card.hasAttribute("data-job-reload")) { window.location.reload(); return; }
        if (!state.finished) { window.setTimeout(function () { poll(card); }, POLL_MS); }
      })
      .catch(function () { window.setTimeout(function () { poll(card); }, POLL_MS * 4); });
  }

  document.querySelectorAll("[data-job-status]").forEach(function (card) {
    var bar = card.querySelector("[data-job-bar]");
    bar.style.width = bar.getAttribute("data-percent") + "%";
    if (card.getAttribute("data-job-finished") !== "true") {
      window.setTimeout(function () { poll(card); }, POLL_MS);
    }
  });

})();
