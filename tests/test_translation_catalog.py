"""The marked strings make a catalogue that gettext accepts, and a translation shows up.

``makemessages -l fr`` runs on a copy of the code (it writes scratch files next to the
templates it reads), ``msgfmt --check-format`` compiles the result, and a few French
translations filled in by the test must then appear on the pages of a French-speaking
user: a template string, a form label defined in Python, a plural with the French rule
(0 is singular), the password-reset e-mail, a refusal (one sentence, the action's label
a placeholder) and the invitation e-mail (in the invitee's language).

Needs GNU gettext (``apt-get install gettext``); skipped without it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import loader
from django.test import override_settings

from tests.factories import add_member, make_production, make_user

_TOOLS = ("xgettext", "msgmerge", "msguniq", "msgfmt")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in _TOOLS),
    reason="GNU gettext is not installed (apt-get install gettext)",
)

_SOURCES = ("accounts", "config", "core", "crew", "notifications", "productions", "scheduling")
_FRENCH: dict[str, str | tuple[str, str]] = {
    "Your profile": "Votre profil",
    "Time zone": "Fuseau horaire",
    "Reset your Callboard password": "Réinitialisez votre mot de passe Callboard",
    "%(counter)s engaged": ("%(counter)s engagé", "%(counter)s engagés"),
    "As %(role)s on this production you may not %(action)s.": (
        "En tant que %(role)s sur cette production, vous ne pouvez pas %(action)s."
    ),
    "manage production": "gérer la production",  # msgctxt "you may not …"
    "Invitation to %(production)s": "Invitation à %(production)s",
}
#: Modules whose messages were marked in Python: each gives the catalogue something.
_PYTHON_SOURCES = (
    "productions/views.py",
    "productions/invitations.py",
    "productions/scoping.py",
    "productions/roles.py",
    "crew/views.py",
    "crew/csv_io.py",
    "crew/services.py",
    "crew/api/views.py",
)


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _translate(po: str, translations: dict[str, str | tuple[str, str]]) -> str:
    """Fill in msgstr for the given msgids (single-line msgids only)."""
    for msgid, translated in translations.items():
        head = f"msgid {_po_string(msgid)}\n"
        if isinstance(translated, tuple):
            pattern = re.compile(
                re.escape(head) + r'(msgid_plural .*\n)msgstr\[0\] ""\nmsgstr\[1\] ""\n'
            )
            replacement = (
                head + r"\1" + f"msgstr[0] {_po_string(translated[0])}\n"
                f"msgstr[1] {_po_string(translated[1])}\n"
            )
        else:
            pattern = re.compile(re.escape(head) + 'msgstr ""\n')
            replacement = head + f"msgstr {_po_string(translated)}\n"
        po, count = pattern.subn(replacement, po)
        assert count == 1, f"{msgid!r} is not in the catalogue"
    return po


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A French catalogue made from a copy of the code: (locale directory, the .po text)."""
    workdir = tmp_path_factory.mktemp("i18n")
    code, locale = workdir / "code", workdir / "locale"
    for name in (*_SOURCES, "templates"):
        shutil.copytree(Path(settings.BASE_DIR) / name, code / name)
    here = Path.cwd()
    os.chdir(code)
    try:
        with override_settings(LOCALE_PATHS=[str(locale)]):
            call_command("makemessages", locale=["fr"], verbosity=0)
    finally:
        os.chdir(here)
    po_file = locale / "fr" / "LC_MESSAGES" / "django.po"
    return locale, po_file.read_text(encoding="utf-8")


def test_makemessages_finds_strings_from_templates_python_and_plurals(catalogue):
    _, po = catalogue

    for msgid in [
        'msgid "Your profile"',  # {% translate %}
        'msgid "%(counter)s scene"\nmsgid_plural "%(counter)s scenes"',  # count
        'msgid "Reset your Callboard password"',  # an e-mail subject (.txt)
        'msgid "Departments & positions"',  # _("…") in an {% include … with %}
        'msgid "Producer / production office"',  # a TextChoices label
        'msgid "Show my e-mail to the whole team"',  # a form label
        'msgid "This production already has a scene with that number."',  # a constraint
        'msgid "Invalid e-mail or password."',  # an API error
    ]:
        assert msgid in po
    assert "#. Translators: offered, confirmed and wrapped" in po


def test_makemessages_finds_the_messages_of_the_python_modules(catalogue):
    _, po = catalogue
    references = set(re.findall(r"([\w/]+\.py):\d+", "\n".join(re.findall(r"^#: .*", po, re.M))))

    assert not set(_PYTHON_SOURCES) - references
    for entry in [
        'msgctxt "you may not …"\nmsgid "edit breakdown"',  # an Action's label
        'msgid "Imported %(rows)d row: %(added)s, %(updated)s."\n'
        'msgid_plural "Imported %(rows)d rows: %(added)s, %(updated)s."',  # ngettext
        'msgid "Unknown column %(unknown)s. Known columns: %(known)s."',  # CSV import
        'msgid ""\n"%(inviter)s invited you to %(production)s on Callboard.\\n"',  # e-mail
    ]:
        assert entry in po


@pytest.mark.django_db
def test_the_catalogue_compiles_and_a_french_user_sees_french(
    catalogue, tmp_path, client, settings, monkeypatch
):
    _, po = catalogue
    locale = tmp_path / "locale"
    messages = locale / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    # A translator removes the "fuzzy" mark from the header once the file is theirs.
    po = po.replace('#, fuzzy\nmsgid ""\n', 'msgid ""\n', 1)
    (messages / "django.po").write_text(_translate(po, _FRENCH), encoding="utf-8")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", "django.mo", "django.po"], cwd=messages, check=True
    )
    settings.LOCALE_PATHS = [str(locale)]

    user = make_user(email="dp@example.test", language="fr", time_zone="Europe/Paris")
    make_production(producer=user)
    client.force_login(user)
    profile = client.get("/account/profile/").content.decode()
    productions = client.get("/productions/").content.decode()

    assert "<h1>Votre profil</h1>" in profile
    assert '<label for="id_time_zone">Fuseau horaire\xa0:</label>' in profile  # French colon
    assert "<dd>0 engagé</dd>" in productions  # French: 0 is singular

    subjects = []
    render = loader.render_to_string

    def spy(template_name, *args, **kwargs):
        rendered = render(template_name, *args, **kwargs)
        if template_name.endswith("subject.txt"):
            subjects.append(rendered.strip())
        return rendered

    monkeypatch.setattr(loader, "render_to_string", spy)
    monkeypatch.setattr("accounts.forms.enqueue_after_commit", lambda task, **kwargs: None)
    client.logout()
    client.post(
        "/accounts/password-reset/", {"email": "dp@example.test"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert subjects == ["Réinitialisez votre mot de passe Callboard"]

    # A refusal: the sentence and the action's label are translated separately.
    crew_user, _, _ = add_member(
        make_production(), "crew", user=make_user(email="gus@example.test", language="fr")
    )
    client.force_login(crew_user)
    production_id = crew_user.memberships.get().production_id
    refused = client.get(f"/productions/{production_id}/settings/").content.decode()
    assert "vous ne pouvez pas gérer la production." in refused

    # An invitation, sent by an English-speaking producer to a French-speaking user.
    invited: list[str] = []
    monkeypatch.setattr(
        "productions.invitations.enqueue_after_commit",
        lambda task, **kwargs: invited.append(kwargs["subject"]),
    )
    producer = make_user(email="pat@example.test", language="en")
    production = make_production(producer=producer, title="Harbour Lights")
    client.force_login(producer)
    client.post(
        f"/productions/{production.pk}/members/invite/",
        {"email": "dp@example.test", "name": "", "role": "crew"},
    )
    assert invited == ["Invitation à Harbour Lights"]
