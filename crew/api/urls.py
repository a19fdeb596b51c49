from django.urls import include, path
from rest_framework.routers import SimpleRouter

from crew.api import deadlines, members, views

scoped = SimpleRouter()
scoped.register("members", members.MemberViewSet, basename="member")
scoped.register("deadlines", deadlines.DeadlineViewSet, basename="deadline")
scoped.register("departments", views.DepartmentViewSet, basename="department")
scoped.register("positions", views.PositionViewSet, basename="position")
scoped.register("crew", views.CrewViewSet, basename="crew")
scoped.register("characters", views.CharacterViewSet, basename="character")

per_engagement = SimpleRouter()
per_engagement.register("unavailability", views.UnavailabilityViewSet, basename="unavailability")

urlpatterns = [
    path("productions/<int:production_id>/", include(scoped.urls)),
    path("productions/<int:production_id>/crew/<int:crew_id>/", include(per_engagement.urls)),
]
