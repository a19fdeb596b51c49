"""``manage.py check --deploy`` is clean with the production environment docs/operations.md
documents, and production answers HTTPS with HSTS.

The environment is read from the documentation itself (the block under "Production
environment and the deploy check"), so the two cannot drift apart; the one placeholder in
it, the secret key, gets a fresh random value.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
OPERATIONS = BASE_DIR / "docs" / "operations.md"


def documented_environment() -> dict[str, str]:
    text = OPERATIONS.read_text()
    section = text.split("### Production environment and the deploy check", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "no ```sh block under 'Production environment and the deploy check'"
    environment = {}
    for line in block.group(1).splitlines():
        name, _, value = line.partition("=")
        if value.startswith("<"):
            assert name == "SECRET_KEY", f"{name}: only the secret key is a placeholder"
            value = secrets.token_urlsafe(50)
        environment[name] = value
    return environment


def run_with(code: list[str], **changes: str) -> subprocess.CompletedProcess[str]:
    """Run with the documented environment only (plus ``changes``), nothing inherited."""
    environment = {"PATH": os.environ["PATH"], **documented_environment(), **changes}
    return subprocess.run(
        [sys.executable, *code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(**changes: str) -> subprocess.CompletedProcess[str]:
    return run_with(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **changes)


def test_the_documented_environment_is_complete():
    environment = documented_environment()

    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "SITE_URL"):
        assert environment.get(name), name


def test_check_deploy_is_clean_with_the_documented_environment():
    result = check_deploy()

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (1 silenced)." in output, output
    assert "WARNING" not in output


def test_asking_for_preload_silences_nothing():
    result = check_deploy(SECURE_HSTS_PRELOAD="true")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output, output


def test_the_check_does_report_a_weak_configuration():
    """The clean runs above are not clean because warnings go unseen."""
    result = check_deploy(SECURE_HSTS_SECONDS="0", SECRET_KEY="short")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "security.W004" in output
    assert "security.W009" in output


def test_production_answers_https_with_hsts_and_the_other_headers():
    probe = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/sw.js', secure=True, headers={'host': 'callboard.example'})\n"
        "print(response.status_code)\n"
        "for name in ('Strict-Transport-Security', 'X-Content-Type-Options', "
        "'Referrer-Policy', 'Cross-Origin-Opener-Policy', 'X-Frame-Options'):\n"
        "    print(name, response.headers.get(name), sep=': ')\n"
    )

    result = run_with(["-c", probe])

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "200",
        "Strict-Transport-Security: max-age=31536000; includeSubDomains",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: same-origin",
        "Cross-Origin-Opener-Policy: same-origin",
        "X-Frame-Options: DENY",
    ]
