"""Production pages that crew data builds; mounted in the ``productions`` namespace."""

from django.urls import path

from crew import production_views as views

urlpatterns = [
    path("<int:production_id>/", views.production_overview, name="overview"),
    path("<int:production_id>/deadlines/", views.deadline_list, name="deadlines"),
    path("<int:production_id>/deadlines/new/", views.deadline_new, name="deadline-new"),
    path(
        "<int:production_id>/deadlines/<int:deadline_id>/edit/",
        views.deadline_edit,
        name="deadline-edit",
    ),
    path(
        "<int:production_id>/deadlines/<int:deadline_id>/done/",
        views.deadline_done,
        name="deadline-done",
    ),
]
