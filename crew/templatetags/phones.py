from django import template

from crew.phones import display_phone

register = template.Library()


@register.filter(name="phone")
def phone(value: str) -> str:
    """``{{ number|phone }}``: +442079460958 → +44 20 7946 0958."""
    return display_phone(value)
