// Every admin page (templates/admin/base_site.html): names that screen
// readers need on controls that Django and modeltranslation draw without one.
// Runs after "load" and after the ready handlers that jQuery 3 queues
// (setTimeout) by then: after modeltranslation and jQuery UI drew them.
"use strict";

function nameTheControls() {
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

  // The selection widget's search icon names its box with aria-label, which
  // a plain <span> may not carry: as an image it may.
  document.querySelectorAll(".search-label-icon[aria-label]").forEach((icon) => {
    icon.setAttribute("role", "img");
  });

  // A date and time field: one label (or legend) for two inputs, each
  // preceded by a bare "Date:" / "Time:". Name each: "<field> <part>".
  const words = (text) => (text || "").replace(/[:：]\s*$/, "").trim();
  document.querySelectorAll("p.datetime").forEach((box) => {
    const field = box.closest(".fieldBox, .form-row");
    const title = words(field?.querySelector("label, legend")?.textContent);
    box.querySelectorAll("input:not([type=hidden])").forEach((control) => {
      if (control.labels?.length || control.getAttribute("aria-label")) return;
      let node = control.previousSibling;
      while (node && !(node.nodeType === Node.TEXT_NODE && node.textContent.trim())) {
        node = node.previousSibling;
      }
      control.setAttribute("aria-label", `${title} ${words(node?.textContent)}`.trim());
    });
  });

  // A table of rows (inline rows, a list's editable columns) labels its
  // columns in the header only: give each field the header's words.
  document.querySelectorAll(".tabular table, #result_list").forEach((table) => {
    const headers = table.querySelectorAll("thead th");
    const controls = table.querySelectorAll(
      "tbody input:not([type=hidden]), tbody select, tbody textarea",
    );
    controls.forEach((control) => {
      if (control.labels?.length || control.getAttribute("aria-label")) return;
      // The field's cell, or its box inside modeltranslation's language tabs.
      const box = control.closest("[class*='field-'], td.delete");
      const field = [...(box?.classList || [])].find((name) => name.startsWith("field-"));
      let header;
      if (field) {
        // A field in one language (text_ar) under its field's header (text).
        header =
          table.querySelector(`thead th.column-${field.slice(6)}`) ||
          table.querySelector(`thead th.column-${field.slice(6).replace(/_(ar|en)$/, "")}`);
      } else if (box) {
        header = headers[headers.length - 1];
      }
      const name = words(header?.textContent);
      if (name) control.setAttribute("aria-label", name);
    });
  });

  // A box that scrolls sideways (an inline's rows, a wide table of ours)
  // can be reached and scrolled with the keyboard.
  document.querySelectorAll(".inline-group .tabular fieldset.module, .admin-scroll").forEach((box) => {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) box.tabIndex = 0;
  });
}

// A read-only field in one language (a moderator's view of a masar: name_en,
// name_ar) says which, for screen readers and for the page's checks; a slug
// is an address, not words.
function markFieldLanguages() {
  // A field in one language in an inline's row (a recommendation's text_en):
  // its box says which.
  document.querySelectorAll("td[class*='field-']").forEach((cell) => {
    const field = [...cell.classList].find((name) => name.startsWith("field-")) || "";
    const language = field.match(/_(ar|en)$/)?.[1];
    if (!language) return;
    cell.querySelectorAll("textarea, input:not([type=hidden]), .readonly, p").forEach((box) => {
      box.lang = language;
      box.dir = language === "ar" ? "rtl" : "ltr";
    });
  });
  document.querySelectorAll(".form-row[class*='field-'], .fieldBox[class*='field-']").forEach((row) => {
    const field = [...row.classList].find((name) => name.startsWith("field-")) || "";
    const language = field.match(/_(ar|en)$/)?.[1];
    if (language) {
      row.querySelectorAll("textarea, input[type=text], input:not([type])").forEach((box) => {
        box.lang = language;
        box.dir = language === "ar" ? "rtl" : "ltr";
      });
    }
    row.querySelectorAll(".readonly").forEach((value) => {
      if (language) {
        value.lang = language;
        value.dir = language === "ar" ? "rtl" : "ltr";
      } else if (field === "field-slug") {
        value.dir = "ltr";
        value.setAttribute("translate", "no");
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", markFieldLanguages);
window.addEventListener("load", () => setTimeout(nameTheControls));
