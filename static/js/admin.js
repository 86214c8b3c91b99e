// Every admin page (templates/admin/base_site.html): names that screen
// readers need on controls that Django and modeltranslation draw without one.
// Runs on "load", after their own scripts have drawn the controls.
"use strict";

window.addEventListener("load", () => {
  const labels = document.getElementById("admin-labels");
  if (!labels) return;

  // modeltranslation's "all fields in one language" switch.
  const languageSwitch = document.getElementById("modeltranslation-main-switch");
  if (languageSwitch && !languageSwitch.getAttribute("aria-label")) {
    languageSwitch.setAttribute("aria-label", labels.dataset.languageSwitch);
  }

  // jQuery UI's language tabs: the tab (the <li>) is the control; the link
  // inside it would be a second, nested one. Its clicks still switch tabs.
  document.querySelectorAll("li[role=tab] > a.ui-tabs-anchor").forEach((link) => {
    link.removeAttribute("href");
    link.removeAttribute("tabindex");
  });

  // A table of inline rows labels its columns in the header only: give each
  // field the header's words.
  document.querySelectorAll(".tabular table").forEach((table) => {
    const headers = table.querySelectorAll("thead th");
    table.querySelectorAll("tbody td").forEach((cell) => {
      const field = [...cell.classList].find((name) => name.startsWith("field-"));
      let header;
      if (field) {
        header = table.querySelector(`thead th.column-${field.slice(6)}`);
      } else if (cell.classList.contains("delete")) {
        header = headers[headers.length - 1];
      }
      if (!header) return;
      const words = header.textContent.trim();
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((control) => {
        const labelled = control.labels?.length || control.getAttribute("aria-label");
        if (!labelled && words) control.setAttribute("aria-label", words);
      });
    });
  });
});
