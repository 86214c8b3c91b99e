"""Exports for coordinators: volunteers, and team rosters, to CSV and XLSX.

Labels are written in the language of the admin page that asked (Arabic or
English). The files are written by forum.spreadsheets, as the proposals'
are: Arabic intact, and nothing a visitor typed ever run as a formula.
"""

import phonenumbers
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field

from forum.spreadsheets import SpreadsheetCSV, SpreadsheetXLSX

from .models import PartOfDay, Volunteer, list_text


class VolunteersXLSX(SpreadsheetXLSX):
    sheet_title = _("Volunteers")


class RosterXLSX(SpreadsheetXLSX):
    sheet_title = _("Roster")


EXPORT_FORMATS = [SpreadsheetCSV, VolunteersXLSX]


def readable_phone(e164):
    """'+9647701234567' → '+964 770 123 4567'."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def days_text(volunteer):
    """'Sunday 22 November (Morning, Evening); Monday 23 November (all day)'."""
    by_day = {}
    for day, part in volunteer.availability_slots():
        by_day.setdefault(day, []).append(part)
    all_day = gettext("all day")
    texts = []
    for day, parts in by_day.items():
        label = formats.date_format(day, "l j F")
        if len(parts) == len(PartOfDay.choices):
            texts.append(f"{label} ({all_day})")
        else:
            texts.append(f"{label} ({list_text(PartOfDay(p).label for p in parts)})")
    return "; ".join(texts)


def yes_no(value):
    return gettext("yes") if value else gettext("no")


class VolunteerResource(resources.ModelResource):
    """Every volunteer the admin's list shows (its filters and search apply)."""

    full_name = Field(attribute="full_name", column_name=_("full name"))
    email = Field(attribute="email", column_name=_("email"))
    phone = Field(attribute="phone", column_name=_("phone"))
    governorate = Field(attribute="governorate", column_name=_("governorate"))
    age_group = Field(attribute="age_group", column_name=_("age group"))
    gender = Field(attribute="gender", column_name=_("gender"))
    languages = Field(attribute="languages", column_name=_("languages spoken"))
    skills = Field(attribute="skills", column_name=_("skills"))
    availability = Field(attribute="availability", column_name=_("availability"))
    wishes = Field(column_name=_("team wishes"))
    status = Field(attribute="status", column_name=_("status"))
    team = Field(attribute="team", column_name=_("team"))
    volunteered_before = Field(
        attribute="volunteered_before", column_name=_("volunteered at the forum before")
    )
    consents_to_future_contact = Field(
        attribute="consents_to_future_contact",
        column_name=_("agrees to be contacted about future seasons"),
    )
    created_at = Field(attribute="created_at", column_name=_("signed up at"))

    class Meta:
        model = Volunteer
        fields = (
            "full_name",
            "email",
            "phone",
            "governorate",
            "age_group",
            "gender",
            "languages",
            "skills",
            "availability",
            "wishes",
            "status",
            "team",
            "volunteered_before",
            "consents_to_future_contact",
            "created_at",
        )
        export_order = fields

    def dehydrate_full_name(self, volunteer):
        return volunteer.full_name

    def dehydrate_email(self, volunteer):
        return volunteer.email

    def dehydrate_phone(self, volunteer):
        return readable_phone(volunteer.phone)

    def dehydrate_governorate(self, volunteer):
        return str(volunteer.get_governorate_display())

    def dehydrate_age_group(self, volunteer):
        return str(volunteer.get_age_group_display())

    def dehydrate_gender(self, volunteer):
        return str(volunteer.get_gender_display()) if volunteer.gender else ""

    def dehydrate_languages(self, volunteer):
        return volunteer.languages_text()

    def dehydrate_skills(self, volunteer):
        return volunteer.skills_text()

    def dehydrate_availability(self, volunteer):
        return days_text(volunteer)

    def dehydrate_wishes(self, volunteer):
        return " · ".join(
            f"{rank}. {team}" for rank, team in enumerate(volunteer.ranked_wishes(), start=1)
        )

    def dehydrate_status(self, volunteer):
        return str(volunteer.get_status_display())

    def dehydrate_team(self, volunteer):
        return str(volunteer.team) if volunteer.team else ""

    def dehydrate_volunteered_before(self, volunteer):
        return yes_no(volunteer.volunteered_before)

    def dehydrate_consents_to_future_contact(self, volunteer):
        return yes_no(volunteer.consents_to_future_contact)

    def dehydrate_created_at(self, volunteer):
        return formats.date_format(timezone.localtime(volunteer.created_at), "Y-m-d H:i")


class RosterResource(resources.ModelResource):
    """A team's roster for staff: who, how to reach them, which days."""

    team = Field(attribute="team", column_name=_("team"))
    full_name = Field(attribute="full_name", column_name=_("full name"))
    phone = Field(attribute="phone", column_name=_("phone"))
    email = Field(attribute="email", column_name=_("email"))
    availability = Field(attribute="availability", column_name=_("availability"))

    class Meta:
        model = Volunteer
        fields = ("team", "full_name", "phone", "email", "availability")
        export_order = fields

    def dehydrate_team(self, volunteer):
        return str(volunteer.team) if volunteer.team else ""

    def dehydrate_full_name(self, volunteer):
        return volunteer.full_name

    def dehydrate_phone(self, volunteer):
        return readable_phone(volunteer.phone)

    def dehydrate_email(self, volunteer):
        return volunteer.email

    def dehydrate_availability(self, volunteer):
        return days_text(volunteer)
