"""The backup and restore commands of docs/deploy.md, run for real."""

import io
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection

from activities.models import Activity
from forum.models import OutgoingEmail


def pg(command, *args):
    settings = connection.settings_dict
    host, user = settings["HOST"] or "127.0.0.1", settings["USER"] or "postgres"
    return subprocess.run(
        [command, "-h", host, "-U", user, *args], capture_output=True, text=True, check=True
    ).stdout


def row_counts(database):
    """Rows in every table of the database, by table name."""
    tables = pg(
        "psql",
        "-tAc",
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
        database,
    ).split()
    query = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    lines = pg("psql", "-tA", "-F", " ", "-c", query, database).splitlines()
    return {table: int(count) for table, count in (line.split() for line in lines)}


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    pg("dropdb", "--if-exists", name)
    yield name
    pg("dropdb", "--if-exists", name)


def test_a_pg_dump_restores_every_row_of_every_table(transactional_db, tmp_path, restored_database):
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=25, stdout=io.StringIO())
    call_command("load_demo_volunteers", volunteers=20, stdout=io.StringIO())
    OutgoingEmail.objects.create(to=["a@example.org"], subject="مرحبا", body="نص")
    dump = tmp_path / "isf.dump"
    original = connection.settings_dict["NAME"]

    pg("pg_dump", "--format=custom", f"--file={dump}", original)
    pg("createdb", restored_database)
    pg("pg_restore", "--no-owner", f"--dbname={restored_database}", str(dump))

    before, after = row_counts(original), row_counts(restored_database)
    assert after == before
    # The demo programmes of the real 5th season and of the demo season.
    assert after["activities_activity"] == Activity.objects.count() == 2 * 25
    assert after["activities_masar"] == 2 * 8
    assert after["volunteers_volunteer"] == 20
    assert after["forum_outgoingemail"] == 1
