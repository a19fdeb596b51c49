"""Breakdown pages, included by ``scheduling.urls`` (namespace ``scheduling``)."""

from django.urls import URLPattern, URLResolver, path

from scheduling.breakdown import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("scenes/", views.scene_list_view, name="scene-list"),
    path("scenes/<int:scene_id>/", views.scene_detail_view, name="scene-detail"),
    path("scenes/<int:scene_id>/edit/", views.scene_edit_view, name="scene-edit"),
    path(
        "scenes/<int:scene_id>/elements/",
        views.scene_element_add_view,
        name="scene-element-add",
    ),
    path(
        "scenes/<int:scene_id>/elements/<int:scene_element_id>/remove/",
        views.scene_element_remove_view,
        name="scene-element-remove",
    ),
    path(
        "scenes/<int:scene_id>/characters/<int:scene_character_id>/remove/",
        views.scene_character_remove_view,
        name="scene-character-remove",
    ),
    path("screenplays/upload/", views.screenplay_upload_view, name="screenplay-upload"),
    path(
        "screenplays/<int:import_id>/",
        views.screenplay_preview_view,
        name="screenplay-preview",
    ),
    path(
        "screenplays/<int:import_id>/apply/",
        views.screenplay_apply_view,
        name="screenplay-apply",
    ),
    path("locations/", views.location_list_view, name="location-list"),
    path("locations/<int:location_id>/", views.location_detail_view, name="location-detail"),
    path("sets/", views.set_list_view, name="set-list"),
    path("sets/<int:set_id>/", views.set_detail_view, name="set-detail"),
]
