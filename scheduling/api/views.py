"""Breakdown API: locations, sets, scenes, element categories, elements, screenplay import.

All under ``/api/v1/productions/{production_id}/``; reads need VIEW_SCHEDULE and writes
EDIT_BREAKDOWN (see :mod:`scheduling.api.base`).  Writes go through the services.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from productions.scoping import Access
from scheduling.api.base import ProductionScopedMixin, ProductionScopedViewSet
from scheduling.api.serializers import (
    ElementCategorySerializer,
    ElementSerializer,
    LocationSerializer,
    SceneSerializer,
    ScreenplayImportSerializer,
    ScreenplayUploadSerializer,
    SetSerializer,
)
from scheduling.importing import (
    ImportAlreadyApplied,
    screenplay_import_apply,
    screenplay_import_upload,
)
from scheduling.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneElement,
    ScreenplayImport,
    Set,
    TimeOfDay,
)
from scheduling.screenplay import ScreenplayError
from scheduling.selectors import SCENE_SORTS, scene_characters_prefetch
from scheduling.services import (
    element_categories_ensure,
    element_category_delete,
    element_category_save,
    element_save,
    element_scenes_set,
    location_save,
    scene_save,
    set_save,
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This conflicts with the current state."
    default_code = "conflict"


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    if not value.isdigit():
        raise serializers.ValidationError({name: ["Give a numeric id."]})
    return int(value)


class LocationViewSet(ProductionScopedViewSet[Location]):
    """Real places that play the sets, with what a call sheet needs about each."""

    model = Location
    serializer_class = LocationSerializer

    def scoped_queryset(self, access: Access) -> QuerySet[Location]:
        return (
            Location.objects.for_access(access)
            .annotate(set_count=Count("sets"))
            .order_by("name", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        location = Location(production=self.access.production, **serializer.validated_data)
        serializer.instance = location_save(location=location)

    def perform_update(self, serializer: Any) -> None:
        location = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(location, name, value)
        location_save(location=location)


class SetViewSet(ProductionScopedViewSet[Set]):
    """Places in the story; ``location`` is the real place that plays it."""

    model = Set
    serializer_class = SetSerializer

    def scoped_queryset(self, access: Access) -> QuerySet[Set]:
        return (
            Set.objects.for_access(access)
            .select_related("location")
            .annotate(scene_count=Count("scenes", filter=Q(scenes__omitted=False)))
            .order_by("name", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        set_ = Set(production=self.access.production, **serializer.validated_data)
        serializer.instance = set_save(set_=set_)

    def perform_update(self, serializer: Any) -> None:
        set_ = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(set_, name, value)
        set_save(set_=set_)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("set", int, description="Only scenes in this set."),
            OpenApiParameter("character", int, description="Only scenes with this character."),
            OpenApiParameter("time_of_day", str, enum=TimeOfDay.values),
            OpenApiParameter("omitted", bool, description="true: only omitted; false: none."),
            OpenApiParameter("ordering", str, enum=list(SCENE_SORTS)),
        ]
    )
)
class SceneViewSet(ProductionScopedViewSet[Scene]):
    """Scenes in script order; ``eighths`` is the length, ``pages`` the same written 2 4/8."""

    model = Scene
    serializer_class = SceneSerializer

    def scoped_queryset(self, access: Access) -> QuerySet[Scene]:
        scenes = (
            Scene.objects.for_access(access)
            .select_related("set")
            .prefetch_related(
                scene_characters_prefetch(),
                Prefetch(
                    "scene_elements",
                    queryset=SceneElement.objects.select_related("element").order_by("id"),
                ),
            )
        )
        if self.action != "list":
            return scenes
        params = self.request.query_params
        if (set_id := _int_param(self.request, "set")) is not None:
            scenes = scenes.filter(set_id=set_id)
        if (character_id := _int_param(self.request, "character")) is not None:
            scenes = scenes.filter(scene_characters__character_id=character_id)
        if params.get("time_of_day"):
            scenes = scenes.filter(time_of_day=params["time_of_day"].upper())
        if params.get("omitted") in ("true", "false"):
            scenes = scenes.filter(omitted=params["omitted"] == "true")
        ordering = params.get("ordering", "number")
        return scenes.order_by(*SCENE_SORTS.get(ordering, SCENE_SORTS["number"]))

    def _save(self, scene: Scene, data: dict[str, Any]) -> Scene:
        links = data.pop("scene_characters", None)
        for name, value in data.items():
            setattr(scene, name, value)
        characters = None
        if links is not None:
            characters = [(link["character"], link["speaking"]) for link in links]
        return scene_save(scene=scene, characters=characters)

    def perform_create(self, serializer: Any) -> None:
        scene = self._save(Scene(production=self.access.production), serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=scene.pk)

    def perform_update(self, serializer: Any) -> None:
        scene = self._save(serializer.instance, serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=scene.pk)


class ElementCategoryViewSet(ProductionScopedViewSet[ElementCategory]):
    """Breakdown categories and their colours; seeded with the customary ones on first use."""

    model = ElementCategory
    serializer_class = ElementCategorySerializer
    pagination_class = None

    def scoped_queryset(self, access: Access) -> QuerySet[ElementCategory]:
        element_categories_ensure(production=access.production)
        return ElementCategory.objects.for_access(access).order_by("order", "name")

    def perform_create(self, serializer: Any) -> None:
        category = ElementCategory(production=self.access.production, **serializer.validated_data)
        serializer.instance = element_category_save(category=category)

    def perform_update(self, serializer: Any) -> None:
        category = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(category, name, value)
        element_category_save(category=category)

    def perform_destroy(self, instance: ElementCategory) -> None:
        element_category_delete(category=instance)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("category", int, description="Only elements in this category."),
            OpenApiParameter("scene", int, description="Only elements in this scene."),
        ]
    )
)
class ElementViewSet(ProductionScopedViewSet[Element]):
    """Breakdown elements ("vintage Porsche") and the scenes they are in, with quantities.

    Cast are not elements: a scene's cast is its ``characters`` (see /scenes/).
    """

    model = Element
    serializer_class = ElementSerializer

    def scoped_queryset(self, access: Access) -> QuerySet[Element]:
        elements = (
            Element.objects.for_access(access)
            .select_related("category")
            .prefetch_related(
                Prefetch(
                    "scene_elements",
                    queryset=SceneElement.objects.select_related("scene").order_by(
                        "scene__sort_key", "id"
                    ),
                )
            )
            .order_by("category__order", "name", "id")
        )
        if self.action == "list":
            if (category_id := _int_param(self.request, "category")) is not None:
                elements = elements.filter(category_id=category_id)
            if (scene_id := _int_param(self.request, "scene")) is not None:
                elements = elements.filter(scene_elements__scene_id=scene_id)
        return elements

    def _save(self, element: Element, data: dict[str, Any]) -> Element:
        links = data.pop("scene_elements", None)
        for name, value in data.items():
            setattr(element, name, value)
        element = element_save(element=element)
        if links is not None:
            element_scenes_set(
                element=element, scenes=[(link["scene"], link["quantity"]) for link in links]
            )
        return element

    def perform_create(self, serializer: Any) -> None:
        element = self._save(Element(production=self.access.production), serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=element.pk)

    def perform_update(self, serializer: Any) -> None:
        element = self._save(serializer.instance, serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=element.pk)


class ScreenplayImportViewSet(
    ProductionScopedMixin[ScreenplayImport],
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[ScreenplayImport],
):
    """Upload a Fountain or Final Draft file to preview its changes; apply to make them.

    Nothing in the breakdown changes on upload.  Applying matches scenes by number: updated
    in place, added, or marked omitted when the draft no longer has them.
    """

    serializer_class = ScreenplayImportSerializer
    lookup_value_converter = "int"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.check_production_access(request)

    def get_queryset(self) -> QuerySet[ScreenplayImport]:
        if getattr(self, "swagger_fake_view", False):
            return ScreenplayImport.objects.none()
        return ScreenplayImport.objects.for_access(self.access).select_related(
            "uploaded_by", "applied_by"
        )

    @extend_schema(
        request={"multipart/form-data": ScreenplayUploadSerializer},
        responses={201: ScreenplayImportSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        upload = ScreenplayUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        try:
            screenplay_import = screenplay_import_upload(
                access=self.access, upload=file, file_name=file.name or "", size=file.size
            )
        except ScreenplayError as error:
            raise serializers.ValidationError({"file": [error.message]}) from error
        data = ScreenplayImportSerializer(screenplay_import).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ScreenplayImportSerializer})
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        screenplay_import = self.get_object()
        try:
            applied = screenplay_import_apply(
                access=self.access, screenplay_import=screenplay_import
            )
        except ImportAlreadyApplied as error:
            raise Conflict(str(error)) from error
        return Response(ScreenplayImportSerializer(applied).data)
