"""The message of a moderator's decision, in Arabic and in English: each
organizer gets the one in their language of contact (activities.admin applies
it through services.change_status). Staff keep reusable texts as message
templates (reviews.models.MessageTemplate) to start from."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forum.forms import CleanTextMixin
from forum.numbers import parse_id
from reviews.models import MessageTemplate

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def templates_for(status):
    return MessageTemplate.objects.filter(Q(decision=status) | Q(decision=""))


def template_from(data, status):
    """The template a POST chose (its id in "template"), or None."""
    pk = parse_id(data.get("template", ""))
    return templates_for(status).filter(pk=pk).first() if pk else None


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DecisionForm(CleanTextMixin, forms.Form):
    """The intermediate page of a decision: an optional message in each language.

    `DecisionForm(data, status=status, languages={"ar": 3, "en": 1})`: how many
    of the chosen organizers read each language. Both messages may be empty
    (no message); once one is written, every language one of them reads needs
    its own."""

    template = TemplateChoiceField(
        label=_("Start from a message template"),
        queryset=MessageTemplate.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    message_ar = forms.CharField(
        label=_("Message in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80, "dir": "rtl", "lang": "ar"}),
        help_text=_("For the organizers whose language of contact is Arabic."),
    )
    message_en = forms.CharField(
        label=_("Message in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80, "dir": "ltr", "lang": "en"}),
        help_text=_("For the organizers whose language of contact is English."),
    )

    def __init__(self, *args, status=None, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = dict(languages or {})
        self.fields["template"].queryset = templates_for(status)

    def clean(self):
        cleaned = super().clean()
        written = any(cleaned.get(f"message_{code}", "").strip() for code in LANGUAGE_CODES)
        if not written:
            return cleaned
        needed = {
            "ar": lambda count: ngettext(
                "%(count)d of the chosen organizers reads Arabic: write the message in Arabic "
                "too, or leave both messages empty.",
                "%(count)d of the chosen organizers read Arabic: write the message in Arabic "
                "too, or leave both messages empty.",
                count,
            ),
            "en": lambda count: ngettext(
                "%(count)d of the chosen organizers reads English: write the message in "
                "English too, or leave both messages empty.",
                "%(count)d of the chosen organizers read English: write the message in "
                "English too, or leave both messages empty.",
                count,
            ),
        }
        for code, count in self.languages.items():
            if count and code in needed and not cleaned.get(f"message_{code}", "").strip():
                self.add_error(f"message_{code}", needed[code](count) % {"count": count})
        return cleaned

    def messages(self):
        """{language code: message} once valid."""
        return {code: self.cleaned_data[f"message_{code}"].strip() for code in LANGUAGE_CODES}
