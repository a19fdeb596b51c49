"""Django's admin autodiscovery imports this module; each package registers its own models."""

import scheduling.breakdown.admin  # noqa: F401
