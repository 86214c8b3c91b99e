"""Similar proposals and convergence, continued:

- similarity_text filled for the proposals made before it existed (the same
  rule as Activity.save, activities.models.similarity_text_of);
- on PostgreSQL, the pg_trgm extension and a GIN trigram index on it (SQL,
  so that SQLite still migrates; there the feature shows nothing);
- programme moderators may see and change convergences (carry them out).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from activities.models import similarity_text_of

INDEX = "activity_similarity_trgm"


def fill_similarity_text(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    for activity in Activity.objects.all().iterator():
        activity.similarity_text = similarity_text_of(activity)
        activity.save(update_fields=["similarity_text"])


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON activities_activity "
        "USING gin (similarity_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def grant_moderators(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Programme moderators")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="activities",
            content_type__model="convergence",
            codename__in=["view_convergence", "change_convergence"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0008_add_convergence_and_similarity_text"),
        ("activities", "0005_programme_moderators_group"),
    ]

    operations = [
        migrations.RunPython(fill_similarity_text, migrations.RunPython.noop),
        migrations.RunPython(add_index, drop_index, elidable=False),
        migrations.RunPython(grant_moderators, migrations.RunPython.noop),
    ]
