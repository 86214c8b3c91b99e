"""Arabic text folded for search: a visitor who types a word without hamza,
with ه for ة, with ي for ى, or without diacritics still finds it."""

import re

# Harakat, Quranic marks and the superscript alef.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
TATWEEL = "\u0640"
FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
    }
)
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def normalize_for_search(text):
    """'المُواطَنةُ' → 'المواطنه'; 'Citizenship' → 'citizenship'."""
    text = DIACRITICS.sub("", text or "").replace(TATWEEL, "")
    text = text.translate(FOLD).translate(DIGITS).casefold()
    return " ".join(text.split())
