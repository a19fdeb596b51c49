from django.urls import include, path
from rest_framework.routers import SimpleRouter

from productions.api import invitations, views

router = SimpleRouter()
router.register("productions", views.ProductionViewSet, basename="production")

scoped = SimpleRouter()
scoped.register("co-producers", views.CoProducerViewSet, basename="co-producer")
scoped.register("invitations", invitations.InvitationViewSet, basename="invitation")

urlpatterns = [
    *router.urls,
    path("productions/<int:production_id>/", include(scoped.urls)),
]
