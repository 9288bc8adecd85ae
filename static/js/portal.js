// Behaviour every page may use, declared by data attributes (the Content-Security-Policy allows no inline
// handlers): data-print prints the page, data-auto-submit sends its form when the choice changes (a button
// inside <noscript> does it without JavaScript).
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-auto-submit]").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });
})();
