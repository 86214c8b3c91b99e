"""The "Programme moderators" group: exactly what it takes to review,
translate and schedule activities, and nothing of volunteers or users.

Permissions are normally created after all migrations have run; on a fresh
database they do not exist yet when this runs, so they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme moderators"
PERMISSIONS = [
    ("activities", "activity", "view"),
    ("activities", "activity", "change"),
    ("activities", "masar", "view"),
    ("activities", "activitystatuschange", "view"),
]


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        [
            Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=f"{action}_{model}",
            )
            for app_label, model, action in PERMISSIONS
        ]
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_add_resubmitted_status"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
