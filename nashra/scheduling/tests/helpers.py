"""Moving the clock, and scheduling a page as an editor's Publish would."""

from contextlib import contextmanager
from unittest import mock


@contextmanager
def clock(moment):
    """Move the clock Django and Wagtail read to moment."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def schedule(page, go_live_at, **fields):
    """Schedule the page's next revision for go_live_at, as an editor's Publish would."""
    page.go_live_at = go_live_at
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    revision.refresh_from_db()
    return revision
