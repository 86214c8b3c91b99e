"""The "Volunteer coordinators" group: every permission on the volunteers app
(teams, volunteers, their wishes), and nothing else. Staff who are only in it
see volunteers and teams in the admin; programme moderators, without it, do
not see volunteers at all."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Volunteer coordinators"
MODELS = ["team", "volunteer", "teamwish"]


def add_group(apps, schema_editor):
    # Permissions are made after all migrations (post_migrate); make the
    # volunteers app's now so that a fresh database gets them in the group.
    app_config = apps.get_app_config("volunteers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="volunteers", content_type__model__in=MODELS
        )
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("volunteers", "0002_add_volunteers_wishes_and_team_details"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
