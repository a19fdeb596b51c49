from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import ApiToken, User


class TokenSerializer(serializers.ModelSerializer[ApiToken]):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "hint", "created_at", "last_used_at"]
        read_only_fields = fields


class TokenCreateSerializer(serializers.Serializer[None]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(max_length=100)


class NewTokenSerializer(TokenSerializer):
    token = serializers.CharField(read_only=True, help_text=_("Shown once; store it now."))

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "token"]
        read_only_fields = fields


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
        from productions.selectors import memberships_for_user

        return [
            {"id": m.production_id, "title": m.production.title, "role": m.role}
            for m in memberships_for_user(user=user)
        ]
