"""Screenplay import: Fountain and Final Draft files in, scenes with lengths in eighths out.

No models, no database: it can run in a request, a Celery task or a script alike.  Its
error messages go through Django's gettext when raised, into the language active then (the
uploader's), so a script that may meet a bad file configures Django's settings first.
"""

from scheduling.breakdown.screenplay.errors import ScreenplayError
from scheduling.breakdown.screenplay.model import ParsedScene, ParsedScreenplay
from scheduling.breakdown.screenplay.parse import (
    MAX_SCREENPLAY_BYTES,
    parse_screenplay,
    too_large,
)

__all__ = [
    "MAX_SCREENPLAY_BYTES",
    "ParsedScene",
    "ParsedScreenplay",
    "ScreenplayError",
    "parse_screenplay",
    "too_large",
]
