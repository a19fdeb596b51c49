"""Lists inside sentences, so a template can translate the whole sentence at once."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def code_list(values: Iterable[object]) -> SafeString:
    """``<code>a</code>, <code>b</code> and <code>c</code>``, each value escaped."""
    items = [format_html("<code>{}</code>", value) for value in values]
    if len(items) < 2:
        html = "".join(items)
        return mark_safe(html)  # nosec B308, B703  # each item escaped by format_html
    # Translators: the end of a list inside a sentence, e.g. "name, email and position".
    sentence = conditional_escape(gettext("%(items)s and %(last)s"))
    html = sentence % {"items": ", ".join(items[:-1]), "last": items[-1]}
    return mark_safe(html)  # nosec B308, B703  # the items and the sentence, each escaped above
