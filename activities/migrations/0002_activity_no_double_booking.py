"""No two accepted activities in one space at overlapping times.

An exclusion constraint is PostgreSQL's; SQLite (the zero-setup default for
trying the site) has none, and there the admin form's check is the guard.
It is added with SQL rather than in Meta.constraints so that migrations still
run on SQLite.
"""

from django.db import migrations

CONSTRAINT = "activity_no_double_booking"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"""
        ALTER TABLE activities_activity ADD CONSTRAINT {CONSTRAINT}
        EXCLUDE USING gist (
            space_id WITH =,
            tstzrange(starts_at, ends_at, '[)') WITH &&
        )
        WHERE (status = 'accepted' AND space_id IS NOT NULL
               AND starts_at IS NOT NULL AND ends_at IS NOT NULL)
        """
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE activities_activity DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial_masarat_activities")]

    operations = [migrations.RunPython(add_constraint, drop_constraint, elidable=False)]
