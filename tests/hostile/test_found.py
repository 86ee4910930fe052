"""The server errors the fuzzing found, each kept as the request that showed it."""

import pytest

from .values import CSRF_HEADERS
from .wire import Request, application, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(en_home, ar_home):
    with application() as app:
        yield app


@pytest.mark.parametrize(
    "path",
    [
        "/sitemaps/en-pages-99999999999999999999999.xml",
        "/sitemaps/en-topics-9223372036854775808.xml",
        "/sitemaps/ar-authors-9223372036854775.xml",
        "/sitemaps/en-pages-50001.xml",
        "/sitemaps/en-pages-" + "9" * 5000 + ".xml",  # past the digits int() reads
    ],
)
def test_a_sitemap_number_past_any_index_is_not_found(app, path):
    """The number became an OFFSET no database takes (IntegrityError, OverflowError)."""
    assert send(app, Request("GET", path)).status == 404


def test_the_first_sitemap_is_still_found(app):
    assert send(app, Request("GET", "/sitemaps/en-pages-00001.xml")).status == 200


@pytest.mark.parametrize(
    ("path", "host"),
    [
        ("/no-such-page/", "testserver"),
        ("//authenticate_with_password/1/", "testserver"),
        ("/en/x/y/", "testserver"),
        ("/documents/authenticate_with_password/1/", ""),
        ("/en/contact/", "evil.example"),
    ],
)
def test_a_broken_form_is_not_a_server_error_on_error_pages(app, path, host):
    """Django's 404 and 400 views check the CSRF token, reading a broken form a second time."""
    request = Request(
        "POST",
        path,
        headers=(*CSRF_HEADERS, ("HTTP_HOST", host)),
        body=b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n',
        content_type="multipart/form-data; boundary=",
    )
    answer = send(app, request)
    assert answer.status < 500, answer.error  # 404, or the edition's redirect for /no-such-page/


NUL_MIDDLEWARE = "nashra.core.nul_bytes.RejectNulBytesMiddleware"


@pytest.mark.parametrize("path", ["/en/_util/login/", "/admin/login/"])
@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT"])
def test_a_nul_byte_in_the_headers_of_a_failed_sign_in_is_not_a_server_error(app, path, header):
    """django-axes writes the User-Agent and Accept of a failed sign-in: PostgreSQL refused."""
    request = Request(
        "POST",
        path,
        headers=(*CSRF_HEADERS, (header, "Mozilla/5.0\x00")),
        body=b"username=reader&password=wrong",
        content_type="application/x-www-form-urlencoded",
    )
    answer = send(app, request)
    assert answer.status < 500, answer.error


@pytest.fixture
def refusing_nul(en_home, ar_home, settings):
    if NUL_MIDDLEWARE not in settings.MIDDLEWARE:
        security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[: security + 1],
            NUL_MIDDLEWARE,
            *settings.MIDDLEWARE[security + 1 :],
        ]
    with application() as app:
        yield app


@pytest.mark.parametrize(
    ("path", "query", "headers"),
    [
        ("/en/a%00b/", "", ()),
        ("/en/search/", "q=a%00b", ()),
        ("/en/", "", (("HTTP_USER_AGENT", "a\x00b"),)),
        ("/en/", "", (("HTTP_COOKIE", "sessionid=\x00"),)),
    ],
)
def test_a_nul_byte_anywhere_but_the_body_is_refused(refusing_nul, path, query, headers):
    answer = send(refusing_nul, Request("GET", path, query, headers))
    assert answer.status == 400
    assert b"NUL" in answer.body


def test_requests_without_nul_bytes_pass(refusing_nul):
    assert send(refusing_nul, Request("GET", "/en/", "q=%01", (("HTTP_DNT", "1"),))).status == 200
