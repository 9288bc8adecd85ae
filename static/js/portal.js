// Behaviour every page may use, declared by data attributes (the Content-Security-Policy allows no inline
// handlers): data-print prints the page, data-auto-submit sends its form when the choice changes (a button
// inside <noscript> does it without JavaScript); a form or button with data-confirm-title asks in the page's
// <dialog> before an action that cannot be undone, then posts with confirmed=1 (inspection/confirm.py; without
// JavaScript the server asks on a page of its own); tables shown as cards keep their roles.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-auto-submit]").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });

  // A table shown as cards on a phone (class table-cards) says its roles itself: some browsers drop a table's
  // semantics once its cells are display:block, and a screen reader would read a card as loose text.
  var say = function (nodes, role) { nodes.forEach(function (node) { node.setAttribute("role", role); }); };
  document.querySelectorAll("table.table-cards").forEach(function (table) {
    table.setAttribute("role", "table");
    say(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"), "rowgroup");
    say(table.querySelectorAll(":scope > * > tr"), "row");
    say(table.querySelectorAll(":scope > thead > tr > th"), "columnheader");
    say(table.querySelectorAll(":scope > tbody > tr > th"), "rowheader");
    say(table.querySelectorAll(":scope > * > tr > td"), "cell");
  });

  var dialog = document.getElementById("confirm-dialog");
  var confirmed = function (form) { return form.querySelector("input[name='confirmed']") !== null; };
  var asking = function (form, submitter) {
    var source = submitter && submitter.hasAttribute("data-confirm-title") ? submitter : form;
    return source.hasAttribute("data-confirm-title") ? source : null;
  };
  var ask = function (form, submitter, source) {
    var button = dialog.querySelector("[data-confirm-dialog-button]");
    dialog.querySelector("h2").textContent = source.getAttribute("data-confirm-title");
    dialog.querySelector("[data-confirm-dialog-consequence]").textContent =
      source.getAttribute("data-confirm-consequence");
    button.textContent = button.getAttribute("data-label") + ": " + source.getAttribute("data-confirm-button");
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "confirm") { return; }
      var field = document.createElement("input");
      field.type = "hidden"; field.name = "confirmed"; field.value = "1";
      form.appendChild(field);
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    }, { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  };
  if (dialog && typeof dialog.showModal === "function") {
    document.addEventListener("submit", function (event) {
      var form = event.target, source = asking(form, event.submitter);
      if (!source || confirmed(form)) { return; }
      event.preventDefault();
      ask(form, event.submitter, source);
    });
  }
})();
