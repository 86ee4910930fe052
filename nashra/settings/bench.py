"""Benchmarks: development's defaults with debugging off, so templates and queries run as in
production (cached template loader, no query log). Never for serving the public."""

from .dev import *  # noqa: F403

DEBUG = False
