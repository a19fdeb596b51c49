from django.contrib import admin

from productions.models import CoProducer, Membership, Production


class CoProducerInline(admin.TabularInline[CoProducer, Production]):
    model = CoProducer
    extra = 0


class MembershipInline(admin.TabularInline[Membership, Production]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Production)
class ProductionAdmin(admin.ModelAdmin[Production]):
    list_display = ["title", "kind", "status", "shoot_start", "shoot_end"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    inlines = [CoProducerInline, MembershipInline]
