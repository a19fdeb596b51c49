"""One uploaded screenplay draft: what the parser read, and what applying it changes.

The parsed scenes are kept as JSON so the preview a person approved is exactly what gets
applied, without keeping the uploaded file (scripts are confidential).

An applied import is also the script revision it brought in: ``revision`` counts the applied
drafts of the production (1, 2, 3...) and ``revision_colour`` is that revision's paper colour
in the production's order (see :mod:`scheduling.breakdown.revisions`).  Scenes the draft
added or changed point at it (``Scene.revision``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from productions.models import Production, ScopedQuerySet


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    APPLIED = "applied", _("Applied")


class ScreenplayImport(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="screenplay_imports"
    )
    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_format = models.CharField(max_length=10)
    title = models.CharField(max_length=300, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    scene_count = models.PositiveIntegerField(default=0)
    summary = models.JSONField(help_text=_("The parsed scenes, as applied."))
    changes = models.JSONField(
        help_text=_("What applying changes: at upload the preview, once applied what it did.")
    )
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    revision = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Script revision number, given when applied.")
    )
    revision_colour = models.CharField(max_length=40, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "revision"],
                condition=models.Q(revision__isnull=False),
                name="screenplay_import_unique_revision",
            ),
            models.CheckConstraint(
                condition=models.Q(status="preview", applied_at__isnull=True)
                | models.Q(status="applied", applied_at__isnull=False),
                name="screenplay_import_applied_at_with_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
