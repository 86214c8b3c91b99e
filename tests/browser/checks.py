"""What the browser layer asserts on every page."""

import re

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# Latin text that may stand on an Arabic page: the forum's acronym,
# references such as ISF5-0042, and the E.164 phone format.
ALLOWED_LATIN = re.compile(r"\b(?:ISF\d*|ICSSI|E\.164|ICS|UTC)\b")

# Visible text (and labels a screen reader speaks) whose nearest lang is the
# page's Arabic, yet reads as English: an interface string left untranslated,
# or content in English not marked with lang="en".
ENGLISH_ON_ARABIC_PAGE_JS = """
() => {
  const found = [];
  const strip = (text) => text
    .replace(/[\\w.+-]+@[\\w.-]+/g, " ")
    .replace(/https?:\\/\\/\\S+/g, " ");
  const check = (el, text) => {
    const scope = el.closest("[lang]");
    if (!scope || scope.getAttribute("lang") !== "ar") return;
    if (el.closest("script, style, noscript, code, [translate=no]")) return;
    if (/[A-Za-z]{3,}/.test(strip(text))) found.push(text.trim().slice(0, 80));
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || !el.getClientRects().length) continue;
    check(el, node.textContent);
  }
  const labelled = "[placeholder], [aria-label], [title], [alt], input[type=submit]";
  document.querySelectorAll(labelled).forEach((el) => {
    for (const attr of ["placeholder", "aria-label", "title", "alt"]) {
      if (el.hasAttribute(attr)) check(el, el.getAttribute(attr));
    }
    if (el.type === "submit" && el.value) check(el, el.value);
  });
  check(document.documentElement, document.title);
  return found;
}
"""


def english_left_on_arabic_page(page):
    texts = page.evaluate(ENGLISH_ON_ARABIC_PAGE_JS)
    return [text for text in texts if re.search(r"[A-Za-z]{3,}", ALLOWED_LATIN.sub("", text))]


def axe_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}× e.g. "
        f"{violation['nodes'][0]['target']})"
        for violation in results.response["violations"]
    ]


# Records every Content-Security-Policy violation the page causes.
CSP_LISTENER_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watch_page(page):
    """Start recording CSP violations and console errors; returns a function
    that lists what was recorded since the last navigation."""
    errors = []
    page.add_init_script(CSP_LISTENER_JS)
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    def problems():
        found = [f"CSP: {v}" for v in page.evaluate("window.__cspViolations || []")]
        found += [f"console: {text}" for text in errors]
        errors.clear()
        return found

    return problems
