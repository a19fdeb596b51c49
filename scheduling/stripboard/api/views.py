"""Schedule API: units, schedule versions, shoot days, the board, moves, DOOD, conflicts.

All under ``/api/v1/productions/{production_id}/`` on
:class:`~productions.api.base.ProductionScopedViewSet`: reads need VIEW_SCHEDULE, writes
EDIT_SCHEDULE; writes go through :mod:`scheduling.stripboard.services`, the page's too.
A move carries the board version it was made on; a stale one is answered 409 with the
moves made since, and changes nothing.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext, ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from productions.api.base import WRITE_ACTIONS, ProductionScopedViewSet
from productions.roles import Action
from scheduling.breakdown.models import ElementCategory
from scheduling.stripboard.api.serializers import (
    BoardChangeSerializer,
    BoardSerializer,
    BoardSettingsSerializer,
    ConflictSerializer,
    DoodMarkSerializer,
    DoodTotalsSerializer,
    EstimateSerializer,
    MovedSerializer,
    MoveSerializer,
    ScheduleCopySerializer,
    ScheduleSerializer,
    ShootDaySerializer,
    UnitSerializer,
)
from scheduling.stripboard.conflicts import conflicts
from scheduling.stripboard.exchange import export_csv, export_json, import_json
from scheduling.stripboard.models import Schedule, ShootDay, Unit
from scheduling.stripboard.selectors import (
    CAST,
    board,
    board_settings,
    day_numbers,
    dood,
    dood_marks_for,
    schedules_for,
    shoot_days_for,
    units_for,
)
from scheduling.stripboard.services import (
    StaleBoard,
    board_settings_save,
    dood_mark_set,
    schedule_copy,
    schedule_create,
    schedule_delete,
    schedule_publish,
    schedule_update,
    shoot_day_delete,
    shoot_day_save,
    strip_estimate_set,
    strip_move,
    unit_delete,
    unit_save,
)


class CSVTextRenderer(BaseRenderer):
    """Writes a CSV export that the view built as text."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, str):
            return data.encode("utf-8")
        rendered: bytes = JSONRenderer().render(data)
        return rendered


READ = Action.VIEW_SCHEDULE
WRITE = Action.EDIT_SCHEDULE
READ_ACTIONS = (
    "list", "retrieve", "metadata", "board", "dood", "conflicts", "export", "schedule_settings",
)  # fmt: skip
WRITES = (*WRITE_ACTIONS, "copy", "publish", "moves", "import_json", "dood_marks", "estimates")
REQUIRED_ACTIONS = {
    **{name: READ for name in READ_ACTIONS},
    **{name: WRITE for name in WRITES},
}


class ScheduleScopedViewSet(ProductionScopedViewSet[Any]):
    lookup_value_converter = "int"
    required_actions = REQUIRED_ACTIONS

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action is None:
            self.access.require(READ if request.method in permissions.SAFE_METHODS else WRITE)


class UnitViewSet(ScheduleScopedViewSet):
    """Main, second and splinter units: each shoots its own days on the same dates."""

    queryset = Unit.objects.all()
    serializer_class = UnitSerializer

    def get_base_queryset(self) -> QuerySet[Unit]:
        return units_for(access=self.access)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = UnitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        unit = unit_save(unit=Unit(production=self.access.production), **payload.validated_data)
        return Response(self.representation(unit), status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as unit:
            payload = UnitSerializer(unit, data=request.data, partial=kwargs.get("partial", False))
            payload.is_valid(raise_exception=True)
            unit_save(unit=unit, **payload.validated_data)
        return Response(self.representation(self.get_object()))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as unit:
            unit_delete(unit=unit)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ScheduleViewSet(ScheduleScopedViewSet):
    """Schedule versions: drafts and the one published; copy one to try an alternative."""

    queryset = Schedule.objects.all()
    serializer_class = ScheduleSerializer

    def get_base_queryset(self) -> QuerySet[Schedule]:
        return schedules_for(access=self.access)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ScheduleSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        schedule = schedule_create(
            production=self.access.production,
            name=payload.validated_data["name"],
            user=request.user,
        )
        if payload.validated_data.get("notes"):
            schedule = schedule_update(schedule=schedule, notes=payload.validated_data["notes"])
        return Response(self.representation(schedule), status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as schedule:
            payload = ScheduleSerializer(
                schedule, data=request.data, partial=kwargs.get("partial", False)
            )
            payload.is_valid(raise_exception=True)
            schedule_update(schedule=schedule, **payload.validated_data)
        return Response(self.representation(self.get_object()))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as schedule:
            schedule_delete(schedule=schedule)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ScheduleCopySerializer, responses={201: ScheduleSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        schedule = self.get_object()  # 404 before 400
        payload = ScheduleCopySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        copied = schedule_copy(
            schedule=schedule, name=payload.validated_data["name"], user=request.user
        )
        return Response(self.representation(copied), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ScheduleSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        published = schedule_publish(schedule=self.get_object())
        return Response(self.representation(published))

    @extend_schema(responses={200: BoardSerializer})
    @action(detail=True, methods=["get"])
    def board(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(BoardSerializer(board(access=self.access, schedule=self.get_object())).data)

    @extend_schema(
        request=MoveSerializer,
        responses={200: MovedSerializer},
        description=(
            "Put a scene on a day (`to_day`, or null for the boneyard) at `position`, on the "
            "board `version` the client saw. A stale version is 409 and changes nothing; the "
            "409 answer carries, besides `detail`, the board's current `version` and "
            "`changes`: the moves made since (version, scene, number, from_day, from_date, "
            "to_day, to_date, position, moved_at)."
        ),
    )
    @action(detail=True, methods=["post"])
    def moves(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        schedule = self.get_object()
        payload = MoveSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        to_day = None
        if data["to_day"] is not None:
            try:
                to_day = shoot_days_for(access=self.access, schedule=schedule).get(
                    pk=data["to_day"]
                )
            except ShootDay.DoesNotExist:
                raise serializers.ValidationError(
                    {"to_day": [gettext("No such day on this schedule.")]}
                ) from None
        try:
            moved = strip_move(
                schedule=schedule,
                scene=data["scene"],
                to_day=to_day,
                position=data["position"],
                seen_version=data["version"],
                user=request.user,
            )
        except StaleBoard as stale:
            changes = stale.moves_since
            return Response(
                {
                    "detail": ngettext(
                        "The board changed since you loaded it (%(count)d move by someone "
                        "else); nothing was moved. Reload the board and move again.",
                        "The board changed since you loaded it (%(count)d moves by others); "
                        "nothing was moved. Reload the board and move again.",
                        len(changes),
                    )
                    % {"count": len(changes)},
                    "errors": {},
                    "version": stale.schedule.board_version,
                    "changes": BoardChangeSerializer(changes, many=True).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response({"version": moved.board_version})

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "category", str, description='"cast" (default) or an element category id.'
            )
        ],
        responses={
            200: inline_serializer(
                "DayOutOfDays",
                {
                    "category": serializers.CharField(),
                    "threshold_days": serializers.IntegerField(),
                    "dates": inline_serializer(
                        "DoodDate",
                        {
                            "date": serializers.DateField(),
                            "kind": serializers.CharField(),
                            "day_numbers": serializers.ListField(child=serializers.IntegerField()),
                        },
                        many=True,
                    ),
                    "rows": inline_serializer(
                        "DoodRow",
                        {
                            "id": serializers.IntegerField(),
                            "name": serializers.CharField(),
                            "cast_number": serializers.IntegerField(allow_null=True),
                            "codes": serializers.ListField(child=serializers.CharField()),
                            "totals": DoodTotalsSerializer(),
                        },
                        many=True,
                    ),
                },
            )
        },
    )
    @action(detail=True, methods=["get"])
    def dood(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        schedule = self.get_object()
        category = request.query_params.get("category", CAST)
        if category != CAST and not category.isdigit():
            raise serializers.ValidationError(
                {"category": [gettext('Give "cast" or an element category id.')]}
            )
        try:
            grid = dood(access=self.access, schedule=schedule, category=category)
        except ElementCategory.DoesNotExist:
            raise Http404 from None
        return Response(
            {
                "category": grid.category,
                "threshold_days": grid.threshold_days,
                "dates": [
                    {"date": c.date, "kind": c.kind, "day_numbers": list(c.numbers)}
                    for c in grid.columns
                ],
                "rows": [
                    {
                        "id": row.key,
                        "name": row.label,
                        "cast_number": row.cast_number,
                        "codes": row.codes_for(grid.columns),
                        "totals": DoodTotalsSerializer(row.line.totals).data,
                    }
                    for row in grid.rows
                ],
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["json", "csv"])],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="export",
        renderer_classes=[JSONRenderer, CSVTextRenderer],
    )
    def export(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        schedule = self.get_object()
        wanted = request.query_params.get("format", "json")
        if wanted not in ("json", "csv"):
            raise serializers.ValidationError({"format": [gettext('Give "json" or "csv".')]})
        the_board = board(access=self.access, schedule=schedule)
        if wanted == "csv":
            response = Response(export_csv(board=the_board), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="schedule-{schedule.pk}.csv"'
            return response
        marks = list(dood_marks_for(access=self.access, schedule=schedule))
        return Response(
            export_json(board=the_board, units=list(units_for(access=self.access)), marks=marks)
        )

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        parameters=[
            OpenApiParameter(
                "name", str, description="The new version's name (default: the file's)."
            )
        ],
        responses={201: ScheduleSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import")
    def import_json(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        name = request.query_params.get("name")
        imported = import_json(access=self.access, data=request.data, name=name, user=request.user)
        return Response(self.representation(imported), status=status.HTTP_201_CREATED)

    @extend_schema(request=EstimateSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def estimates(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Set a strip's own estimated time in minutes (null: from the scene's length)."""
        schedule = self.get_object()
        payload = EstimateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        strip_estimate_set(
            schedule=schedule,
            scene=payload.validated_data["scene"],
            minutes=payload.validated_data["estimated_minutes"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=DoodMarkSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="dood-marks")
    def dood_marks(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Set (or with ``code: null`` clear) a travel, rehearsal, fitting or hold day."""
        schedule = self.get_object()
        payload = DoodMarkSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        dood_mark_set(
            schedule=schedule, character=data["character"], day=data["date"], code=data["code"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], responses={200: BoardSettingsSerializer})
    @extend_schema(
        methods=["PATCH"], request=BoardSettingsSerializer, responses={200: BoardSettingsSerializer}
    )
    @action(detail=False, methods=["get", "patch"], url_path="settings")
    def schedule_settings(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Strip colours, the drop/pick-up threshold and the daily targets (one per production)."""
        settings = board_settings(access=self.access)
        if request.method == "PATCH":
            self.access.require(WRITE)
            payload = BoardSettingsSerializer(settings, data=request.data, partial=True)
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
            if "strip_colours" in data:
                data["strip_colours"] = {**(settings.strip_colours or {}), **data["strip_colours"]}
            settings = board_settings_save(production=self.access.production, **data)
        return Response(BoardSettingsSerializer(settings).data)

    @extend_schema(responses={200: ConflictSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def conflicts(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        found = conflicts(
            access=self.access, board=board(access=self.access, schedule=self.get_object())
        )
        return Response(ConflictSerializer(found, many=True).data)


class ShootDayViewSet(ScheduleScopedViewSet):
    """A schedule's days, per unit: shoot days and off, holiday and travel days."""

    queryset = ShootDay.objects.all()
    serializer_class = ShootDaySerializer
    pagination_class = None

    @cached_property
    def schedule(self) -> Schedule:
        return self.access.get_object_or_404(Schedule, self.kwargs["schedule_id"])

    def get_base_queryset(self) -> QuerySet[ShootDay]:
        return shoot_days_for(access=self.access, schedule=self.schedule)

    def get_serializer_context(self) -> dict[str, Any]:
        # "Day 12 of 40" depends on the other days: one small query per serializer.
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["day_numbers"] = day_numbers(access=self.access, schedule=self.schedule)
        return context

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize(list(self.get_queryset())))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        day = shoot_day_save(day=ShootDay(schedule=self.schedule), **payload.validated_data)
        return Response(
            self.representation(self.get_queryset().get(pk=day.pk)),
            status=status.HTTP_201_CREATED,
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as day:
            payload = self.get_serializer(
                day, data=request.data, partial=kwargs.get("partial", False)
            )
            payload.is_valid(raise_exception=True)
            shoot_day_save(day=day, **payload.validated_data)
        return Response(self.representation(self.get_object()))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as day:
            shoot_day_delete(day=day)
        return Response(status=status.HTTP_204_NO_CONTENT)
