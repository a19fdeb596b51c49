"""A production, the companies behind it and who is on it (membership)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from core.dates import validate_calendar_range
from productions.roles import Role

if TYPE_CHECKING:
    from accounts.models import User
    from productions.scoping import Access

# DOMAIN.md: the customary order of script revision colours. Productions may change it.
# Stored on each production as data its producers edit, so not marked for translation.
DEFAULT_REVISION_COLOURS = [
    "White",
    "Blue",
    "Pink",
    "Yellow",
    "Green",
    "Goldenrod",
    "Buff",
    "Salmon",
    "Cherry",
    "Tan",
    "Gray",
    "Double White",
]


def default_revision_colours() -> list[str]:
    return list(DEFAULT_REVISION_COLOURS)


def default_languages() -> list[str]:
    return ["en"]


class ProductionKind(models.TextChoices):
    FEATURE = "feature", _("Feature film")
    SERIES = "series", _("Series")
    SHORT = "short", _("Short film")
    COMMERCIAL = "commercial", _("Commercial")
    DOCUMENTARY = "documentary", _("Documentary")


class ProductionStatus(models.TextChoices):
    DEVELOPMENT = "development", _("Development")
    PRE_PRODUCTION = "pre_production", _("Pre-production")
    PRODUCTION = "production", _("Production")
    POST_PRODUCTION = "post_production", _("Post-production")
    DELIVERED = "delivered", _("Delivered")
    ARCHIVED = "archived", _("Archived")


class ProductionQuerySet(models.QuerySet["Production"]):
    def for_user(self, user: User | Any) -> ProductionQuerySet:
        """The productions ``user`` is a member of: the root of tenant isolation."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user)


_M = TypeVar("_M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[_M, _M]):
    """Every production-scoped model's manager: the one way views reach its rows."""

    production_field = "production"

    def for_access(self, access: Access) -> Self:
        return self.filter(**{f"{self.production_field}_id": access.production.pk})


class Production(models.Model):
    title = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=ProductionKind.choices, default=ProductionKind.FEATURE
    )
    status = models.CharField(
        max_length=20, choices=ProductionStatus.choices, default=ProductionStatus.DEVELOPMENT
    )
    logline = models.TextField(blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    prep_start = models.DateField(
        _("prep starts"), null=True, blank=True, validators=[validate_calendar_range]
    )
    shoot_start = models.DateField(
        _("shoot starts"), null=True, blank=True, validators=[validate_calendar_range]
    )
    shoot_end = models.DateField(
        _("shoot ends"), null=True, blank=True, validators=[validate_calendar_range]
    )
    wrap_date = models.DateField(
        _("wrap"), null=True, blank=True, validators=[validate_calendar_range]
    )
    languages = ArrayField(
        models.CharField(max_length=10),
        default=default_languages,
        blank=True,
        help_text=_("Languages spoken on set (ISO codes, e.g. en, fr)."),
    )
    revision_colours = ArrayField(
        models.CharField(max_length=30), default=default_revision_colours, blank=True
    )
    office_address = models.TextField(_("production office address"), blank=True)
    office_phone = models.CharField(_("production office phone"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductionQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shoot_end__isnull=True)
                | Q(shoot_start__isnull=True)
                | Q(shoot_end__gte=models.F("shoot_start")),
                name="production_shoot_end_after_start",
                violation_error_message=_("The shoot cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(prep_start__isnull=True)
                | Q(shoot_start__isnull=True)
                | Q(prep_start__lte=models.F("shoot_start")),
                name="production_prep_before_shoot",
                violation_error_message=_("Prep must start on or before the first shoot day."),
            ),
            models.CheckConstraint(
                condition=Q(wrap_date__isnull=True)
                | Q(shoot_end__isnull=True)
                | Q(wrap_date__gte=models.F("shoot_end")),
                name="production_wrap_after_shoot",
                violation_error_message=_("Wrap cannot come before the last shoot day."),
            ),
            models.CheckConstraint(
                condition=Q(wrap_date__isnull=True)
                | Q(shoot_start__isnull=True)
                | Q(wrap_date__gte=models.F("shoot_start")),
                name="production_wrap_after_shoot_start",
                violation_error_message=_("Wrap cannot come before the first shoot day."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for colour in self.revision_colours:
            key = colour.strip().lower()
            if key in seen:
                message = gettext("%(colour)s is in the list twice.") % {"colour": colour.strip()}
                raise ValidationError({"revision_colours": [message]})
            seen.add(key)


class CoProducerRole(models.TextChoices):
    MAJORITY = "majority", _("Majority co-producer")
    MINORITY = "minority", _("Minority co-producer")
    ASSOCIATE = "associate", _("Associate producer")
    SERVICE = "service", _("Service company")


class CoProducer(models.Model):
    """A company behind a (possibly cross-border) co-production."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="co_producers"
    )
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, help_text=_("ISO 3166 country code, e.g. FR."))
    role = models.CharField(
        max_length=20, choices=CoProducerRole.choices, default=CoProducerRole.MINORITY
    )
    share_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="coproducer_unique_name"),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True)
                | (Q(share_percent__gte=0) & Q(share_percent__lte=100)),
                name="coproducer_share_0_100",
                violation_error_message=_("A share is between 0 and 100 per cent."),
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="coproducer_country_iso",
                violation_error_message=_("Use a two-letter ISO country code, e.g. FR."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class Membership(models.Model):
    """What a user may see and do on one production (see productions.roles)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CREW)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        # Never by the login e-mail, which most members may not see: see
        # productions.selectors.memberships_for for the order lists show.
        ordering = ["production", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "production"],
                name="membership_unique_user_production",
                violation_error_message=_("This person is already a member of the production."),
            )
        ]

    def __str__(self) -> str:
        return gettext("%(user)s — %(role)s on %(production)s") % {
            "user": self.user,
            "role": self.get_role_display(),
            "production": self.production,
        }


class ProductionDataVersion(models.Model):
    """How many times the production's data changed: written only by database triggers.

    See ``productions.versioning``: every write to a production-scoped table bumps
    ``version`` in the same transaction. ``clock_marks`` are the coming instants at which
    what the production shows changes without a write (deadlines falling due).
    """

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, primary_key=True, related_name="data_version"
    )
    version = models.BigIntegerField(default=1)
    clock_marks = ArrayField(models.DateTimeField(), default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.production_id}: {self.version}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


class Invitation(models.Model):
    """An offer to join a production with a role, which only its invitee can accept.

    It holds only what the inviter typed (e-mail, name, role): nothing about any account
    that may have the address, until the invitee accepts (productions.invitations). The
    link's token is stored as its SHA-256 hash; a resend replaces it.
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"), max_length=254)
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CREW)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["production", "-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("email"),
                condition=Q(status="pending"),
                name="invitation_one_pending_per_email",
                violation_error_message=_("An invitation to this address is already waiting."),
            )
        ]

    def __str__(self) -> str:
        return gettext("Invitation of %(email)s to %(production)s") % {
            "email": self.email,
            "production": self.production,
        }

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.EXPIRED or (
            self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()
        )

    @property
    def current_status(self) -> str:
        """The status as of now: a pending invitation past its date has expired."""
        return InvitationStatus.EXPIRED.value if self.is_expired else self.status
