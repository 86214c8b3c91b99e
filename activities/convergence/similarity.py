"""Similar proposals: the others of the same season that share a masar and
whose titles and summaries (in either language, folded by
forum.arabic.normalize_for_search) are close by PostgreSQL's trigram
similarity (pg_trgm, with a GIN index: migration
0009_similarity_text_trigram_index). On another database nothing is similar.

The threshold (0 to 1) and how many are shown are settings:
SIMILAR_PROPOSALS_THRESHOLD and SIMILAR_PROPOSALS_LIMIT.
"""

from django.conf import settings
from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import F, Value

from ..models import Activity

# Proposals that are out of the running are never "similar".
OUT = (Activity.Status.WITHDRAWN, Activity.Status.DECLINED, Activity.Status.MERGED)


def supported():
    return connection.vendor == "postgresql"


def threshold():
    return float(getattr(settings, "SIMILAR_PROPOSALS_THRESHOLD", 0.25))


def limit():
    return int(getattr(settings, "SIMILAR_PROPOSALS_LIMIT", 5))


def candidates():
    return Activity.objects.exclude(status__in=OUT).filter(
        suspected_spam=False, merged_into__isnull=True
    )


def _use_threshold(cursor):
    # The % operator (what the GIN index answers) uses this setting.
    cursor.execute(
        "SELECT set_config('pg_trgm.similarity_threshold', %s, false)", [str(threshold())]
    )


def similar_to(activity, *, queryset=None, count=None):
    """The proposals closest to `activity`, closest first, each with
    `.similarity` (0–1). A list; empty on SQLite or for an empty text."""
    if not supported() or not activity.pk or not activity.similarity_text.strip():
        return []
    with connection.cursor() as cursor:
        _use_threshold(cursor)
    masar_ids = list(activity.masarat.values_list("pk", flat=True))
    if not masar_ids:
        return []
    shared = Activity.masarat.through.objects.filter(masar_id__in=masar_ids).values("activity_id")
    queryset = (queryset if queryset is not None else candidates()).filter(
        # The % operator, answered by the trigram index.
        TrigramSimilar(F("similarity_text"), Value(activity.similarity_text)),
        season_id=activity.season_id,
        pk__in=shared,
    )
    return list(
        queryset.exclude(pk=activity.pk)
        .annotate(similarity=TrigramSimilarity("similarity_text", activity.similarity_text))
        .filter(similarity__gte=threshold())
        .select_related("season")
        .prefetch_related("masarat")
        .order_by("-similarity", "number")[: count or limit()]
    )


def ids_with_similar(queryset):
    """The pks of the proposals of `queryset` that have at least one similar
    proposal (for the admin's list filter): one query on PostgreSQL."""
    if not supported():
        return set()
    table = Activity._meta.db_table
    through = Activity.masarat.through._meta.db_table
    out = ", ".join(["%s"] * len(OUT))
    with connection.cursor() as cursor:
        _use_threshold(cursor)
        cursor.execute(
            f"""
            SELECT DISTINCT a.id FROM {table} a
            JOIN {table} b ON b.season_id = a.season_id AND b.id <> a.id
                AND a.similarity_text %% b.similarity_text
            WHERE similarity(a.similarity_text, b.similarity_text) >= %s
              AND b.status NOT IN ({out}) AND NOT b.suspected_spam AND b.merged_into_id IS NULL
              AND EXISTS (
                SELECT 1 FROM {through} am JOIN {through} bm ON bm.masar_id = am.masar_id
                WHERE am.activity_id = a.id AND bm.activity_id = b.id)
            """,  # noqa: S608 - table names from the models, values as parameters
            [threshold(), *OUT],
        )
        found = {row[0] for row in cursor.fetchall()}
    return set(queryset.filter(pk__in=found).values_list("pk", flat=True))
