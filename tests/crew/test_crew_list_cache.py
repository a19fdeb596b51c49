"""The crew table is cached per data version and viewer visibility class, never beyond.

Each test looks at the list once (so the table is cached), changes something, and checks
that the next look shows what the rules say now, for the same or for another viewer.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, translation

from crew.models import Engagement, Person
from productions.fragments import recent_fragments

pytestmark = pytest.mark.django_db

PHONE = "+447700900321"


def _list(cast, member: str, **params: str) -> str:
    url = reverse("crew:list", kwargs={"production_id": cast.production.pk})
    response = cast.client(member).get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_viewer_never_sees_what_a_viewer_of_another_class_was_shown(cast):
    Person.objects.filter(pk=cast.hod.person.pk).update(phone=PHONE)

    assert f"tel:{PHONE}" in _list(cast, "producer")  # cached for the producer's class
    assert f"tel:{PHONE}" not in _list(cast, "crew")  # Hal shares nothing
    assert f"tel:{PHONE}" not in _list(cast, "hod_other")  # heads Sound, not Camera
    assert f"tel:{PHONE}" in _list(cast, "hod")  # their own record


def test_a_department_head_sees_their_department_only(cast):
    Person.objects.filter(pk=cast.crew.person.pk).update(phone=PHONE)

    assert f"tel:{PHONE}" not in _list(cast, "hod_other")
    assert f"tel:{PHONE}" in _list(cast, "hod")  # Cai is in Hal's Camera department
    assert f"tel:{PHONE}" not in _list(cast, "hod_other")


def test_sharing_a_phone_shows_it_at_once(cast):
    person = cast.hod.person
    Person.objects.filter(pk=person.pk).update(phone=PHONE)
    assert f"tel:{PHONE}" not in _list(cast, "crew")

    person.refresh_from_db()
    person.share_phone = True
    person.save()

    assert f"tel:{PHONE}" in _list(cast, "crew")

    Person.objects.filter(pk=person.pk).update(share_phone=False)  # a bulk update too
    assert f"tel:{PHONE}" not in _list(cast, "crew")


def test_edits_and_renames_show_at_once(cast):
    assert "Hal Head" in _list(cast, "crew")

    Person.objects.filter(pk=cast.hod.person.pk).update(name="Hal Renamed")
    Engagement.objects.filter(pk=cast.hod.engagement.pk).update(start_date=date(2026, 6, 2))

    html = _list(cast, "crew")
    assert "Hal Renamed" in html
    assert "2 Jun" in html


def test_each_language_gets_its_own_table(cast):
    Engagement.objects.filter(pk=cast.hod.engagement.pk).update(start_date=date(2026, 6, 2))
    assert "2 Jun" in _list(cast, "crew")

    user = cast.user("crew")
    user.language = "fr"
    user.save()

    with translation.override("fr"):
        french = dateformat.format(date(2026, 6, 2), "j M")
    assert french != "2 Jun"
    assert french in _list(cast, "crew")


def test_only_the_engaged_who_may_be_edited_get_an_edit_link(cast):
    edit = reverse(
        "crew:engagement-edit",
        kwargs={"production_id": cast.production.pk, "engagement_id": cast.crew.engagement.pk},
    )
    assert edit in _list(cast, "producer")
    assert edit in _list(cast, "hod")  # heads Camera
    assert edit not in _list(cast, "hod_other")
    assert edit not in _list(cast, "crew")


def test_filters_are_part_of_the_key(cast):
    assert "Sol Sound" in _list(cast, "crew")
    html = _list(cast, "crew", q="Hal")
    assert "Hal Head" in html
    assert "Sol Sound" not in html


def test_a_cached_table_skips_the_list_query(cast):
    url = reverse("crew:list", kwargs={"production_id": cast.production.pk})
    client = cast.client("crew")
    client.get(url)  # the session
    cache.clear()
    recent_fragments.clear()
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url).content.decode()
    recent_fragments.clear()  # as if another worker answered: from the shared cache
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url).content.decode()

    def lists_engagements(sql: str) -> bool:
        return 'FROM "crew_engagement"' in sql

    assert sum(lists_engagements(q["sql"]) for q in cold) == 1
    assert not any(lists_engagements(q["sql"]) for q in warm)
    assert len(warm) == len(cold) - 1

    def table(html: str) -> str:
        return html[html.index('<div class="table-wrap">') : html.index("</table>")]

    assert table(first) == table(second)


def test_every_value_on_a_row_is_escaped(cast):
    Person.objects.filter(pk=cast.hod.person.pk).update(
        name="<b>Hal</b>", pronouns='"they"', phone="<i>"
    )

    html = _list(cast, "producer")

    assert "<b>Hal</b>" not in html
    assert "&lt;b&gt;Hal&lt;/b&gt;" in html
    assert "(&quot;they&quot;)" in html
    assert 'href="tel:&lt;i&gt;">&lt;i&gt;</a>' in html
