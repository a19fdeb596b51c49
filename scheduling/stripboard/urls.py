"""Schedule pages, included by ``scheduling.urls`` (namespace ``scheduling``)."""

from django.urls import URLPattern, URLResolver, path

from scheduling.stripboard import views

_ONE = "schedule/<int:schedule_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("schedule/", views.schedule_list_view, name="schedule-list"),
    path("schedule/import/", views.schedule_import_view, name="schedule-import"),
    path("schedule/settings/", views.board_settings_view, name="board-settings"),
    path(_ONE, views.board_view, name="board"),
    path(
        f"{_ONE}publish/", views.schedule_action_view, {"verb": "publish"}, name="schedule-publish"
    ),
    path(f"{_ONE}copy/", views.schedule_action_view, {"verb": "copy"}, name="schedule-copy"),
    path(f"{_ONE}delete/", views.schedule_action_view, {"verb": "delete"}, name="schedule-delete"),
    path(f"{_ONE}days/", views.day_view, name="day-add"),
    path(f"{_ONE}days/<int:day_id>/", views.day_view, name="day-edit"),
    path(f"{_ONE}days/<int:day_id>/delete/", views.day_delete_view, name="day-delete"),
    path(f"{_ONE}dood/", views.dood_view, name="dood"),
    path(f"{_ONE}dood/marks/", views.dood_mark_view, name="dood-mark"),
    path(f"{_ONE}compare/", views.compare_view, name="compare"),
    path(f"{_ONE}print/", views.print_view, name="print"),
]
