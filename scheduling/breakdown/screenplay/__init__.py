"""Screenplay import: Fountain and Final Draft files in, scenes with lengths in eighths out.

Pure Python (no Django), so it can run in a request, a Celery task or a script alike.
"""

from scheduling.breakdown.screenplay.errors import ScreenplayError
from scheduling.breakdown.screenplay.model import ParsedScene, ParsedScreenplay
from scheduling.breakdown.screenplay.parse import MAX_SCREENPLAY_BYTES, parse_screenplay

__all__ = [
    "MAX_SCREENPLAY_BYTES",
    "ParsedScene",
    "ParsedScreenplay",
    "ScreenplayError",
    "parse_screenplay",
]
