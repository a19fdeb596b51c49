"""Forms for the schedule pages. They only collect input: services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import EARLIEST_DATE, LATEST_DATE, validate_calendar_range
from productions.forms import ScopedForm, ScopedModelChoiceField
from scheduling.breakdown.models import Location
from scheduling.stripboard.models import DayKind, Schedule, Unit
from scheduling.stripboard.selectors import units_for


class ScheduleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)


class ShootDayForm(ScopedForm):
    """A day's fields, for ``shoot_day_save``: ``ShootDayForm(data, access=access)``."""

    unit = ScopedModelChoiceField(Unit, label=_("Unit"), selector=units_for, empty_label=None)
    date = forms.DateField(
        label=_("Date"),
        validators=[validate_calendar_range],
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of day"), choices=DayKind.choices, initial=DayKind.SHOOT)
    location = ScopedModelChoiceField(
        Location,
        label=_("Location"),
        required=False,
        help_text=_("Where the unit reports; its time zone sets the day's clock."),
    )
    crew_call = forms.TimeField(
        label=_("General crew call"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    shooting_call = forms.TimeField(
        label=_("Shooting call"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    estimated_wrap = forms.TimeField(
        label=_("Estimated wrap"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Earlier than the call: the next morning."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompareForm(ScopedForm):
    other = ScopedModelChoiceField(Schedule, label=_("Compare with"), empty_label=None)
