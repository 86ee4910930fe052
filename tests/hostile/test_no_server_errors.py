"""No reader's input, however hostile, makes any public URL answer with a server error.

Every URL pattern of the URL configuration and every route of every page in a two-edition
site is a target (targets.py); each is sent the classic hostile values, then Hypothesis
sends random and hostile query strings, paths, headers and form posts. Runs derandomized,
so CI sees the same requests every time.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import targets as aim
from .values import (
    CLASSIC,
    CSRF_HEADERS,
    HEADERS,
    PROPER,
    RAW,
    bodies,
    encode,
    headers,
    mutated_paths,
    query_strings,
)
from .wire import Request, application, send

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
NUL_HEADERS = tuple(
    (name, "a\x00b") for name in HEADERS if name not in {"HTTP_HOST", "HTTP_COOKIE"}
)
FUZZ = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", 1000)),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def production_like(site, settings):
    """The site's targets, served as in production: the page cache's door first.

    Set once here, not in each example: every assignment to ``settings`` stacks another
    override, and a thousand of them run out of stack.
    """
    settings.NASHRA_PAGE_CACHE = True
    return aim.targets(site)


def check(app, target, request):
    answer = send(app, request)
    if answer.status == 503 and target.may_be_unavailable:
        return answer
    assert answer.status < 500, f"{answer.status} for\n{request}\n{answer.error}"
    return answer


def test_every_public_url_pattern_is_a_target():
    assert aim.unaimed() == [], "teach tests/hostile/targets.py to aim at these"


def test_every_target_survives_the_classic_values(site, settings):
    """Each target with every method it takes, and three of the classic queries (each puts
    one classic value in every parameter a view reads); forms also get a proper post, and
    one with a NUL byte in every header."""
    assert aim.missing_page_types(site) == [], "add a live page of these types to the site"
    settings.NASHRA_PAGE_CACHE = False  # every request reaches the views
    everything = aim.targets(site)
    names = {target.name for target in everything}
    assert {"HomePage:search", "HomePage:topic_feed_json", "SectionPage:feed_atom"} <= names
    assert {"CorrectionsPage:feed", "ContactPage:thanks", "view", "news"} <= names
    queries = [
        "&".join(
            f"{name}={encode(value)}"
            for name in ("q", "page", "since", "until", "content", "limit", "before")
        )
        for value in CLASSIC
    ] + ["&".join(RAW), "page=2&page=x&q[]=a&q[b]=c&section=-1&type=news&sort=newest"]
    with application() as app:
        for index, target in enumerate(everything):
            for number, query in enumerate(queries):
                # Three queries per target, and every query meets a few targets.
                if (number + index) % (len(queries) // 3) == 0:
                    check(app, target, Request("GET", target.path, query))
            for method in target.methods:
                check(app, target, Request(method, target.path))
            if target.form:
                # A proper post, then the same with a NUL byte in every header but the cookie.
                for extra in ((), NUL_HEADERS):
                    body = "&".join(f"{name}={encode(value)}" for name, value in PROPER.items())
                    request = Request(
                        "POST", target.path, "", CSRF_HEADERS + extra, body.encode(), FORM
                    )
                    check(app, target, request)


@FUZZ
@given(data=st.data())
def test_hostile_gets_never_answer_a_server_error(production_like, data):
    target = data.draw(st.sampled_from(production_like), label="target")
    request = Request(
        data.draw(st.sampled_from(["GET", "GET", "GET", "HEAD", "OPTIONS", "PUT", "DELETE"])),
        data.draw(mutated_paths(target.path), label="path"),
        data.draw(query_strings(), label="query"),
        data.draw(headers, label="headers"),
    )
    with application() as app:
        check(app, target, request)


@FUZZ
@given(data=st.data())
def test_hostile_posts_never_answer_a_server_error(production_like, data):
    """The forms (contact, search, passwords, login) and the view beacon, sent anything."""
    posting = [target for target in production_like if "POST" in target.methods]
    forms = [target for target in posting if target.form]
    target = data.draw(st.sampled_from(forms) | st.sampled_from(posting), label="target")
    content_type, body = data.draw(bodies(), label="body")
    csrf = CSRF_HEADERS if data.draw(st.integers(0, 9), label="csrf") else ()
    request = Request(
        "POST",
        data.draw(st.one_of(st.just(target.path), mutated_paths(target.path)), label="path"),
        data.draw(st.one_of(st.just(""), query_strings()), label="query"),
        csrf + data.draw(headers, label="headers"),
        body,
        content_type,
    )
    with application() as app:
        check(app, target, request)
