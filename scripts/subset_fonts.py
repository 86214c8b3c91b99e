#!/usr/bin/env python
"""Make the site's Arabic font files lighter: a subset of Noto Sans Arabic.

    .venv/bin/python -m pip install fonttools==4.68.0 Brotli   # once, for this script
    .venv/bin/python scripts/subset_fonts.py

Reads the files as vendored from @fontsource/noto-sans-arabic 5.3.0
(scripts/fonts/noto-sans-arabic-arabic-{400,700}-normal.woff2, 49 and 50 KB)
and writes static/vendor/fonts/noto-sans-arabic-{400,700}-subset.woff2
(about 22 KB each), which the site serves (static/css/site.css).

What is kept (UNICODES, the same ranges as the @font-face unicode-range):
the whole Arabic block U+0600–06FF — every letter of Arabic, Persian
(پ چ ژ گ ک ی) and Kurdish Sorani (ڕ ڵ ۆ ێ ە ڤ), the harakat, Arabic
punctuation (، ؛ ؟ ٪ ٫ ٬), Arabic-Indic and Persian digits, tatweel —
zero-width joiners and direction marks, hyphens, and the Presentation
Forms-B letters (text pasted from PDFs often carries them). With every
OpenType feature, so shaping (init/medi/fina, lam-alef, marks) is unchanged.
Left out: Arabic Supplement and Extended-A/B (letters of African and Asian
languages other than these), and the Presentation Forms-A ligatures such as
ﷲ; such characters still show, in the system's Arabic font. Latin text and
the site's symbols (· – — ★) never came from this font: they use the system
font, as before.
"""

from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "fonts"
TARGET = ROOT / "static" / "vendor" / "fonts"
UNICODES = "U+0600-06FF,U+200C-200F,U+2010-2011,U+204F,U+2E41,U+FE70-FE74,U+FE76-FEFC"


def main():
    for weight in (400, 700):
        source = SOURCE / f"noto-sans-arabic-arabic-{weight}-normal.woff2"
        target = TARGET / f"noto-sans-arabic-{weight}-subset.woff2"
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]  # the licence and copyright stay in the file
        options.notdef_outline = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
        print(f"{target.relative_to(ROOT)}: {source.stat().st_size:,} -> {target.stat().st_size:,}")


if __name__ == "__main__":
    main()
