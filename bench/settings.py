"""The benchmark's settings: production's, plus one trivial view (bench.urls).

The trivial view lives only here, so the production site has no route that
exists just for measuring; it goes through exactly production's middleware.
"""

from forum.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# Count the renders of cached pages in Redis (activities.page_store), so the
# stampede benchmark can tell how many renders each page had per version.
PAGE_CACHE_COUNT_RENDERS = True
