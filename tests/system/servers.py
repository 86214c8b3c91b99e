"""Real app servers for system tests: gunicorn with the production settings,
sharing the test database and a Redis cache, as on the forum's servers."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = secrets.token_urlsafe(60)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict, port=None):
    host = settings_dict["HOST"] or "127.0.0.1"
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    port = port or settings_dict["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def server_env(*, database, cache_url, static_root, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Required by the production settings; links in emails and pages.
        "SITE_URL": "https://isf.test",
        "DATABASE_URL": database,
        # Each request opens its connection: a database that comes back is
        # seen at once (production keeps them, with health checks).
        "DB_CONN_MAX_AGE": "0",
        "CACHE_URL": cache_url,
        "STATIC_ROOT": str(static_root),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def collect_static(static_root, env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )


class AppServer:
    def __init__(self, env, workers=2):
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(  # noqa: SIM115 - closed in stop()
            f"/tmp/isf-gunicorn-{self.port}.log", "w+"
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--control-socket",
                f"/tmp/isf-gunicorn-{self.port}.ctl",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.log.seek(0)
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())

    def cookies(self):
        return [value for name, value in self.raw_headers if name.lower() == "set-cookie"]


def fetch(url, *, method="GET", headers=None, body=None, https=True):
    """One request, redirects not followed. As if through the TLS proxy
    (X-Forwarded-Proto: https) unless https=False."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    all_headers = {"X-Forwarded-Proto": "https"} if https else {}
    all_headers.update(headers or {})
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request(method, path, body=body, headers=all_headers)
    raw = conn.getresponse()
    response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, raw.read())
    response.raw_headers = raw.getheaders()
    conn.close()
    return response


class Browser:
    """Cookies kept across servers, as one visitor's browser behind a load balancer."""

    def __init__(self):
        self.cookies = {}

    def request(self, url, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = fetch(url, headers=headers, **kwargs)
        for cookie in response.cookies():
            name, value = cookie.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response

    def post_form(self, url, data, referer, headers=None):
        return self.request(
            url,
            method="POST",
            body=urlencode(data, doseq=True),
            headers={
                **(headers or {}),
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": referer,
            },
        )


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
