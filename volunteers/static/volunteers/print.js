// The roster's "Print" button: shown only when JavaScript runs (the browser's
// own Print menu works without it).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll(".print-button")) {
    button.hidden = false;
    button.addEventListener("click", (event) => {
      event.preventDefault();
      window.print();
    });
  }
});
