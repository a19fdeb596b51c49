from django.urls import path

from productions import views

app_name = "productions"

urlpatterns = [
    path("", views.production_list, name="list"),
]
