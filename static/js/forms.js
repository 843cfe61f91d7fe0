// The error summary of a refused form takes the focus, so that keyboard and screen-reader users start from the
// list of what to fix; each of its links then moves the focus to its field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  var summary = event.target.querySelector && event.target.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
