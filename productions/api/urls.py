from django.urls import include, path
from rest_framework.routers import SimpleRouter

from productions.api import views

router = SimpleRouter()
router.register("productions", views.ProductionViewSet, basename="production")

scoped = SimpleRouter()
scoped.register("co-producers", views.CoProducerViewSet, basename="co-producer")

urlpatterns = [
    *router.urls,
    path("productions/<int:production_id>/", include(scoped.urls)),
]
