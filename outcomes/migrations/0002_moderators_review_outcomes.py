"""The "Programme moderators" review outcomes: they read and change reports
(publish, send back, translate) and the organizations that joined an
initiative (show or hide them; their email is for moderators only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme moderators"
PERMISSIONS = [
    ("outcomes", "outcome", "view"),
    ("outcomes", "outcome", "change"),
    ("outcomes", "outcomestatuschange", "view"),
    ("outcomes", "recommendation", "view"),
    ("outcomes", "recommendation", "change"),
    ("outcomes", "initiative", "view"),
    ("outcomes", "initiative", "change"),
    ("outcomes", "initiativemember", "view"),
    ("outcomes", "initiativemember", "change"),
]


def codenames(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label=app_label,
            content_type__model=model,
            codename=f"{action}_{model}",
        )
        for app_label, model, action in PERMISSIONS
    ]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(*codenames(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*codenames(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_outcomes_reports_initiatives"),
        ("activities", "0005_programme_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
