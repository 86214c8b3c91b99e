from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from forum.antispam import HoneypotFormMixin, SubmissionKeyFormMixin, honeypot_layout
from forum.email_address import EmailAddressField
from forum.forms import CleanTextMixin
from forum.models import Season
from forum.phone import PhoneField
from forum.templatetags.forum_tags import field_in_language

from .models import (
    AgeGroup,
    Gender,
    PartOfDay,
    Skill,
    SpokenLanguage,
    Team,
    Volunteer,
    list_text,
    slot_key,
)


class TeamChoiceField(forms.ModelChoiceField):
    """A team by its name in the page's language, with the skills it needs:
    the rule is read where the team is chosen, not only after sending."""

    def label_from_instance(self, obj):
        name = field_in_language(obj, "name")[0]
        if obj.required_skills:
            return _("%(team)s (needs: %(skills)s)") % {
                "team": name,
                "skills": obj.required_skills_text(),
            }
        return name


def day_label(day):
    return formats.date_format(day, "l j F")


class AvailabilityField(forms.MultipleChoiceField):
    """Each day of the season × morning / afternoon / evening, as checkboxes.
    Values are slot keys ('2026-11-22.morning'); the page shows them as a table."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, days, **kwargs):
        self.days = list(days)
        choices = [
            (slot_key(day, part), list_text([day_label(day), label]))
            for day in self.days
            for part, label in PartOfDay.choices
        ]
        kwargs.setdefault("label", _("When can you help?"))
        kwargs.setdefault(
            "help_text", _("Tick every part of a day when you can come. Change it later if needed.")
        )
        kwargs.setdefault(
            "error_messages",
            {"required": _("Tick at least one morning, afternoon or evening when you can help.")},
        )
        super().__init__(choices=choices, **kwargs)


class VolunteerFieldsMixin:
    """Availability and ranked team wishes, shared by the sign-up form and the
    volunteer's own page."""

    WISH_FIELDS = ("wish_1", "wish_2", "wish_3")

    def add_availability(self, season):
        self.fields["availability"] = AvailabilityField(days=season.days)
        self.fields["availability"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk:
            self.initial["availability"] = self.instance.availability

    # The rules clean_wishes() keeps, said beside the fields before sending.
    WISH_RULES = _(
        "Up to three different teams, in the order you prefer them; each team once. "
        "Leave them empty if any team suits you."
    )
    SKILL_RULE = _(
        "A team marked “needs” takes volunteers with at least one of those skills: "
        "tick yours under “Skills” above."
    )
    # On the private page the skills are those of the sign-up.
    OWN_SKILL_RULE = _(
        "A team marked “needs” takes volunteers with at least one of those skills; "
        "yours are those you gave when you signed up."
    )
    SKILL_REFUSAL = _(
        "This team needs one of these skills: %(skills)s. Tick the skill "
        "above if you have it, or choose another team."
    )

    def add_wishes(self, season, *, skill_rule=None):
        teams = Team.objects.filter(season=season).open()
        labels = (_("First choice"), _("Second choice"), _("Third choice"))
        for name, label in zip(self.WISH_FIELDS, labels, strict=True):
            self.fields[name] = TeamChoiceField(
                queryset=teams, required=False, label=label, empty_label=_("— No choice —")
            )
        rules = [self.WISH_RULES]
        if skill_rule and any(team.required_skills for team in teams):
            rules.append(skill_rule)
        self.fields["wish_1"].help_text = format_html_join(" ", "{}", ((rule,) for rule in rules))
        for name in self.WISH_FIELDS[1:]:
            # The second and third choices follow the same rules: a screen
            # reader announces them there too.
            self.fields[name].widget.attrs["aria-describedby"] = "id_wish_1_helptext"
        if self.instance.pk:
            for name, team in zip(self.WISH_FIELDS, self.instance.ranked_wishes(), strict=False):
                self.initial[name] = team.pk

    def availability_grid(self):
        """Rows for the grid template: each day with its three checkboxes."""
        field = self["availability"]
        boxes = list(field)
        parts = len(PartOfDay.choices)
        return [
            {
                "day": day,
                "weekday": formats.date_format(day, "l"),
                "date": formats.date_format(day, "j F"),
                "cells": boxes[i * parts : (i + 1) * parts],
            }
            for i, day in enumerate(field.field.days)
        ]

    def part_labels(self):
        return [label for _value, label in PartOfDay.choices]

    def clean_wishes(self, skills):
        """The wished teams in order, without gaps; an error on a repeated team
        or on a team whose required skills the volunteer lacks."""
        wishes = []
        for name in self.WISH_FIELDS:
            team = self.cleaned_data.get(name)
            if team is None:
                continue
            if team in wishes:
                self.add_error(name, _("You chose this team already; choose another or none."))
            elif not team.accepts_skills(skills):
                self.add_error(name, self.SKILL_REFUSAL % {"skills": team.required_skills_text()})
            else:
                wishes.append(team)
        return wishes


class SignupForm(
    CleanTextMixin,
    VolunteerFieldsMixin,
    HoneypotFormMixin,
    SubmissionKeyFormMixin,
    forms.ModelForm,
):
    phone = PhoneField(label=_("Phone"))
    age_group = forms.ChoiceField(
        label=_("Age"), choices=AgeGroup.choices, widget=forms.RadioSelect
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=Gender.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one language you speak.")},
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills (optional)"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What you can do well. No experience is needed for most teams."),
    )
    consents_to_data_use = forms.BooleanField(
        label=_("I agree that the forum uses my data to organize this season's volunteers."),
        error_messages={
            "required": _(
                "We need your agreement to use your data for this season; without it we "
                "cannot sign you up."
            )
        },
    )

    class Meta:
        model = Volunteer
        fields = [
            "full_name",
            "email",
            "phone",
            "governorate",
            "age_group",
            "guardian_consent",
            "gender",
            "languages",
            "skills",
            "volunteered_before",
            "motivation",
            "consents_to_data_use",
            "consents_to_future_contact",
        ]
        field_classes = {"email": EmailAddressField}
        labels = {
            "full_name": _("Full name"),
            "email": _("Email"),
            "governorate": _("Governorate"),
            "guardian_consent": _(
                "If you are 16 or 17: my parent or guardian agrees that I volunteer."
            ),
            "volunteered_before": _("I have volunteered at the forum before."),
            "motivation": _("Why would you like to volunteer? (optional)"),
            "consents_to_future_contact": _(
                "You may contact me about future seasons of the forum (optional)."
            ),
        }
        help_texts = {
            "email": _("Your private link to follow and change your sign-up is sent here."),
            "motivation": _("A few words are enough."),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        self.season = season
        self.fields["governorate"].choices = [("", _("Choose your governorate"))] + list(
            self.fields["governorate"].choices
        )[1:]
        self.add_availability(season)
        self.add_wishes(season, skill_rule=self.SKILL_RULE)
        self.fields["consents_to_data_use"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("Only the volunteer coordinators see it; you can delete it at any time."),
            reverse("forum:privacy"),
            _("How we use your data"),
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                "full_name",
                "email",
                "phone",
                "governorate",
                "age_group",
                "guardian_consent",
                "gender",
            ),
            Fieldset(_("Languages and skills"), "languages", "skills"),
            Fieldset(
                _("Your time"),
                Field("availability", template="volunteers/includes/availability_grid.html"),
            ),
            Fieldset(
                _("Teams"),
                HTML('{% include "volunteers/includes/team_list.html" %}'),
                "wish_1",
                "wish_2",
                "wish_3",
                "volunteered_before",
                "motivation",
            ),
            Fieldset(_("Your data"), "consents_to_data_use", "consents_to_future_contact"),
            honeypot_layout(),
            "submission_key",
        )

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("age_group") == AgeGroup.AGE_16_17 and not cleaned.get("guardian_consent"):
            self.add_error(
                "guardian_consent",
                _("Volunteers aged 16 or 17 need a parent's or guardian's agreement."),
            )
        cleaned["wishes"] = self.clean_wishes(cleaned.get("skills") or [])
        return cleaned

    def volunteer_data(self):
        """The model fields to save, for services.sign_up_volunteer."""
        names = [*self._meta.fields, "availability"]
        return {name: self.cleaned_data[name] for name in names}


class VolunteerUpdateForm(CleanTextMixin, VolunteerFieldsMixin, forms.ModelForm):
    """What a volunteer changes on their private page: availability, phone,
    and their wishes while no team is decided."""

    SKILL_REFUSAL = _(
        "This team needs one of these skills: %(skills)s, and none of them is among the "
        "skills you gave when you signed up. Choose another team."
    )

    phone = PhoneField(label=_("Phone"))

    class Meta:
        model = Volunteer
        fields = ["phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        season = self.instance.season
        self.add_availability(season)
        fields = [Field("availability", template="volunteers/includes/availability_grid.html")]
        if self.instance.can_change_wishes():
            self.add_wishes(season, skill_rule=self.OWN_SKILL_RULE)
            fields += list(self.WISH_FIELDS)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*fields, "phone")

    def clean(self):
        cleaned = super().clean()
        if self.instance.can_change_wishes():
            cleaned["wishes"] = self.clean_wishes(self.instance.skills)
        return cleaned


class LostLinkForm(CleanTextMixin, forms.Form):
    """No honeypot here: the answer is the same for every address, the link
    goes only to a volunteer's own address and at most once in ten minutes,
    and the rate limit holds floods; a honeypot could only hold back a person
    whose browser filled it."""

    email = EmailAddressField(
        label=_("Email"),
        help_text=_("The address you signed up with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("email")


# The admin's forms -----------------------------------------------------------


class AssignTeamForm(CleanTextMixin, forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=_("Team"))

    def __init__(self, *args, season, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        field.queryset = Team.objects.filter(season=season).with_fill()
        field.label_from_instance = lambda team: (
            _("%(team)s — %(taken)s of %(capacity)s places taken")
            % {"team": team, "taken": team.assigned_count, "capacity": team.capacity}
        )


class TeamAdminForm(CleanTextMixin, forms.ModelForm):
    required_skills = forms.MultipleChoiceField(
        label=_("required skills (any one of)"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=Team._meta.get_field("required_skills").help_text,
    )
    contact_phone = PhoneField(label=_("contact phone"), required=False)

    class Meta:
        model = Team
        # The admin's fieldsets choose the fields; these are the ones changed here.
        fields = ["required_skills", "contact_phone"]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            taken = self.instance.assigned().count()
            if capacity < taken:
                raise forms.ValidationError(
                    _(
                        "%(taken)s volunteers are in this team already: remove some from it "
                        "before lowering its capacity below that."
                    )
                    % {"taken": taken}
                )
        return capacity


class VolunteerAdminForm(CleanTextMixin, forms.ModelForm):
    phone = PhoneField(label=_("phone"))
    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = forms.MultipleChoiceField(
        label=_("skills"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Volunteer
        # The admin's fieldsets choose the fields; these are the ones changed here.
        fields = ["phone", "languages", "skills", "availability"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        season = self.instance.season if self.instance.season_id else Season.objects.current()
        if season is not None and "availability" in self.fields:
            self.fields["availability"] = AvailabilityField(
                days=season.days,
                required=False,
                label=_("availability"),
                help_text="",
            )
            self.initial["availability"] = self.instance.availability
