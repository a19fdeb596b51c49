"""The ``scheduling`` app's models, defined by concept in its packages.

Django registers a model when the app's ``models`` module imports it; the migrations stay
in ``scheduling/migrations/`` under the one app label ``scheduling``.
"""

from scheduling.breakdown.models import *  # noqa: F403
from scheduling.stripboard.models import *  # noqa: F403
