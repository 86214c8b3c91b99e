"""What the browser layer asserts on every page."""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# Latin text that may stand on an Arabic page: the forum's acronym,
# references such as ISF5-0042, the E.164 phone format, and the names of
# file formats on download links (CSV, Excel's XLSX).
ALLOWED_LATIN = re.compile(r"\b(?:ISF\d*|ICSSI|E\.164|ICS|UTC|CSV|XLSX|Excel)\b")

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


# The Nu HTML checker, from npm (tools/package.json; bin/test runs npm ci),
# run with Debian's Java.
VNU_JAR = Path(__file__).resolve().parents[2] / "tools/node_modules/vnu-jar/build/dist/vnu.jar"


def nu_html_errors(pages):
    """Every error the Nu HTML checker finds in pages ({url: html as served}),
    as "url: line N: message". One Java process checks them all: the checker
    takes seconds to start, milliseconds a page."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        # Never a skip: a page would go unchecked.
        pytest.fail(
            "The Nu HTML checker is missing. bin/test installs it: apt-get install "
            "default-jre-headless, then npm ci --prefix tools --ignore-scripts."
        )
    with tempfile.TemporaryDirectory() as folder:
        urls = {}
        for number, (url, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            urls[path.name] = url
        result = subprocess.run(  # noqa: S603 - our own command line
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", folder],
            capture_output=True,
            text=True,
            timeout=600,
        )
    # The report is JSON on stderr, after anything Java itself says.
    start = result.stderr.find("{")
    report = json.loads(result.stderr[start:]) if start >= 0 else {}
    errors = [
        f"{urls.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))}: "
        f"line {message.get('lastLine', '?')}: {message.get('message')}"
        for message in report.get("messages", [])
    ]
    if result.returncode != 0 and not errors:
        errors.append(f"the Nu HTML checker failed ({result.returncode}): {result.stderr[:500]}")
    return errors
