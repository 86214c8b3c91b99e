"""The organizer's report (an account, recommendations, initiatives) and the
form an organization fills in to join an initiative.

As in the proposal form, the organizer writes in one language (the page's
for a new report, the report's own when it is changed after being sent back)
and what they type goes into that language's modeltranslation fields
(`account_ar` or `account_en` …); moderators add the other in the admin.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from activities.models import Masar
from forum.antispam import HoneypotFormMixin, SubmissionKeyFormMixin, honeypot_layout
from forum.email_address import EmailAddressField
from forum.forms import CleanTextMixin
from forum.i18n import text_direction
from forum.templatetags.forum_tags import field_in_language

from .models import Initiative, InitiativeMember, Outcome, Recommendation


class MasarField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return field_in_language(obj, "name")[0]


class InOneLanguageMixin:
    """Text fields typed in one language, saved into that language's field.

    TEXT_FIELDS: {name: form field}; `language` comes in as a keyword."""

    TEXT_FIELDS = {}

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        for name, field in self.TEXT_FIELDS.items():
            self.fields[name] = field()
            self.fields[name].widget.attrs.update(
                {"lang": language, "dir": text_direction(language)}
            )
            if self.instance.pk:
                self.initial.setdefault(name, getattr(self.instance, f"{name}_{language}"))

    def save(self, commit=True):
        instance = super().save(commit=False)
        for name in self.TEXT_FIELDS:
            setattr(instance, f"{name}_{self.language}", self.cleaned_data.get(name, ""))
        if commit:
            instance.save()
        return instance


def _textarea(label, *, required=True, rows=4, help_text=""):
    return lambda: forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class OutcomeForm(InOneLanguageMixin, CleanTextMixin, forms.ModelForm):
    TEXT_FIELDS = {
        "account": _textarea(
            _("What was discussed"),
            rows=6,
            help_text=_("A short account: the questions raised, the main points, what was agreed."),
        ),
    }

    class Meta:
        model = Outcome
        fields = ["participants", "women", "young"]
        labels = {
            "participants": _("Number of participants"),
            "women": _("Of whom women (optional)"),
            "young": _("Of whom young people under 30 (optional)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("participants", "women", "young"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": 0})
        # The account first, then the figures.
        self.order_fields(["account", "participants", "women", "young"])

    def clean(self):
        data = super().clean()
        participants = data.get("participants")
        for name in ("women", "young"):
            value = data.get(name)
            if participants is not None and value is not None and value > participants:
                self.add_error(name, _("This cannot be more than the number of participants."))
        return data

    def save(self, commit=True):
        self.instance.submitted_language = self.language
        return super().save(commit)


class RecommendationForm(InOneLanguageMixin, CleanTextMixin, forms.ModelForm):
    TEXT_FIELDS = {"text": _textarea(_("Recommendation"), rows=3)}

    class Meta:
        model = Recommendation
        fields = ["masar", "addressee"]
        field_classes = {"masar": MasarField}
        labels = {"masar": _("Path (masar)"), "addressee": _("Addressed to")}

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["masar"].queryset = Masar.objects.filter(season=season).order_by("order", "id")
        self.order_fields(["text", "masar", "addressee"])


class InitiativeForm(InOneLanguageMixin, CleanTextMixin, forms.ModelForm):
    TEXT_FIELDS = {
        "title": lambda: forms.CharField(label=_("Title of the initiative"), max_length=200),
        "description": _textarea(_("Description"), rows=4),
        "call_to_join": _textarea(
            _("Call to join"),
            required=False,
            rows=2,
            help_text=_("Who you would like to join, and what they can do."),
        ),
    }

    class Meta:
        model = Initiative
        fields = ["starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "starts_on": _("Date, or first day (optional)"),
            "ends_on": _("Last day, for a period (optional)"),
        }

    def __init__(self, *args, season=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "description", "call_to_join", "starts_on", "ends_on"])

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if ends_on and not starts_on:
            self.add_error("starts_on", _("Give the first day of the period too."))
        elif ends_on and starts_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day must be after the first."))
        return data


RecommendationFormSet = inlineformset_factory(
    Outcome,
    Recommendation,
    form=RecommendationForm,
    fields=["masar", "addressee"],
    extra=2,
    min_num=1,
    validate_min=True,
    can_delete=True,
)

InitiativeFormSet = inlineformset_factory(
    Outcome,
    Initiative,
    form=InitiativeForm,
    fields=["starts_on", "ends_on"],
    extra=1,
    min_num=0,
    can_delete=True,
)


class JoinInitiativeForm(
    HoneypotFormMixin, SubmissionKeyFormMixin, CleanTextMixin, forms.ModelForm
):
    """An organization joins an initiative: no account, a private link by email."""

    class Meta:
        model = InitiativeMember
        fields = ["organization", "organization_type", "governorate", "email"]
        field_classes = {"email": EmailAddressField}
        labels = {
            "organization": _("Name of your organization"),
            "email": _("Email (never shown; for your private link)"),
        }

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        # Blank only once erased (outcomes.erasure): joining needs it.
        self.fields["email"].required = True
        self.fields["email"].widget.attrs.update({"dir": "ltr", "autocomplete": "email"})
        self.fields["organization"].widget.attrs["autocomplete"] = "organization"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # The honeypot hidden (not shown, not focusable, not read aloud).
        self.helper.layout = Layout(
            "organization",
            "organization_type",
            "governorate",
            "email",
            "submission_key",
            honeypot_layout(),
        )

    def save(self, commit=True):
        self.instance.contact_language = self.language
        return super().save(commit)
