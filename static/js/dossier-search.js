/* Dossier autocomplete for the "link a dossier" form on the finding page.
 *
 * Progressive enhancement: without JavaScript the form still works (type the unit code and the exact
 * dossier code, then submit). With it, typing in the code field asks
 * GET <data-dossier-search>?unit=<unit code>&q=<text> (JSON, at most 20 dossiers of that unit whose code
 * starts with, or whose recipient's name contains, the text) and offers the answers as an ARIA combobox
 * list: arrow keys move, Enter picks, Escape closes. Picking fills in the dossier code (and unit code).
 * The words it says (to screen readers) come translated from the page: data-found-text, data-picked-text. */
(function () {
  "use strict";

  var DELAY_MS = 250;

  function enhance(form) {
    var unitInput = document.getElementById(form.dataset.unitInput);
    var codeInput = document.getElementById(form.dataset.codeInput);
    if (!unitInput || !codeInput) {
      return;
    }
    var list = document.createElement("ul");
    list.id = codeInput.id + "-goi-y";
    list.className = "dropdown-menu w-100";
    list.setAttribute("role", "listbox");
    codeInput.insertAdjacentElement("afterend", list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.insertAdjacentElement("afterend", status);

    codeInput.setAttribute("role", "combobox");
    codeInput.setAttribute("aria-autocomplete", "list");
    codeInput.setAttribute("aria-expanded", "false");
    codeInput.setAttribute("aria-controls", list.id);
    codeInput.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.classList.remove("show");
      list.innerHTML = "";
      codeInput.setAttribute("aria-expanded", "false");
      codeInput.removeAttribute("aria-activedescendant");
      results = [];
      active = -1;
    }

    function describe(item) {
      return item.code + " — " + item.recipient + " · " + item.award_form + " · " + item.year;
    }

    function show(answer) {
      close();
      results = answer.results || [];
      status.textContent = answer.message || (form.dataset.foundText || "{n}").replace("{n}", results.length);
      if (!results.length) {
        if (answer.message) {
          var empty = document.createElement("li");
          empty.className = "dropdown-item-text text-muted small";
          empty.textContent = answer.message;
          list.appendChild(empty);
          list.classList.add("show");
        }
        return;
      }
      results.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.className = "dropdown-item text-wrap";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = describe(item);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the field
          pick(index);
        });
        list.appendChild(option);
      });
      list.classList.add("show");
      codeInput.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) {
        return;
      }
      active = (index + options.length) % options.length;
      options.forEach(function (option, position) {
        var on = position === active;
        option.classList.toggle("active", on);
        option.setAttribute("aria-selected", on ? "true" : "false");
      });
      codeInput.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({block: "nearest"});
    }

    function pick(index) {
      var item = results[index];
      if (!item) {
        return;
      }
      codeInput.value = item.code;
      unitInput.value = item.unit;
      status.textContent = (form.dataset.pickedText || "{item}").replace("{item}", describe(item));
      close();
    }

    function ask() {
      var unit = unitInput.value.trim();
      var text = codeInput.value.trim();
      if (!unit || !text) {
        close();
        return;
      }
      var url = form.dataset.dossierSearch + "?unit=" + encodeURIComponent(unit) + "&q=" + encodeURIComponent(text);
      var mine = ++asked;
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (answer) {
          if (mine === asked) { // an older, slower answer must not replace a newer one
            show(answer);
          }
        })
        .catch(close);
    }

    codeInput.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    codeInput.addEventListener("keydown", function (event) {
      if (!list.classList.contains("show")) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); // pick, do not submit yet
        pick(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    codeInput.addEventListener("blur", function () { setTimeout(close, 150); });
    unitInput.addEventListener("change", close);
  }

  document.querySelectorAll("form[data-dossier-search]").forEach(enhance);
})();
