import pytest
from django.urls import reverse

from activities.models import Masar

pytestmark = pytest.mark.django_db


def test_staff_edits_a_masars_names_in_both_languages_and_the_site_shows_them(
    admin_client, client, seeded
):
    masar = Masar.objects.get(slug="heritage")
    url = reverse("admin:activities_masar_change", args=[masar.pk])
    form_page = admin_client.get(url).content.decode()
    # Both languages side by side, with modeltranslation's tabs loaded locally.
    assert 'name="name_ar"' in form_page and 'name="name_en"' in form_page
    assert "vendor/jquery-ui/jquery-ui.min.js" in form_page
    assert "code.jquery.com" not in form_page

    response = admin_client.post(
        url,
        {
            "season": masar.season_id,
            "name_ar": "التراث الحي",
            "name_en": "Living heritage",
            "description_ar": masar.description_ar,
            "description_en": masar.description_en,
            "slug": "heritage",
            "colour": "brown",
            "order": masar.order,
        },
    )
    assert response.status_code == 302
    assert "التراث الحي" in client.get("/ar/masarat/heritage/").content.decode()
    assert "Living heritage" in client.get("/en/masarat/heritage/").content.decode()


@pytest.mark.parametrize(
    "model", ["forum_season", "forum_venue", "activities_masar", "volunteers_team"]
)
def test_admin_lists_open_for_staff(admin_client, seeded, model):
    response = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
