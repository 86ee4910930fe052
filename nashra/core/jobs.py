"""Work the worker does on every pass, registered by the apps that own it.

The worker (``manage.py run_worker``, nashra/scheduling) sits on a floor beside the apps whose
work it runs, so it cannot import them: each app registers its job here from ``ready()``.
"""

import logging

logger = logging.getLogger("nashra.jobs")

_jobs = {}


def register(name, job):
    """Run ``job()`` on every worker pass; what it returns (a line of text or None) is printed."""
    _jobs[name] = job


def run_all():
    """Run every registered job; return the lines they printed. One job's failure is logged only."""
    lines = []
    for name, job in list(_jobs.items()):
        try:
            line = job()
        except Exception:
            logger.exception("The worker's job %s failed", name)
            continue
        if line:
            lines.append(str(line))
    return lines
