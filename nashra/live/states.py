"""Which live pages are on the air or about to be: for LIVE badges and the page cache.

A badge shows on every listing that holds a live page, on the home page and in the breaking
line; what it says changes by the clock (coverage starts, ends) with nothing to purge. So
the times of every live page that has not ended are kept in one small remembered map, read
once per rendering, and the page cache keeps no page past the next start or end
(``seconds_until_change``, a ``registry.lifetime_limits`` entry).
"""

from django.utils import timezone

from nashra.caching import memo

from .models import CoverageState, LivePage, coverage_state


@memo.remembered("live-states")
def _not_ended():
    """Return {page id: (language code, starts at, ends at)} of live pages not ended."""
    now = timezone.now()
    rows = (
        LivePage.objects.live()
        .not_ended(now)
        .values_list(
            "pk",
            "locale__language_code",
            "coverage_starts_at",
            "published_at",
            "first_published_at",
            "coverage_ends_at",
        )
    )
    return {
        pk: (language_code, starts or published or first, ends)
        for pk, language_code, starts, published, first, ends in rows
    }


def forget(**kwargs):
    memo.forget(_not_ended.get_cache_key())


def not_ended(request=None):
    """The map of live pages not ended, read once per request however many teasers ask."""
    found = getattr(request, "_nashra_live_states", None)
    if found is None:
        found = _not_ended()
        if request is not None:
            request._nashra_live_states = found
    return found


def state_of(page_id, now=None, request=None):
    """Return "live" or "scheduled" for a live page on the air or about to be, else ""."""
    times = not_ended(request).get(page_id)
    if times is None:
        return ""
    state = coverage_state(times[1], times[2], now)
    return "" if state == CoverageState.ENDED else str(state)


def seconds_until_change(language_code, now=None):
    """Return the seconds until a live page of the edition starts or ends, or None."""
    now = now or timezone.now()
    upcoming = [
        (moment - now).total_seconds()
        for code, starts, ends in _not_ended().values()
        if code == language_code
        for moment in (starts, ends)
        if moment is not None and moment > now
    ]
    return max(1, int(min(upcoming))) if upcoming else None
