from django.contrib import admin

from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    ScreenplayImport,
    Set,
)


class SceneCharacterInline(admin.TabularInline[SceneCharacter, Scene]):
    model = SceneCharacter
    extra = 0
    raw_id_fields = ["character"]


class SceneElementInline(admin.TabularInline[SceneElement, Scene]):
    model = SceneElement
    extra = 0
    raw_id_fields = ["element"]


@admin.register(Scene)
class SceneAdmin(admin.ModelAdmin[Scene]):
    list_display = ["number", "heading", "production", "eighths", "omitted"]
    list_filter = ["omitted", "time_of_day"]
    search_fields = ["number", "heading"]
    list_select_related = ["production"]
    raw_id_fields = ["set"]
    inlines = [SceneCharacterInline, SceneElementInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin[Location]):
    list_display = ["name", "production", "time_zone"]
    search_fields = ["name", "address"]
    list_select_related = ["production"]


@admin.register(Set)
class SetAdmin(admin.ModelAdmin[Set]):
    list_display = ["name", "production", "location"]
    search_fields = ["name"]
    list_select_related = ["production", "location"]


@admin.register(ElementCategory)
class ElementCategoryAdmin(admin.ModelAdmin[ElementCategory]):
    list_display = ["name", "production", "colour", "order", "is_cast"]
    list_select_related = ["production"]


@admin.register(Element)
class ElementAdmin(admin.ModelAdmin[Element]):
    list_display = ["name", "category", "production"]
    search_fields = ["name"]
    list_select_related = ["category", "production"]


@admin.register(ScreenplayImport)
class ScreenplayImportAdmin(admin.ModelAdmin[ScreenplayImport]):
    list_display = ["file_name", "production", "status", "scene_count", "created_at"]
    list_filter = ["status"]
    list_select_related = ["production"]
    readonly_fields = ["summary", "changes"]
