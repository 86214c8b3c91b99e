"""The benchmark's settings: production's, plus one trivial view (bench.urls).

The trivial view lives only here, so the production site has no route that
exists just for measuring; it goes through exactly production's middleware.
"""

from forum.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
