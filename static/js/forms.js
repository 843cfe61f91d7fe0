// The error summary of a refused form takes the focus, so that keyboard and screen-reader users start from the
// list of what to fix; each of its links then moves the focus to its field (a link to a fragment alone would
// only scroll), with the field's label in view.
(function () {
  function focusSummary(root) {
    var summary = root.querySelector && root.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusSummary(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    focusSummary(event.target);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
