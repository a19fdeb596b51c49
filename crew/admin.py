from django.contrib import admin

from crew.models import (
    Character,
    Deadline,
    Department,
    Engagement,
    Person,
    Position,
    Unavailability,
)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["name", "production", "email", "user"]
    search_fields = ["name", "email"]
    list_select_related = ["production", "user"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin[Engagement]):
    list_display = ["person", "position", "department", "production", "status"]
    list_select_related = ["person", "position", "department", "production"]


admin.site.register(Department)
admin.site.register(Position)
admin.site.register(Character)
admin.site.register(Unavailability)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin[Deadline]):
    list_display = ["title", "production", "due", "status"]
    list_filter = ["status"]
