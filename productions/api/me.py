"""``/api/v1/me/``: the signed-in user, with their productions and their role in each.

It lives in productions (not accounts) because it lists memberships.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.generics import RetrieveUpdateAPIView

from accounts.models import User
from productions.selectors import memberships_for_user


class MeProductionSerializer(serializers.Serializer[None]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    role = serializers.CharField()


class MeSerializer(serializers.ModelSerializer[User]):
    productions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "name", "language", "time_zone", "productions"]
        read_only_fields = ["id", "email", "productions"]

    @extend_schema_field(MeProductionSerializer(many=True))
    def get_productions(self, user: User) -> list[dict[str, object]]:
        return [
            {"id": m.production_id, "title": m.production.title, "role": m.role}
            for m in memberships_for_user(user=user)
        ]


class MeView(RetrieveUpdateAPIView[User]):
    """The signed-in user, with the productions they belong to and their role in each."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> User:
        user = self.request.user
        assert isinstance(user, User)
        return user
