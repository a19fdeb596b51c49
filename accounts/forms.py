from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm

from accounts.models import User, time_zone_choices
from core.background import enqueue_after_commit
from core.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail from a worker, after the request's transaction commits."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.template import loader

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_after_commit(send_email, subject=subject, body=body, to=[to_email])


class ProfileForm(forms.ModelForm[User]):
    time_zone = forms.ChoiceField(choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["name", "language", "time_zone"]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What will use it, e.g. “payroll export”.")
