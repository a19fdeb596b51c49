"""The one exception screenplay import raises for anything wrong with an uploaded file.

Views show ``str(error)`` to the person who uploaded the file, so every message says what is
wrong in their terms (the file, not the parser) and, where possible, what to do about it.
Messages are translated (``gettext``) where they are raised.
"""

from __future__ import annotations


class ScreenplayError(ValueError):
    """An uploaded screenplay could not be imported; the message is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
