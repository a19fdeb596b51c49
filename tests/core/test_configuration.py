"""Configuration comes from the environment and a bad value stops start-up loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import ConfigError, Env, celery_broker_url, parse_database_url, redis_url_with_db

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "not a url"),
        ("DATABASE_URL", "mysql://root@localhost/callboard"),
        ("DATABASE_URL", "postgres://localhost:99999/callboard"),
        ("REDIS_URL", "http://localhost:6379"),
        ("EMAIL_PORT", "twenty-five"),
        ("PORT", "eighty"),
        ("PORT", "0"),
        ("SITE_URL", "callboard.example"),
        ("SITE_URL", "ftp://callboard.example"),
        ("SITE_URL", "https://callboard.example/?next=x"),
    ],
)
def test_bad_value_stops_start_up_with_one_line_naming_the_variable(variable, value):
    result = manage("check", **{variable: value})

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"callboard: configuration error: {variable}:")


def _site_url(**env: str) -> str:
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_in_development_site_url_follows_port():
    # Links in e-mails (invitations, password resets) point where `make run` listens.
    assert _site_url(PORT="8123", SITE_URL="") == "http://127.0.0.1:8123"
    assert _site_url(PORT="", SITE_URL="") == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_port_without_its_trailing_slash():
    assert _site_url(PORT="8123", SITE_URL="https://callboard.example/") == (
        "https://callboard.example"
    )


def test_good_configuration_passes_the_system_check():
    result = manage("check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_booleans_accept_the_usual_spellings_of_true(value):
    assert Env({"DEBUG": value}).bool("DEBUG", default=False) is True


@pytest.mark.parametrize("value", ["0", "false", "No", "off"])
def test_booleans_accept_the_usual_spellings_of_false(value):
    assert Env({"DEBUG": value}).bool("DEBUG", default=True) is False


def test_unset_boolean_takes_the_default():
    assert Env({}).bool("DEBUG", default=True) is True


def test_required_variable_missing_is_an_error_naming_it():
    with pytest.raises(ConfigError, match="SECRET_KEY: is required"):
        Env({}).str("SECRET_KEY")


def test_database_url_over_tcp():
    config = parse_database_url("postgres://crew:s%40fe@db.example:5433/callboard?sslmode=require")
    assert config["NAME"] == "callboard"
    assert (config["USER"], config["PASSWORD"]) == ("crew", "s@fe")
    assert (config["HOST"], config["PORT"]) == ("db.example", "5433")
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_database_url_over_a_unix_socket():
    config = parse_database_url("postgresql://postgres:@/callboard?host=/tmp/pg")
    assert (config["HOST"], config["NAME"], config["PORT"]) == ("/tmp/pg", "callboard", "")


def test_redis_urls_for_tests_and_celery():
    assert redis_url_with_db("redis://127.0.0.1:6379/0", 3) == "redis://127.0.0.1:6379/3"
    assert redis_url_with_db("unix:///tmp/r.sock?db=0", 3) == "unix:///tmp/r.sock?db=3"
    assert (
        celery_broker_url("unix:///tmp/r.sock?db=3") == "redis+socket:///tmp/r.sock?virtual_host=3"
    )
    assert celery_broker_url("redis://h:6379/2") == "redis://h:6379/2"
