"""Production settings as deployed, plus what bench/load.py needs around them.

Only the benchmark uses this module (``DJANGO_SETTINGS_MODULE=bench.settings``): the URL
configuration adds the floors (``bench/urls.py``), static files are collected into a
temporary folder, and the cache keys get a prefix of their own.
"""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403
from config.settings.production import CACHES

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = Path(os.environ["CALLBOARD_BENCH_STATIC"])
CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": os.environ["CALLBOARD_BENCH_PREFIX"]}}
# bench/load.py measures the list pages with their tables rendered on every request too.
FRAGMENT_CACHE = os.environ.get("CALLBOARD_FRAGMENT_CACHE", "true") != "false"
