"""The production list, creating a production, its overview and its settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crew.models import Deadline
from productions.models import CoProducer, Membership, Production
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _settings_form(production, **changes):
    data = {
        "title": production.title,
        "kind": production.kind,
        "status": production.status,
        "logline": production.logline,
        "time_zone": production.time_zone,
        "prep_start": "",
        "shoot_start": "",
        "shoot_end": "",
        "wrap_date": "",
        "languages": ", ".join(production.languages),
        "revision_colours": "\n".join(production.revision_colours),
        "office_address": "",
        "office_phone": "",
    }
    data.update(changes)
    return data


def test_the_list_shows_my_productions_as_cards_with_a_new_button(client, producer, production):
    make_production(title="Not Mine")
    add_crew(production, 3)
    client.force_login(producer)

    html = client.get(reverse("productions:list")).content.decode()

    assert "Harbour Lights" in html
    assert "Not Mine" not in html
    assert 'class="card"' in html
    assert "3 engaged" in html
    assert reverse("productions:new") in html
    assert reverse("productions:overview", kwargs={"production_id": production.pk}) in html


def test_creating_a_production_makes_me_its_producer(client, producer):
    client.force_login(producer)

    response = client.post(
        reverse("productions:new"),
        {
            "title": "Salt Marsh",
            "kind": "series",
            "status": "pre_production",
            "time_zone": "Europe/Paris",
            "shoot_start": "2026-06-01",
            "shoot_end": "2026-07-31",
        },
    )

    production = Production.objects.get(title="Salt Marsh")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "productions:overview", kwargs={"production_id": production.pk}
    )
    assert Membership.objects.get(production=production, user=producer).role == "producer"
    assert production.departments.filter(name="Camera").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"shoot_start": "2026-07-01", "shoot_end": "2026-06-01"}, "cannot end before it starts"),
        ({"title": ""}, "This field is required."),
        ({"time_zone": "Mars/Olympus"}, "is not a time zone"),
        ({"shoot_start": "tomorrow"}, "Enter a valid date."),
        ({"kind": "opera"}, "Select a valid choice."),
    ],
)
def test_creating_with_bad_input_shows_the_error_and_creates_nothing(
    client, producer, changes, message
):
    client.force_login(producer)
    data = {"title": "Salt Marsh", "kind": "feature", "status": "development", "time_zone": "UTC"}

    response = client.post(reverse("productions:new"), {**data, **changes})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Production.objects.exists()


def test_the_overview_shows_dates_co_producers_crew_and_deadlines(client, producer):
    production = make_production(
        producer=producer,
        title="Harbour Lights",
        shoot_start="2026-06-01",
        shoot_end="2026-07-31",
        status="pre_production",
    )
    CoProducer.objects.create(production=production, name="Nordlicht Film", country="DE")
    add_crew(production, 2, department="Grip")
    add_crew(production, 1, department="Electric")
    Deadline.objects.create(
        production=production, title="Script lock", due=timezone.now() + timedelta(days=2)
    )
    Deadline.objects.create(
        production=production, title="Insurance", due=timezone.now() - timedelta(days=1)
    )
    crew, _, _ = add_member(production, "crew", department="Grip")
    client.force_login(crew)

    html = client.get(
        reverse("productions:overview", kwargs={"production_id": production.pk})
    ).content.decode()

    assert "1 Jun 2026" in html
    assert "31 Jul 2026" in html
    assert "Pre-production" in html
    assert "Nordlicht Film" in html
    assert '<td>Grip</td><td class="num">3</td>' in html
    assert '<td>Electric</td><td class="num">1</td>' in html
    assert html.index("Insurance") < html.index("Script lock")  # overdue first
    assert "Overdue" in html
    # A crew member sees no links to producer-only sections.
    assert reverse("productions:settings", kwargs={"production_id": production.pk}) not in html
    assert reverse("productions:members", kwargs={"production_id": production.pk}) not in html


def test_the_subnav_shows_members_and_settings_to_producers(client, producer, production):
    client.force_login(producer)

    html = client.get(
        reverse("productions:overview", kwargs={"production_id": production.pk})
    ).content.decode()

    nav = html[html.index('class="subnav"') : html.index("</nav>", html.index('class="subnav"'))]
    for label in ("Overview", "Crew", "Deadlines", "Members", "Settings"):
        assert f">{label}</a>" in nav
    assert 'aria-current="page">Overview' in nav


def test_settings_save_every_field_including_the_lists(client, producer, production):
    client.force_login(producer)
    url = reverse("productions:settings", kwargs={"production_id": production.pk})
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _settings_form(
            production,
            title="Harbour Lights II",
            status="production",
            languages="en, FR,de",
            revision_colours="White\nBlue\n\nPink\nCherry",
            prep_start="2026-05-01",
            shoot_start="2026-06-01",
            shoot_end="2026-07-01",
            wrap_date="2026-07-10",
            office_phone="+44 20 7946 0000",
        ),
    )

    assert response.status_code == 302
    production.refresh_from_db()
    assert production.title == "Harbour Lights II"
    assert production.languages == ["en", "fr", "de"]
    assert production.revision_colours == ["White", "Blue", "Pink", "Cherry"]
    assert str(production.wrap_date) == "2026-07-10"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"languages": "english!"}, "is not a language code"),
        ({"revision_colours": "White\nBlue\nwhite"}, "is listed twice"),
        ({"wrap_date": "2026-06-15", "shoot_end": "2026-07-01"}, "Wrap cannot come before"),
        ({"prep_start": "2026-07-15", "shoot_start": "2026-07-01"}, "Prep must start"),
    ],
)
def test_bad_settings_show_an_error_and_change_nothing(
    client, producer, production, changes, message
):
    client.force_login(producer)

    response = client.post(
        reverse("productions:settings", kwargs={"production_id": production.pk}),
        _settings_form(production, title="Changed", **changes),
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    production.refresh_from_db()
    assert production.title == "Harbour Lights"


def test_an_empty_settings_post_shows_errors_not_a_crash(client, producer, production):
    client.force_login(producer)

    response = client.post(
        reverse("productions:settings", kwargs={"production_id": production.pk}), {}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_co_producers_are_added_and_removed(client, producer, production):
    client.force_login(producer)
    add_url = reverse("productions:co-producer-add", kwargs={"production_id": production.pk})

    response = client.post(
        add_url,
        {"co-name": "Nordlicht", "co-country": "de", "co-role": "minority", "co-share_percent": 30},
    )

    assert response.status_code == 302
    co_producer = CoProducer.objects.get(production=production)
    assert co_producer.country == "DE"
    response = client.post(
        reverse(
            "productions:co-producer-remove",
            kwargs={"production_id": production.pk, "co_producer_id": co_producer.pk},
        )
    )
    assert response.status_code == 302
    assert not CoProducer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"co-name": "X", "co-country": "Germany", "co-role": "minority"}, "Ensure this value"),
        ({"co-name": "X", "co-country": "D1", "co-role": "minority"}, "two-letter ISO"),
        (
            {"co-name": "X", "co-country": "DE", "co-role": "minority", "co-share_percent": 120},
            "between 0 and 100",
        ),
        ({"co-name": "Existing", "co-country": "FR", "co-role": "minority"}, "already exists"),
    ],
)
def test_bad_co_producers_are_refused_with_a_message(client, producer, production, data, message):
    CoProducer.objects.create(production=production, name="Existing", country="FR")
    client.force_login(producer)

    response = client.post(
        reverse("productions:co-producer-add", kwargs={"production_id": production.pk}), data
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert CoProducer.objects.count() == 1
