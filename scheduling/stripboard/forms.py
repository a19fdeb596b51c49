"""Forms for the schedule pages. They only collect input: services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import EARLIEST_DATE, LATEST_DATE, validate_calendar_range
from crew.models import Character
from productions.forms import ScopedForm, ScopedModelChoiceField
from scheduling.breakdown.eighths import parse_eighths
from scheduling.breakdown.models import Location
from scheduling.stripboard.models import COLOUR, MARKABLE_CODES, DayKind, Schedule, Unit
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


class BoardSettingsForm(forms.Form):
    """Strip colours, the drop rule and the daily targets of a production's schedules."""

    day_int = forms.CharField(
        label=_("Day interior"), widget=forms.TextInput(attrs={"type": "color"})
    )
    day_ext = forms.CharField(
        label=_("Day exterior"), widget=forms.TextInput(attrs={"type": "color"})
    )
    night_int = forms.CharField(
        label=_("Night interior"), widget=forms.TextInput(attrs={"type": "color"})
    )
    night_ext = forms.CharField(
        label=_("Night exterior"), widget=forms.TextInput(attrs={"type": "color"})
    )
    day_break = forms.CharField(
        label=_("Day break"), widget=forms.TextInput(attrs={"type": "color"})
    )
    holiday = forms.CharField(label=_("Holiday"), widget=forms.TextInput(attrs={"type": "color"}))
    drop_threshold_days = forms.IntegerField(
        label=_("Drop/pick-up threshold (days)"),
        min_value=0,
        max_value=90,
        help_text=_(
            "A gap between two work days longer than this is a drop and pick-up; a shorter "
            "one is a hold. The US rule is 10 days; 14 is usual elsewhere."
        ),
    )
    page_target = forms.CharField(
        label=_("Daily page target"),
        required=False,
        max_length=10,
        help_text=_("e.g. 4 or 3 4/8; blank for none."),
    )
    hour_target_minutes = forms.IntegerField(
        label=_("Daily shooting time target (minutes)"),
        required=False,
        min_value=1,
        max_value=24 * 60,
    )
    minutes_per_page = forms.IntegerField(
        label=_("Estimated minutes per page"), min_value=1, max_value=24 * 60
    )

    COLOURS = ("day_int", "day_ext", "night_int", "night_ext", "day_break", "holiday")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for key in self.COLOURS:
            value = str(data.get(key, "")).strip().lower()
            if key in data and not COLOUR.fullmatch(value):
                self.add_error(key, _("Give a colour as #rrggbb."))
            elif key in data:
                data[key] = value
        return data

    def clean_page_target(self) -> int | None:
        text = self.cleaned_data.get("page_target", "").strip()
        if not text:
            return None
        try:
            eighths = parse_eighths(text)
        except ValueError as error:
            raise forms.ValidationError(_("Write pages as 4, 3 4/8 or 7/8.")) from error
        if not 1 <= eighths <= 8 * 200:
            raise forms.ValidationError(_("Between 1/8 and 200 pages."))
        return eighths


class DoodMarkForm(ScopedForm):
    """A travel, rehearsal, fitting or hold day set by hand on one cast member's line."""

    character = ScopedModelChoiceField(Character, label=_("Cast member"), empty_label=None)
    date = forms.DateField(
        label=_("Date"),
        validators=[validate_calendar_range],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    code = forms.ChoiceField(
        label=_("Mark"),
        required=False,
        choices=[
            *((code.value, f"{code.value} · {code.label}") for code in MARKABLE_CODES),
            ("", _("Clear the mark")),
        ],
    )
