"""The organizer's proposal form, and the form staff use in the admin.

The organizer writes in the page's language; the text goes into that
language's modeltranslation fields (`title_ar` or `title_en` …), and the
activity remembers the language in `submitted_language`. Editing through the
private link edits the same language's fields, whatever the page's language.
"""

import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.forms.models import construct_instance
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from forum.antispam import HoneypotFormMixin, SubmissionKeyFormMixin, honeypot_layout
from forum.email_address import EmailAddressField
from forum.forms import CleanTextMixin
from forum.i18n import text_direction
from forum.phone import DIGITS, PhoneField
from forum.templatetags.forum_tags import field_in_language

from . import services
from .models import Activity, Masar

# Fields whose text is stored per language (see translation.py).
TEXT_FIELDS = ("organization", "co_organizers", "title", "summary", "description")

CHOICES_TEMPLATE = "activities/propose_choice_field.html"


def day_choices(season, days=None):
    """(ISO date, "Sunday 22 November") for these days (every day of the season)."""
    return [
        (day.isoformat(), formats.date_format(day, "l j F"))
        for day in (season.days if days is None else days)
    ]


class DigitsIntegerField(forms.IntegerField):
    """A whole number typed with Western or Arabic-Indic digits (٤٠ or 40)."""

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.translate(DIGITS).strip()
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs


class MasarChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return field_in_language(obj, "name")[0]


def _text_field(name, label, help_text="", widget=None, required=None):
    model_field = Activity._meta.get_field(name)
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=model_field.max_length,
        required=not model_field.blank if required is None else required,
        widget=widget,
    )


class ActivityProposalForm(CleanTextMixin, forms.ModelForm):
    """What the organizer fills in; the base of the new-proposal and edit forms.

    `ProposalForm(data, season=season, language="ar")`.
    """

    organization = _text_field(
        "organization",
        _("Name of the organization or group"),
        _("As it should appear in the programme."),
    )
    co_organizers = _text_field(
        "co_organizers",
        _("Co-organizers"),
        _("Other organizations taking part, if any, separated by commas."),
    )
    title = _text_field(
        "title", _("Title of the activity"), _("Short and clear, at most 200 characters.")
    )
    summary = _text_field(
        "summary",
        _("Short summary"),
        _("One or two sentences for the programme, at most 300 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_(
            "What will happen, who will lead or speak, and what participants will take away."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    phone = PhoneField(label=_("Mobile phone"))
    website = forms.URLField(
        label=_("Website or social media page"),
        required=False,
        assume_scheme="https",
        help_text=_("A link where people can learn about you, e.g. a Facebook page."),
        widget=forms.URLInput(attrs={"dir": "ltr", "autocomplete": "url"}),
    )
    masarat = MasarChoiceField(
        label=_("Paths (masarat)"),
        queryset=Masar.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every path this activity belongs to."),
        error_messages={"required": _("Choose at least one path.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Language(s) of the activity"),
        choices=Activity.Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    expected_participants = DigitsIntegerField(
        label=_("Expected number of participants"),
        min_value=1,
        max_value=5000,
        help_text=_("An estimate is fine."),
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("Preferred days"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every day that suits you; leave them all empty if any day does."),
    )
    space_needs = forms.MultipleChoiceField(
        label=_("Space needed"),
        required=False,
        choices=Activity.SpaceNeed.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "organization_type",
            "governorate",
            "contact_name",
            "email",
            "phone",
            "website",
            *Activity.DETAIL_FIELDS,
            "open_to_convergence",
        ]
        field_classes = {"email": EmailAddressField}
        labels = {
            "organization_type": _("Type of organization"),
            "governorate": _("Governorate"),
            "contact_name": _("Full name"),
            "email": _("Email"),
            "format": _("Format"),
            "interpretation_needed": _("Interpretation will be needed (e.g. Arabic–Kurdish)"),
            "duration": _("Duration"),
            "preferred_time": _("Preferred time of day"),
            "accessibility_notes": _("Accessibility"),
            "other_notes": _("Anything else we should know?"),
            "open_to_convergence": _(
                "Put us in touch with organizations that propose activities close to ours, "
                "to join forces"
            ),
        }
        help_texts = {
            "governorate": _("Where the organization is based."),
            "contact_name": _("The person we contact about this proposal."),
            "email": _("We send the confirmation and your private link here."),
            "accessibility_notes": _(
                "e.g. step-free access, sign language, seats for older participants."
            ),
            "open_to_convergence": _(
                "The forum encourages organizations working on the same question to hold one "
                "activity together, or theirs one after the other. If you tick this, "
                "organizations that ticked it too and propose a close activity see your "
                "organization's name and your activity's title, and may invite you; your "
                "email and phone are shared only if you both agree."
            ),
        }
        error_messages = {
            "organization_type": {"required": _("Choose the type of your organization.")},
            "governorate": {"required": _("Choose a governorate.")},
            "format": {"required": _("Choose the format of the activity.")},
        }
        widgets = {
            "organization_type": forms.RadioSelect,
            "format": forms.RadioSelect,
            "duration": forms.RadioSelect,
            "preferred_time": forms.RadioSelect,
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "other_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, season, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.season = season
        self.language = language
        self.fields["masarat"].queryset = Masar.objects.filter(season=season).order_by(
            "order", "id"
        )
        # Only days still ahead, and the days an edited proposal chose already.
        chosen = set(self.instance.preferred_days or [])
        ahead = set(season.days_ahead())
        self.fields["preferred_days"].choices = day_choices(
            season, [day for day in season.days if day in ahead or day.isoformat() in chosen]
        )
        self.fields["governorate"].choices = [
            ("", _("Choose a governorate")),
            *self.fields["governorate"].choices[1:],
        ]
        for name in ("organization_type", "format"):
            # Radios need no "---------" choice: none is checked until one is chosen.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        for name in TEXT_FIELDS:
            if self.instance.pk:
                self.initial.setdefault(name, getattr(self.instance, f"{name}_{language}"))
            # Their own text may be in the other language than the page's.
            self.fields[name].widget.attrs.update(
                {"lang": language, "dir": text_direction(language)}
            )
        self.fields["summary"].widget.attrs["maxlength"] = 300
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self.build_layout()

    def build_layout(self):
        choices = {
            name: Field(name, template=CHOICES_TEMPLATE)
            for name in (
                "organization_type",
                "format",
                "masarat",
                "languages",
                "duration",
                "preferred_days",
                "preferred_time",
                "space_needs",
            )
        }
        return Layout(
            Fieldset(
                _("Your organization"),
                "organization",
                choices["organization_type"],
                "governorate",
                "co_organizers",
                "website",
                css_class="form-section",
            ),
            Fieldset(
                _("Contact person"),
                HTML(
                    format_html(
                        '<p class="form-text mt-0">{}</p>',
                        _(
                            "We use these details only to talk with you about this proposal. "
                            "They are never published."
                        ),
                    )
                ),
                "contact_name",
                "email",
                "phone",
                css_class="form-section",
            ),
            Fieldset(
                _("Your activity"),
                "title",
                "summary",
                "description",
                choices["format"],
                choices["masarat"],
                choices["languages"],
                "interpretation_needed",
                css_class="form-section",
            ),
            Fieldset(
                _("Time, place and needs"),
                "expected_participants",
                choices["duration"],
                choices["preferred_days"],
                choices["preferred_time"],
                choices["space_needs"],
                "accessibility_notes",
                "other_notes",
                css_class="form-section",
            ),
            Fieldset(_("Joining forces"), "open_to_convergence", css_class="form-section"),
            *self.extra_layout(),
        )

    def extra_layout(self):
        return []

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def error_summary(self):
        """[(anchor id, label, message)] in the order the fields appear."""
        items = [("", "", error) for error in self.non_field_errors()]
        for name in self.layout_order():
            bound = self[name]
            if bound.errors:
                widget = bound.field.widget
                anchor = bound.auto_id
                if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                    anchor = f"{anchor}_0"
                items += [(anchor, bound.label, error) for error in bound.errors]
        return items

    def layout_order(self):
        order = []

        def walk(node):
            for item in getattr(node, "fields", []):
                if isinstance(item, str):
                    order.append(item)
                elif isinstance(item, Field):
                    order.extend(f for f in item.fields if isinstance(f, str))
                else:
                    walk(item)

        walk(self.helper.layout)
        return [name for name in order if name in self.fields]

    def save(self, commit=True):
        # construct_instance again: a service may have swapped in a freshly
        # locked row, so only what the organizer typed is written over it.
        instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        for name in TEXT_FIELDS:
            setattr(instance, f"{name}_{self.language}", self.cleaned_data[name])
        self.instance = instance
        if commit:
            instance.save()
            self._save_m2m()
        return instance


class ProposalForm(HoneypotFormMixin, SubmissionKeyFormMixin, ActivityProposalForm):
    """A new proposal: adds the consents, the honeypot and the once-only
    submission key. (The edit form has no honeypot: only the organizer's
    private link reaches it.)"""

    accepts_principles = forms.BooleanField(
        label=_(
            "We agree to the forum's principles: it is independent, non-violent and free "
            "from discrimination."
        ),
        error_messages={"required": _("To take part, please agree to the forum's principles.")},
    )
    accepts_publication = forms.BooleanField(
        label=_(
            "If the activity is accepted, the forum may publish our organization's name and "
            "the activity in its programme."
        ),
        error_messages={
            "required": _("Please agree to publication: accepted activities are public.")
        },
    )

    class Meta(ActivityProposalForm.Meta):
        fields = [*ActivityProposalForm.Meta.fields, "accepts_principles", "accepts_publication"]

    def extra_layout(self):
        return [
            Fieldset(
                _("Agreement"),
                "accepts_principles",
                "accepts_publication",
                HTML(
                    format_html(
                        '<p class="form-text">{} <a href="{}">{}</a></p>',
                        _("How we use and protect what you send us:"),
                        reverse("forum:privacy"),
                        _("the privacy notice"),
                    )
                ),
                css_class="form-section",
            ),
            "submission_key",
            honeypot_layout(),
        ]

    def save(self, commit=True):
        self.instance.suspected_spam = self.suspected_spam
        self.instance.season = self.season
        self.instance.submitted_language = self.language
        self.instance.contact_language = self.language
        self.instance.submission_key = self.cleaned_data["submission_key"]
        return super().save(commit)


class ProposalEditForm(ActivityProposalForm):
    """The organizer's edit through the private link: the consents stand."""


# ---------------------------------------------------------------------------
# Staff


def season_zone(season):
    return zoneinfo.ZoneInfo(season.time_zone)


class ActivityAdminForm(CleanTextMixin, forms.ModelForm):
    """The moderators' form: translations side by side, the slot checked
    against the season, the space's other bookings and the organizer's wishes."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of the activity"),
        choices=Activity.Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_days = forms.MultipleChoiceField(
        label=_("Preferred days"), required=False, widget=forms.CheckboxSelectMultiple
    )
    space_needs = forms.MultipleChoiceField(
        label=_("Space needed"),
        required=False,
        choices=Activity.SpaceNeed.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "internal_notes",
            *(f"{name}_{code}" for name in TEXT_FIELDS for code in ("ar", "en")),
            "space",
            "starts_at",
            "ends_at",
            *Activity.DETAIL_FIELDS,
            "organization_type",
            "governorate",
            "contact_name",
            "email",
            "phone",
            "website",
            "contact_language",
        ]
        widgets = {"masarat": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.email:
            # Contact data erased after its season (erase_personal_data): the
            # proposal stays editable without making up an address.
            for name in ("contact_name", "email", "phone"):
                if name in self.fields:
                    self.fields[name].required = False
        season = self.instance.season if self.instance.season_id else None
        if season is not None:
            self.fields["preferred_days"].choices = day_choices(season)
            if "space" in self.fields:
                self.fields["space"].queryset = (
                    self.fields["space"]
                    .queryset.filter(venue__season=season)
                    .select_related("venue")
                )
            if "masarat" in self.fields:
                self.fields["masarat"].queryset = Masar.objects.filter(season=season)
        for name, field in self.fields.items():
            for code in ("ar", "en"):
                if name.endswith(f"_{code}") and name[: -len(code) - 1] in TEXT_FIELDS:
                    # Each language's text reads in its own direction, whatever the admin's.
                    field.widget.attrs.update({"lang": code, "dir": text_direction(code)})
                    # modeltranslation requires the default language (Arabic); an
                    # English proposal has none yet. clean() requires the
                    # organizer's own language instead.
                    field.required = False

    def clean(self):
        cleaned = super().clean()
        activity = self.instance
        language = activity.submitted_language
        for name in ("title", "summary", "description"):
            key = f"{name}_{language}"
            if key in self.fields and not cleaned.get(key):
                self.add_error(
                    key,
                    _("The text in the language the organizer wrote in cannot be empty."),
                )
        if {"space", "starts_at", "ends_at"} <= set(self.fields):
            errors = services.slot_errors(
                activity,
                space=cleaned.get("space"),
                starts_at=cleaned.get("starts_at"),
                ends_at=cleaned.get("ends_at"),
                status=activity.status,
            )
            for field, messages in errors.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned
