"""Control characters pasted from Word and elsewhere: removed where text
enters (every form of the site), line breaks kept as line breaks."""

import importlib
import pkgutil

import pytest
from django import forms
from django.contrib import admin
from django.http import QueryDict
from django.test import RequestFactory

from activities.decisions import DecisionForm
from activities.models import Activity
from forum.forms import CleanTextMixin
from forum.models import Venue
from forum.text import clean_text
from tests.activities.proposal_helpers import proposal_data
from tests.factories import TeamFactory
from tests.volunteers.data import signup_data
from volunteers.models import Volunteer

APPS = ("activities", "volunteers", "forum", "reviews")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Water\x0bfor all", "Water\nfor all"),  # Word's line break
        ("Page one\x0cPage two", "Page one\nPage two"),  # a page break
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),  # Windows and old Mac line ends
        ("next\x85line\u2028and\u2029more", "next\nline\nand\nmore"),
        ("bell\x07 escape\x1b[31m null\x00 del\x7f c1\x9b", "bell escape[31m null del c1"),
        ("not\ufffe XML\uffff", "not XML"),
        ("\ufeffpasted from a file", "pasted from a file"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_control_characters_are_removed_and_line_breaks_kept(typed, stored):
    assert clean_text(typed) == stored


@pytest.mark.parametrize(
    "text",
    [
        "tab\tand newline\nstay",
        "\u202eالعربية\u200f abc \u2066x\u2069",  # bidi marks are text
        "ورشة عن حق الوصول إلى المياه 😀",
        "",
    ],
)
def test_ordinary_text_is_left_as_it_is(text):
    assert clean_text(text) == text


@pytest.mark.parametrize("value", [None, 40, ["a\x0b"]])
def test_anything_but_text_is_left_as_it_is(value):
    assert clean_text(value) == value


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_proposal_pasted_from_word_is_stored_without_control_characters(
    client, season, masar, lang
):
    response = client.post(
        f"/{lang}/propose/",
        proposal_data(
            season,
            [masar],
            title="Water\x0bfor\x01 all",
            description="Line one\r\nLine two\x0bLine three\x0c",
            organization="Al-Amal\x1f Society",
        ),
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert getattr(activity, f"title_{lang}") == "Water\nfor all"
    assert getattr(activity, f"description_{lang}") == "Line one\nLine two\nLine three"
    assert getattr(activity, f"organization_{lang}") == "Al-Amal Society"


@pytest.mark.django_db
def test_a_title_of_control_characters_only_is_refused_as_empty(client, season, masar):
    response = client.post(
        "/en/propose/", proposal_data(season, [masar], title="\x0e\x0f\x10", summary="\x00")
    )
    assert response.status_code == 200
    assert Activity.objects.count() == 0
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_a_volunteer_sign_up_is_stored_without_control_characters(client, season):
    teams = {
        "media": TeamFactory(season=season, slug="media"),
        "logistics": TeamFactory(season=season, slug="logistics"),
    }
    data = signup_data(teams, full_name="Zainab\x08 Hasan", motivation="I want\r\nto help\x0b.")
    response = client.post("/en/volunteer/", data)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.full_name == "Zainab Hasan"
    assert volunteer.motivation == "I want\nto help\n."


@pytest.mark.django_db
def test_the_admins_forms_clean_what_staff_paste(admin_user, season):
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin = admin.site._registry[Venue]
    form_class = model_admin.get_form(request)
    data = QueryDict(mutable=True)
    data.update(
        {
            "season": str(season.pk),
            "name_ar": "أكاديمية\x0bبغداد",
            "name_en": "Baghdad\x07 Academy",
            "address_ar": "",
            "address_en": "",
            "order": "0",
            "opens_at": "09:00",
            "closes_at": "21:00",
        }
    )
    form = form_class(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name_ar"] == "أكاديمية\nبغداد"
    assert form.cleaned_data["name_en"] == "Baghdad Academy"


def test_the_decision_message_to_an_organizer_is_cleaned():
    form = DecisionForm({"message_en": "Please\x0bchange the title\x1b."}, languages={"en": 1})
    assert form.is_valid()
    assert form.cleaned_data["message_en"] == "Please\nchange the title."


def app_forms():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".settings" not in module.name:
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {
        cls
        for cls in subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in APPS and not cls.__name__.endswith("Mixin")
    }


def test_every_form_of_the_site_cleans_its_text():
    found = app_forms()
    assert {"ProposalForm", "SignupForm", "ActivityAdminForm", "ProgrammeFilterForm"} <= {
        cls.__name__ for cls in found
    }
    assert [cls for cls in found if not issubclass(cls, CleanTextMixin)] == []


def test_every_admin_form_and_inline_of_the_site_cleans_its_text():
    admins = [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in APPS
    ]
    assert len(admins) >= 6
    for model_admin in admins:
        assert issubclass(model_admin.form, CleanTextMixin), model_admin
        for inline in model_admin.inlines:
            assert issubclass(inline.form, CleanTextMixin), inline
