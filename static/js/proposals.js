// The proposal form: bring the error summary (or the rate limit's refusal)
// into view and focus, and show that a form is being sent (a second click is
// harmless anyway: the server recognises the same form sent twice). The page
// works without this file.
(function () {
  "use strict";
  var summary =
    document.getElementById("error-summary") || document.getElementById("rate-limited");
  if (summary) {
    summary.focus();
  }
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    var button = form.querySelector("button[type=submit]");
    if (!button) {
      return;
    }
    var label = button.textContent;
    form.addEventListener("submit", function () {
      button.disabled = true;
      button.textContent = form.getAttribute("data-sending");
    });
    // Back from a slow or failed send: the button works again.
    window.addEventListener("pageshow", function () {
      button.disabled = false;
      button.textContent = label;
    });
  });
})();
