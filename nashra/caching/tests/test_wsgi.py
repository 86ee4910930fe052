"""The page cache's WSGI front door, driven as gunicorn drives the application."""

import io

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from nashra.caching import store
from nashra.caching.wsgi import PageCacheApplication

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(settings):
    """The application as nashra/wsgi.py builds it.

    Django's handler closes stale database connections at each request's start and end;
    here that would close the test's own transaction (as Django's test client, this
    stops it doing so).
    """
    settings.NASHRA_PAGE_CACHE = True
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield PageCacheApplication(get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def call(application, path, method="GET", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    body = application(environ, start_response)
    answer["body"] = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answer


def test_a_hit_is_answered_at_the_door_with_every_header_and_no_query(application, article):
    first = call(application, article.url)
    assert first["status"] == 200 and first["headers"]["X-Nashra-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        hit = call(application, article.url)
    assert len(queries) == 0
    assert hit["status"] == 200 and hit["headers"]["X-Nashra-Cache"] == "hit"
    assert hit["body"] == first["body"]
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "ETag"):
        assert hit["headers"][name] == first["headers"][name], name


def test_conditional_and_head_requests_at_the_door(application, article):
    etag = call(application, article.url)["headers"]["ETag"]
    not_modified = call(application, article.url, if_none_match=etag)
    assert not_modified["status"] == 304 and not_modified["body"] == b""
    assert not_modified["headers"]["ETag"] == etag
    assert call(application, article.url, if_none_match='"older"')["status"] == 200
    head = call(application, article.url, method="HEAD")
    assert head["status"] == 200 and head["body"] == b""


def test_editors_and_readers_with_a_message_go_through_to_django(application, article):
    call(application, article.url)
    for cookie in ("sessionid=abc", "messages=xyz; theme=dark"):
        answer = call(application, article.url, cookie=cookie)
        assert "X-Nashra-Cache" not in answer["headers"], cookie
        assert "private" in answer["headers"]["Cache-Control"], cookie
    # Cookies that personalise nothing do not split the cache.
    assert call(application, article.url, cookie="_ga=GA1.2")["headers"]["X-Nashra-Cache"] == "hit"


def test_a_purge_is_seen_at_the_door(application, article):
    call(application, article.url)
    store.invalidate([f"a:{article.pk}"])
    assert call(application, article.url)["headers"]["X-Nashra-Cache"] == "miss"
