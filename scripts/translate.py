#!/usr/bin/env python
"""The translation loop in one command, safe to run from several shells at once.

    .venv/bin/python scripts/translate.py [TRANSLATIONS.json ...]

1. makemessages -l ar (new strings in, stale ones marked obsolete),
2. fill msgstr from each JSON file ({"msgid": "msgstr"}, or for plurals
   {"msgid": ["singular form", "plural form", ...]}; a key "ctx\x04msgid"
   targets a msgctxt),
3. drop fuzzy guesses that have no translation given,
4. compilemessages, and list what is still untranslated.

The work happens under a lock on locale/.lock so that two people (or two
helpers) updating translations at once do not overwrite each other.
"""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
IGNORE = [".venv", "staticfiles", "tests", "bench", "node_modules"]


def main(paths):
    import polib

    os.chdir(ROOT)
    with open(ROOT / "locale" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ignore_args = [f"--ignore={name}" for name in IGNORE]
        subprocess.run(
            [*MANAGE, "makemessages", "-l", "ar", "--no-location", "--no-obsolete", *ignore_args],
            check=True,
        )
        given = {}
        for path in paths:
            given.update(json.loads(Path(path).read_text(encoding="utf-8")))
        po = polib.pofile(str(PO), wrapwidth=0)
        for entry in po:
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if key in given:
                value = given[key]
                if entry.msgid_plural:
                    forms = value if isinstance(value, list) else [value]
                    # Arabic has six plural forms; repeat the last one given.
                    count = len(entry.msgstr_plural) or 6
                    entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(count)}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        po.save()
        subprocess.run([*MANAGE, "compilemessages", "-l", "ar", *ignore_args], check=True)
        missing = [e.msgid for e in polib.pofile(str(PO)) if not e.obsolete and not e.translated()]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
