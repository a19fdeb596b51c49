"""`make screenshots`: the app on a fresh demo database and a free port, shots, stop.

Run under ``python -m config.devservices run --`` (the Makefile does), which provides
``DATABASE_URL`` and ``REDIS_URL`` as for ``make run``. The pages are served from a
database of their own on the same server, ``<name>_screenshots``, made anew from the
migrations and the demo data each time: what the shots show is the current code, never
what a developer's own ``make run`` data has become.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
# The script's own folder (take.py) is on sys.path already; config/ is at the root.
sys.path.insert(0, str(BASE_DIR))

from take import take  # noqa: E402

from config.env import parse_database_url  # noqa: E402

SUFFIX = "_screenshots"


def _on_server(url: str, *statements: str) -> None:
    """Run ``statements`` on the ``postgres`` database of the server that ``url`` is on."""
    import psycopg2

    settings = parse_database_url(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def screenshots_database(url: str) -> tuple[str, str]:
    """The name and URL of ``<name>_screenshots``, beside the database of ``url``."""
    name = parse_database_url(url)["NAME"] + SUFFIX
    return name, urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the web server exited with {server.returncode}")
        try:
            # Not /healthz: that wants a Celery worker, which the pages shown do not.
            with urllib.request.urlopen(f"{url}accounts/login/", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise SystemExit(f"the web server did not answer on {url} within {timeout:.0f}s")


def main() -> None:
    name, database_url = screenshots_database(os.environ["DATABASE_URL"])
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    _on_server(database_url, drop, f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    env["DATABASE_URL"] = database_url
    python = sys.executable

    def manage(*args: str) -> None:
        subprocess.run([python, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)

    manage("migrate", "--verbosity", "0")
    manage("seed_demo")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # The request log goes to a file, shown only if something goes wrong.
    log = tempfile.NamedTemporaryFile(prefix="callboard-screenshots-", suffix=".log")  # noqa: SIM115
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(url, server)
        take(url)
    except BaseException:
        print(Path(log.name).read_text(errors="replace")[-5000:], file=sys.stderr)
        raise
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        _on_server(database_url, drop)
    print(f"screenshots: docs/screenshots/*.png regenerated from {url}")


if __name__ == "__main__":
    main()
