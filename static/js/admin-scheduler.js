/* The admin's scheduler: drag an activity (from the list beside the grid, or
 * a block already placed) onto a space at a start time. The drop fills the
 * plain form below the grid, asks the server what is wrong or worth a look
 * (the same check the form's confirmation page shows), and shows it in a
 * dialog whose "Save" button submits that form. Without this script the form
 * does everything; with it, the form still works by keyboard. */
(function () {
  "use strict";
  var grid = document.querySelector(".scheduler-grid");
  var form = document.getElementById("scheduler-form");
  var dialog = document.getElementById("scheduler-check");
  if (!grid || !form || !dialog || !window.fetch || !dialog.showModal) {
    return;
  }
  var dragged = null;
  var TYPE = "text/plain";

  function activityOf(element) {
    var holder = element.closest("[data-activity]");
    return holder ? holder.getAttribute("data-activity") : null;
  }

  document.querySelectorAll("[draggable=true][data-activity]").forEach(function (item) {
    item.addEventListener("dragstart", function (event) {
      dragged = activityOf(item);
      event.dataTransfer.setData(TYPE, dragged);
      event.dataTransfer.effectAllowed = "move";
      item.classList.add("dragged");
      // After the browser took its picture of the item: blocks step aside.
      window.setTimeout(function () { grid.classList.add("dragging"); }, 0);
    });
    item.addEventListener("dragend", function () {
      item.classList.remove("dragged");
      grid.classList.remove("dragging");
    });
  });

  function cellAt(target) {
    return target && target.closest ? target.closest(".cell[data-space]") : null;
  }

  var highlighted = null;
  function highlight(cell) {
    if (highlighted && highlighted !== cell) {
      highlighted.classList.remove("drop-here");
    }
    highlighted = cell;
    if (cell) {
      cell.classList.add("drop-here");
    }
  }

  grid.addEventListener("dragover", function (event) {
    var cell = cellAt(event.target);
    if (!cell) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    highlight(cell);
  });
  grid.addEventListener("dragleave", function (event) {
    if (!grid.contains(event.relatedTarget)) {
      highlight(null);
    }
  });
  grid.addEventListener("drop", function (event) {
    var cell = cellAt(event.target);
    if (!cell) {
      return;
    }
    event.preventDefault();
    highlight(null);
    grid.classList.remove("dragging");
    var activity = event.dataTransfer.getData(TYPE) || dragged;
    if (activity) {
      propose(activity, cell.getAttribute("data-space"), cell.getAttribute("data-start"));
    }
  });

  function setField(name, value) {
    var field = form.elements[name];
    if (field) {
      field.value = value;
    }
  }

  function show(selector, visible) {
    dialog.querySelector(selector).hidden = !visible;
  }

  function fill(selector, findings) {
    var list = dialog.querySelector(selector + " ul");
    list.textContent = "";
    findings.forEach(function (finding) {
      var item = document.createElement("li");
      item.textContent = finding.message;
      item.setAttribute("data-kind", finding.kind);
      list.appendChild(item);
    });
    show(selector, findings.length > 0);
  }

  function reset() {
    dialog.querySelector(".check-summary").textContent = "";
    [".check-errors", ".check-warnings", ".check-none", ".check-failed"].forEach(function (s) {
      show(s, false);
    });
    dialog.querySelector(".check-save").hidden = true;
    show(".check-loading", true);
  }

  function propose(activity, space, start) {
    setField("activity", activity);
    setField("space", space);
    setField("start", start);
    reset();
    dialog.showModal();
    var query = new URLSearchParams({
      season: grid.getAttribute("data-season"),
      day: grid.getAttribute("data-day"),
      activity: activity,
      space: space,
      start: start
    });
    fetch(grid.getAttribute("data-check-url") + "?" + query.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (answer) {
        show(".check-loading", false);
        dialog.querySelector(".check-summary").textContent = answer.summary || "";
        fill(".check-errors", answer.errors || []);
        fill(".check-warnings", answer.warnings || []);
        show(".check-none", !(answer.errors || []).length && !(answer.warnings || []).length);
        var save = dialog.querySelector(".check-save");
        save.hidden = !answer.allowed;
        (answer.allowed ? save : dialog.querySelector(".check-cancel")).focus();
      })
      .catch(function () {
        show(".check-loading", false);
        show(".check-failed", true);
      });
  }

  dialog.querySelector(".check-cancel").addEventListener("click", function () {
    dialog.close();
  });
})();
