"""Fill search_text for the activities saved before 0003 added it.

0003 added the column empty; only save() fills it, so a proposal made
before it and never edited since could not be found by the programme's
search or the admin's. The same function as save() computes it.
"""

from django.db import migrations

from activities.models import search_text_of

BATCH = 500


def fill_search_text(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    stale = []
    for activity in Activity.objects.order_by("pk").iterator(chunk_size=BATCH):
        text = search_text_of(activity)
        if activity.search_text != text:
            activity.search_text = text
            stale.append(activity)
        if len(stale) >= BATCH:
            Activity.objects.bulk_update(stale, ["search_text"])
            stale = []
    if stale:
        Activity.objects.bulk_update(stale, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0005_programme_moderators_group"),
    ]

    operations = [
        # Going back leaves the text in place: 0003's column is still there.
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
