from django.urls import URLPattern, URLResolver, path

from crew import views

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
        "engagements/<int:engagement_id>/edit/",
        views.engagement_edit,
        name="engagement-edit",
    ),
]
