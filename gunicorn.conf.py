"""gunicorn settings for the forum's app servers (see docs/deploy.md).

Everything can be overridden from the environment, so one file serves a
laptop, a benchmark and each production server.
"""

import multiprocessing
import os
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the site is server-rendered and database-bound; two per core
# plus one is gunicorn's own rule of thumb.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never takes a server down
# in the middle of the forum week.
max_requests = 2000
max_requests_jitter = 200
# The proxy in front (nginx) sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log by default: request paths hold the private links of
# organizers and volunteers. nginx's log (without paths, see deploy.md) counts
# requests instead. Set GUNICORN_ACCESS_LOG=- to see them while debugging.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# gunicorn 27 opens a control socket, by default in ~/.gunicorn/: give each
# instance its own path (two instances on one machine must not share one), in
# systemd's RuntimeDirectory when there is one.
_runtime_dir = os.environ.get("RUNTIME_DIRECTORY") or tempfile.gettempdir()
_safe_bind = bind.replace(":", "-").replace("/", "_")
control_socket = os.environ.get(
    "GUNICORN_CONTROL_SOCKET", os.path.join(_runtime_dir, f"isf-gunicorn-{_safe_bind}.ctl")
)
wsgi_app = "forum.wsgi:application"
