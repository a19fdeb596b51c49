"""People on a production, their departments, positions, engagements, characters, deadlines.

A :class:`Person` belongs to one production: what one production knows about a human
(phone, address, notes) is that production's record and no other production sees it.
The same human on two productions is two Person rows, linked by their user account
when they have one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from core.dates import validate_calendar_range
from crew.phones import validate_e164
from productions.models import Production, ScopedQuerySet


class Department(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(max_length=80)
    order = models.PositiveSmallIntegerField(default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="department_unique_name",
                violation_error_message=_(
                    "This production already has a department with that name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=80)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="positions"
    )
    is_head_of_department = models.BooleanField(_("head of department"), default=False)
    order = models.PositiveSmallIntegerField(default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("title"),
                name="position_unique_title",
                violation_error_message=_(
                    "This production already has a position with that title."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    """A crew or cast member's record on one production. Many never log in."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("Their login, if they have one."),
    )
    name = models.CharField(max_length=150)
    pronouns = models.CharField(max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        max_length=20, blank=True, validators=[validate_e164], help_text=_("Stored as E.164.")
    )
    address = models.TextField(_("home address"), blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])
    emergency_contact_name = models.CharField(max_length=150, blank=True)
    emergency_contact_phone = models.CharField(
        max_length=20, blank=True, validators=[validate_e164]
    )
    dietary_notes = models.CharField(max_length=300, blank=True)
    share_email = models.BooleanField(_("show my e-mail to the team"), default=False)
    share_phone = models.BooleanField(_("show my phone to the team"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("email"),
                condition=~Q(email=""),
                name="person_unique_email_per_production",
                violation_error_message=_("Someone on this production already has that e-mail."),
            ),
            models.UniqueConstraint(
                fields=["production", "user"],
                condition=Q(user__isnull=False),
                name="person_unique_user_per_production",
                violation_error_message=_("This account already has a record on this production."),
            ),
        ]
        indexes = [models.Index(Lower("name"), name="person_name_ci")]

    def __str__(self) -> str:
        return self.name


class EngagementStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    CONFIRMED = "confirmed", _("Confirmed")
    WRAPPED = "wrapped", _("Wrapped")


class Engagement(models.Model):
    """A person hired on a production for a position, over a period."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="engagements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="engagements")
    # RESTRICT, not PROTECT: a department in use cannot be deleted on its own, but
    # deleting the whole production (which cascades to the engagements too) works.
    position = models.ForeignKey(Position, on_delete=models.RESTRICT, related_name="engagements")
    department = models.ForeignKey(
        Department, on_delete=models.RESTRICT, null=True, blank=True, related_name="engagements"
    )
    start_date = models.DateField(null=True, blank=True, validators=[validate_calendar_range])
    end_date = models.DateField(null=True, blank=True, validators=[validate_calendar_range])
    call_offset_minutes = models.SmallIntegerField(
        default=0,
        help_text=_("Minutes before (negative) or after general call. 0 = at general call."),
    )
    status = models.CharField(
        max_length=10, choices=EngagementStatus.choices, default=EngagementStatus.OFFERED
    )
    notes = models.TextField(blank=True, help_text=_("Department notes about this engagement."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "position__order", "person__name", "id"]
        indexes = [models.Index(fields=["production", "department"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="engagement_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(call_offset_minutes__gte=-720) & Q(call_offset_minutes__lte=720),
                name="engagement_call_offset_within_12h",
                violation_error_message=_("A call offset is at most 12 hours from general call."),
            ),
            models.UniqueConstraint(
                fields=["person", "position"],
                name="engagement_unique_person_position",
                violation_error_message=_("This person already holds that position here."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"


class EmailConfirmationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    TAKEN = "taken", _("Confirmed, but another crew record has the address")
    REPLACED = "replaced", _("Replaced")


class EmailConfirmation(models.Model):
    """An address typed for a crew record, saved only once its owner confirms it.

    For writers who do not see everyone's e-mail (crew.privacy): writing the address at
    once would tell them whether someone they may not see has it. The link's token is
    stored as its SHA-256 hash (crew.email_confirmation).
    """

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="email_confirmations"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="email_confirmations")
    email = models.EmailField(_("e-mail"))
    status = models.CharField(
        max_length=10,
        choices=EmailConfirmationStatus.choices,
        default=EmailConfirmationStatus.PENDING,
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.person}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class Character(models.Model):
    """A character in the script; its cast ID (1 = the lead) is how sheets list cast."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="characters")
    name = models.CharField(max_length=120)
    cast_number = models.PositiveSmallIntegerField(
        _("cast ID"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="characters",
        help_text=_("The cast member who plays the part."),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = [F("cast_number").asc(nulls_last=True), "name"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="character_unique_name",
                violation_error_message=_("A character with that name already exists."),
            ),
            models.UniqueConstraint(
                fields=["production", "cast_number"],
                name="character_unique_cast_number",
                violation_error_message=_("That cast ID is taken."),
            ),
            models.CheckConstraint(
                condition=Q(cast_number__isnull=True) | Q(cast_number__gte=1),
                name="character_cast_number_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cast_number}. {self.name}" if self.cast_number else self.name


class UnavailabilityQuerySet(ScopedQuerySet["Unavailability"]):
    production_field = "person__production"


class Unavailability(models.Model):
    """Dates a person cannot work. The reason is for producers only."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="unavailabilities")
    start_date = models.DateField(validators=[validate_calendar_range])
    end_date = models.DateField(validators=[validate_calendar_range])
    reason = models.CharField(max_length=200, blank=True)

    objects = UnavailabilityQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="unavailability_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.start_date}–{self.end_date}"


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")


class Deadline(models.Model):
    """A milestone someone owns: script lock, location contracts, the final cut…"""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="deadlines")
    title = models.CharField(max_length=200)
    due = models.DateTimeField(validators=[validate_calendar_range])
    owners = models.ManyToManyField(Person, related_name="deadlines", blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    status = models.CharField(
        max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    notes = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        # The table keeps the name it had when deadlines lived in productions.
        db_table = "productions_deadline"
        indexes = [
            models.Index(
                fields=["production", "status", "due"], name="productions_product_dc5e3a_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_at__isnull=False)
                | (~Q(status="done") & Q(completed_at__isnull=True)),
                name="deadline_completed_iff_done",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status == DeadlineStatus.OPEN and self.due < timezone.now()
