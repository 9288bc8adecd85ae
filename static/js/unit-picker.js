/* Unit picker for every unit field (inputs with data-unit-lookup, written by inspection/units/fields.py).
 *
 * Progressive enhancement: without JavaScript the field takes unit codes (or a unit's full name) as typed.
 * With it, typing asks GET <data-unit-lookup>?q=<text> (JSON: the units the user may see whose code or any
 * name contains the text, accents optional) and offers them as an ARIA combobox list showing name, code,
 * parent and validity: arrow keys move, Enter picks, Escape closes. Picking puts the unit's code in the
 * field; in a field taking several units (data-unit-multiple) it replaces the code being typed after the
 * last comma. The words said to screen readers come translated from the input's data-*-text attributes. */
(function () {
  "use strict";

  var DELAY_MS = 200;
  var counter = 0;

  function enhance(input) {
    var multiple = input.dataset.unitMultiple === "y";
    var list = document.createElement("ul");
    list.id = (input.id || "don-vi-" + (++counter)) + "-goi-y";
    list.className = "dropdown-menu w-100 unit-picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.listLabel || "");
    var box = document.createElement("div"); // the list opens right under the field, over what follows
    box.className = "position-relative";
    input.insertAdjacentElement("beforebegin", box);
    box.appendChild(input);
    box.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var results = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function typed() {
      var text = input.value;
      return multiple ? text.slice(text.lastIndexOf(",") + 1).trim() : text.trim();
    }

    function close() {
      list.classList.remove("show");
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      results = [];
      active = -1;
    }

    function line(className, text) {
      var part = document.createElement("span");
      part.className = className;
      part.textContent = text;
      return part;
    }

    function option(item, index) {
      var entry = document.createElement("li");
      entry.id = list.id + "-" + index;
      entry.className = "dropdown-item text-wrap" + (item.current ? "" : " text-muted");
      entry.setAttribute("role", "option");
      entry.setAttribute("aria-selected", "false");
      entry.appendChild(line("d-block fw-semibold", item.name));
      entry.appendChild(line("d-block small", [item.code, item.parent, item.validity].filter(Boolean).join(" · ")));
      entry.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        pick(index);
      });
      return entry;
    }

    function show(answer) {
      close();
      results = answer.results || [];
      if (!results.length) {
        status.textContent = answer.message || input.dataset.noneText || "";
        list.appendChild(line("dropdown-item-text text-muted small", status.textContent));
        list.classList.add("show");
        return;
      }
      status.textContent = (input.dataset.foundText || "{n}").replace("{n}", results.length);
      results.forEach(function (item, index) { list.appendChild(option(item, index)); });
      list.classList.add("show");
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) {
        return;
      }
      active = (index + options.length) % options.length;
      options.forEach(function (entry, position) {
        var on = position === active;
        entry.classList.toggle("active", on);
        entry.setAttribute("aria-selected", on ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({block: "nearest"});
    }

    function pick(index) {
      var item = results[index];
      if (!item) {
        return;
      }
      if (multiple) {
        var before = input.value.slice(0, input.value.lastIndexOf(",") + 1);
        input.value = (before ? before.trim() + " " : "") + item.code + ", ";
      } else {
        input.value = item.code;
      }
      status.textContent = (input.dataset.pickedText || "{name}").replace("{name}", item.name + " (" + item.code + ")");
      close();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function ask() {
      var text = typed();
      if (!text) {
        close();
        return;
      }
      var mine = ++asked;
      fetch(input.dataset.unitLookup + "?q=" + encodeURIComponent(text),
            {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (answer) {
          if (mine === asked) { // an older, slower answer must not replace a newer one
            show(answer);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (!list.classList.contains("show")) {
        if (event.key === "ArrowDown" && typed()) {
          event.preventDefault();
          ask();
        }
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); // pick, do not submit yet
        pick(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-unit-lookup]").forEach(enhance);
})();
