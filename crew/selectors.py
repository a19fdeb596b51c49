"""Reads for crew. Every function takes an Access: the scoping is not optional."""

from __future__ import annotations

from django.db.models import Case, F, Prefetch, QuerySet, Value, When

from crew.filters import CrewFilter
from crew.models import Character, Department, Engagement, Person, Position, Unavailability
from productions.scoping import Access


def crew_list(*, access: Access, filters: CrewFilter | None = None) -> QuerySet[Engagement]:
    """Engagements with person, position and department, in call-sheet order.

    ``filters``: the list's query (the page's, the API's or the export's). A constant
    number of queries whatever the size of the crew (one, with joins).
    """
    engagements = Engagement.objects.for_access(access).select_related(
        "person", "position", "department"
    )
    if filters is not None:
        engagements = filters.filter_queryset(engagements)
    return engagements.order_by(
        "department__order", "department__name", "position__order", "person__name", "id"
    )


def departments_for(*, access: Access) -> QuerySet[Department]:
    return Department.objects.for_access(access).order_by("order", "name")


def positions_for(*, access: Access) -> QuerySet[Position]:
    return (
        Position.objects.for_access(access).select_related("department").order_by("order", "title")
    )


def own_engagements(*, access: Access) -> QuerySet[Engagement]:
    """The viewer's own engagements on this production, in the crew list's order."""
    return (
        Engagement.objects.for_access(access)
        .filter(person__user=access.user)
        .select_related("position", "department")
        .order_by("department__order", "position__order", "start_date", "id")
    )


def department_heads(*, access: Access, department_ids: set[int]) -> QuerySet[Engagement]:
    """The heads of these departments (engagements in a head-of-department position)."""
    return (
        Engagement.objects.for_access(access)
        .filter(department_id__in=department_ids, position__is_head_of_department=True)
        .select_related("person", "position")
        .order_by("position__order", "person__name", "id")
    )


def members_not_engaged(*, access: Access) -> QuerySet[Person]:
    """Crew records of members who log in but have no engagement, so are not on the crew
    list: typically someone who accepted an invitation from the members page."""
    return (
        Person.objects.for_access(access)
        .filter(user__isnull=False, engagements__isnull=True)
        .order_by("name", "id")
    )


def people_for(*, access: Access) -> QuerySet[Person]:
    return Person.objects.for_access(access).order_by("name", "id")


def person_detail(*, access: Access, person_id: int) -> Person:
    """One person with their engagements (404 outside the production)."""
    people = Person.objects.all().prefetch_related(
        Prefetch(
            "engagements", queryset=Engagement.objects.select_related("position", "department")
        ),
        "unavailabilities",
    )
    return access.get_object_or_404(people, person_id)


def characters_for(*, access: Access) -> QuerySet[Character]:
    """Characters by cast ID (1 = the lead; no ID last), then name, with who plays them."""
    return (
        Character.objects.for_access(access)
        .select_related("engagement__person")
        .order_by(F("cast_number").asc(nulls_last=True), "name")
    )


def cast_candidates_for(*, access: Access) -> QuerySet[Engagement]:
    """Engagements that can play a part: the cast department first, then call-sheet order."""
    return (
        Engagement.objects.for_access(access)
        .select_related("person", "position", "department")
        .annotate(
            not_cast=Case(When(department__name__iexact="cast", then=Value(0)), default=Value(1))
        )
        .order_by(
            "not_cast",
            "department__order",
            "department__name",
            "position__order",
            "person__name",
            "id",
        )
    )


def unavailability_for(*, access: Access, person: Person) -> QuerySet[Unavailability]:
    return Unavailability.objects.for_access(access).filter(person=person)
