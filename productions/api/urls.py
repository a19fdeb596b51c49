from django.urls import include, path
from rest_framework.routers import SimpleRouter

from productions.api import views

router = SimpleRouter()
router.register("productions", views.ProductionViewSet, basename="production")

scoped = SimpleRouter()
scoped.register("members", views.MemberViewSet, basename="member")
scoped.register("co-producers", views.CoProducerViewSet, basename="co-producer")
scoped.register("deadlines", views.DeadlineViewSet, basename="deadline")

urlpatterns = [
    *router.urls,
    path("productions/<int:production_id>/", include(scoped.urls)),
]
