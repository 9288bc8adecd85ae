/* Dossier autocomplete for the "link a dossier" form on the finding page, through the portal's one
 * combobox (combobox.js).
 *
 * Progressive enhancement: without JavaScript the form still works (type the unit code and the exact
 * dossier code, then submit). With it, typing in the code field asks
 * GET <data-dossier-search>?unit=<unit code>&q=<text> (JSON, at most 20 dossiers of that unit whose code
 * starts with, or whose recipient's name contains, the text); picking fills in the dossier code (and unit
 * code). The words it says (to screen readers) come translated from the page: data-found-text,
 * data-picked-text. */
(function () {
  "use strict";

  function describe(item) {
    return item.code + " — " + item.recipient + " · " + item.award_form + " · " + item.year;
  }

  function enhance(form) {
    var unitInput = document.getElementById(form.dataset.unitInput);
    var codeInput = document.getElementById(form.dataset.codeInput);
    if (!unitInput || !codeInput) {
      return;
    }
    var combobox = window.Combobox.attach(codeInput, {
      delay: 250,
      listId: codeInput.id + "-goi-y",
      url: function () {
        var unit = unitInput.value.trim();
        var text = codeInput.value.trim();
        return unit && text ? form.dataset.dossierSearch + "?unit=" + encodeURIComponent(unit) +
          "&q=" + encodeURIComponent(text) : "";
      },
      lines: function (item) { return [describe(item)]; },
      pick: function (item) {
        codeInput.value = item.code;
        unitInput.value = item.unit;
        return (form.dataset.pickedText || "{item}").replace("{item}", describe(item));
      },
      foundText: form.dataset.foundText
    });
    unitInput.addEventListener("change", combobox.close);
  }

  document.addEventListener("DOMContentLoaded", function () { // after combobox.js, wherever this is loaded
    document.querySelectorAll("form[data-dossier-search]").forEach(enhance);
  });
})();
