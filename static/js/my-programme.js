/* My programme: stars kept in this browser (localStorage), no account.
 *
 * Without JavaScript the star buttons stay hidden and every page still
 * works; "my programme" is a plain page listing ?ids=1,2,3, so a list can
 * also be shared as a link. */
(function () {
  "use strict";

  var KEY = "isf-my-programme";

  function read() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return Number.isInteger(id) && id > 0; }) : [];
    } catch (error) {
      return [];
    }
  }

  function write(ids) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(ids));
    } catch (error) {
      /* Private browsing or storage full: the star just does not stick. */
    }
  }

  function myProgrammeUrl(base, ids) {
    return ids.length ? base + "?ids=" + ids.join(",") : base;
  }

  function refreshLinks(ids) {
    document.querySelectorAll("[data-my-programme-link]").forEach(function (link) {
      var base = link.getAttribute("data-base") || link.getAttribute("href").split("?")[0];
      link.setAttribute("data-base", base);
      link.setAttribute("href", myProgrammeUrl(base, ids));
      var count = link.querySelector("[data-star-count]");
      if (count) {
        count.textContent = ids.length ? ids.length.toLocaleString(document.documentElement.lang) : "";
        count.hidden = !ids.length;
      }
    });
  }

  function refreshButtons(ids) {
    document.querySelectorAll("[data-star]").forEach(function (button) {
      var id = parseInt(button.getAttribute("data-star"), 10);
      button.setAttribute("aria-pressed", ids.indexOf(id) >= 0 ? "true" : "false");
    });
  }

  function toggle(event) {
    var id = parseInt(event.currentTarget.getAttribute("data-star"), 10);
    var ids = read();
    var at = ids.indexOf(id);
    if (at >= 0) {
      ids.splice(at, 1);
    } else {
      ids.push(id);
    }
    write(ids);
    refreshButtons(ids);
    refreshLinks(ids);
  }

  function init() {
    var ids = read();
    var page = document.getElementById("my-programme");
    // The bare "my programme" page shows this browser's stars.
    if (page && !page.getAttribute("data-ids") && ids.length && !/[?&]ids=/.test(window.location.search)) {
      window.location.replace(myProgrammeUrl(page.getAttribute("data-base-url"), ids));
      return;
    }
    document.querySelectorAll("[data-star]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", toggle);
    });
    refreshButtons(ids);
    refreshLinks(ids);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  // A page restored from the back/forward cache shows the current stars.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      var ids = read();
      refreshButtons(ids);
      refreshLinks(ids);
    }
  });
})();
