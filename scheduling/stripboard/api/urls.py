"""Schedule routes under /api/v1/productions/{production_id}/ (names: ``api:schedule-list``…)."""

from rest_framework.routers import SimpleRouter

from scheduling.stripboard.api.views import ScheduleViewSet, ShootDayViewSet, UnitViewSet

router = SimpleRouter(use_regex_path=False)
_PRODUCTION = "productions/<int:production_id>"
router.register(f"{_PRODUCTION}/units", UnitViewSet, basename="unit")
router.register(f"{_PRODUCTION}/schedules", ScheduleViewSet, basename="schedule")
router.register(
    f"{_PRODUCTION}/schedules/<int:schedule_id>/shoot-days", ShootDayViewSet, basename="shoot-day"
)

urlpatterns = [*router.urls]
