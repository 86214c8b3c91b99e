// The decision page: choosing a message template fills both messages at once.
// Without JavaScript, the "Use this template" button does the same through
// the server; with it, that button is not needed and is hidden.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("message-templates");
    var select = document.getElementById("id_template");
    if (!data || !select) {
      return;
    }
    var templates = JSON.parse(data.textContent);
    var boxes = {
      ar: document.getElementById("id_message_ar"),
      en: document.getElementById("id_message_en"),
    };
    var button = document.querySelector("[data-template-button]");
    if (button) {
      button.remove();
    }
    select.addEventListener("change", function () {
      var chosen = templates[select.value];
      if (!chosen) {
        return;
      }
      Object.keys(boxes).forEach(function (code) {
        if (boxes[code]) {
          boxes[code].value = chosen[code] || "";
        }
      });
    });
  });
})();
