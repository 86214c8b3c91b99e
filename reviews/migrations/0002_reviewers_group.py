"""The "Reviewers" group: what it takes to read the proposals of one's masarat
(without contact data), score them, and declare conflicts of interest; and
for the "Programme moderators": reading the reviews, assigning reviewers to
masarat and keeping the decision message templates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Reviewers"
PERMISSIONS = [
    ("reviews", "proposaltoreview", "view"),
    # Change: to send the reviewer's own review from the proposal's page; every
    # field of the proposal itself is read-only (reviews.admin).
    ("reviews", "proposaltoreview", "change"),
    ("reviews", "review", "view"),
    ("reviews", "review", "add"),
    ("reviews", "review", "change"),
    ("reviews", "declaredconflict", "view"),
    ("reviews", "declaredconflict", "add"),
    ("reviews", "declaredconflict", "change"),
    ("reviews", "declaredconflict", "delete"),
]
MODERATORS = "Programme moderators"
MODERATOR_PERMISSIONS = [
    ("reviews", "review", "view"),
    *(("reviews", "reviewer", action) for action in ("view", "add", "change", "delete")),
    *(("reviews", "messagetemplate", action) for action in ("view", "add", "change", "delete")),
]


def permissions(Permission, rows):
    return [
        Permission.objects.get(
            content_type__app_label=app_label,
            content_type__model=model,
            codename=f"{action}_{model}",
        )
        for app_label, model, action in rows
    ]


def create_groups(apps, schema_editor):
    # Permissions are made after all migrations; on a fresh database, now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(permissions(Permission, PERMISSIONS))
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        moderators.permissions.add(*permissions(Permission, MODERATOR_PERMISSIONS))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=GROUP).delete()
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        moderators.permissions.remove(*permissions(Permission, MODERATOR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_reviewers_reviews_conflicts_message_templates"),
        ("activities", "0005_programme_moderators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
