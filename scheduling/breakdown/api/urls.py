"""Breakdown routes under /api/v1/productions/{production_id}/ (names: ``api:scene-list``…).

Included by ``scheduling.api.urls``.
"""

from rest_framework.routers import SimpleRouter

from scheduling.breakdown.api.views import (
    ElementCategoryViewSet,
    ElementViewSet,
    LocationViewSet,
    SceneViewSet,
    ScreenplayImportViewSet,
    ScriptRevisionViewSet,
    SetViewSet,
)

router = SimpleRouter(use_regex_path=False)
_PRODUCTION = "productions/<int:production_id>"
router.register(f"{_PRODUCTION}/locations", LocationViewSet, basename="location")
router.register(f"{_PRODUCTION}/sets", SetViewSet, basename="set")
router.register(f"{_PRODUCTION}/scenes", SceneViewSet, basename="scene")
router.register(
    f"{_PRODUCTION}/element-categories", ElementCategoryViewSet, basename="element-category"
)
router.register(f"{_PRODUCTION}/elements", ElementViewSet, basename="element")
router.register(f"{_PRODUCTION}/screenplays", ScreenplayImportViewSet, basename="screenplay")
router.register(
    f"{_PRODUCTION}/script-revisions", ScriptRevisionViewSet, basename="script-revision"
)

urlpatterns = [*router.urls]
