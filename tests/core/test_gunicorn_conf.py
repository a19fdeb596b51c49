"""gunicorn.conf.py: the web server's settings, and the garbage-collector freeze after fork."""

from __future__ import annotations

import gc
import multiprocessing
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def load(monkeypatch):
    """Read gunicorn.conf.py under the given environment; the collector is left as found."""
    enabled = gc.isenabled()
    thresholds = gc.get_threshold()

    def read(**env: str) -> dict[str, Any]:
        for name in [n for n in os.environ if n.startswith("GUNICORN_")] + ["WEB_CONCURRENCY"]:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONF))

    yield read
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()


def test_defaults(load):
    conf = load()

    assert conf["workers"] == multiprocessing.cpu_count() + 1
    assert (conf["worker_class"], conf["threads"]) == ("gthread", 3)
    assert conf["timeout"] == 30
    assert conf["preload_app"] is True
    assert conf["control_socket_disable"] is True
    assert conf["bind"] == "0.0.0.0:8000"


def test_the_environment_decides(load):
    conf = load(
        WEB_CONCURRENCY="5",
        GUNICORN_WORKER_CLASS="sync",
        GUNICORN_THREADS="1",
        GUNICORN_BIND="127.0.0.1:9000",
        GUNICORN_ACCESS_LOG="",
    )

    assert (conf["workers"], conf["worker_class"], conf["threads"]) == (5, "sync", 1)
    assert conf["bind"] == "127.0.0.1:9000"
    assert conf["accesslog"] is None


def test_a_worker_freezes_what_it_inherited_and_collects_again(load):
    conf = load()
    assert not gc.isenabled()  # the master loads the app with the collector off

    conf["post_fork"](None, None)

    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_the_freeze_can_be_turned_off(load):
    gc.enable()
    conf = load(GUNICORN_GC_FREEZE="false")
    conf["post_fork"](None, None)

    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_worker_collects_rarely_whatever_the_freeze(load):
    for freeze in ("true", "false"):
        gc.set_threshold(700, 10, 10)
        conf = load(GUNICORN_GC_FREEZE=freeze)
        conf["post_fork"](None, None)

        assert gc.get_threshold() == (10_000, 20, 100)


def test_the_thresholds_can_be_python_s_again(load):
    conf = load(GUNICORN_GC_THRESHOLDS="700,10,10")
    conf["post_fork"](None, None)

    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("value", ["700,10", "a,b,c", "0,10,10", "700;10;10"])
def test_bad_thresholds_stop_start_up_naming_the_variable(load, value):
    with pytest.raises(SystemExit, match="GUNICORN_GC_THRESHOLDS"):
        load(GUNICORN_GC_THRESHOLDS=value)


def test_a_bad_boolean_stops_start_up_naming_the_variable(load):
    with pytest.raises(SystemExit, match="GUNICORN_GC_FREEZE"):
        load(GUNICORN_GC_FREEZE="maybe")


def test_gunicorn_accepts_the_file_and_loads_the_app():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", str(CONF), "config.wsgi"],
        cwd=CONF.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
