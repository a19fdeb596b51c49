"""Breakdown API: locations, sets, scenes, element categories, elements, screenplay import.

All under ``/api/v1/productions/{production_id}/`` on core's
:class:`~productions.api.base.ProductionScopedViewSet`: reads need VIEW_SCHEDULE and writes
EDIT_BREAKDOWN, reads send ETags, and PUT/PATCH/DELETE honour ``If-Match`` under a row
lock.  Writes go through the services.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from productions.api.base import WRITE_ACTIONS, ProductionScopedViewSet
from productions.roles import Action
from scheduling.breakdown.api.serializers import (
    ElementCategorySerializer,
    ElementSerializer,
    LocationSerializer,
    SceneSerializer,
    ScreenplayApplySerializer,
    ScreenplayImportSerializer,
    ScreenplayUploadSerializer,
    ScriptRevisionSerializer,
    SetSerializer,
)
from scheduling.breakdown.filters import ElementFilterSet, SceneFilterSet
from scheduling.breakdown.importing import (
    ImportAlreadyApplied,
    SceneNumbersInvalid,
    screenplay_import_apply,
    screenplay_import_upload,
)
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneElement,
    ScreenplayImport,
    Set,
)
from scheduling.breakdown.screenplay import ScreenplayError
from scheduling.breakdown.selectors import (
    element_categories_for,
    element_list,
    locations_for,
    scene_list,
    screenplay_imports_for,
    script_revisions_for,
    sets_for,
)
from scheduling.breakdown.services import (
    element_categories_ensure,
    element_category_delete,
    element_category_save,
    element_delete,
    element_save,
    location_delete,
    location_save,
    scene_delete,
    scene_save,
    set_delete,
    set_save,
)

_M = TypeVar("_M", bound=Model)

READ = Action.VIEW_SCHEDULE
WRITE = Action.EDIT_BREAKDOWN
# "metadata" is OPTIONS: a read, as for every other safe method.
REQUIRED_ACTIONS = {
    **{name: READ for name in ("list", "retrieve", "metadata")},
    **{name: WRITE for name in (*WRITE_ACTIONS, "apply")},
}


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This conflicts with the current state.")
    default_code = "conflict"


class BreakdownReadViewSet(ProductionScopedViewSet[_M]):
    """List and detail of a breakdown model, for those who may see the schedule."""

    lookup_value_converter = "int"
    required_actions = REQUIRED_ACTIONS

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action is None:
            # A method this route does not offer: still 403 before 405 for a viewer who
            # could not use it anyway.
            self.access.require(READ if request.method in permissions.SAFE_METHODS else WRITE)


class BreakdownViewSet(BreakdownReadViewSet[_M]):
    """Adds POST, PUT, PATCH and DELETE; subclasses write through their services (the
    pages' too): ``save_instance`` (a new row or the current one, and the given fields) and
    ``delete_instance``.

    Updates and deletes run in :meth:`guarded_write`, so a stale ``If-Match`` is 412.
    """

    # Scenes and elements answer a create with their links as saved (read again).
    reread_created = False

    def save_instance(self, instance: _M, data: dict[str, Any]) -> _M:
        raise NotImplementedError

    def delete_instance(self, instance: _M) -> None:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        # The bare model: get_queryset() may do work a create does not need.
        assert self.queryset is not None
        instance = self.save_instance(
            self.queryset.model(production=self.access.production), dict(payload.validated_data)
        )
        if self.reread_created:
            instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.representation(instance), status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        with self.guarded_write() as instance:
            payload = self.get_serializer(instance, data=request.data, partial=partial)
            payload.is_valid(raise_exception=True)
            self.save_instance(instance, dict(payload.validated_data))
        return Response(self.representation(self.get_object()))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as instance:
            self.delete_instance(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LocationViewSet(BreakdownViewSet[Location]):
    """Real places that play the sets: address, time zone, nearest hospital, parking, basecamp."""

    queryset = Location.objects.all()
    serializer_class = LocationSerializer
    # Answered as listed: with set_count from the selector.
    reread_created = True

    def get_base_queryset(self) -> QuerySet[Location]:
        return locations_for(access=self.access)

    def save_instance(self, location: Location, data: dict[str, Any]) -> Location:
        return location_save(location=location, **data)

    def delete_instance(self, location: Location) -> None:
        location_delete(location=location)


class SetViewSet(BreakdownViewSet[Set]):
    """Places in the story; ``location`` is the real place that plays it."""

    queryset = Set.objects.all()
    serializer_class = SetSerializer
    # Answered as listed: with scene_count from the selector.
    reread_created = True

    def get_base_queryset(self) -> QuerySet[Set]:
        return sets_for(access=self.access)

    def save_instance(self, set_: Set, data: dict[str, Any]) -> Set:
        return set_save(set_=set_, **data)

    def delete_instance(self, set_: Set) -> None:
        set_delete(set_=set_)


class SceneViewSet(BreakdownViewSet[Scene]):
    """Scenes in script order; ``eighths`` is the length, ``pages`` the same written 2 4/8."""

    queryset = Scene.objects.all()
    serializer_class = SceneSerializer
    filterset_class = SceneFilterSet
    reread_created = True

    def get_base_queryset(self) -> QuerySet[Scene]:
        filters = self.filters if self.action == "list" else None
        return scene_list(access=self.access, filters=filters).prefetch_related(
            Prefetch(
                "scene_elements",
                queryset=SceneElement.objects.select_related("element").order_by("id"),
            )
        )

    def save_instance(self, scene: Scene, data: dict[str, Any]) -> Scene:
        links = data.pop("scene_characters", None)
        characters = None
        if links is not None:
            characters = [(link["character"], link["speaking"]) for link in links]
        return scene_save(scene=scene, characters=characters, **data)

    def delete_instance(self, scene: Scene) -> None:
        scene_delete(scene=scene)


class ElementCategoryViewSet(BreakdownViewSet[ElementCategory]):
    """Breakdown categories and their colours; seeded with the customary ones on first use."""

    queryset = ElementCategory.objects.all()
    serializer_class = ElementCategorySerializer
    pagination_class = None

    def get_base_queryset(self) -> QuerySet[ElementCategory]:
        element_categories_ensure(production=self.access.production)
        return element_categories_for(access=self.access)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Not paginated: a production has a dozen or so.
        return Response(self.serialize(list(self.get_queryset())))

    def save_instance(self, category: ElementCategory, data: dict[str, Any]) -> ElementCategory:
        return element_category_save(category=category, **data)

    def delete_instance(self, category: ElementCategory) -> None:
        element_category_delete(category=category)


class ElementViewSet(BreakdownViewSet[Element]):
    """Breakdown elements ("vintage Porsche") and the scenes they are in, with quantities.

    Cast are not elements: a scene's cast is its ``characters`` (see /scenes/).
    """

    queryset = Element.objects.all()
    serializer_class = ElementSerializer
    filterset_class = ElementFilterSet
    reread_created = True

    def get_base_queryset(self) -> QuerySet[Element]:
        filters = self.filters if self.action == "list" else None
        return element_list(access=self.access, filters=filters)

    def save_instance(self, element: Element, data: dict[str, Any]) -> Element:
        links = data.pop("scene_elements", None)
        scenes = None
        if links is not None:
            scenes = [(link["scene"], link["quantity"]) for link in links]
        return element_save(element=element, scenes=scenes, **data)

    def delete_instance(self, element: Element) -> None:
        element_delete(element=element)


class ScreenplayImportViewSet(BreakdownReadViewSet[ScreenplayImport]):
    """Upload a Fountain or Final Draft file to preview its changes; apply to make them.

    Nothing in the breakdown changes on upload.  Applying matches scenes by number: updated
    in place, added, or marked omitted when the draft no longer has them.
    """

    queryset = ScreenplayImport.objects.all()
    serializer_class = ScreenplayImportSerializer

    def get_base_queryset(self) -> QuerySet[ScreenplayImport]:
        return screenplay_imports_for(access=self.access)

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
        return Response(self.representation(screenplay_import), status=status.HTTP_201_CREATED)

    @extend_schema(request=ScreenplayApplySerializer, responses={200: ScreenplayImportSerializer})
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # No If-Match here: the service locks the production and the import itself, and a
        # draft changes only by being applied, which a second apply reports as 409.
        screenplay_import = self.get_object()
        body = ScreenplayApplySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            applied = screenplay_import_apply(
                access=self.access,
                screenplay_import=screenplay_import,
                numbers=body.validated_data.get("numbers"),
            )
        except ImportAlreadyApplied as error:
            raise Conflict(str(error)) from error
        except SceneNumbersInvalid as error:
            raise serializers.ValidationError({"numbers": error.errors}) from error
        return Response(self.representation(applied))


class ScriptRevisionViewSet(BreakdownReadViewSet[ScreenplayImport]):
    """The script's revisions, newest first: each applied draft with its number and paper
    colour in the production's order (white, blue, pink…)."""

    queryset = ScreenplayImport.objects.all()
    serializer_class = ScriptRevisionSerializer

    def get_base_queryset(self) -> QuerySet[ScreenplayImport]:
        return script_revisions_for(access=self.access)
