/* Unit picker for every unit field (inputs with data-unit-lookup, written by inspection/units/fields.py).
 *
 * Progressive enhancement: without JavaScript the field takes unit codes (or a unit's full name) as typed.
 * With it, two ways to find a unit:
 * - typing, through the portal's one combobox (combobox.js): GET <data-unit-lookup>?q=<text> (the units the
 *   user may see whose code or any name contains the text, accents optional), each offered with its name,
 *   code, parent and validity;
 * - a tree to browse (the button under the field): GET <data-unit-tree>?parent=<id> one level at a time
 *   (the units the user may pick under it), shown as an ARIA tree: arrow keys move, Right opens a unit,
 *   Left closes it or goes up, Home/End, Enter or Space picks, Escape closes; former units are greyed and
 *   say until when they existed.
 * A field of a dated record (data-unit-dates: date fields of its form, "first:last" for a period, tried in
 * order; else the fixed data-unit-from/data-unit-to) sends the day that counts with both requests, as ?on= or
 * ?from=&to= (dd/mm/yyyy; a year field counts as its whole year): the server then offers the units of that
 * day first, named as they were, and mutes the others. Each lookup reads the date fields afresh, and a change
 * to one of them reloads the tree.
 * Picking puts the unit's code in the field; in a field taking several units (data-unit-multiple) it replaces
 * the code being typed after the last comma. The words come translated from the input's data-*-text. */
(function () {
  "use strict";

  var counter = 0;

  function put(input, item) {
    if (input.dataset.unitMultiple === "y") {
      var before = input.value.slice(0, input.value.lastIndexOf(",") + 1);
      input.value = (before ? before.trim() + " " : "") + item.code + ", ";
    } else {
      input.value = item.code;
    }
    return (input.dataset.pickedText || "{name}").replace("{name}", item.name + " (" + item.code + ")");
  }

  function typed(input) {
    var text = input.value;
    return input.dataset.unitMultiple === "y" ? text.slice(text.lastIndexOf(",") + 1).trim() : text.trim();
  }

  // --- the day that counts ------------------------------------------------------------------------------------

  var DAY = /^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}$/;

  function dateField(input, name) {
    return input.form ? input.form.elements.namedItem(name) : document.getElementById(name);
  }

  function ends(value) { // [first, last] of a date field's value, or null while it holds no whole date or year
    value = (value || "").trim();
    if (/^\d{4}$/.test(value)) {
      return ["01/01/" + value, "31/12/" + value];
    }
    return DAY.test(value) ? [value, value] : null;
  }

  function period(input) { // [first, last] the record counts, or null: as of today
    var alternatives = (input.dataset.unitDates || "").split(/\s+/).filter(Boolean);
    for (var i = 0; i < alternatives.length; i++) {
      var names = alternatives[i].split(":");
      var fields = names.map(function (name) { return dateField(input, name); });
      var first = fields[0] && ends(fields[0].value);
      var last = fields[1] ? ends(fields[1].value) : first;
      if (first || last) {
        return [(first || last)[0], (last || first)[1]];
      }
    }
    return input.dataset.unitFrom ? [input.dataset.unitFrom, input.dataset.unitTo || input.dataset.unitFrom] : null;
  }

  function dated(input, url) { // the address with the record's day or period
    var asked = period(input);
    if (!asked) {
      return url;
    }
    var join = url.indexOf("?") < 0 ? "?" : "&";
    return url + join + (asked[0] === asked[1] ? "on=" + encodeURIComponent(asked[0])
      : "from=" + encodeURIComponent(asked[0]) + "&to=" + encodeURIComponent(asked[1]));
  }

  function watchDates(input, onChange) { // call onChange when a field giving the day changes
    (input.dataset.unitDates || "").split(/[\s:]+/).filter(Boolean).forEach(function (name) {
      var field = dateField(input, name);
      if (field && field.addEventListener) {
        field.addEventListener("change", onChange);
      }
    });
  }

  function enhance(input) {
    var base = input.id || "don-vi-" + (++counter);
    var combobox = window.Combobox.attach(input, {
      listId: base + "-goi-y",
      listLabel: input.dataset.listLabel,
      arrowOpens: true,
      url: function () {
        var text = typed(input);
        return text ? dated(input, input.dataset.unitLookup + "?q=" + encodeURIComponent(text)) : "";
      },
      lines: function (item) {
        return [item.name, [item.code, item.parent, item.validity].filter(Boolean).join(" · ")];
      },
      muted: function (item) { return !item.current; },
      pick: function (item) { return put(input, item); },
      foundText: input.dataset.foundText,
      noneText: input.dataset.noneText
    });
    if (input.dataset.unitTree) {
      addTree(input, base, combobox);
    }
  }

  // --- the tree ---------------------------------------------------------------------------------------------

  function addTree(input, base, combobox) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-link btn-sm px-0 unit-tree-toggle";
    button.textContent = input.dataset.treeButtonText || "";
    button.setAttribute("aria-expanded", "false");
    var panel = document.createElement("div");
    panel.className = "unit-tree border rounded bg-body p-1 mt-1";
    panel.hidden = true;
    var tree = document.createElement("ul");
    tree.id = base + "-cay";
    tree.className = "list-unstyled mb-0";
    tree.setAttribute("role", "tree");
    tree.setAttribute("aria-label", input.dataset.treeLabel || "");
    panel.appendChild(tree);
    button.setAttribute("aria-controls", tree.id);
    combobox.box.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", panel);
    var loaded = false;
    watchDates(input, function () { // another day: the tree of that day, loaded when next opened
      loaded = false;
      tree.replaceChildren();
      if (!panel.hidden) {
        close(false);
      }
    });

    function open() {
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      if (!loaded) {
        loaded = true;
        load(tree, "", 1).then(function () { focusItem(items()[0]); });
      } else {
        focusItem(tree.querySelector("[role=treeitem][tabindex='0']") || items()[0]);
      }
    }

    function close(refocus) {
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (refocus) {
        input.focus();
      }
    }

    function load(group, parentId, level) {
      group.setAttribute("aria-busy", "true");
      group.replaceChildren(note(input.dataset.loadingText || "…"));
      var url = dated(input, input.dataset.unitTree + (parentId ? "?parent=" + encodeURIComponent(parentId) : ""));
      return fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok || response.status === 400 ? response.json() : {results: []}; })
        .catch(function () { return {results: []}; })
        .then(function (answer) {
          group.replaceChildren();
          group.removeAttribute("aria-busy");
          var units = answer.results || [];
          if (!units.length) {
            group.appendChild(note(answer.message || input.dataset.noneText || ""));
          }
          units.forEach(function (unit) { group.appendChild(treeItem(unit, level)); });
        });
    }

    function note(text) {
      var line = document.createElement("li");
      line.className = "text-muted small px-2";
      line.setAttribute("role", "none");
      line.textContent = text;
      return line;
    }

    function treeItem(unit, level) {
      var item = document.createElement("li");
      item.id = tree.id + "-" + unit.id;
      item.setAttribute("role", "treeitem");
      item.setAttribute("aria-level", String(level));
      item.setAttribute("aria-selected", "false");
      item.setAttribute("tabindex", "-1");
      item.setAttribute("aria-labelledby", item.id + "-ten");
      item.dataset.unitId = unit.id;
      item.unit = unit;
      var label = document.createElement("span");
      label.id = item.id + "-ten";
      label.className = "unit-tree-label d-block rounded px-1" + (unit.current ? "" : " text-muted");
      label.style.paddingLeft = (level - 1) * 1.25 + "rem";
      var sign = document.createElement("span");
      sign.className = "unit-tree-sign d-inline-block text-center";
      sign.setAttribute("aria-hidden", "true");
      sign.style.width = "1.25rem";
      label.appendChild(sign);
      label.appendChild(document.createTextNode(unit.name + " · " + unit.code +
        (unit.current ? "" : " · " + unit.validity)));
      item.appendChild(label);
      if (unit.children) {
        item.setAttribute("aria-expanded", "false");
        sign.textContent = "▸";
        var group = document.createElement("ul");
        group.className = "list-unstyled mb-0";
        group.setAttribute("role", "group");
        group.hidden = true;
        item.appendChild(group);
      }
      label.addEventListener("click", function (event) {
        event.stopPropagation();
        focusItem(item);
        if (event.target === sign && unit.children) {
          toggle(item);
        } else {
          choose(item);
        }
      });
      return item;
    }

    function items() { // the items a person can see, in reading order
      return Array.prototype.filter.call(tree.querySelectorAll("[role=treeitem]"), function (item) {
        return !item.parentElement.closest("[role=group][hidden]");
      });
    }

    function focusItem(item) {
      if (!item) {
        return;
      }
      tree.querySelectorAll("[role=treeitem][tabindex='0']").forEach(function (other) {
        other.setAttribute("tabindex", "-1");
      });
      item.setAttribute("tabindex", "0");
      item.focus();
    }

    function expand(item) {
      var group = item.querySelector(":scope > [role=group]");
      if (!group || item.getAttribute("aria-expanded") === "true") {
        return Promise.resolve();
      }
      item.setAttribute("aria-expanded", "true");
      item.querySelector(".unit-tree-sign").textContent = "▾";
      group.hidden = false;
      if (group.dataset.loaded) {
        return Promise.resolve();
      }
      group.dataset.loaded = "y";
      return load(group, item.dataset.unitId, Number(item.getAttribute("aria-level")) + 1);
    }

    function collapse(item) {
      var group = item.querySelector(":scope > [role=group]");
      if (group) {
        item.setAttribute("aria-expanded", "false");
        item.querySelector(".unit-tree-sign").textContent = "▸";
        group.hidden = true;
      }
    }

    function toggle(item) {
      if (item.getAttribute("aria-expanded") === "true") {
        collapse(item);
      } else {
        expand(item);
      }
    }

    function choose(item) {
      tree.querySelectorAll("[aria-selected=true]").forEach(function (other) {
        other.setAttribute("aria-selected", "false");
      });
      item.setAttribute("aria-selected", "true");
      var said = put(input, item.unit);
      close(true);
      combobox.say(said);
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    tree.addEventListener("keydown", function (event) {
      var item = event.target.closest("[role=treeitem]");
      if (!item) {
        return;
      }
      var visible = items();
      var position = visible.indexOf(item);
      var handled = true;
      if (event.key === "ArrowDown") {
        focusItem(visible[position + 1]);
      } else if (event.key === "ArrowUp") {
        focusItem(visible[position - 1]);
      } else if (event.key === "Home") {
        focusItem(visible[0]);
      } else if (event.key === "End") {
        focusItem(visible[visible.length - 1]);
      } else if (event.key === "ArrowRight") {
        if (item.getAttribute("aria-expanded") === "false") {
          expand(item);
        } else if (item.getAttribute("aria-expanded") === "true") {
          focusItem(item.querySelector(":scope > [role=group] > [role=treeitem]"));
        }
      } else if (event.key === "ArrowLeft") {
        if (item.getAttribute("aria-expanded") === "true") {
          collapse(item);
        } else {
          focusItem(item.parentElement.closest("[role=treeitem]"));
        }
      } else if (event.key === "Enter" || event.key === " ") {
        choose(item);
      } else if (event.key === "Escape") {
        close(true);
      } else {
        handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    });
    button.addEventListener("click", function () {
      if (panel.hidden) {
        open();
      } else {
        close(false);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { // after combobox.js, wherever this is loaded
    document.querySelectorAll("input[data-unit-lookup]").forEach(enhance);
  });
})();
