from django.urls import URLPattern, URLResolver

app_name = "crew"

urlpatterns: list[URLPattern | URLResolver] = []
