from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns
from core import views as core_views
from crew.email_views import email_confirm
from crew.production_urls import urlpatterns as crew_production_pages
from productions.invitation_views import invitation_page
from productions.urls import urlpatterns as production_pages

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("sw.js", core_views.service_worker, name="service-worker"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("offline/", core_views.offline, name="offline"),
    path("admin/", admin.site.urls),
    # Under /accounts/: the service worker never keeps these pages (their links hold tokens).
    path("accounts/invitations/<str:token>/", invitation_page, name="invitation"),
    path("accounts/confirm-email/<str:token>/", email_confirm, name="email-confirm"),
    path("accounts/", include(auth_urlpatterns)),
    path("account/", include("accounts.urls")),
    path("api/v1/", include(("config.api", "api"), namespace="api")),
    # One namespace for the production pages, whichever layer builds them.
    path("productions/", include(([*production_pages, *crew_production_pages], "productions"))),
    path("productions/<int:production_id>/crew/", include("crew.urls")),
    path("productions/<int:production_id>/", include("scheduling.urls")),
]

handler400 = "core.views.bad_request"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
