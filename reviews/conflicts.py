"""Conflicts of interest: the organizations a reviewer declared, matched
against a proposal's organization and co-organizers.

Names are compared whole, after folding (forum.arabic: hamza forms of alef,
taa marbuta, alef maqsura, diacritics, case) and with punctuation and extra
spaces dropped: "جمعية الأمل" declared hides a proposal of "جمعيه الامل.",
but not one of "جمعية الأمل للتنمية" (a part of a name would hide too much:
"جمعية" alone would hide half the programme).
"""

import re

from forum.arabic import normalize_for_search

PUNCTUATION = re.compile(r"[^\w\s]+")
# Co-organizers are typed as a list: commas (Arabic or Latin), semicolons, lines.
SEPARATORS = re.compile(r"[,،;؛\n]+")


def normalize_name(text):
    """'  جمعيّة الأمل. ' → 'جمعيه الامل'; 'The Hope  Society' → 'the hope society'."""
    return " ".join(PUNCTUATION.sub(" ", normalize_for_search(text)).split())


def organization_names(activity_values):
    """The normalized names of a proposal's organization and co-organizers, in
    both languages; `activity_values` is a dict of those fields."""
    names = set()
    for code in ("ar", "en"):
        names.add(normalize_name(activity_values.get(f"organization_{code}") or ""))
        for part in SEPARATORS.split(activity_values.get(f"co_organizers_{code}") or ""):
            names.add(normalize_name(part))
    names.discard("")
    return names


NAME_FIELDS = ("organization_ar", "organization_en", "co_organizers_ar", "co_organizers_en")


def conflicted_ids(queryset, declared):
    """The pks of the proposals in queryset whose organization or a co-organizer
    is one of the declared (normalized) names. One query, only the name columns."""
    declared = set(declared)
    if not declared:
        return []
    return [
        row["pk"]
        for row in queryset.values("pk", *NAME_FIELDS)
        if organization_names(row) & declared
    ]
