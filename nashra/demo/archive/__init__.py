"""A large, realistic-looking archive of articles in both editions, built fast for benchmarks.

Articles are written straight into the page tree (materialised paths computed here) and their
tables in bulk: saving 100,000 Wagtail pages one by one would take hours. Every generated
article carries a wire URI starting with GENERATED_URI_PREFIX, so that it can be found and
removed again without touching the newsroom's own pages.
"""

from .generator import GENERATED_URI_PREFIX, ArchiveGenerator, clear_archive, generate_archive

__all__ = ["GENERATED_URI_PREFIX", "ArchiveGenerator", "clear_archive", "generate_archive"]
