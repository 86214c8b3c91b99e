"""What every form of the site shares: text cleaned where it enters.

    class ProposalForm(CleanTextMixin, HoneypotFormMixin, forms.ModelForm): ...
    class SeasonAdmin(TabbedTranslationAdmin):
        form = CleanTextModelForm

tests/forum/test_forms.py checks that every form of the apps and every
ModelAdmin (and inline) registered for them uses it.
"""

from django import forms

from .text import clean_text


def clean_form_data(data):
    """A copy of posted data (QueryDict or dict) with every string cleaned."""
    if hasattr(data, "setlist"):
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [clean_text(value) for value in values])
        return cleaned
    return {
        key: [clean_text(item) for item in value]
        if isinstance(value, list | tuple)
        else clean_text(value)
        for key, value in data.items()
    }


class CleanTextMixin:
    """Control characters removed and line breaks made "\\n" (forum.text) in
    everything posted, before any field sees it: validation, max_length and
    "required" then judge the text that will be stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = clean_form_data(self.data)


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    """The form of a ModelAdmin that needs no form of its own."""
