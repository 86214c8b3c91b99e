/* The programme page: bring the chosen day's tab into view on a phone,
 * where the tabs scroll sideways. Nothing else depends on it. */
(function () {
  "use strict";
  var current = document.querySelector(".day-tabs a[aria-current='page']");
  if (current && current.scrollIntoView) {
    current.scrollIntoView({ block: "nearest", inline: "center" });
  }
})();
