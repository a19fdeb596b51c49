from django.urls import path

from productions import views

app_name = "productions"

urlpatterns = [
    path("", views.production_list, name="list"),
    path("new/", views.production_new, name="new"),
    path("<int:production_id>/settings/", views.production_settings, name="settings"),
    path(
        "<int:production_id>/settings/co-producers/",
        views.co_producer_add,
        name="co-producer-add",
    ),
    path(
        "<int:production_id>/settings/co-producers/<int:co_producer_id>/remove/",
        views.co_producer_remove,
        name="co-producer-remove",
    ),
    path("<int:production_id>/members/", views.member_list, name="members"),
    path("<int:production_id>/members/invite/", views.member_add, name="member-invite"),
    path(
        "<int:production_id>/members/invitations/<int:invitation_id>/resend/",
        views.invitation_resend_view,
        name="invitation-resend",
    ),
    path(
        "<int:production_id>/members/invitations/<int:invitation_id>/cancel/",
        views.invitation_cancel_view,
        name="invitation-cancel",
    ),
    path(
        "<int:production_id>/members/<int:membership_id>/role/",
        views.member_role,
        name="member-role",
    ),
    path(
        "<int:production_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member-remove",
    ),
]
