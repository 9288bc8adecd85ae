/* Date picker for every date field (inputs with data-date-picker, written by inspection/dates.py), and the
 * due date shown while a deadline field (data-due-preview, inspection/calendar/forms.py) is typed.
 *
 * Progressive enhancement: without JavaScript the field takes dd/mm/yyyy as typed. With it, a button beside
 * the field opens a calendar (a modal dialog holding a grid, Monday first): arrow keys move by a day or a
 * week, Home/End to the week's ends, Page Up/Page Down by a month (with Shift by a year), Enter or Space
 * picks, Escape closes; picking writes dd/mm/yyyy, the format the server reads. Every word shown or said
 * (month names, weekday initials, labels) comes translated from the input's data-* attributes.
 *
 * The deadline's preview asks the server (GET data-due-preview?due=…&start=…): the date shown is counted
 * by the code that saves it, on the council's working-day calendar; this file never counts working days. */
(function () {
  "use strict";

  var DELAY_MS = 300;
  var counter = 0;
  var ICON = '<svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">' +
    '<path fill="currentColor" d="M4 0v1H2a1 1 0 0 0-1 1v13a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V2a1 1 0 0 0-1-1h-2V0h-1' +
    'v1H5V0zM2 5h12v10H2zm2 2v2h2V7zm3 0v2h2V7zm3 0v2h2V7zm-6 3v2h2v-2zm3 0v2h2v-2z"/></svg>';

  /* the days-off answers, by URL and year: {off: {"dd/mm/yyyy": name}, worked: ["dd/mm/yyyy"]} */
  var yearsAsked = {};

  /* the year's holidays, days off and make-up days, asked once; `then` runs when they arrive */
  function yearOf(url, year, then) {
    var key = url + "?year=" + year;
    if (!yearsAsked[key]) {
      yearsAsked[key] = {answer: null, waiting: []};
      fetch(key, {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          yearsAsked[key].answer = answer;
          yearsAsked[key].waiting.forEach(function (callback) { callback(); });
        })
        .catch(function () { /* the weekends alone are marked */ });
    }
    if (yearsAsked[key].answer) {
      return yearsAsked[key].answer;
    }
    if (yearsAsked[key].waiting.indexOf(then) < 0) {
      yearsAsked[key].waiting.push(then);
    }
    return null;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function format(day) {
    return pad(day.getDate()) + "/" + pad(day.getMonth() + 1) + "/" + day.getFullYear();
  }

  /* dd/mm/yyyy (also with - or .) or yyyy-mm-dd, as inspection/dates.py reads them; null otherwise. */
  function parse(text) {
    var vn = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
    var iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
    var parts = vn ? [+vn[3], +vn[2], +vn[1]] : iso ? [+iso[1], +iso[2], +iso[3]] : null;
    if (!parts || parts[0] < 1900 || parts[0] > 2100) {
      return null;
    }
    var day = new Date(parts[0], parts[1] - 1, parts[2]);
    return day.getMonth() === parts[1] - 1 && day.getDate() === parts[2] ? day : null;
  }

  function addDays(day, n) {
    return new Date(day.getFullYear(), day.getMonth(), day.getDate() + n);
  }

  function addMonths(day, n) {
    var last = new Date(day.getFullYear(), day.getMonth() + n + 1, 0).getDate();
    return new Date(day.getFullYear(), day.getMonth() + n, Math.min(day.getDate(), last));
  }

  function sameDay(a, b) {
    return Boolean(a && b) && a.getTime() === b.getTime();
  }

  function today() {
    var now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate());
  }

  /* 0 for Monday … 6 for Sunday */
  function weekdayIndex(day) {
    return (day.getDay() + 6) % 7;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* the id of the field's label (given one if it has none): the button and the calendar are described by it.
   * Their names stay "Chọn ngày", never the field's label, so that the label names the field alone. */
  function labelId(input) {
    var label = input.id ? document.querySelector('label[for="' + CSS.escape(input.id) + '"]') : null;
    if (!label) {
      return "";
    }
    label.id = label.id || input.id + "-nhan";
    return label.id;
  }

  function hiddenText(text) {
    return element("span", "visually-hidden", text);
  }

  /* the field and its button side by side (the calendar opens under them, in `box`) */
  function wrapField(input, id, words, described) {
    var box = element("div", "date-picker");
    var group = element("div", "input-group" + (input.classList.contains("is-invalid") ? " has-validation" : ""));
    // moving a field blurs it: someone already typing in it (the page still loading) keeps typing there
    var typing = document.activeElement === input;
    input.insertAdjacentElement("beforebegin", box);
    box.appendChild(group);
    group.appendChild(input);
    if (typing) {
      input.focus();
    }
    var button = element("button", "btn btn-outline-secondary date-picker-button");
    button.type = "button";
    button.innerHTML = ICON;
    button.appendChild(hiddenText(words.dialogText));
    if (described) {
      button.setAttribute("aria-describedby", described);
    }
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", id);
    group.appendChild(button);
    return {box: box, button: button};
  }

  function monthButton(text, sign) {
    var button = element("button", "btn btn-sm btn-outline-secondary");
    var shown = element("span", "", sign);
    shown.setAttribute("aria-hidden", "true");
    button.type = "button";
    button.append(shown, hiddenText(text));
    return button;
  }

  function gridHead(words) {
    var names = words.weekdayNames.split("|");
    var row = element("tr");
    words.weekdays.split("|").forEach(function (initial, index) {
      var head = element("th", index > 4 ? "weekend" : "", initial);
      head.scope = "col";
      head.abbr = names[index];
      row.appendChild(head);
    });
    return element("thead").appendChild(row).parentNode;
  }

  /* the calendar: a modal dialog with the month's name between its two buttons, the grid, help and Close */
  function buildDialog(id, words, described) {
    var parts = {dialog: element("div", "date-picker-dialog shadow"), title: element("div", "date-picker-title"),
      previous: monthButton(words.prevText, "‹"), next: monthButton(words.nextText, "›"),
      grid: element("table", "date-picker-grid"), body: element("tbody"),
      close: element("button", "btn btn-sm btn-link", words.closeText)};
    var help = element("p", "date-picker-help", words.helpText);
    var header = element("div", "date-picker-header");
    var footer = element("div", "date-picker-footer");
    parts.dialog.id = id;
    parts.dialog.hidden = true;
    parts.dialog.setAttribute("role", "dialog");
    parts.dialog.setAttribute("aria-modal", "true");
    parts.dialog.setAttribute("aria-label", words.dialogText);
    help.id = id + "-huong-dan";
    parts.dialog.setAttribute("aria-describedby", (described ? described + " " : "") + help.id);
    parts.title.id = id + "-thang";
    parts.title.setAttribute("aria-live", "polite");
    parts.grid.setAttribute("role", "grid");
    parts.grid.setAttribute("aria-labelledby", parts.title.id);
    parts.grid.append(gridHead(words), parts.body);
    parts.close.type = "button";
    header.append(parts.previous, parts.title, parts.next);
    footer.append(help, parts.close);
    parts.dialog.append(header, parts.grid, footer);
    return parts;
  }

  function enhance(input) {
    var words = input.dataset;
    var months = words.months.split("|");
    var names = words.weekdayNames.split("|");
    var id = (input.id || "ngay-" + (++counter)) + "-lich";
    var described = labelId(input);
    var field = wrapField(input, id, words, described);
    var box = field.box;
    var button = field.button;
    var parts = buildDialog(id, words, described);
    var dialog = parts.dialog;
    var title = parts.title;
    var grid = parts.grid;
    var body = parts.body;
    var previous = parts.previous;
    var next = parts.next;
    var close = parts.close;
    box.appendChild(dialog);

    var focused = today();
    var chosen = null;

    function monthTitle(day) {
      return words.titleText.replace("{month}", months[day.getMonth()]).replace("{year}", day.getFullYear());
    }

    function cell(day) {
      var td = element("td");
      if (day.getMonth() !== focused.getMonth()) {
        return td; // the month's own days only: a blank before the 1st and after the last
      }
      var isToday = sameDay(day, today());
      var year = words.daysOff ? yearOf(words.daysOff, day.getFullYear(), refresh) : null;
      var offName = year && year.off[format(day)];
      var worked = Boolean(year) && year.worked.indexOf(format(day)) >= 0;
      td.textContent = day.getDate();
      td.dataset.date = format(day);
      td.tabIndex = sameDay(day, focused) ? 0 : -1;
      td.className = "date-picker-day" + (weekdayIndex(day) > 4 && !worked ? " weekend" : "") +
        (offName ? " holiday" : "") + (worked ? " make-up" : "") + (isToday ? " today" : "");
      td.setAttribute("aria-selected", sameDay(day, chosen) ? "true" : "false");
      // "Thứ Bảy, 4 Tháng 11 năm 2017": said in words, and holding the number the cell shows
      td.setAttribute("aria-label", names[weekdayIndex(day)] + ", " + day.getDate() + " " + monthTitle(day) +
        (offName ? ", " + offName : "") + (worked ? ", " + words.workedText : "") +
        (isToday ? " (" + words.todayText + ")" : ""));
      if (offName) {
        td.title = offName;
      }
      td.addEventListener("click", function () { choose(day); });
      return td;
    }

    function render() {
      title.textContent = monthTitle(focused);
      body.replaceChildren();
      var first = new Date(focused.getFullYear(), focused.getMonth(), 1);
      var day = addDays(first, -weekdayIndex(first));
      while (day.getMonth() === focused.getMonth() || day < first) {
        var row = element("tr");
        for (var column = 0; column < 7; column++) {
          row.appendChild(cell(day));
          day = addDays(day, 1);
        }
        body.appendChild(row);
      }
    }

    /* the year's days off arrived after the month was drawn: draw it again, the focus where it was */
    function refresh() {
      if (dialog.hidden) {
        return;
      }
      var hadFocus = body.contains(document.activeElement);
      render();
      if (hadFocus) {
        current().focus();
      }
    }

    function current() {
      return body.querySelector("td[tabindex='0']");
    }

    function moveTo(day) {
      if (day.getFullYear() < 1900 || day.getFullYear() > 2100) {
        return;
      }
      focused = day;
      render();
      current().focus();
    }

    function open() {
      chosen = parse(input.value);
      focused = chosen || today();
      render();
      dialog.hidden = false;
      button.setAttribute("aria-expanded", "true");
      document.addEventListener("mousedown", outside);
      current().focus();
    }

    function shut(focusOn) {
      dialog.hidden = true;
      button.setAttribute("aria-expanded", "false");
      document.removeEventListener("mousedown", outside);
      if (focusOn) {
        focusOn.focus();
      }
    }

    function outside(event) {
      if (!box.contains(event.target)) {
        shut(null);
      }
    }

    function choose(day) {
      input.value = format(day);
      input.dispatchEvent(new Event("input", {bubbles: true}));
      input.dispatchEvent(new Event("change", {bubbles: true}));
      shut(input);
    }

    var moves = {
      ArrowLeft: function (day) { return addDays(day, -1); },
      ArrowRight: function (day) { return addDays(day, 1); },
      ArrowUp: function (day) { return addDays(day, -7); },
      ArrowDown: function (day) { return addDays(day, 7); },
      Home: function (day) { return addDays(day, -weekdayIndex(day)); },
      End: function (day) { return addDays(day, 6 - weekdayIndex(day)); },
      PageUp: function (day, shift) { return addMonths(day, shift ? -12 : -1); },
      PageDown: function (day, shift) { return addMonths(day, shift ? 12 : 1); }
    };

    grid.addEventListener("keydown", function (event) {
      if (moves[event.key]) {
        event.preventDefault();
        moveTo(moves[event.key](focused, event.shiftKey));
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(focused);
      }
    });

    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        shut(button);
      } else if (event.key === "Tab") {
        trapTab(event);
      }
    });

    /* a modal dialog: Tab goes round its own controls (previous, next, the day, close) */
    function trapTab(event) {
      var stops = [previous, next, current(), close];
      var at = stops.indexOf(document.activeElement);
      event.preventDefault();
      stops[(at + (event.shiftKey ? stops.length - 1 : 1)) % stops.length].focus();
    }

    previous.addEventListener("click", function () { moveTo(addMonths(focused, -1)); previous.focus(); });
    next.addEventListener("click", function () { moveTo(addMonths(focused, 1)); next.focus(); });
    close.addEventListener("click", function () { shut(button); });
    button.addEventListener("click", function () {
      if (dialog.hidden) {
        open();
      } else {
        shut(button);
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key === "ArrowDown") {
        event.preventDefault();
        open();
      }
    });
  }

  /* the due date the deadline's text stands for, under the field, as the server counts it */
  function preview(input) {
    var start = input.dataset.dueStart ? document.getElementById(input.dataset.dueStart) : null;
    var line = element("div", "form-text due-preview");
    line.id = (input.id || "han-" + (++counter)) + "-han";
    line.setAttribute("role", "status");
    line.setAttribute("aria-live", "polite");
    (input.closest(".date-picker") || input).insertAdjacentElement("afterend", line);
    var timer = null;
    var asked = 0;

    function show(number, ok, answer) {
      if (number !== asked) {
        return; // an older answer arriving late
      }
      line.textContent = answer.text || answer.error || "";
      line.classList.toggle("text-danger", !ok);
    }

    function ask() {
      var text = input.value.trim();
      var number = ++asked;
      if (!text) {
        show(number, true, {});
        return;
      }
      var query = new URLSearchParams({due: text, start: start ? start.value : ""});
      fetch(input.dataset.duePreview + "?" + query, {headers: {Accept: "application/json"}})
        .then(function (response) {
          return response.json().then(function (answer) { show(number, response.ok, answer); });
        })
        .catch(function () { show(number, true, {}); });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    }

    input.addEventListener("input", later);
    if (start) {
      start.addEventListener("input", later);
    }
    if (input.value.trim()) {
      ask();
    }
  }

  document.querySelectorAll("input[data-date-picker]").forEach(enhance);
  document.querySelectorAll("input[data-due-preview]").forEach(preview);
}());
