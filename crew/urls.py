from django.urls import URLPattern, URLResolver, path

from crew import availability_views, cast_views, department_views, views

app_name = "crew"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.crew_list, name="list"),
    path("add/", views.crew_add, name="add"),
    path("export.csv", views.crew_export, name="export"),
    path("import/", views.crew_import, name="import"),
    path("people/<int:person_id>/", views.person_page, name="person"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path(
        "people/<int:person_id>/engagements/new/",
        views.engagement_add,
        name="engagement-add",
    ),
    path(
        "people/<int:person_id>/unavailability/",
        availability_views.unavailability_add_view,
        name="unavailability-add",
    ),
    path(
        "people/<int:person_id>/unavailability/<int:unavailability_id>/delete/",
        availability_views.unavailability_delete_view,
        name="unavailability-delete",
    ),
    path(
        "engagements/<int:engagement_id>/edit/",
        views.engagement_edit,
        name="engagement-edit",
    ),
    path("cast/", cast_views.cast_list, name="cast"),
    path(
        "cast/<int:character_id>/edit/",
        cast_views.character_edit_view,
        name="character-edit",
    ),
    path(
        "cast/<int:character_id>/delete/",
        cast_views.character_delete_view,
        name="character-delete",
    ),
    path("departments/", department_views.department_list, name="departments"),
    path("departments/add/", department_views.department_add, name="department-add"),
    path(
        "departments/<int:department_id>/edit/",
        department_views.department_edit,
        name="department-edit",
    ),
    path(
        "departments/<int:department_id>/delete/",
        department_views.department_delete_view,
        name="department-delete",
    ),
    path("positions/add/", department_views.position_add, name="position-add"),
    path(
        "positions/<int:position_id>/edit/",
        department_views.position_edit,
        name="position-edit",
    ),
    path(
        "positions/<int:position_id>/delete/",
        department_views.position_delete_view,
        name="position-delete",
    ),
]
