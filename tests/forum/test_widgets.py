"""forum.widgets.FastSelect writes what Django's Select template writes."""

import pytest
from django import forms

from forum.widgets import FastSelect

CHOICES = [
    ("", "All places"),
    ("Academy <& co>", [("venue-1", 'All of "Academy"'), ("space-2", "قاعة ١")]),
    (3, "Three"),
    ("x'y", "Quote's"),
]


@pytest.mark.parametrize("value", [None, "", "space-2", 3, "x'y", "missing"])
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "form-select"}, {"required": True, "disabled": False, "data-x": "<"}]
)
def test_same_markup_as_django(value, attrs):
    fast = FastSelect(attrs=attrs, choices=CHOICES)
    django_select = forms.Select(attrs=attrs, choices=CHOICES)
    expected = django_select.render("place", value, attrs={"id": "id_place"})
    assert fast.render("place", value, attrs={"id": "id_place"}) == expected


def test_multiple_and_lazy_labels():
    from django.utils.translation import gettext_lazy

    choices = [("a", gettext_lazy("Arabic")), ("b", "B")]
    fast = FastSelect(choices=choices).render("x", "a")
    assert fast == forms.Select(choices=choices).render("x", "a")
