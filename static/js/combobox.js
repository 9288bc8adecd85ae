/* The one ARIA combobox of the portal: a text field that, as the user types, asks the server for suggestions
 * (JSON {results: [...], message?}) and offers them as a listbox under the field: arrow keys move, Enter
 * picks, Escape closes, Tab leaves; a newer answer is never replaced by an older, slower one; what happens is
 * said to screen readers in a polite live region. Used by the unit picker (unit-picker.js) and the dossier
 * search of the finding page (dossier-search.js), which say what to ask and what a pick does:
 *
 *   Combobox.attach(input, {
 *     delay: ms, listId: "...", listLabel: "...",
 *     url: function () { return "/address?q=..." or "" (nothing to ask: close) },
 *     lines: function (item) { return ["main line", "second line"] },   // shown in the option
 *     muted: function (item) { return false },                           // a former unit, greyed
 *     pick: function (item) { ...; return "what to say" },
 *     foundText: "{n} …", noneText: "…", arrowOpens: true });
 *
 * Without JavaScript the fields keep working as plain text fields (the server reads what was typed). */
(function () {
  "use strict";

  function part(tag, className, text) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = text;
    return element;
  }

  function attach(input, options) {
    var list = document.createElement("ul");
    list.id = options.listId;
    list.className = "dropdown-menu w-100 combobox-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", options.listLabel || "");
    var box = document.createElement("div"); // the list opens right under the field, over what follows
    box.className = "position-relative";
    input.insertAdjacentElement("beforebegin", box);
    box.appendChild(input);
    box.appendChild(list);
    var status = part("div", "visually-hidden", "");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.classList.remove("show");
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      results = [];
      active = -1;
    }

    function option(item, index) {
      var entry = document.createElement("li");
      entry.id = list.id + "-" + index;
      entry.className = "dropdown-item text-wrap" + (options.muted && options.muted(item) ? " text-muted" : "");
      entry.setAttribute("role", "option");
      entry.setAttribute("aria-selected", "false");
      var lines = options.lines(item);
      entry.appendChild(part("span", "d-block" + (lines.length > 1 ? " fw-semibold" : ""), lines[0]));
      if (lines[1]) {
        entry.appendChild(part("span", "d-block small", lines[1]));
      }
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
        say(answer.message || options.noneText || "");
        if (status.textContent) {
          list.appendChild(part("li", "dropdown-item-text text-muted small", status.textContent));
          list.classList.add("show");
        }
        return;
      }
      say((options.foundText || "{n}").replace("{n}", results.length));
      results.forEach(function (item, index) { list.appendChild(option(item, index)); });
      list.classList.add("show");
      input.setAttribute("aria-expanded", "true");
    }

    function say(text) {
      status.textContent = text;
    }

    function highlight(index) {
      var entries = list.querySelectorAll("[role=option]");
      if (!entries.length) {
        return;
      }
      active = (index + entries.length) % entries.length;
      entries.forEach(function (entry, position) {
        var on = position === active;
        entry.classList.toggle("active", on);
        entry.setAttribute("aria-selected", on ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", entries[active].id);
      entries[active].scrollIntoView({block: "nearest"});
    }

    function pick(index) {
      var item = results[index];
      if (!item) {
        return;
      }
      var said = options.pick(item);
      close();
      say(said || "");
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function ask() {
      var url = options.url();
      if (!url) {
        close();
        return;
      }
      var mine = ++asked;
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { // a refusal (400) says why in its JSON message
          return response.ok || response.status === 400 ? response.json() : {results: []};
        })
        .then(function (answer) {
          if (mine === asked) { // an older, slower answer must not replace a newer one
            show(answer);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, options.delay || 200);
    });
    input.addEventListener("keydown", function (event) {
      if (!list.classList.contains("show")) {
        if (event.key === "ArrowDown" && options.arrowOpens && options.url()) {
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
    return {close: close, say: say, box: box};
  }

  window.Combobox = {attach: attach};
})();
